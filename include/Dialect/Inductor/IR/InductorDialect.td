#ifndef INDUCTOR_INDUCTOR_DIALECT
#define INDUCTOR_INDUCTOR_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def Inductor_Dialect : Dialect {
  let name = "inductor";
  let cppNamespace = "::mlir::inductor";
  let summary = "What the compiler itself introduces between aten and the upstream dialects";
  let description = [{
    Attributes and ops that are not ATen operators: the lowering configuration that records the code
    generation strategy chosen for a kernel (tile sizes per level and the microkernel kind), so that strategy
    is data that a test or a user can read and override rather than a hidden code path.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
}

def Inductor_MicrokernelKind : I32EnumAttr<"MicrokernelKind", "instruction set of a contraction's inner kernel", [
    I32EnumAttrCase<"Generic", 0, "generic">,
    I32EnumAttrCase<"Avx512Fma", 1, "avx512_fma">,
    I32EnumAttrCase<"AmxBf16", 2, "amx_bf16">,
    I32EnumAttrCase<"AmxInt8", 3, "amx_int8">,
    I32EnumAttrCase<"Avx2Fma", 4, "avx2_fma">,
    I32EnumAttrCase<"Avx512Bf16", 5, "avx512_bf16">,
    I32EnumAttrCase<"Avx512Vnni", 6, "avx512_vnni">,
    I32EnumAttrCase<"Avx2Int8", 7, "avx2_int8">
  ]> {
  let cppNamespace = "::mlir::inductor";
  let genSpecializedAttr = 0;
}

def Inductor_MicrokernelKindAttr : EnumAttr<Inductor_Dialect, Inductor_MicrokernelKind, "microkernel"> {
  let assemblyFormat = "`<` $value `>`";
}

def Inductor_LoweringConfigAttr : AttrDef<Inductor_Dialect, "LoweringConfig"> {
  let mnemonic = "lowering_config";
  let summary = "Code generation strategy of one contraction";
  let description = [{
    Attached (as the discardable attribute `inductor.lowering_config`) to a contraction by
    `inductor-select-lowering-config`, or written in the input IR to override that choice; the later passes
    obey it and never choose on their own.

    - `kind`: the microkernel. `avx512_fma`: f32 FMA on zmm registers (16 lanes), B packed in panels of
      `registers[1]` columns. `avx2_fma`: the same on ymm registers (8 lanes, 16 registers), for AVX2 CPUs.
      A bf16 B is packed widened to f32 for both, except with `mr = 1` (one-row, decode kernels read B once
      from memory): there it stays bf16 and each B vector is widened as it is loaded.
      `avx512_bf16`: bf16 x bf16 -> f32 pair dot products on zmm registers (`vdpbf16ps`, AVX512-BF16), B
      packed in VNNI pairs in panels of `registers[1]` columns. `avx512_vnni`: u8 x s8 -> i32 quad dot
      products on zmm registers (`vpdpbusd`, AVX512-VNNI), B packed in VNNI quads likewise; only A
      zero-extended and B sign-extended (the instruction's own signedness). `avx2_int8`: i8 x i8 -> i32 on
      ymm registers for AVX2 CPUs without VNNI: each operand widened exactly to i16 (signed or unsigned as the
      body's extsi / extui says) and multiplied in pairs by `vpmaddwd` (exact, unlike the saturating
      `vpmaddubsw`), B packed in VNNI pairs of i8 in panels of `registers[1]` columns. `amx_bf16`: bf16 x bf16 -> f32 on AMX tiles, B packed in VNNI pairs. `amx_int8`: i8 x i8 ->
      i32 on AMX tiles (each operand signed or unsigned as the body's extsi / extui says: u8s8, s8s8, ...),
      B packed in VNNI quads. `generic`: no
      microkernel; the contraction lowers to plain loops.
    - `cache = [mc, nc, kc]`: the block of C one parallel task computes (mc x nc), and the depth of one K
      block (the task's mc x kc rows of A stay in L2, one kc x nr panel of packed B in L1).
    - `registers = [mr, nr]`: the block of C held in registers (zmm accumulators or AMX tiles) across the
      whole K block. AMX: mr and nr are 16 or 32 (1 or 2 tiles of 16x16 accumulators each way), kc a
      multiple of one tile row (32 bf16, 64 int8). `avx512_bf16` / `avx512_vnni`: nr a multiple of 16
      (mr x nr/16 accumulators, nr/16 B vectors and a broadcast within the 32 zmm), kc a multiple of 32 / 64.
      `avx2_int8`: nr a multiple of 8 (mr x nr/8 accumulators, nr/8 B vectors and a broadcast within the 16
      ymm), kc a multiple of 32.
    - `generic` configs carry `cache = [1, 1, 1], registers = [1, 1]`: no tiling.

    Example: `#inductor.lowering_config<kind = amx_bf16, cache = [64, 256, 512], registers = [32, 32]>`
  }];
  let parameters = (ins
    EnumParameter<Inductor_MicrokernelKind>:$kind,
    ArrayRefParameter<"int64_t", "[mc, nc, kc]">:$cache,
    ArrayRefParameter<"int64_t", "[mr, nr]">:$registers
  );
  let assemblyFormat = "`<` `kind` `=` $kind `,` `cache` `=` `[` $cache `]` `,` `registers` `=` `[` $registers `]` `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getMc() const { return getCache()[0]; }
    int64_t getNc() const { return getCache()[1]; }
    int64_t getKc() const { return getCache()[2]; }
    int64_t getMr() const { return getRegisters()[0]; }
    int64_t getNr() const { return getRegisters()[1]; }
    /// The name of the discardable attribute that carries a config on an op.
    static constexpr ::llvm::StringLiteral kAttrName = "inductor.lowering_config";
    /// On a packed contraction whose N was padded to whole register blocks (inductor-pack-contractions):
    /// the columns that hold results, an i64. The vector kernels compute only the vectors of the last,
    /// partial block that hold them (a convolution on 14x14 maps: 196 columns, 256 with 64-column blocks).
    static constexpr ::llvm::StringLiteral kValidColumnsAttrName = "inductor.valid_columns";
  }];
}

#endif // INDUCTOR_INDUCTOR_DIALECT
