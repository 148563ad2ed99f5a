#ifndef INDUCTOR_TRANSFORMS_PASSES
#define INDUCTOR_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def FuseElementwise : Pass<"inductor-fuse-elementwise", "func::FuncOp"> {
  let summary = "Fuse elementwise linalg producers into consumers, recomputing only what is cheap";
  let description = [{
    Upstream `linalg-fuse-elementwise-ops` fuses an elementwise producer into any `linalg.generic`
    consumer, including contractions: a producer whose operand is indexed by only some of the consumer's
    loops (the A operand of a matmul does not depend on `n`) is then recomputed for every iteration of the
    missing loops. For an erf-based GELU feeding a 3072-deep matmul that made the BERT FFN ~50x slower.

    This pass fuses a producer (with a single use) into a consumer when the consumer reads it with a
    permutation map (every consumer loop indexes it, so each producer value is computed once), or when the
    producer is free to recompute: its body only forwards its inputs (transposes, broadcasts), reinterprets
    bits or reads loop indices. A conversion (bf16 -> f32) read through a broadcast map stays its own op:
    recomputed, it would widen a layer_norm's weight once per row.

    A cheap producer (a few arith ops, not a pure copy, none of its operands computed by a contraction or
    convolution, even through reshapes) with several uses, each of them a non-contraction consumer reading
    it with a permutation map, is copied per use and recomputed in each consumer rather than written out and
    read back, when the copies' reads of its full-size operands cost no more bytes than that: a layer_norm's
    `x - mean` feeds both the variance and the normalization.

    Into a contraction only pure copies (transposes, broadcasts) fuse: a cast there would leave operands of
    two element types, which the microkernels do not take. Named
    `linalg.transpose` ops are generalized first so that they fuse the same way: a transposed weight becomes
    the contraction's B[n, k] map instead of a copy. It also runs upstream's reshape propagation and linalg
    canonicalizations, as the upstream pass does, and folds reshapes into all-parallel generics by
    collapsing their loops: a view between a linear layer's bias add and its GELU then no longer keeps the
    GELU out of the GEMM's epilogue. A contraction's splat constant operand (weights of one value) is given
    its full bytes as a `dense_resource` first: upstream's patterns would fold it into the body as a scalar,
    and the op, one operand short, would no longer run on the GEMM kernels.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}


def ApproximateMath : Pass<"inductor-approximate-math", "func::FuncOp"> {
  let summary = "Replace f32 transcendental functions by inline polynomial approximations";
  let description = [{
    `math.exp`, `math.tanh`, `math.erf`, `math.log` and friends otherwise become calls of the C library
    (`expf`, `erff`, ...), one element at a time: LLVM cannot vectorize a loop around such a call, so GELU,
    SiLU, softmax and the like ran scalar. This pass rewrites the selected ops (on f32 scalars or vectors,
    wherever they are, e.g. inside `linalg.generic` bodies) with polynomial approximations, which are plain
    arithmetic that vectorizes: our own for exp (its exponent built from the bits of a magic-number
    rounding, 14 AVX2 instructions), upstream MLIR's for the rest. Their measured maximum error against the C library on
    every f32 in a wide range is documented in docs/pipeline.md and checked by test/Integration.
    A `math.exp` with `fastmath<afn>` (approximate functions allowed) gets a cheaper exp: a one-fma range
    reduction and a degree-5 polynomial, within 3 ulp on [-20, 20] and 6 ulp on [-87, 88] (the aten lowering
    allows it for softmax and for values stored in bf16 or f16).
    Ops on other types (bf16 compute is widened to f32 by the aten lowering already, f64) are left alone.
  }];
  let options = [
    ListOption<"ops", "ops", "std::string",
               "Math ops to approximate, by name without the 'math.' prefix (default: exp, expm1, tanh, erf, "
               "log, log1p, log2)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::vector::VectorDialect",
                           "::mlir::math::MathDialect"];
}

def ExpandBF16Casts : Pass<"inductor-expand-bf16-casts"> {
  let summary = "Exact f32 <-> bf16 casts: integer round to nearest even (denormals kept), or the AVX512-BF16 conversion behind a denormal check";
  let description = [{
    LLVM picks `vcvtneps2bf16` for an f32 -> bf16 truncation on AVX512-BF16 CPUs, and it flushes denormal
    inputs to zero, where PyTorch keeps them. This pass rewrites `arith.truncf` to bf16 and `arith.extf` from
    bf16 with upstream's exact integer expansions (which also stay vectorizable).

    It is upstream `arith-expand{include-bf16}` without the rest of that pass: `arith-expand` also turns
    `arith.maximumf` / `minimumf` into compare-and-select chains, which LLVM's loop vectorizer does not
    recognize as a reduction (a row max of a [1024, 768] softmax ran 10x slower than its row sum).

    When `isa` has AVX512-BF16, a truncation of an f32 vector (outside single-block regions such as
    `scf.for`: the pipeline runs this pass after `convert-scf-to-cf`) becomes the native conversion
    (`llvm.fptrunc`, one `vcvtneps2bf16` per 16 lanes, eight instructions fewer) behind a branch taken
    only when a lane is denormal, which then runs the integer rounding: the same bits, except that a NaN
    keeps its sign and payload (the integer rounding gives 0x7FC0; PyTorch's conversions differ there too).
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"host\"",
           "Instruction set the code runs on (host, amx, avx512-bf16, avx512-vnni, avx512, avx2 or generic): "
           "with AVX512-BF16, vector truncations use the native conversion">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::cf::ControlFlowDialect",
                           "::mlir::LLVM::LLVMDialect", "::mlir::vector::VectorDialect"];
}

def SelectLoweringConfig : Pass<"inductor-select-lowering-config", "func::FuncOp"> {
  let summary = "Choose the code generation strategy of every contraction and record it as an attribute";
  let description = [{
    Attaches `inductor.lowering_config = #inductor.lowering_config<...>` to every linalg contraction
    (named or generic; one M, N and K dimension, any number of batch dimensions, B as [K, N] or [N, K])
    that does not carry one already: a config written in the input IR is an override and is kept.

    The microkernel kind follows from the operand types and the target's ISA: bf16 x bf16 -> f32 with
    AMX-BF16 -> `amx_bf16`; i8 x i8 -> i32 (each operand sign- or zero-extended in the body, so u8s8, s8s8,
    s8u8 and u8u8 products) with AMX-INT8 -> `amx_int8`; f32 x f32 -> f32 (and bf16 x bf16 -> f32 without
    AMX, B widened to f32 when packed) with AVX-512F -> `avx512_fma`, with only AVX2 + FMA -> `avx2_fma`;
    without AMX, bf16 x bf16 -> f32 with AVX512-BF16 -> `avx512_bf16` (before the FMA kernels) and u8 x s8
    -> i32 with AVX512-VNNI -> `avx512_vnni`; any other int8 product (no VNNI, or not u8 x s8) with AVX2 ->
    `avx2_int8` (pairs widened to i16, `vpmaddwd`);
    anything else (other types,
    dynamic N or K, no such ISA) -> `generic` (plain loops). Tile sizes follow from the shapes, the L1/L2
    cache sizes and the thread count: the register tile fills the accumulator registers, the K block keeps
    one packed B panel in L1, the M block keeps its rows of A in L2, and the N block is split until there
    are at least as many parallel tasks as threads.
  }];
  let options = [
    Option<"isa", "isa", "std::string", /*default=*/"\"host\"",
           "Instruction set to generate for: host (detected), amx (AMX + AVX-512), avx512-bf16 (AVX-512 with BF16 and VNNI), avx512-vnni (AVX-512 with VNNI), avx512, avx2 (AVX2 + FMA), generic">,
    Option<"numThreads", "num-threads", "int64_t", /*default=*/"0",
           "Threads the kernels will run on (0: one per core of this machine)">,
    Option<"l2CacheKB", "l2-cache-kb", "int64_t", /*default=*/"0",
           "L2 cache per core in KiB (0: detected)">,
  ];
  let dependentDialects = ["::mlir::inductor::InductorDialect"];
}

def PackContractions : Pass<"inductor-pack-contractions", "func::FuncOp"> {
  let summary = "Rewrite configured contractions onto packed B operands (panels, VNNI pairs for AMX)";
  let description = [{
    For each contraction with a lowering config other than `generic`, on tensors:
    - B becomes a packed tensor. `avx512_fma`: panels `[batch..., N'/nr, K, nr]` so a register tile's
      columns of B are contiguous for every k. `amx_bf16`: `[batch..., N'/16, K'/2, 16, 2]`, the VNNI layout
      `tdpbf16ps` reads (pairs of consecutive k interleaved per column), one 16x32 tile per 1 KiB.
      `amx_int8`: `[batch..., N'/16, K'/4, 16, 4]` (quads, as `tdpb[su][su]d` read them). The dot kinds:
      the same VNNI groups in panels of nr columns, `[batch..., N'/nr, K'/v, nr, v]` (v = 2 for
      `avx512_bf16` and `avx2_int8`, 4 for `avx512_vnni`).
      N' (and for AMX K') are N and K rounded up to the packing block, padded with zeros.
    - A B that is a constant (a frozen weight) is packed at compile time into a new constant; otherwise a
      packing `linalg.generic` runs once per call, before the contraction.
    - A is only padded when AMX needs K' != K; C is padded to N' columns and sliced back when N' != N.
    - The contraction becomes a `linalg.generic` over the packed operands that computes the same values
      (it still lowers correctly to plain loops), carrying the config for `inductor-lower-microkernels`.
    Contractions with a `generic` config are left alone.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def LowerMicrokernels : Pass<"inductor-lower-microkernels", "func::FuncOp"> {
  let summary = "Lower packed contractions on buffers to parallel tile loops around AMX / AVX-512 microkernels";
  let description = [{
    Replaces each packed contraction built by `inductor-pack-contractions` (on memrefs, after
    bufferization) by the loop nest its lowering config prescribes:
    `scf.parallel` over [batch..., M blocks of mc, N blocks of nc]; inside a task, K blocks of kc, B panels
    of nr columns, and register blocks of mr rows whose accumulators stay in registers across the K block.
    - `amx_bf16` / `amx_int8`: (mr/16) x (nr/16) accumulator tiles (`amx.tile_load`/`tile_mulf`/`tile_store`) carried as
      loop values, A tiles loaded straight from row-major A, B tiles from the VNNI-packed panel. A last
      block of fewer than mr rows is computed on zero-padded scratch copies (no out-of-bounds access).
    - `avx512_fma` / `avx2_fma`: mr x (nr/lanes) f32 vector accumulators, B rows loaded from the packed
      panel, A elements broadcast; leftover rows use a one-row kernel.
    - `avx512_bf16` / `avx512_vnni`: the same blocking, one K step per VNNI group: `x86vector.avx512.dot`
      (vdpbf16ps) or the `llvm.x86.avx512.vpdpbusd.512` intrinsic, A's 32-bit group broadcast.
    - `avx2_int8`: the same on ymm, one K step per i8 pair: each task widens its rows of A to i16 once per K
      block (so that a pair is one 32-bit broadcast), B rows are widened as they are loaded (B stays i8 in
      memory), and `llvm.x86.avx2.pmadd.wd` sums each pair's two exact products before an add accumulates.
    A packed contraction whose A or C is not contiguous in its innermost dimension is left to the loop
    lowering (correct, slow).

    The FMA kernels read a run-time B[K, N] in place when packing it would only copy it (f32, N a multiple
    of nr, no transpose, a row pitch that is not a multiple of 1 KiB, B not written before the
    contraction): the packing copy is replaced by a strided view of B as panels [N/nr, K, nr]. An im2col
    GEMM of a 3x3 conv (64x3136x576 f32) on one core: 2.1 -> 1.8 ms.

    Consecutive packed contractions into the same C with the same config, body and shapes (a stride-1
    convolution's kernel taps, one contraction per tap on windows of the padded input) run as one kernel
    on the f32 FMA and bf16 dot kernels (`chain-taps`): each register block runs the K loop of every tap in
    turn on the same accumulators and reads and writes C once, and the tile loops run once. For the dot
    kernels, whose taps each interleaved their window into VNNI pairs, the windows are packed once as one
    wide panel covering all of them, of which each tap reads its window as a strided view. A bf16 3x3
    convolution + batch norm + ReLU on 64x56x56 on one core: 1207 -> 1098 us.
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark on each contraction: its kernel, and whether C's zero fill and C's elementwise "
           "consumer fused into it (or why not)">,
    Option<"stridedB", "strided-b", "bool", /*default=*/"true",
           "FMA kernels read run-time B in place (a strided view as panels) where packing would only copy it">,
    Option<"chainTaps", "chain-taps", "bool", /*default=*/"true",
           "Consecutive contractions into the same C (a convolution's kernel taps) run as one kernel that keeps "
           "C in registers across them; dot kernels pack the taps' windows of the input once">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
                           "::mlir::amx::AMXDialect", "::mlir::x86vector::X86VectorDialect",
                           "::mlir::LLVM::LLVMDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect"];
}

def ParallelizeElementwise : Pass<"inductor-parallelize-elementwise", "func::FuncOp"> {
  let summary = "Split large elementwise linalg ops on buffers into parallel chunks";
  let description = [{
    Only the contraction kernels had parallel loops: every other op (a bias, an activation, a batch norm, a
    residual add, a cast) ran on one thread, which on 2 threads left a ResNet bottleneck's or a BERT layer's
    elementwise work at half speed. This pass wraps each `linalg.generic` on buffers whose loops are all
    parallel and which covers at least `min-elements` elements in an `scf.parallel` over `chunks` slices of
    its first loop dimension longer than 1: each slice is a clone of the generic on `memref.subview`s of its
    operands (operands indexed by projected permutations, broadcasts included; an operand dim indexed by a
    compound expression of the other loops, such as an im2col's `oh + kh`, is viewed whole: a 3x3 conv's
    im2col on 64x56x56 took 0.40 ms on one thread and as long on two, now 0.23 on two). Reductions are split the
    same way when that first loop is parallel and every output is indexed by it (row reductions: each slice
    reduces whole rows of its own); `inductor-lower-reductions` then keeps their accumulators in registers,
    which LLVM needs to vectorize them inside an OpenMP region ([1024, 768] layer_norm on 2 threads: 1.28 ->
    0.26 ms). `linalg.copy` and `linalg.map` ops on buffers (the fill and the interior copy of a padded
    buffer, after `inductor-lower-strided-copies`) are generalized first and split the same way. Ops with
    `linalg.index` in their body, or already inside a parallel loop, are left alone.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"65536",
           "Smallest iteration space (elements) worth splitting">,
    Option<"chunks", "chunks", "int64_t", /*default=*/"8",
           "Slices per op (the OpenMP runtime spreads them over its threads)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def FuseRows : Pass<"inductor-fuse-rows", "func::FuncOp"> {
  let summary = "Run consecutive row-wise linalg ops on buffers row block by row block, in one parallel loop";
  let description = [{
    A softmax is four ops over the same rows (row max, exp, row sum, divide) and a layer_norm five or more;
    run one after the other, each reads its input from memory again (a [1024, 768] f32 input is 3 MiB, more
    than one core's L2), and each is its own parallel region. This pass finds runs of consecutive
    `linalg.generic` and `linalg.fill` ops on buffers that split along the same loop (the first loop longer
    than 1, parallel, with the same static extent in every op) and that only communicate through rows:
    every buffer written in the run is read and written by each op only as whole rows of that loop
    (contiguous views of one allocation, through `memref.expand_shape` / `memref.collapse_shape`, whose
    leading dims before the row dim are 1). It replaces the run by one `scf.parallel` over `chunks` slices
    of the rows, each walking its rows in blocks of about `block-bytes` of touched data per block, and
    running every op of the run on the block (clones on `memref.subview`s): a block's intermediate rows are
    then still in L1 when the next op reads them. Allocations and views between the ops move before the
    loop. Runs of fewer than two ops, or of fewer than `min-elements` elements, are left alone.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"65536",
           "Smallest iteration space (elements of the largest op) worth fusing">,
    Option<"chunks", "chunks", "int64_t", /*default=*/"8",
           "Slices of the rows (the OpenMP runtime spreads them over its threads)">,
    Option<"blockBytes", "block-bytes", "int64_t", /*default=*/"16384",
           "Bytes of row data (over every buffer the run touches by rows) per row block">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect"];
}

def LowerReductions : Pass<"inductor-lower-reductions", "func::FuncOp"> {
  let summary = "Lower innermost-dimension reductions on buffers to loops with register accumulators";
  let description = [{
    `convert-linalg-to-loops` keeps a reduction's accumulator in its output buffer, loaded and stored at
    every step of the reduction loop; LLVM keeps it in a register (and vectorizes the loop) only when it can
    prove the output does not alias the inputs, which it cannot inside an OpenMP region. This pass rewrites
    each `linalg.generic` on buffers whose last loop is its only reduction (operands indexed by projected
    permutations, no init indexed by the reduction loop, no input that is also an init, no `linalg.index`)
    as `scf.for` loops over the parallel dims around an `scf.for` over the reduction whose loop values are
    the accumulators: each init is loaded once before it and stored once after it. A generic whose last
    two or more loops are all its reductions, each operand reading them in loop order as contiguous dims of
    its buffer (or not at all, e.g. a broadcast `[C, 1, 1]` batch-norm scale), first runs on
    `memref.collapse_shape` views with those loops as one (a mean over H and W); strided or reordered
    operands leave it to the loop lowering.

    Where the reduction loop reads its inputs contiguously (unit stride along it), its body is elementwise
    arithmetic on scalars and each init is updated by one combiner linalg recognizes (add, mul, max, min,
    bitwise; float add and mul only with `reassoc`), the loop runs as vector code: `vector-bits` wide
    vectors, four accumulators per init over the bulk of the loop and one over the next whole vectors,
    lanes reduced with `vector.reduction` and combined with the init, and the remaining elements in the
    scalar loop. maxnumf / minnumf lanes start at -inf / +inf and combine by compare and select, the same
    values with no NaN fixups. When every input read along the loop is bf16 that the body only widens to
    f32, the four unrolled steps widen their 4 x lanes elements with one shuffle per register in the lane
    order of `vpunpcklwd` / `vpunpckhwd` (the combiners do not observe lane order). Otherwise the scalar
    loop does it all, in the loop lowering's order.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"-1",
           "Vector width in bits for the reduction loops (-1: the host's, 512 with AVX-512, 256 with AVX2; "
           "0: scalar loops only)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect", "::mlir::vector::VectorDialect"];
}

def VectorizeElementwise : Pass<"inductor-vectorize-elementwise", "func::FuncOp"> {
  let summary = "Lower elementwise linalg ops on buffers to loops whose innermost loop is vector code";
  let description = [{
    Rewrites each all-parallel `linalg.generic` on buffers (memref operands, outputs indexed by projected
    permutations, no `linalg.index`) whose body is lanewise arithmetic (arith and math ops, but not
    `math.fpowi`, whose exponent must stay a scalar) as `scf.for` loops over its outer dims around a loop of
    `vector.load`s, the body on vectors and `vector.store`s along the last dim. A vector has 4 x
    `vector-bits` / (the widest scalar type in the body) lanes, at most 64: four registers, which LLVM
    splits (64 f32 lanes on AVX-512 for a bf16 op computed in f32); a row of a static length below that
    takes the widest power of two that fits. The last `n % lanes` elements of each row run as one masked
    step (`vector.maskedload` / `maskedstore`); when the body divides integers (zeros in inactive lanes
    would trap) or a buffer holds bf16 or f16 (LLVM 22 scalarizes their masked loads and stores on x86),
    as one more vector ending at the row's end, overlapping the previous one (static rows longer than a
    vector, no output read as an input), or else in a scalar loop. Operands not read along the last dim are
    loaded and broadcast once per row. Trailing loops that every operand reads as its trailing dims, in
    order and contiguously (or not at all), are collapsed first, after size-1 dims read at 0 are folded
    away: an NCHW batch norm on 7x7 maps then runs rows of 49.

    Inputs read along the last dim must be contiguous there or at stride 2, the last loop appearing only in
    their last index as s * d + (other loops and constants) with unit stride in memory: an im2col gather
    reads `2 * ow + kw` or `ow + kw`. A stride-2 input loads twice the lanes and keeps every other element;
    whole vectors then stop one element short of the row's end and the last, overlapping vector loads from
    one element early, so that no load reads beyond the elements the row uses. Stride-2 views along the last
    dim (a max pool's taps) are read through unit-stride views of the same span at twice the index.
    Outputs must be contiguous along the last dim (their last index, unit stride, whole-byte elements: a
    memref of i1 is a byte per element, a vector of i1 is bit-packed), and no input may share its buffer
    (through views) with an output unless it is that output read at the same place. Other ops stay for
    `convert-linalg-to-loops` and LLVM's loop vectorizer, which on bf16 data chose 4-lane vectors and
    behind run-time alias checks (a [1024, 768] bf16 layer_norm on one Zen 4 core: 198 -> 140 us with this
    pass and the native bf16 conversion of `inductor-expand-bf16-casts`).
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"-1",
           "Vector width in bits (-1: the host's, 512 with AVX-512, 256 with AVX2; 0: leave every op alone)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect", "::mlir::vector::VectorDialect"];
}

def LowerStridedCopies : Pass<"inductor-lower-strided-copies", "func::FuncOp"> {
  let summary = "Rewrite memref.copy between non-contiguous buffers as linalg.copy (vectorizable loops)";
  let description = [{
    `finalize-memref-to-llvm` turns a `memref.copy` whose operands are not both contiguous into a call of
    `memrefCopy` from MLIR's C runner utils, which moves one element at a time through generic index
    arithmetic (tensor.pad, insert_slice and concatenation produce such copies): padding a 2 MiB int8 weight
    took 20 ms. As `linalg.copy` it becomes a loop nest whose innermost loop LLVM vectorizes. Contiguous
    copies are left alone (they become `memcpy`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def UnshareFills : Pass<"inductor-unshare-fills", "func::FuncOp"> {
  let summary = "Give every user of a shared linalg.fill on tensors its own fill (before bufferization)";
  let description = [{
    CSE merges identical fills of identical `tensor.empty` ops: two convolutions with outputs of the same
    shape then start from one zero-filled tensor. One-shot bufferization gives that tensor one buffer and
    copies it for every other writer (`memref.copy` of the zeros: 800 KiB per 64-channel 56x56
    convolution), and the microkernels no longer see a zero fill of their own C to drop. This pass clones the
    fill, with its destination when that is a `tensor.empty` (seen through reshapes), for each use after the
    first, right before the user. Run it after the last CSE and before bufferizing.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect"];
}

#endif // INDUCTOR_TRANSFORMS_PASSES
