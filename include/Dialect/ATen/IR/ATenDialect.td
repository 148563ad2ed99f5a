#ifndef INDUCTOR_ATEN_DIALECT
#define INDUCTOR_ATEN_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def ATen_Dialect : Dialect {
  let name = "aten";
  let cppNamespace = "::mlir::aten";
  let summary = "PyTorch ATen operators on builtin tensor types, with PyTorch's semantics";
  let description = [{
    One op per ATen overload (`aten.add.Tensor`, `aten.mm`, ...), generated from PyTorch's operator schemas.
    Tensors are builtin ranked `tensor` values with value semantics (views are copies in meaning; the
    compiler removes the copies); `?` marks a size known only at run time. Non-tensor arguments are
    attributes: `int` -> i64, `float` -> f64, `Scalar` -> an i64, f64 or i1 attribute (kept apart because
    PyTorch's type promotion depends on it), `ScalarType` -> the element type.
    Supported element types: f32, f64, bf16, f16, i64, i32, i16, i8 (int8) and i1 (bool).
    Every op verifies PyTorch's shape and dtype rules (broadcasting, type promotion, negative dims,
    keepdim, defaults) against its declared result type.
  }];
  let useDefaultAttributePrinterParser = 0;
}

// A PyTorch `Scalar`: an integer (i64), a float (f64) or a bool (i1). The attribute type keeps the kind,
// which decides type promotion (int tensor + 2 stays int, int tensor + 2.5 becomes float).
def ATen_ScalarAttr : Attr<Or<[
    CPred<"::llvm::isa<::mlir::IntegerAttr>($_self) && (::llvm::cast<::mlir::IntegerAttr>($_self).getType().isSignlessInteger(64) || ::llvm::cast<::mlir::IntegerAttr>($_self).getType().isSignlessInteger(1))">,
    CPred<"::llvm::isa<::mlir::FloatAttr>($_self) && ::llvm::cast<::mlir::FloatAttr>($_self).getType().isF64()">]>,
    "PyTorch Scalar (i64, f64 or i1 attribute)"> {
  let storageType = "::mlir::TypedAttr";
  let returnType = "::mlir::TypedAttr";
  let convertFromStorage = "::llvm::cast<::mlir::TypedAttr>($_self)";
  let constBuilderCall = "::mlir::aten::getScalarAttr($_builder, $0)";
}

class ATen_Op<string mnemonic, list<Trait> traits = []> : Op<ATen_Dialect, mnemonic, traits> {
  // Every op checks PyTorch's shape and dtype rules against its declared result type.
  let hasVerifier = 1;
}

#endif // INDUCTOR_ATEN_DIALECT
