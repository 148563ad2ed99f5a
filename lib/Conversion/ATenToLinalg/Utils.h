// Building blocks shared by the aten -> linalg lowerings, one file per op category.
#ifndef INDUCTOR_CONVERSION_ATENTOLINALG_UTILS_H
#define INDUCTOR_CONVERSION_ATENTOLINALG_UTILS_H

#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/ATen/IR/ATenTypeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::inductor {

/// The type arithmetic is done in: PyTorch's "opmath" (f32 for bf16/f16), else the type itself.
Type getComputeType(Type elementType);

/// Converts a scalar between supported element types with PyTorch cast semantics (float -> int truncates
/// toward zero; anything -> bool is `!= 0`; bool -> number is 0/1).
Value castScalar(OpBuilder &b, Location loc, Value v, Type to);

/// A constant of type `t` holding the PyTorch Scalar attribute `scalar`.
Value scalarConstant(OpBuilder &b, Location loc, TypedAttr scalar, Type t);
/// A constant of float or integer type `t`.
Value numberConstant(OpBuilder &b, Location loc, double value, Type t);
/// The lowest value of `t` (-inf for floats), the identity of max.
Value lowestValue(OpBuilder &b, Location loc, Type t);

/// Size of dim `dim` of `tensor`: an attribute when static, a tensor.dim otherwise.
OpFoldResult getDimSize(OpBuilder &b, Location loc, Value tensor, int64_t dim);
SmallVector<OpFoldResult> getDimSizes(OpBuilder &b, Location loc, Value tensor);
Value getDimSizeValue(OpBuilder &b, Location loc, Value tensor, int64_t dim);

/// tensor.empty of `type`, its dynamic sizes taken from `sizes` (one per dim; static dims ignored).
Value createEmpty(OpBuilder &b, Location loc, RankedTensorType type, ArrayRef<OpFoldResult> sizes);
/// tensor.empty + linalg.fill.
Value createFilled(OpBuilder &b, Location loc, RankedTensorType type, ArrayRef<OpFoldResult> sizes,
                   Value fill);

/// Emits `cf.assert lhs == rhs` (index values) with `message`, unless both are the same constant.
void assertEqualSizes(OpBuilder &b, Location loc, OpFoldResult lhs, OpFoldResult rhs, StringRef message);

/// `v` with the op's declared result type: a tensor.cast when the lowering produced a more (or less) static type.
Value castToType(OpBuilder &b, Location loc, Value v, Type type);
/// Replaces the single-result `op` by `v`, cast to the op's declared result type where needed.
void replaceOpWithCast(ConversionPatternRewriter &rewriter, Operation *op, Value v);

/// Scalar arithmetic on any supported element type, with PyTorch's meaning for bool (add = or, mul = and) and
/// signed integers; max/min propagate NaN.
Value createAdd(OpBuilder &b, Location loc, Value x, Value y);
Value createSub(OpBuilder &b, Location loc, Value x, Value y);
Value createMul(OpBuilder &b, Location loc, Value x, Value y);
Value createMax(OpBuilder &b, Location loc, Value x, Value y);
Value createMin(OpBuilder &b, Location loc, Value x, Value y);

using ScalarBody = function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// Result sizes of broadcasting `inputs` (right-aligned) to `resultType`: static sizes from the type, dynamic
/// ones from an input whose corresponding dim is not a static 1. Dynamic input dims are asserted at run time
/// to equal the result size (PyTorch would broadcast a runtime 1; we compile for the non-broadcast case).
SmallVector<OpFoldResult> broadcastSizes(OpBuilder &b, Location loc, RankedTensorType resultType,
                                         ValueRange inputs);

/// A linalg.generic computing `body` elementwise over `inputs` broadcast to `resultType`. The body receives
/// one scalar per input (in the input's element type) and returns a scalar of the result element type.
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
                       ScalarBody body);
/// The same with explicit result sizes (for ops whose result shape is not a broadcast of the inputs, e.g.
/// `expand`).
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
                       ArrayRef<OpFoldResult> resultSizes, ScalarBody body);

/// Converts every element of `input` to element type `to`.
Value castTensor(OpBuilder &b, Location loc, Value input, Type to);

/// `MaxIgnoringNaN` (arith.maxnumf) is for callers whose result is NaN anyway where an input is (softmax:
/// the NaN element makes the row sum NaN): LLVM vectorizes it with 3 instructions per AVX2 vector where
/// `Max` (arith.maximumf, NaN-propagating as torch.max) takes 5.
enum class ReductionKind { Sum, Max, MaxIgnoringNaN };
/// Reduces `input` over `dims` (normalized, any order). The result has element type `accType` (inputs are
/// cast to it first) and keeps the reduced dims as size 1 when `keepDim`.
Value buildReduction(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims, bool keepDim,
                     Type accType, ReductionKind kind);

/// Inserts size-1 dims at the (sorted, normalized) positions `dims` of `input` (keepdim after a reduction).
Value insertUnitDims(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims);

/// Batched matrix product: a [B..., M, K] x b [B..., K, N] -> [B..., M, N] (batch dims must have equal
/// rank; size-1 batch dims broadcast). With `transposeB`, b is [B..., N, K]. Accumulates in `accType`, the
/// result has `resultElementType`.
Value buildMatmul(OpBuilder &b, Location loc, Value lhs, Value rhs, bool transposeB, Type accType,
                  Type resultElementType);

/// Reshapes `input` to `shape` (dims of shape may be dynamic, their sizes in `sizes`): a collapse or an
/// expand when the reshape is one, a tensor.reshape otherwise.
Value buildReshape(OpBuilder &b, Location loc, Value input, RankedTensorType resultType,
                   ArrayRef<OpFoldResult> sizes);

/// softmax (or log_softmax) of `input` along `dim` in the compute type of `resultDtype` (three passes: max,
/// sum of exp, normalize), producing `resultDtype`.
Value buildSoftmax(OpBuilder &b, Location loc, Value input, int64_t dim, Type resultDtype, bool logSoftmax);

/// Collapses all dims but the last into one: [d0, ..., dn-2, K] -> [d0*...*dn-2, K].
Value collapseLeadingDims(OpBuilder &b, Location loc, Value input);

/// Pattern registration, one per category file.
void populateElementwisePatterns(RewritePatternSet &patterns);
void populateReductionPatterns(RewritePatternSet &patterns);
void populateLinearAlgebraPatterns(RewritePatternSet &patterns);
void populateConvolutionPatterns(RewritePatternSet &patterns);
void populatePoolingPatterns(RewritePatternSet &patterns);
void populateDataMovementPatterns(RewritePatternSet &patterns);
void populateNormalizationPatterns(RewritePatternSet &patterns);
void populateAttentionPatterns(RewritePatternSet &patterns);
void populateCreationPatterns(RewritePatternSet &patterns);

} // namespace mlir::inductor

#endif
