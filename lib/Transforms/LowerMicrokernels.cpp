//===- LowerMicrokernels.cpp - Packed contractions -> AMX / AVX-512 loops -===//
//
// Obeys the lowering config of each packed contraction: parallel tasks of mc x nc, K blocks of kc, B panels
// of nr columns, and register blocks of mr x nr whose accumulators (AMX tiles, or zmm / ymm vectors updated by
// FMAs or by bf16 / int8 dot products) are loop values of the K loop, so they stay in registers across the
// whole K block.
//
//===----------------------------------------------------------------------===//

#include "Contraction.h"
#include "Elementwise.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/AMX/AMXDialect.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <functional>

namespace mlir::inductor {
#define GEN_PASS_DEF_LOWERMICROKERNELS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

bool hasContiguousRows(Value v) { return cast<MemRefType>(v.getType()).isLastDimUnitStride(); }
int64_t batchRankOf(Value a) { return cast<MemRefType>(a.getType()).getRank() - 2; }

/// Index arithmetic at one location, shared by the emitters below.
struct IndexArith {
  IndexArith(OpBuilder &b, Location loc) : b(b), loc(loc) {}
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  OpBuilder &b;
  Location loc;
};

/// Builds the loop nest of one packed contraction on buffers.
class KernelEmitter : IndexArith {
public:
  /// `zeroC`: C holds zeros on entry (its zero fill is skipped: the first K block stores the accumulators
  /// without reading C). `epilogue`: an elementwise consumer of C computed by each task on its own C tile
  /// right after the tile's last K block (see findEpilogue).
  KernelEmitter(OpBuilder &b, Location loc, LoweringConfigAttr config, Value a, Value packedB, Value c,
                std::pair<bool, bool> zeroExtend, bool zeroC = false, linalg::GenericOp epilogue = {})
      : IndexArith(b, loc), config(config), a(a), packedB(packedB), c(c), zextA(zeroExtend.first),
        zextB(zeroExtend.second), zeroC(zeroC), epilogue(epilogue) {
    batchRank = cast<MemRefType>(c.getType()).getRank() - 2;
    batchedA = cast<MemRefType>(a.getType()).getRank() == batchRank + 2;
    auto pType = cast<MemRefType>(packedB.getType());
    amx = isAmx(config.getKind());
    dot = isDotKind(config.getKind());
    widenToI16 = config.getKind() == MicrokernelKind::Avx2Int8;
    vnni = getVnniFactor(config.getKind());
    tileK = getPackedKGranularity(config);
    aElt = getElementTypeOrSelf(a.getType());
    accElt = getElementTypeOrSelf(c.getType());
    widenBf16A = getFmaLanes(config.getKind()) && aElt.isBF16() && config.getMr() > 1;
    paddedK = pType.getDimSize(batchRank + 1) * vnni;
    paddedN = cast<MemRefType>(c.getType()).getDimSize(batchRank + 1);
    validN = paddedN;
  }

  /// The columns of C that hold results (see kValidColumnsAttrName); paddedN unless told.
  int64_t validN = 0;

  /// Further contractions into the same C, (A, packed B) each, accumulated in the same registers after the
  /// first one's K loop (a batch-reduce kernel: a convolution's kernel taps). Only for the vector kernels
  /// that read A in place (see canChainTaps).
  SmallVector<std::pair<Value, Value>> taps;

  /// Whether this kernel's register blocks can chain further taps (set `taps` only when true).
  bool canChainTaps() const { return !amx && !widenToI16 && !widenBf16A; }

  void emit() {
    if (amx) {
      // View packed B as [batch..., blocks * K'/vnni, 16 * vnni]: one tile (16 rows of 64 bytes) is 16
      // consecutive rows.
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < batchRank; ++i)
        groups.push_back({i});
      groups.push_back({batchRank, batchRank + 1});
      groups.push_back({batchRank + 2, batchRank + 3});
      packedB = memref::CollapseShapeOp::create(b, loc, packedB, groups);
    } else if (dot) {
      // View packed B as [batch..., blocks, K'/vnni, nr * vnni]: the B vectors of one VNNI group are adjacent.
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < batchRank + 2; ++i)
        groups.push_back({i});
      groups.push_back({batchRank + 2, batchRank + 3});
      packedB = memref::CollapseShapeOp::create(b, loc, packedB, groups);
      for (auto &tap : taps)
        tap.second = memref::CollapseShapeOp::create(b, loc, tap.second, groups);
    }
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t i = 0; i < batchRank; ++i)
      ubs.push_back(memref::DimOp::create(b, loc, c, i));
    Value m = memref::DimOp::create(b, loc, c, batchRank);
    // The M tasks are balanced at run time (M may be dynamic): as many tasks as mc rows need, each of
    // roundUp(M / tasks, mr) <= mc rows. A 128-token batch with mc = 126 otherwise gave one thread 126 rows
    // and the other 2 (a dynamic-batch BERT FFN linear, 128 x 3072 x 768 on 2 threads: 11.1 -> 6.3 ms).
    Value tasks = arith::CeilDivUIOp::create(b, loc, m, idx(config.getMc()));
    Value perTask = arith::CeilDivUIOp::create(b, loc, m, arith::MaxUIOp::create(b, loc, tasks, idx(1)));
    mcValue = mul(arith::CeilDivUIOp::create(b, loc, perTask, idx(config.getMr())), idx(config.getMr()));
    ubs.push_back(arith::CeilDivUIOp::create(b, loc, m, arith::MaxUIOp::create(b, loc, mcValue, idx(1))));
    ubs.push_back(idx((paddedN + config.getNc() - 1) / config.getNc()));
    lbs.assign(ubs.size(), idx(0));
    steps.assign(ubs.size(), idx(1));
    scf::ParallelOp::create(b, loc, lbs, ubs, steps, [&](OpBuilder &nb, Location, ValueRange ivs) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
      batch.assign(ivs.begin(), ivs.begin() + batchRank);
      emitTask(m, ivs[batchRank], ivs[batchRank + 1]);
    });
  }

private:
  /// The batch indices of A: the task's, or none for an A shared by all batches.
  ArrayRef<Value> aBatch() const { return batchedA ? ArrayRef<Value>(batch) : ArrayRef<Value>(); }

  SmallVector<Value> indices(ArrayRef<Value> batchIdx, Value row, Value col) {
    SmallVector<Value> i(batchIdx);
    i.append({row, col});
    return i;
  }

  /// A buffer and the batch indices that address it (the operand's, or zeros for a scratch copy).
  struct Operand {
    Value buffer;
    SmallVector<Value> batch;
  };
  /// Where the A values of a register block come from: (row within the block, k) -> indices.
  using AIndexFn = std::function<SmallVector<Value>(int64_t row, Value k)>;

  Value subview(Value buffer, ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes) {
    SmallVector<OpFoldResult> strides(offsets.size(), b.getIndexAttr(1));
    return memref::SubViewOp::create(b, loc, buffer, offsets, sizes, strides);
  }

  /// Packs the task's rows [m0, m0 + rows) of A for the K block [k0, k0 + kLen) into `packedA`
  /// [mc/16, kc/tileK, 16, tileK], so that every A tile is 1 KiB contiguous (A's own rows may be 4 KiB
  /// apart, which puts all 16 rows of a tile into one L1 set). Rows past the end are zero, so the last,
  /// partial register block needs no special A. Copied with 64-byte vectors.
  void packA(Value packedA, Value m0, Value rows, Value k0, Value kLen) {
    // The rows after the last one, up to a whole register block, must be zero.
    Value partial = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                          arith::RemUIOp::create(b, loc, rows, idx(config.getMr())), idx(0));
    auto ifOp = scf::IfOp::create(b, loc, partial, /*withElseRegion=*/false);
    {
      OpBuilder::InsertionGuard g(b);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(aElt));
      linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{packedA});
    }
    auto vecType = VectorType::get({tileK}, aElt);
    auto rowLoop = scf::ForOp::create(b, loc, idx(0), rows, idx(1));
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(rowLoop.getBody()->getTerminator());
    Value row = rowLoop.getInductionVar();
    Value tileRow = arith::DivUIOp::create(b, loc, row, idx(16)), inTile = arith::RemUIOp::create(b, loc, row, idx(16));
    auto kLoop = scf::ForOp::create(b, loc, idx(0), arith::DivUIOp::create(b, loc, kLen, idx(tileK)), idx(1));
    b.setInsertionPoint(kLoop.getBody()->getTerminator());
    Value j = kLoop.getInductionVar();
    Value v = vector::LoadOp::create(b, loc, vecType, a, indices(aBatch(), add(m0, row), add(k0, mul(j, idx(tileK)))));
    vector::StoreOp::create(b, loc, v, packedA, ValueRange{tileRow, j, inTile, idx(0)});
  }

  /// Widens the task's rows [m0, m0 + rows) of A for the K block [k0, k0 + kLen) to i16 into `widenedA`
  /// [mc, kc] (avx2_int8): the kernel then broadcasts each pair with one load, where widening it on the fly
  /// took three shuffles per row and step (the kernel ran at 34 GOP/s against oneDNN's 38 at 2048^3).
  void widenA(Value widenedA, Value m0, Value rows, Value k0, Value kLen) {
    auto rowLoop = scf::ForOp::create(b, loc, idx(0), rows, idx(1));
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(rowLoop.getBody()->getTerminator());
    Value row = rowLoop.getInductionVar();
    // kLen is a multiple of 32 (the packed K granularity).
    auto kLoop = scf::ForOp::create(b, loc, idx(0), kLen, idx(16));
    b.setInsertionPoint(kLoop.getBody()->getTerminator());
    Value j = kLoop.getInductionVar();
    Value v = vector::LoadOp::create(b, loc, VectorType::get({16}, aElt), a, indices(aBatch(), add(m0, row), add(k0, j)));
    vector::StoreOp::create(b, loc, extendToI16(v, zextA), widenedA, ValueRange{row, j});
  }

  /// Widens the task's rows [m0, m0 + rows) of bf16 A for the K block [k0, k0 + kLen) to f32 into
  /// `widenedA` [mc, kc] (exactly; LLVM vectorizes the inner loop).
  void widenBf16ToF32(Value widenedA, Value m0, Value rows, Value k0, Value kLen) {
    auto rowLoop = scf::ForOp::create(b, loc, idx(0), rows, idx(1));
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(rowLoop.getBody()->getTerminator());
    Value row = rowLoop.getInductionVar();
    auto kLoop = scf::ForOp::create(b, loc, idx(0), kLen, idx(1));
    b.setInsertionPoint(kLoop.getBody()->getTerminator());
    Value j = kLoop.getInductionVar();
    Value v = memref::LoadOp::create(b, loc, a, indices(aBatch(), add(m0, row), add(k0, j)));
    memref::StoreOp::create(b, loc, arith::ExtFOp::create(b, loc, b.getF32Type(), v), widenedA, ValueRange{row, j});
  }

  void emitTask(Value m, Value mTask, Value nTask) {
    int64_t mc = config.getMc(), nc = config.getNc(), kc = config.getKc(), mr = config.getMr(), nr = config.getNr();
    Value m0 = mul(mTask, mcValue), mEnd = min(add(m0, mcValue), m);
    Value n0 = mul(nTask, idx(nc)), nEnd = min(add(n0, idx(nc)), idx(paddedN));
    // Full register blocks of mr rows, then a tail of fewer rows.
    Value rows = sub(mEnd, m0);
    Value mFull = add(m0, mul(arith::DivUIOp::create(b, loc, rows, idx(mr)), idx(mr)));
    Value tail = sub(mEnd, mFull);
    Operand cOp{c, batch};
    SmallVector<Value> zeros(batchRank, idx(0));

    // Per-task buffers on the heap, not the stack: a stack allocation inside the task loop would grow the
    // stack on every task.
    IntegerAttr alignment = b.getI64IntegerAttr(64);
    Value packedA, packedA2d, scratchC;
    if (amx) {
      packedA =
          memref::AllocOp::create(b, loc, MemRefType::get({mc / 16, kc / tileK, 16, tileK}, aElt), alignment);
      packedA2d = memref::CollapseShapeOp::create(b, loc, packedA, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
      SmallVector<int64_t> cShape(batchRank, 1);
      cShape.append({mr, nr});
      scratchC = memref::AllocOp::create(b, loc, MemRefType::get(cShape, accElt), alignment);
    } else if (widenToI16) {
      packedA = memref::AllocOp::create(b, loc, MemRefType::get({mc, kc}, b.getI16Type()), alignment);
    } else if (widenBf16A) {
      packedA = memref::AllocOp::create(b, loc, MemRefType::get({mc, kc}, b.getF32Type()), alignment);
    }

    auto kLoop = scf::ForOp::create(b, loc, idx(0), idx(paddedK), idx(kc));
    {
      OpBuilder::InsertionGuard kGuard(b);
      b.setInsertionPoint(kLoop.getBody()->getTerminator());
      Value k0 = kLoop.getInductionVar();
      Value kLen = min(idx(kc), sub(idx(paddedK), k0));
      if (amx)
        packA(packedA, m0, rows, k0, kLen);
      else if (widenToI16)
        widenA(packedA, m0, rows, k0, kLen);
      else if (widenBf16A)
        widenBf16ToF32(packedA, m0, rows, k0, kLen);
      // A of the register block starting at row `mi`: AMX tiles from the packed copy, avx2_int8 broadcasts
      // from the widened copy, the other vector kernels' broadcasts from A.
      auto aIndexOf = [&](Value mi) -> AIndexFn {
        if (amx)
          return [=](int64_t r, Value k) -> SmallVector<Value> {
            Value tileRow = add(arith::DivUIOp::create(b, loc, sub(mi, m0), idx(16)), idx(r));
            Value kTile = arith::DivUIOp::create(b, loc, sub(k, k0), idx(tileK));
            return {mul(add(mul(tileRow, idx(kc / tileK)), kTile), idx(16)), idx(0)};
          };
        if (widenToI16 || widenBf16A)
          return [=](int64_t r, Value k) -> SmallVector<Value> { return {add(sub(mi, m0), idx(r)), sub(k, k0)}; };
        return [=](int64_t r, Value k) { return indices(aBatch(), add(mi, idx(r)), k); };
      };
      Value aBuffer = amx ? packedA2d : (widenToI16 || widenBf16A) ? packedA : a;

      // The register blocks of the columns [nj, nj + nr), of which `vectors` vectors are computed (all but
      // in the last, partial block of C).
      auto emitColumns = [&](Value nj, int64_t vectors) {
        auto mLoop = scf::ForOp::create(b, loc, m0, mFull, idx(mr));
        {
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPoint(mLoop.getBody()->getTerminator());
          Value mi = mLoop.getInductionVar();
          emitBlock(mr, aBuffer, aIndexOf(mi), cOp, mi, nj, k0, kLen, nj, vectors);
        }
        if (amx) {
          // The last block has fewer than mr rows: A is zero-padded already; C goes through a scratch block.
          Value hasTail = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, tail, idx(0));
          auto ifOp = scf::IfOp::create(b, loc, hasTail, /*withElseRegion=*/false);
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
          copyBlock(c, indices(batch, mFull, nj), scratchC, indices(zeros, idx(0), idx(0)), tail, idx(nr));
          emitBlock(mr, aBuffer, aIndexOf(mFull), Operand{scratchC, zeros}, idx(0), idx(0), k0, kLen, nj);
          copyBlock(scratchC, indices(zeros, idx(0), idx(0)), c, indices(batch, mFull, nj), tail, idx(nr));
        } else {
          // Leftover rows (fewer than mr) straight from A, the vector kernels need no padding: in blocks of
          // 4, 2 and 1 rows, each at most once. One row at a time left M = 128 with mr = 6 two rows on
          // latency-bound single-row blocks per task.
          Value mi = mFull;
          for (int64_t size = llvm::bit_floor(static_cast<uint64_t>(mr - 1)); size >= 1; size /= 2) {
            Value fits = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, sub(mEnd, mi), idx(size));
            auto ifOp = scf::IfOp::create(b, loc, b.getIndexType(), fits, /*withElseRegion=*/true);
            OpBuilder::InsertionGuard g(b);
            b.setInsertionPoint(ifOp.thenBlock(), ifOp.thenBlock()->end());
            emitBlock(size, aBuffer, aIndexOf(mi), cOp, mi, nj, k0, kLen, nj, vectors);
            scf::YieldOp::create(b, loc, add(mi, idx(size)));
            b.setInsertionPoint(ifOp.elseBlock(), ifOp.elseBlock()->end());
            scf::YieldOp::create(b, loc, mi);
            mi = ifOp.getResult(0);
          }
        }
      };
      // The vector kernels skip the vectors of the last block past the valid columns: a convolution on
      // 14x14 maps has 196 columns, 256 with 64-column blocks (AMX tiles stay whole).
      int64_t lanes = amx ? 0 : getAccumulatorLanes(config.getKind());
      int64_t fullEnd = validN / nr * nr, partial = lanes > 0 ? (validN - fullEnd + lanes - 1) / lanes : 0;
      bool partialBlock = partial > 0 && partial < nr / lanes;
      Value wholeEnd = partialBlock ? min(nEnd, idx(fullEnd)) : nEnd;
      {
        auto nLoop = scf::ForOp::create(b, loc, n0, wholeEnd, idx(nr));
        OpBuilder::InsertionGuard nGuard(b);
        b.setInsertionPoint(nLoop.getBody()->getTerminator());
        emitColumns(nLoop.getInductionVar(), /*vectors=*/0); // all of them
      }
      if (partialBlock) {
        Value inTask = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ugt, nEnd, idx(fullEnd));
        auto ifOp = scf::IfOp::create(b, loc, inTask, /*withElseRegion=*/false);
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
        emitColumns(idx(fullEnd), partial);
      }
    }
    if (packedA)
      memref::DeallocOp::create(b, loc, packedA);
    if (scratchC)
      memref::DeallocOp::create(b, loc, scratchC);
    if (epilogue)
      emitEpilogue(m0, rows, n0, nEnd);
  }

  /// The epilogue on this task's tile of C (rows [m0, m0 + rows), columns [n0, nEnd) clipped to the
  /// epilogue's own extent), still in cache: a clone of the epilogue generic on subviews of its operands.
  void emitEpilogue(Value m0, Value rows, Value n0, Value nEnd) {
    int64_t rank = batchRank + 2;
    Value nExtent = idx(epilogue.getStaticLoopRanges()[rank - 1]);
    SmallVector<OpFoldResult> tileOffsets(batch.begin(), batch.end()), tileSizes(batchRank, b.getIndexAttr(1));
    tileOffsets.append({m0, n0});
    tileSizes.append({rows, sub(min(nEnd, nExtent), n0)});
    // C's leading subview (C padded) is created after the kernel: view C itself, at the same offsets.
    auto viewOfC = [&](Value buffer) {
      auto view = buffer.getDefiningOp<memref::SubViewOp>();
      return view && view.getSource() == c ? c : buffer;
    };
    // Without the tile's unit batch dims: LLVM left the loops over a [1, rows, cols] tile of a
    // convolution's output scalar (its ReLU as vmaxss).
    if (!cloneOnTile(b, loc, epilogue, tileOffsets, tileSizes, viewOfC, nullptr, batchRank))
      cloneOnTile(b, loc, epilogue, tileOffsets, tileSizes, viewOfC);
  }

  /// dst[dstIdx .. + (rows, cols)] = src[srcIdx .. + (rows, cols)] (unit batch extents).
  void copyBlock(Value src, ArrayRef<Value> srcIdx, Value dst, ArrayRef<Value> dstIdx, Value rows, Value cols) {
    auto view = [&](Value buffer, ArrayRef<Value> at) {
      int64_t rank = cast<MemRefType>(buffer.getType()).getRank();
      SmallVector<OpFoldResult> offsets(at.begin(), at.end()), sizes(rank - 2, b.getIndexAttr(1));
      sizes.append({rows, cols});
      return subview(buffer, offsets, sizes);
    };
    linalg::CopyOp::create(b, loc, ValueRange{view(src, srcIdx)}, ValueRange{view(dst, dstIdx)});
  }

  /// C[cRow : cRow+rows, cCol : cCol+nr] += A[rows, k] * B[k, nj : nj+nr] for k in [k0, k0 + kLen), the
  /// accumulators held in registers across the K loop.
  /// `vectors`: the vector kernels' vectors of columns (nr / lanes unless the block is the last, partial one).
  void emitBlock(int64_t rows, Value aBuffer, const AIndexFn &aIndex, const Operand &cOp, Value cRow, Value cCol,
                 Value k0, Value kLen, Value nj, int64_t vectors = 0) {
    if (amx)
      emitAmxBlock(rows, aBuffer, aIndex, cOp, cRow, cCol, k0, kLen, nj);
    else
      emitVectorBlock(rows, aBuffer, aIndex, cOp, cRow, cCol, k0, kLen, nj, vectors);
  }

  Value multiply(amx::TileType accType, Value lhs, Value rhs, Value acc) {
    if (accElt.isF32())
      return amx::TileMulFOp::create(b, loc, accType, lhs, rhs, acc);
    return amx::TileMulIOp::create(b, loc, accType, lhs, rhs, acc, zextA, zextB);
  }

  /// C started at zero (its fill was dropped): the first K block starts its accumulator tiles from zero
  /// rather than from C. Tiles do not cross the branch: each side is a whole block.
  void emitAmxBlock(int64_t rows, Value aBuffer, const AIndexFn &aIndex, const Operand &cOp, Value cRow,
                    Value cCol, Value k0, Value kLen, Value nj) {
    if (!zeroC)
      return emitAmxBlockFrom(/*zeroInit=*/false, rows, aBuffer, aIndex, cOp, cRow, cCol, k0, kLen, nj);
    Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, k0, idx(0));
    auto ifOp = scf::IfOp::create(b, loc, first, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    emitAmxBlockFrom(/*zeroInit=*/true, rows, aBuffer, aIndex, cOp, cRow, cCol, k0, kLen, nj);
    b.setInsertionPoint(ifOp.elseBlock()->getTerminator());
    emitAmxBlockFrom(/*zeroInit=*/false, rows, aBuffer, aIndex, cOp, cRow, cCol, k0, kLen, nj);
  }

  void emitAmxBlockFrom(bool zeroInit, int64_t rows, Value aBuffer, const AIndexFn &aIndex, const Operand &cOp,
                        Value cRow, Value cCol, Value k0, Value kLen, Value nj) {
    int64_t tm = rows / 16, tn = config.getNr() / 16;
    auto accType = amx::TileType::get({16, 16}, accElt);
    auto inType = amx::TileType::get({16, tileK}, aElt);
    SmallVector<Value> accs;
    for (int64_t r = 0; r < tm; ++r)
      for (int64_t t = 0; t < tn; ++t)
        accs.push_back(zeroInit ? amx::TileZeroOp::create(b, loc, accType).getResult()
                                : amx::TileLoadOp::create(b, loc, accType, cOp.buffer,
                                                          indices(cOp.batch, add(cRow, idx(16 * r)),
                                                                  add(cCol, idx(16 * t))))
                                      .getResult());
    int64_t rowsPerBlock = paddedK / vnni;
    Value firstBlock = arith::DivUIOp::create(b, loc, nj, idx(16));
    auto loadA = [&](int64_t r, Value k) -> Value {
      return amx::TileLoadOp::create(b, loc, inType, aBuffer, aIndex(r, k));
    };
    auto loadB = [&](int64_t t, Value k) -> Value {
      Value row =
          add(mul(add(firstBlock, idx(t)), idx(rowsPerBlock)), arith::DivUIOp::create(b, loc, k, idx(vnni)));
      return amx::TileLoadOp::create(b, loc, inType, packedB, indices(batch, row, idx(0)));
    };
    // Software-pipelined: the operand tiles of step k are loop values loaded during step k - 32. Tile
    // registers are not renamed, so a tile can only be reloaded once the products reading it are done; each
    // next-step load is issued right after the last product that reads its register, and overlaps the
    // products still running. Accumulators and operands use all 8 tile registers.
    SmallVector<Value> iterInit(accs);
    for (int64_t r = 0; r < tm; ++r)
      iterInit.push_back(loadA(r, k0));
    for (int64_t t = 0; t < tn; ++t)
      iterInit.push_back(loadB(t, k0));
    Value kEnd = add(k0, kLen), kLast = sub(kEnd, idx(tileK));
    auto kLoop = scf::ForOp::create(
        b, loc, k0, kEnd, idx(tileK), iterInit, [&](OpBuilder &nb, Location, Value k, ValueRange iter) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          ValueRange aTiles = iter.slice(tm * tn, tm), bTiles = iter.slice(tm * tn + tm, tn);
          // The last step reloads its own tiles rather than reading past the K block.
          Value kNext = min(add(k, idx(tileK)), kLast);
          SmallVector<Value> next(tm * tn), nextA(tm), nextB(tn);
          for (int64_t r = 0; r < tm; ++r)
            for (int64_t t = 0; t < tn; ++t) {
              next[r * tn + t] = multiply(accType, aTiles[r], bTiles[t], iter[r * tn + t]);
              if (t == tn - 1)
                nextA[r] = loadA(r, kNext);
              if (r == tm - 1)
                nextB[t] = loadB(t, kNext);
            }
          next.append(nextA.begin(), nextA.end());
          next.append(nextB.begin(), nextB.end());
          scf::YieldOp::create(b, loc, next);
        });
    for (int64_t r = 0; r < tm; ++r)
      for (int64_t t = 0; t < tn; ++t)
        amx::TileStoreOp::create(b, loc, cOp.buffer,
                                 indices(cOp.batch, add(cRow, idx(16 * r)), add(cCol, idx(16 * t))),
                                 kLoop.getResult(r * tn + t));
  }

  /// The A operand of one row for one step, in every lane: an f32 element (FMA kinds, bf16 widened exactly),
  /// or the row's VNNI group of `vnni` consecutive k (a 32-bit word) repeated in each 32-bit lane (dot kinds;
  /// avx2_int8 widens its i8 pair to two i16 first).
  Value broadcastA(Value aBuffer, ArrayRef<Value> at, VectorType type) {
    if (!dot) {
      Value s = memref::LoadOp::create(b, loc, aBuffer, at);
      if (!s.getType().isF32()) // bf16 A, widened exactly
        s = arith::ExtFOp::create(b, loc, b.getF32Type(), s);
      return vector::BroadcastOp::create(b, loc, type, s);
    }
    Type groupElt = getElementTypeOrSelf(aBuffer.getType());
    Value group = vector::LoadOp::create(b, loc, VectorType::get({vnni}, groupElt), aBuffer, at);
    if (widenToI16 && groupElt.isInteger(8))
      group = extendToI16(group, zextA);
    auto wordType = VectorType::get({1}, b.getI32Type());
    Value word = vector::ExtractOp::create(b, loc, vector::BitCastOp::create(b, loc, wordType, group), 0);
    int64_t wordsPerVector = type.getNumElements() * type.getElementTypeBitWidth() / 32;
    Value words = vector::BroadcastOp::create(b, loc, VectorType::get({wordsPerVector}, b.getI32Type()), word);
    return vector::BitCastOp::create(b, loc, type, words);
  }

  /// An i8 vector widened exactly to i16, as unsigned or signed bytes.
  Value extendToI16(Value v, bool unsignedBytes) {
    auto type = VectorType::get(cast<VectorType>(v.getType()).getShape(), b.getI16Type());
    if (unsignedBytes)
      return arith::ExtUIOp::create(b, loc, type, v);
    return arith::ExtSIOp::create(b, loc, type, v);
  }

  /// acc + splatA * bRow: an FMA, or dot products of VNNI groups (vdpbf16ps: bf16 pairs into f32;
  /// vpdpbusd: u8 quads of A times s8 quads of B into i32, exact; vpmaddwd: i16 pairs into i32, exact).
  Value multiplyAdd(Value splatA, Value bRow, Value acc) {
    switch (config.getKind()) {
    case MicrokernelKind::Avx512Bf16:
      return x86vector::DotBF16Op::create(b, loc, acc.getType(), acc, splatA, bRow);
    case MicrokernelKind::Avx512Vnni:
      // The x86vector dialect has no vpdpbusd op (only AVX-VNNI-INT8's vpdpbssd): the intrinsic directly.
      return LLVM::CallIntrinsicOp::create(b, loc, acc.getType(), b.getStringAttr("llvm.x86.avx512.vpdpbusd.512"),
                                           ValueRange{acc, splatA, bRow})
          .getResult(0);
    case MicrokernelKind::Avx2Int8: {
      // vpmaddwd: 8 sums of two exact i16 x i16 products (no accumulating form without VNNI).
      Value pairs = LLVM::CallIntrinsicOp::create(b, loc, acc.getType(), b.getStringAttr("llvm.x86.avx2.pmadd.wd"),
                                                  ValueRange{splatA, bRow})
                        .getResult(0);
      return arith::AddIOp::create(b, loc, acc, pairs);
    }
    default:
      return vector::FMAOp::create(b, loc, splatA, bRow, acc);
    }
  }

  /// The accumulators start at zero and C is added once after the K loop: loading C first would make every
  /// FMA chain wait for C rows that are usually in L3 or DRAM (C is rarely cache-resident). The rows are
  /// prefetched before the loop instead, so the final loads hit L1. Measured on AVX2 (Zen 3, one core):
  /// 512x768x768 75 -> 81 GFLOP/s, 2048^3 with kc = 128 46 -> 65 (with the default kc = 256 within noise).
  /// FMA kinds step through K one element at a time, dot kinds one VNNI group (2 bf16, 4 or 2 int8).
  void emitVectorBlock(int64_t rows, Value aBuffer, const AIndexFn &aIndex, const Operand &cOp, Value cRow,
                       Value cCol, Value k0, Value kLen, Value nj, int64_t vectors) {
    int64_t lanes = getAccumulatorLanes(config.getKind());
    if (vectors == 0)
      vectors = config.getNr() / lanes;
    auto vecType = VectorType::get({lanes}, accElt);
    Type bElt = getElementTypeOrSelf(packedB.getType());
    auto bType = VectorType::get({lanes * vnni}, bElt);
    VectorType splatType = !dot ? vecType : widenToI16 ? VectorType::get({lanes * vnni}, b.getI16Type()) : bType;
    auto cAt = [&](int64_t r, int64_t v) { return indices(cOp.batch, add(cRow, idx(r)), add(cCol, idx(lanes * v))); };
    // One prefetch per 64-byte line of the block's C rows.
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; v += std::max<int64_t>(1, 16 / lanes))
        memref::PrefetchOp::create(b, loc, cOp.buffer, cAt(r, v), /*isWrite=*/true, /*localityHint=*/3,
                                   /*isDataCache=*/true);
    Value zero = arith::ConstantOp::create(b, loc, vecType, b.getZeroAttr(vecType));
    Value panel = arith::DivUIOp::create(b, loc, nj, idx(config.getNr()));
    // One step of k for `fronts` positions `seg` apart: B rows of each, then each row's broadcast A times
    // them. Accumulator (front f, row r, vector v) is iter[(f * rows + r) * vectors + v].
    auto emitTapKLoop = [&](Value aOf, Value bOf, Value begin, Value end, ValueRange init, int64_t fronts,
                            Value seg) {
      return scf::ForOp::create(
          b, loc, begin, end, idx(vnni), init, [&](OpBuilder &nb, Location, Value k, ValueRange iter) {
            OpBuilder::InsertionGuard guard(b);
            b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
            SmallVector<Value> next;
            for (int64_t f = 0; f < fronts; ++f) {
              Value kf = f == 0 ? k : add(k, mul(idx(f), seg));
              Value bRow = dot ? arith::DivUIOp::create(b, loc, kf, idx(vnni)).getResult() : kf;
              SmallVector<Value> bRows;
              for (int64_t v = 0; v < vectors; ++v) {
                SmallVector<Value> at(batch);
                at.append({panel, bRow, idx(lanes * vnni * v)});
                Value row = vector::LoadOp::create(b, loc, bType, bOf, at);
                if (widenToI16)
                  row = extendToI16(row, zextB);
                else if (!dot && bElt.isBF16()) // one-row kernels keep B in bf16: widened exactly
                  row = arith::ExtFOp::create(b, loc, vecType, row);
                bRows.push_back(row);
              }
              for (int64_t r = 0; r < rows; ++r) {
                Value splat = broadcastA(aOf, aIndex(r, kf), splatType);
                for (int64_t v = 0; v < vectors; ++v)
                  next.push_back(multiplyAdd(splat, bRows[v], iter[(f * rows + r) * vectors + v]));
              }
            }
            scf::YieldOp::create(b, loc, next);
          });
    };
    auto emitKLoop = [&](Value begin, Value end, ValueRange init, int64_t fronts, Value seg) {
      return emitTapKLoop(aBuffer, packedB, begin, end, init, fronts, seg);
    };
    auto sum = [&](Value x, Value y) -> Value {
      return accElt.isF32() ? arith::AddFOp::create(b, loc, x, y).getResult()
                            : arith::AddIOp::create(b, loc, x, y).getResult();
    };
    // A one-row block (decode) streams its panel of B from DRAM, one k row after the other: a single
    // sequential stream, which one Zen 3 core reads at 12 GB/s, against 19 with 4 streams. So its K block
    // is split into `fronts` segments read side by side (a loop over the remainder finishes it), as far as
    // the accumulators (8 chains hide the FMA latency) and the registers allow.
    int64_t fronts = 1;
    if (rows == 1 && taps.empty())
      for (int64_t f : {4, 2})
        if (f * vectors <= 8 && f * vectors * (widenToI16 ? 2 : 1) + f <= getFmaRegisters(config.getKind())) {
          fronts = f;
          break;
        }
    Value seg = fronts == 1 ? kLen : mul(arith::DivUIOp::create(b, loc, kLen, idx(vnni * fronts)), idx(vnni));
    SmallVector<Value> accs(fronts * rows * vectors, zero);
    ValueRange split = emitKLoop(k0, add(k0, seg), accs, fronts, seg).getResults();
    SmallVector<Value> results(split.begin(), split.begin() + rows * vectors);
    if (fronts > 1) { // rows == 1: the segments' sums, then the rows after the last whole segment
      for (int64_t f = 1; f < fronts; ++f)
        for (int64_t v = 0; v < vectors; ++v)
          results[v] = sum(results[v], split[f * vectors + v]);
      ValueRange rest = emitKLoop(add(k0, mul(idx(fronts), seg)), add(k0, kLen), results, 1, kLen).getResults();
      results.assign(rest.begin(), rest.end());
    }
    // The other taps continue the same accumulators; C is read and written once, after the last.
    for (auto [tapA, tapB] : taps) {
      ValueRange next = emitTapKLoop(tapA, tapB, k0, add(k0, kLen), results, 1, kLen).getResults();
      results.assign(next.begin(), next.end());
    }
    auto accumulate = [&](bool readC) {
      for (int64_t r = 0; r < rows; ++r)
        for (int64_t v = 0; v < vectors; ++v) {
          Value acc = results[r * vectors + v];
          if (readC)
            acc = sum(vector::LoadOp::create(b, loc, vecType, cOp.buffer, cAt(r, v)), acc);
          vector::StoreOp::create(b, loc, acc, cOp.buffer, cAt(r, v));
        }
    };
    if (!zeroC)
      return accumulate(true);
    // C started at zero (its fill was dropped): the first K block stores, the later ones add.
    Value first = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, k0, idx(0));
    auto ifOp = scf::IfOp::create(b, loc, first, /*withElseRegion=*/true);
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    accumulate(false);
    b.setInsertionPoint(ifOp.elseBlock()->getTerminator());
    accumulate(true);
  }

  LoweringConfigAttr config;
  Value a, packedB, c;
  Value mcValue; // rows per M task, at most mc
  int64_t batchRank = 0, paddedK = 0, paddedN = 0, vnni = 1, tileK = 1;
  bool amx = false, dot = false, widenToI16 = false, zextA = false, zextB = false, zeroC = false, batchedA = true;
  /// FMA kernels with bf16 A and several rows per block widen the task's A block to f32 once per K block:
  /// widening each broadcast on the fly took three instructions instead of one, and the 6x16 AVX2 kernel
  /// ran at half the FMA rate.
  bool widenBf16A = false;
  linalg::GenericOp epilogue;
  Type aElt, accElt;
  SmallVector<Value> batch;
};

/// The run-time packing copy of B with vector loads and stores (the generic's loop lowering moves one
/// element at a time: 9 ns per byte for an int8 weight). Rows of 64 bytes are read and written whole:
///   B[K, N] -> VNNI: for each k group, `vnni` rows of 16 columns are interleaved by shuffles (per 16
///                    columns of a block);
///   B[N, K] -> VNNI: 16 rows of 16 VNNI groups are a 16x16 matrix of units (bf16 pairs or int8 quads: 32
///                    bits; int8 pairs: 16),
///                    transposed (blocks wider than 16 columns: concatenated);
///   B[K, N] -> FMA panels: a plain copy of nr columns per k.
/// Returns false (the copy keeps its loop lowering) for B[N, K] -> FMA panels when K or nr is not a multiple
/// of 16.
class PackEmitter : IndexArith {
public:
  PackEmitter(OpBuilder &b, Location loc, LoweringConfigAttr config, Value src, Value dst, bool transposeB)
      : IndexArith(b, loc), config(config), src(src), dst(dst), transposeB(transposeB) {
    vnniLayout = hasVnniLayout(config.getKind());
    batchRank = cast<MemRefType>(dst.getType()).getRank() - (vnniLayout ? 4 : 3);
    elt = getElementTypeOrSelf(dst.getType());
    srcElt = getElementTypeOrSelf(src.getType());
    vnni = getVnniFactor(config.getKind());
    blk = getPackedBlockColumns(config);
  }

  bool emit() {
    auto dstType = cast<MemRefType>(dst.getType());
    int64_t blocks = dstType.getDimSize(batchRank), kRows = dstType.getDimSize(batchRank + 1);
    int64_t width = blk * vnni; // elements per packed row
    // Both vector copies work on 16 columns at a time (narrower VNNI blocks: 8-column avx2_int8 panels).
    if ((transposeB || vnniLayout) && (blk % 16 != 0 || (transposeB && kRows % 16 != 0)))
      return false;
    if (vnniLayout) {
      // Packed rows as one vector each: [batch..., blocks, K'/vnni, 16 * vnni].
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < batchRank + 2; ++i)
        groups.push_back({i});
      groups.push_back({batchRank + 2, batchRank + 3});
      dst = memref::CollapseShapeOp::create(b, loc, dst, groups);
    }
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t i = 0; i < batchRank; ++i)
      ubs.push_back(memref::DimOp::create(b, loc, dst, i));
    ubs.push_back(idx(blocks));
    // Transposing copies work on 16 packed rows at a time.
    ubs.push_back(idx(transposeB ? kRows / 16 : kRows));
    lbs.assign(ubs.size(), idx(0));
    steps.assign(ubs.size(), idx(1));
    scf::ParallelOp::create(b, loc, lbs, ubs, steps, [&](OpBuilder &nb, Location, ValueRange ivs) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
      SmallVector<Value> batch(ivs.begin(), ivs.begin() + batchRank);
      Value block = ivs[batchRank], row = ivs[batchRank + 1];
      if (transposeB)
        emitTransposed(batch, block, row, width);
      else
        emitInterleaved(batch, block, row, width);
    });
    return true;
  }

private:
  SmallVector<Value> at(ArrayRef<Value> batch, ArrayRef<Value> rest) {
    SmallVector<Value> i(batch);
    i.append(rest.begin(), rest.end());
    return i;
  }

  /// B[K, N]: packed row `row` of block `block` from the vnni source rows row*vnni + t, columns block*16...
  void emitInterleaved(ArrayRef<Value> batch, Value block, Value row, int64_t width) {
    if (!vnniLayout) {
      Value v = vector::LoadOp::create(b, loc, VectorType::get({width}, srcElt), src,
                                       at(batch, {row, mul(block, idx(width))}));
      vector::StoreOp::create(b, loc, widen(v), dst, at(batch, {block, row, idx(0)}));
      return;
    }
    for (int64_t chunk = 0; chunk < blk / 16; ++chunk)
      emitInterleavedChunk(batch, block, row, chunk);
  }

  /// Columns [16 chunk, 16 chunk + 16) of packed row `row` of block `block`.
  void emitInterleavedChunk(ArrayRef<Value> batch, Value block, Value row, int64_t chunk) {
    auto rowType = VectorType::get({16}, elt);
    Value col = add(mul(block, idx(blk)), idx(16 * chunk));
    SmallVector<Value> rows;
    for (int64_t t = 0; t < vnni; ++t)
      rows.push_back(vector::LoadOp::create(b, loc, rowType, src, at(batch, {add(mul(row, idx(vnni)), idx(t)), col})));
    // Interleave pairwise: [a0 b0 a1 b1 ...]; for quads, interleave the pairs of pairs.
    auto interleave = [&](Value x, Value y, int64_t unit) {
      int64_t n = cast<VectorType>(x.getType()).getNumElements();
      SmallVector<int64_t> mask;
      for (int64_t i = 0; i < n / unit; ++i) {
        for (int64_t u = 0; u < unit; ++u)
          mask.push_back(i * unit + u);
        for (int64_t u = 0; u < unit; ++u)
          mask.push_back(n + i * unit + u);
      }
      return vector::ShuffleOp::create(b, loc, x, y, mask).getResult();
    };
    Value packed = vnni == 2 ? interleave(rows[0], rows[1], 1)
                             : interleave(interleave(rows[0], rows[1], 1), interleave(rows[2], rows[3], 1), 2);
    vector::StoreOp::create(b, loc, packed, dst, at(batch, {block, row, idx(16 * vnni * chunk)}));
  }

  /// B[N, K]: packed rows group*16 .. group*16+15 of block `block`. The blk source rows of the block, 16
  /// units of k each, form a matrix of units (single f32, bf16 pairs, int8 quads or pairs) that is transposed.
  void emitTransposed(ArrayRef<Value> batch, Value block, Value group, int64_t width) {
    int64_t n = blk;
    auto chunkType = VectorType::get({16 * vnni}, srcElt);
    // VNNI groups as units: 32 bits (bf16 pairs, int8 quads) or 16 (int8 pairs).
    Type unit = vnniLayout ? Type(b.getIntegerType(elt.getIntOrFloatBitWidth() * vnni)) : elt;
    auto unitsType = VectorType::get({16}, unit);
    Value k0 = mul(group, idx(16 * vnni));
    SmallVector<Value> rows;
    for (int64_t r = 0; r < n; ++r) {
      Value chunk = vector::LoadOp::create(b, loc, chunkType, src, at(batch, {add(mul(block, idx(n)), idx(r)), k0}));
      rows.push_back(vnniLayout ? vector::BitCastOp::create(b, loc, unitsType, chunk).getResult() : widen(chunk));
    }
    // n x 16 -> 16 x n as 16x16 transposes (blocks of 32 or more columns: concatenated per row).
    SmallVector<SmallVector<Value>> halves;
    for (int64_t h = 0; h < n / 16; ++h)
      halves.push_back(transpose16(ArrayRef<Value>(rows).slice(16 * h, 16)));
    auto outType = VectorType::get({width}, elt);
    for (int64_t j = 0; j < 16; ++j) {
      Value line = halves[0][j];
      for (size_t h = 1; h < halves.size(); ++h) {
        // vector.shuffle of two different lengths concatenates them.
        int64_t length = cast<VectorType>(line.getType()).getNumElements() + 16;
        line = vector::ShuffleOp::create(b, loc, line, halves[h][j], llvm::to_vector(llvm::seq<int64_t>(0, length)));
      }
      if (vnniLayout)
        line = vector::BitCastOp::create(b, loc, outType, line);
      vector::StoreOp::create(b, loc, line, dst, at(batch, {block, add(mul(group, idx(16)), idx(j)), idx(0)}));
    }
  }

  /// A vector of source elements as packed elements (bf16 -> f32 is exact).
  Value widen(Value v) {
    if (srcElt == elt)
      return v;
    auto type = VectorType::get(cast<VectorType>(v.getType()).getShape(), elt);
    return arith::ExtFOp::create(b, loc, type, v);
  }

  /// Transposes 16 vectors of 16 elements with 64 two-source shuffles (4 stages that swap the off-diagonal
  /// s x s blocks, s = 8, 4, 2, 1; each becomes one vpermt2d). vector.transpose was lowered element by element:
  /// packing a 4096x768 bf16 weight took 9 ms.
  SmallVector<Value> transpose16(ArrayRef<Value> input) {
    SmallVector<Value> rows(input);
    for (int64_t s = 8; s >= 1; s /= 2) {
      SmallVector<int64_t> maskA, maskB;
      for (int64_t j = 0; j < 16; ++j) {
        bool low = (j & s) == 0;
        maskA.push_back(low ? j : 16 + j - s);
        maskB.push_back(low ? j + s : 16 + j);
      }
      for (int64_t r = 0; r < 16; ++r) {
        if (r & s)
          continue;
        Value x = rows[r], y = rows[r + s];
        rows[r] = vector::ShuffleOp::create(b, loc, x, y, maskA);
        rows[r + s] = vector::ShuffleOp::create(b, loc, x, y, maskB);
      }
    }
    return rows;
  }

  LoweringConfigAttr config;
  Value src, dst;
  bool transposeB, vnniLayout = false;
  int64_t batchRank = 0, vnni = 1, blk = 16;
  Type elt, srcElt; // packed and source element types (bf16 is widened to f32 for the FMA kernels)
};

/// Whether `expr` never exceeds `bound` over the loop ranges `sizes` (static): true when it is a sum of
/// dims with non-negative constant factors and a non-negative constant, so that its maximum is its value at
/// the last iteration of every loop.
bool provablyBelow(AffineExpr expr, ArrayRef<int64_t> sizes, int64_t bound) {
  std::function<bool(AffineExpr)> monotone = [&](AffineExpr e) -> bool {
    if (auto c = dyn_cast<AffineConstantExpr>(e))
      return c.getValue() >= 0;
    if (auto d = dyn_cast<AffineDimExpr>(e))
      return !ShapedType::isDynamic(sizes[d.getPosition()]);
    auto bin = dyn_cast<AffineBinaryOpExpr>(e);
    if (!bin)
      return false;
    if (bin.getKind() == AffineExprKind::Add)
      return monotone(bin.getLHS()) && monotone(bin.getRHS());
    auto factor = dyn_cast<AffineConstantExpr>(bin.getRHS());
    return bin.getKind() == AffineExprKind::Mul && factor && factor.getValue() >= 0 && monotone(bin.getLHS());
  };
  if (!monotone(expr))
    return false;
  SmallVector<AffineExpr> last;
  for (int64_t size : sizes)
    last.push_back(getAffineConstantExpr(std::max<int64_t>(size - 1, 0), expr.getContext()));
  auto max = dyn_cast<AffineConstantExpr>(
      simplifyAffineExpr(expr.replaceDims(last), sizes.size(), 0));
  return max && max.getValue() < bound;
}

/// A panel gather (FMA panels gathered straight from a convolution's input, see getPanelGatherStride) with
/// vector code: each packed row of nr elements, `stride` apart in one input row, is read as `stride`
/// contiguous vectors of nr elements and picked out of them by one shuffle (the loop lowering moved the
/// elements one at a time: 0.6 ms of the 3.5 ms ResNet stem). The outer loops run in parallel until they
/// have enough iterations for the threads, the rest in order. The last vector reads up to stride - 1
/// elements past the row; it is masked at the end of the row unless the index bounds rule that out.
void emitPanelGather(OpBuilder &b, Location loc, linalg::GenericOp op, int64_t stride) {
  IndexArith ia(b, loc);
  Value src = op.getDpsInputOperand(0)->get(), dst = op.getDpsInitOperand(0)->get();
  auto srcType = cast<MemRefType>(src.getType());
  auto dstType = cast<MemRefType>(dst.getType());
  int64_t rank = dstType.getRank(), nr = dstType.getDimSize(rank - 1);
  Type srcElt = srcType.getElementType(), elt = dstType.getElementType();
  AffineMap map = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
  MLIRContext *ctx = b.getContext();
  // Input indices of the row's first element: the map at innermost index 0.
  SmallVector<AffineExpr> starts;
  for (AffineExpr e : map.getResults())
    starts.push_back(e.replace(getAffineDimExpr(rank - 1, ctx), getAffineConstantExpr(0, ctx)));
  int64_t rowLength = srcType.getDimSize(srcType.getRank() - 1);
  SmallVector<int64_t> loopSizes(dstType.getShape());
  bool lastInBounds =
      !ShapedType::isDynamic(rowLength) && provablyBelow(starts.back() + stride * nr - 1, loopSizes, rowLength);

  SmallVector<Value> ubs;
  for (int64_t i = 0; i + 1 < rank; ++i)
    ubs.push_back(memref::DimOp::create(b, loc, dst, i));
  int64_t parallelDims = 0, iterations = 1;
  while (parallelDims + 1 < rank && iterations < 64) {
    int64_t size = dstType.getDimSize(parallelDims++);
    iterations = ShapedType::isDynamic(size) ? 64 : iterations * size;
  }
  auto body = [&](ValueRange ivs) {
    SmallVector<Value> dims(ivs);
    dims.push_back(ia.idx(0));
    SmallVector<Value> at;
    for (AffineExpr e : starts)
      at.push_back(affine::expandAffineExpr(b, loc, e, dims, {}));
    auto chunkType = VectorType::get({nr}, srcElt);
    SmallVector<Value> chunks;
    for (int64_t c = 0; c < stride; ++c) {
      SmallVector<Value> from(at);
      if (c > 0)
        from.back() = ia.add(at.back(), ia.idx(c * nr));
      if (c + 1 < stride || stride == 1 || lastInBounds) {
        chunks.push_back(vector::LoadOp::create(b, loc, chunkType, src, from));
        continue;
      }
      Value rest = ia.sub(memref::DimOp::create(b, loc, src, srcType.getRank() - 1), from.back());
      Value mask = vector::CreateMaskOp::create(b, loc, VectorType::get({nr}, b.getI1Type()), ValueRange{rest});
      Value zero = arith::ConstantOp::create(b, loc, chunkType, b.getZeroAttr(chunkType));
      chunks.push_back(vector::MaskedLoadOp::create(b, loc, chunkType, src, from, mask, zero));
    }
    Value row; // the chunks concatenated
    for (auto [c, chunk] : llvm::enumerate(chunks))
      row = c == 0 ? chunk
                   : vector::ShuffleOp::create(b, loc, row, chunk,
                                               llvm::to_vector(llvm::seq<int64_t>(0, (c + 1) * nr)))
                         .getResult();
    if (stride > 1) {
      SmallVector<int64_t> picked;
      for (int64_t j = 0; j < nr; ++j)
        picked.push_back(j * stride);
      row = vector::ShuffleOp::create(b, loc, row, row, picked);
    }
    if (srcElt != elt)
      row = arith::ExtFOp::create(b, loc, VectorType::get({nr}, elt), row);
    SmallVector<Value> to(ivs);
    to.push_back(ia.idx(0));
    vector::StoreOp::create(b, loc, row, dst, to);
  };
  SmallVector<Value> zeros(rank - 1, ia.idx(0)), ones(rank - 1, ia.idx(1));
  scf::ParallelOp::create(
      b, loc, ArrayRef<Value>(zeros).take_front(parallelDims), ArrayRef<Value>(ubs).take_front(parallelDims),
      ArrayRef<Value>(ones).take_front(parallelDims), [&](OpBuilder &nb, Location, ValueRange outer) {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        scf::buildLoopNest(b, loc, ArrayRef<Value>(zeros).drop_front(parallelDims),
                           ArrayRef<Value>(ubs).drop_front(parallelDims), ArrayRef<Value>(ones).drop_front(parallelDims),
                           [&](OpBuilder &ib, Location, ValueRange inner) {
                             OpBuilder::InsertionGuard innerGuard(b);
                             b.setInsertionPoint(ib.getInsertionBlock(), ib.getInsertionPoint());
                             SmallVector<Value> ivs(outer);
                             ivs.append(inner.begin(), inner.end());
                             body(ivs);
                           });
      });
}

/// C's other uses next to the contraction `op`, when they can move into the kernel: a zero fill of C before
/// it (when nothing uses C's buffer, through any view, in between: see onlyUsedAfter), and one elementwise
/// consumer after it (C a local allocation used by nothing else besides its dealloc, so that nobody
/// observes C between the kernel and its consumer).
struct CUses {
  linalg::FillOp zeroFill;
  linalg::GenericOp epilogue;
  std::string whyNoEpilogue; // for the fusion report
};

bool isZero(Value v) {
  return matchPattern(v, m_AnyZeroFloat()) || matchPattern(v, m_Zero());
}

/// True when nothing between `from` and `to` (same block, exclusive) touches memory other than by allocating,
/// or by freeing a buffer `to` does not use.
bool onlyAllocationsBetween(Operation *from, Operation *to) {
  for (Operation *it = from->getNextNode(); it && it != to; it = it->getNextNode()) {
    if (isMemoryEffectFree(it))
      continue;
    if (auto dealloc = dyn_cast<memref::DeallocOp>(it); dealloc && !llvm::is_contained(to->getOperands(), dealloc.getMemref()))
      continue;
    auto effects = dyn_cast<MemoryEffectOpInterface>(it);
    if (!effects || !effects.onlyHasEffect<MemoryEffects::Allocate>())
      return false;
  }
  return true;
}

/// The elementwise consumer that may run per task on C's tiles: a linalg.generic right after `op` (only
/// allocations between), all loops parallel, reading C (or C's leading [0, 0] subview, when C was padded) with
/// the identity map, its other operands broadcasts of the same iteration space (projected permutations,
/// constant 0 for size-1 dims) defined before `op`, no linalg.index in its body, and not writing C.
linalg::GenericOp findEpilogue(linalg::GenericOp op, Operation *user, Value reader, DominanceInfo &dominance,
                               std::string &why) {
  auto fail = [&](StringRef reason) {
    why = reason.str();
    return linalg::GenericOp();
  };
  auto epilogue = dyn_cast<linalg::GenericOp>(user);
  if (!epilogue || epilogue->getBlock() != op->getBlock() || !op->isBeforeInBlock(epilogue) ||
      !epilogue.hasPureBufferSemantics() || !isTileableElementwise(epilogue) ||
      epilogue.getNumLoops() != cast<MemRefType>(reader.getType()).getRank())
    return fail("C's reader is not an elementwise op over C's iteration space");
  if (!onlyAllocationsBetween(op, epilogue))
    return fail("an op that touches memory runs between the contraction and C's reader");
  // It writes only fresh buffers or C in place: moved into the tasks, it runs while other tasks still read A
  // and B and write their own tiles of C.
  for (OpOperand &init : epilogue.getDpsInitsMutable()) {
    bool inPlace = init.get() == reader && epilogue.getMatchingIndexingMap(&init).isIdentity();
    bool fresh = init.get().getDefiningOp<memref::AllocOp>() && init.get() != op.getDpsInputOperand(0)->get() &&
                 init.get() != op.getDpsInputOperand(1)->get() && init.get() != op.getDpsInitOperand(0)->get();
    if (!inPlace && !fresh)
      return fail("C's reader writes a buffer that is neither C nor its own fresh allocation");
  }
  bool readsC = false;
  for (OpOperand &operand : epilogue->getOpOperands()) {
    AffineMap map = epilogue.getMatchingIndexingMap(&operand);
    if (operand.get() == reader) {
      if (!map.isIdentity())
        return fail("C's reader reads it permuted");
      readsC |= !epilogue.isDpsInit(&operand);
    } else if (!dominance.properlyDominates(operand.get(), op)) {
      // The epilogue's own output buffer, allocated after `op`, moves up (its sizes must allow that).
      auto alloc = operand.get().getDefiningOp<memref::AllocOp>();
      if (!alloc || alloc->getBlock() != op->getBlock() ||
          !llvm::all_of(alloc->getOperands(), [&](Value v) { return dominance.properlyDominates(v, op); }))
        return fail("an operand of C's reader is computed after the contraction");
    }
  }
  if (!readsC)
    return fail("C's reader does not read C");
  // Values the body captures (constants, usually) must be available where the kernel runs.
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(epilogue.getRegion(), captured);
  for (Value v : captured)
    if (!dominance.properlyDominates(v, op) && !(v.getDefiningOp() && v.getDefiningOp()->getBlock() == op->getBlock() &&
                                                 matchPattern(v, m_Constant())))
      return fail("the body of C's reader uses a value computed after the contraction");
  for (Value v : captured)
    if (!dominance.properlyDominates(v, op))
      v.getDefiningOp()->moveBefore(op);
  for (Value v : epilogue->getOperands())
    if (auto alloc = v.getDefiningOp<memref::AllocOp>(); alloc && op->isBeforeInBlock(alloc))
      alloc->moveBefore(op);
  return epilogue;
}

/// `view` is C's first columns (C padded in N): zero offsets, unit strides, and every other dim whole (the
/// tasks clip only N).
bool isLeadingColumnsView(memref::SubViewOp view, Value c) {
  auto cType = cast<MemRefType>(c.getType());
  if (!view.hasUnitStride() || view.getType().getRank() != cType.getRank() ||
      !llvm::all_of(view.getMixedOffsets(), [](OpFoldResult o) { return isZeroInteger(o); }))
    return false;
  auto alloc = c.getDefiningOp<memref::AllocOp>();
  SmallVector<OpFoldResult> sizes = view.getMixedSizes();
  for (int64_t i = 0; i + 1 < cType.getRank(); ++i) {
    if (!cType.isDynamicDim(i)) {
      if (getConstantIntValue(sizes[i]) != cType.getDimSize(i))
        return false;
      continue;
    }
    auto size = dyn_cast<Value>(sizes[i]);
    auto dim = size ? size.getDefiningOp<memref::DimOp>() : memref::DimOp();
    bool same = size && ((alloc && size == alloc.getDynamicSizes()[cType.getDynamicDimIndex(i)]) ||
                         (dim && dim.getSource() == c && getConstantIntValue(dim.getIndex()) == i));
    if (!same)
      return false;
  }
  return true;
}

/// C is a buffer of this function that only `c` reaches: an allocation, or a reshape of one whose other users
/// are deallocations (a convolution's C[n, c, h * w] over its [n, c, h, w] result). With `returned`, the
/// allocation may also be returned: the caller sees it only after the function (enough for a zero fill, not
/// for an epilogue, after which C itself would be dead).
bool isLocalBuffer(Value c, bool returned = false) {
  Value v = c;
  while (auto reshape = v.getDefiningOp()) {
    if (isa<memref::AllocOp>(reshape))
      return true;
    if (!isa<memref::CollapseShapeOp, memref::ExpandShapeOp>(reshape))
      return false;
    v = reshape->getOperand(0);
    if (!llvm::all_of(v.getUsers(), [&](Operation *user) {
          return user == reshape || isa<memref::DeallocOp>(user) || (returned && isa<func::ReturnOp>(user));
        }))
      return false;
  }
  return false;
}

/// Whether every use of the allocation behind C's reshapes, through any view of it, other than `fill` and
/// `op` (and the views themselves), comes after `op`: then nothing observes C between a zero fill and the
/// contraction, which may start from zero instead. A batch norm reading the NCHW allocation behind a
/// convolution's [N, C, H*W] result is such a use, after it.
bool onlyUsedAfter(Value c, linalg::FillOp fill, linalg::GenericOp op) {
  Value root = c;
  while (isa_and_nonnull<memref::CollapseShapeOp, memref::ExpandShapeOp>(root.getDefiningOp()))
    root = root.getDefiningOp()->getOperand(0);
  if (!root.getDefiningOp<memref::AllocOp>())
    return false;
  Block *block = op->getBlock();
  SmallVector<Value> views = {root};
  while (!views.empty()) {
    Value view = views.pop_back_val();
    for (Operation *user : view.getUsers()) {
      if (user == fill || user == op)
        continue;
      if (isa<ViewLikeOpInterface>(user) && user->getNumResults() == 1 &&
          cast<ViewLikeOpInterface>(user).getViewSource() == view) {
        views.push_back(user->getResult(0));
        continue;
      }
      Operation *at = block->findAncestorOpInBlock(*user);
      if (!at || !op->isBeforeInBlock(at))
        return false;
    }
  }
  return true;
}

/// `last`: the last contraction of a chain into the same C that starts with `op` (see continuesTapChain), whose
/// kernel runs where `last` is: the fill is looked for before `op`, the epilogue after `last`.
CUses findCUses(linalg::GenericOp op, Value c, DominanceInfo &dominance, linalg::GenericOp last = {}) {
  CUses uses;
  Block *block = op->getBlock();
  // The zero fill: of C, before `op` in its block, and no other use of C's buffer (through any view) in
  // between.
  for (Operation *user : c.getUsers())
    if (auto fill = dyn_cast<linalg::FillOp>(user);
        fill && fill->getBlock() == block && fill->isBeforeInBlock(op) && isZero(fill.value()) &&
        onlyUsedAfter(c, fill, op)) {
      uses.zeroFill = fill;
      break;
    }
  if (!isLocalBuffer(c, /*returned=*/true)) {
    uses.whyNoEpilogue = "C is not a local allocation";
    return uses;
  }
  if (!isLocalBuffer(c)) {
    uses.whyNoEpilogue = "C is returned";
    return uses;
  }
  // The epilogue: the first op after the contraction that touches memory, if it reads C (directly, or
  // through C's leading subview when C was padded). Moving it into the kernel changes nothing anyone can
  // observe: nothing in between touches memory, and later ops see the same C and outputs as before.
  if (last)
    op = last;
  Operation *next = op->getNextNode();
  while (next && (isMemoryEffectFree(next) || isa<memref::AllocOp>(next) ||
                  (isa<memref::DeallocOp>(next) && cast<memref::DeallocOp>(next).getMemref() != c)))
    next = next->getNextNode();
  auto candidate = dyn_cast_or_null<linalg::GenericOp>(next);
  if (!candidate) {
    uses.whyNoEpilogue = next ? "the next op that touches memory is not a linalg.generic"
                              : "nothing after the contraction in its block touches memory";
    return uses;
  }
  Value reader;
  for (Value input : candidate.getDpsInputs()) {
    auto view = input.getDefiningOp<memref::SubViewOp>();
    if (input == c || (view && view.getSource() == c && isLeadingColumnsView(view, c))) {
      if (reader && reader != input) {
        uses.whyNoEpilogue = "the next op reads C twice";
        return uses;
      }
      reader = input;
    }
  }
  if (!reader) {
    uses.whyNoEpilogue = "the next op that touches memory does not read C";
    return uses;
  }
  uses.epilogue = findEpilogue(op, candidate, reader, dominance, uses.whyNoEpilogue);
  return uses;
}

/// The allocation or argument behind views (any other value: itself).
Value rootBuffer(Value v) {
  auto buffer = dyn_cast<MemrefValue>(v);
  return buffer ? memref::skipViewLikeOps(buffer) : v;
}

/// An FMA kernel's run-time B[K, N] panels [N/nr, K, nr] are a strided view of B when B needs no padding or
/// widening and its rows have unit stride (B itself, or a view such as a convolution tap's window of its
/// padded input): each k row of a panel is nr contiguous elements of row k of B. The kernel then
/// reads B in place, and the copy (a full pass over B, written and read again: 0.65 of the 2.1 ms of a
/// 64x3136x576 f32 im2col GEMM on one core) goes away. Only when B's row pitch is not a multiple of
/// 1 KiB: rows 4 KiB apart would put a panel's rows in the same L1 sets. B must not be written between the
/// copy and the contraction that reads the panels.
bool viewInsteadOfCopy(linalg::GenericOp copy, Value src, Value dst) {
  LoweringConfigAttr config = getLoweringConfig(copy);
  if (!getFmaLanes(config.getKind()))
    return false;
  auto srcType = cast<MemRefType>(src.getType()), dstType = cast<MemRefType>(dst.getType());
  int64_t rank = srcType.getRank(), nr = config.getNr();
  if (srcType.getElementType() != dstType.getElementType() || !srcType.hasStaticShape() || rank < 2)
    return false;
  // B itself or a view with unit-stride rows (a convolution tap's window of its padded input).
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(srcType.getStridesAndOffset(strides, offset)) || strides.back() != 1 ||
      ShapedType::isDynamic(strides[rank - 2]))
    return false;
  int64_t k = srcType.getDimSize(rank - 2), n = srcType.getDimSize(rank - 1);
  int64_t pitch = strides[rank - 2] * srcType.getElementTypeBitWidth() / 8;
  if (n % nr != 0 || dstType.getDimSize(rank - 1) != k || pitch % 1024 == 0)
    return false;
  // The packed buffer: written by the copy, read by packed contractions after it in the same block.
  auto alloc = dst.getDefiningOp<memref::AllocOp>();
  if (!alloc)
    return false;
  // Its readers up to the next copy into the same buffer (bufferization may give several copies, say a
  // convolution's taps, one packed buffer).
  auto writesDst = [&](Operation *user) {
    auto generic = dyn_cast<linalg::GenericOp>(user);
    return generic && generic != copy && llvm::is_contained(generic.getDpsInits(), dst);
  };
  Operation *nextWrite = nullptr;
  for (Operation *user : dst.getUsers())
    if (writesDst(user) && user->getBlock() == copy->getBlock() && copy->isBeforeInBlock(user) &&
        (!nextWrite || user->isBeforeInBlock(nextWrite)))
      nextWrite = user;
  SmallVector<Operation *> readers;
  for (Operation *user : dst.getUsers()) {
    if (user == copy || isa<memref::DeallocOp>(user))
      continue;
    if (user->getBlock() == copy->getBlock() &&
        (user->isBeforeInBlock(copy) || (nextWrite && !user->isBeforeInBlock(nextWrite)))) {
      if (!writesDst(user) && !isa<linalg::GenericOp>(user))
        return false;
      continue; // reads or writes of another copy's contents
    }
    auto generic = dyn_cast<linalg::GenericOp>(user);
    LoweringConfigAttr readerConfig = generic ? getLoweringConfig(generic) : LoweringConfigAttr();
    if (!readerConfig || readerConfig.getKind() != config.getKind() || generic->getBlock() != copy->getBlock() ||
        !isPackedContraction(generic, readerConfig) || generic.getDpsInputOperand(1)->get() != dst)
      return false;
    readers.push_back(user);
  }
  if (readers.empty())
    return false;
  Value root = rootBuffer(src);
  Operation *last = *llvm::max_element(readers, [](Operation *x, Operation *y) { return x->isBeforeInBlock(y); });
  for (Operation *op = copy->getNextNode(); op != last; op = op->getNextNode()) {
    auto effects = dyn_cast<MemoryEffectOpInterface>(op);
    if (!effects) {
      if (op->getNumRegions() != 0 || !isMemoryEffectFree(op))
        return false;
      continue;
    }
    SmallVector<MemoryEffects::EffectInstance> list;
    effects.getEffects(list);
    for (auto &effect : list)
      if (isa<MemoryEffects::Write, MemoryEffects::Free>(effect.getEffect()) &&
          (!effect.getValue() || rootBuffer(effect.getValue()) == root))
        return false;
  }
  // [batch..., K, N] -> [batch..., K, N/nr, nr] -> [batch..., N/nr, K, nr].
  OpBuilder b(copy);
  Location loc = copy.getLoc();
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0; i < rank - 1; ++i)
    groups.push_back({i});
  groups.push_back({rank - 1, rank});
  SmallVector<int64_t> expanded(srcType.getShape());
  expanded.back() = n / nr;
  expanded.push_back(nr);
  FailureOr<MemRefType> splitType = memref::ExpandShapeOp::computeExpandedType(srcType, expanded, groups);
  if (failed(splitType))
    return false;
  Value split = memref::ExpandShapeOp::create(b, loc, *splitType, src, groups);
  SmallVector<unsigned> perm;
  for (int64_t i = 0; i < rank - 2; ++i)
    perm.push_back(i);
  perm.append({unsigned(rank - 1), unsigned(rank - 2), unsigned(rank)});
  Value panels = memref::TransposeOp::create(
      b, loc, split, AffineMapAttr::get(AffineMap::getPermutationMap(perm, b.getContext())));
  for (Operation *reader : readers)
    reader->setOperand(1, panels);
  copy.erase();
  if (llvm::all_of(alloc->getUsers(), [](Operation *user) { return isa<memref::DeallocOp>(user); })) {
    for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
      user->erase();
    alloc.erase();
  }
  return true;
}

/// Whether only allocations and ops without memory effects (views, constants, index arithmetic) run between
/// `from` and `to` (same block, exclusive).
bool onlyPureOpsBetween(Operation *from, Operation *to) {
  if (from->getBlock() != to->getBlock() || !from->isBeforeInBlock(to))
    return false;
  for (Operation *it = from->getNextNode(); it != to; it = it->getNextNode())
    if (!isMemoryEffectFree(it) && !isa<memref::AllocOp>(it))
      return false;
  return true;
}

/// A convolution's kernel taps (buildConv2DAsTapContractions) pack their windows of the padded input one after
/// the other (into one buffer, or one each), each packing copy followed by its tap's contraction: copy_0,
/// tap_0, copy_1, tap_1, ... For the dot kernels (VNNI pairs or quads) the windows are packed once instead, as one wide
/// panel [batch..., K/vnni, W, vnni] covering all of them, and every tap reads its own window of it as panels
/// [batch..., N/nr, K/vnni, nr, vnni] (a strided view): the taps can then run as one kernel (see
/// continuesTapChain), and the input is interleaved once rather than once per tap. `copies`: the packing
/// copies in program order. Returns the copies replaced (erased).
SmallVector<Operation *> packTapWindowsOnce(ArrayRef<linalg::GenericOp> copies) {
  SmallVector<Operation *> erased;
  for (size_t i = 0; i < copies.size();) {
    linalg::GenericOp first = copies[i];
    LoweringConfigAttr config = getLoweringConfig(first);
    Value dst = first.getDpsInitOperand(0)->get();
    auto window = first.getDpsInputOperand(0)->get().getDefiningOp<memref::SubViewOp>();
    auto dstType = cast<MemRefType>(dst.getType());
    int64_t vnni = getVnniFactor(config.getKind()), nr = config.getNr();
    // The copies of this group: windows of one source at offsets in the last dim only, each read by the next
    // contraction.
    struct Tap {
      linalg::GenericOp copy, reader;
      int64_t offset;
    };
    SmallVector<Tap> group;
    auto tapOf = [&](linalg::GenericOp copy) -> std::optional<Tap> {
      auto view = copy.getDpsInputOperand(0)->get().getDefiningOp<memref::SubViewOp>();
      if (!view || !window || copy.getDpsInitOperand(0)->get().getType() != dstType ||
          view.getSource() != window.getSource() ||
          getLoweringConfig(copy) != config || view.getType().getShape() != window.getType().getShape() ||
          !view.hasUnitStride())
        return std::nullopt;
      ArrayRef<int64_t> offsets = view.getStaticOffsets();
      if (ShapedType::isDynamic(offsets.back()) ||
          llvm::any_of(offsets.drop_back(), [](int64_t o) { return o != 0; }))
        return std::nullopt;
      // The copy's one reader: the next op that touches memory other than by allocating or filling another
      // buffer (the tap's C), a contraction reading the packed buffer as B.
      Operation *next = copy->getNextNode();
      while (next && (isMemoryEffectFree(next) || isa<memref::AllocOp>(next) ||
                      (isa<linalg::FillOp>(next) &&
                       rootBuffer(cast<linalg::FillOp>(next).getDpsInitOperand(0)->get()) != rootBuffer(dst) &&
                       rootBuffer(cast<linalg::FillOp>(next).getDpsInitOperand(0)->get()) !=
                           rootBuffer(view.getSource()))))
        next = next->getNextNode();
      auto reader = dyn_cast_or_null<linalg::GenericOp>(next);
      if (!reader || getLoweringConfig(reader) != config || !isPackedContraction(reader, config) ||
          reader.getDpsInputOperand(1)->get() != copy.getDpsInitOperand(0)->get() ||
          rootBuffer(reader.getDpsInitOperand(0)->get()) == rootBuffer(view.getSource()))
        return std::nullopt;
      return Tap{copy, reader, offsets.back()};
    };
    for (size_t j = i; j < copies.size(); ++j) {
      std::optional<Tap> tap = tapOf(copies[j]);
      if (!tap || (!group.empty() && !onlyPureOpsBetween(group.back().reader, tap->copy)))
        break;
      group.push_back(*tap);
    }
    size_t count = std::max<size_t>(group.size(), 1);
    // The packed buffers of the group (one shared, or one per tap).
    llvm::SetVector<Value> buffers;
    for (Tap &t : group)
      buffers.insert(t.copy.getDpsInitOperand(0)->get());
    auto srcType = window ? cast<MemRefType>(window.getSource().getType()) : MemRefType();
    int64_t rank = dstType.getRank(), batchRank = rank - 4;
    bool ok = group.size() > 1 &&
              llvm::all_of(buffers, [](Value v) { return bool(v.getDefiningOp<memref::AllocOp>()); }) &&
              dstType.hasStaticShape() && srcType && srcType.hasStaticShape() &&
              isDotKind(config.getKind()) && batchRank >= 0 && srcType.getRank() == batchRank + 2;
    int64_t n = ok ? window.getType().getShape().back() : 0, k = ok ? window.getType().getShape()[batchRank] : 0;
    // No padding: the packed shape is the window's, in whole blocks and VNNI groups.
    ok = ok && dstType.getDimSize(batchRank) * nr == n && dstType.getDimSize(batchRank + 1) * vnni == k &&
         dstType.getDimSize(batchRank + 2) == nr && dstType.getDimSize(batchRank + 3) == vnni;
    // Other uses of the packed buffer (bufferization gives several convolutions' taps one buffer) come before
    // the group, or after it once another packing copy has overwritten it.
    auto inGroup = [&](Operation *user) {
      return llvm::any_of(group, [&](const Tap &t) { return user == t.copy || user == t.reader; });
    };
    for (Value buffer : buffers) {
      Operation *firstAfter = nullptr;
      for (Operation *user : buffer.getUsers()) {
        if (!ok || isa<memref::DeallocOp>(user) || inGroup(user))
          continue;
        if (user->getBlock() != first->getBlock()) {
          ok = false;
        } else if (!user->isBeforeInBlock(first)) {
          if (!group.back().reader->isBeforeInBlock(user))
            ok = false;
          else if (!firstAfter || user->isBeforeInBlock(firstAfter))
            firstAfter = user;
        }
      }
      ok = ok && (!firstAfter || llvm::is_contained(copies, dyn_cast<linalg::GenericOp>(firstAfter)));
    }
    int64_t lowest = 0, width = 0;
    if (ok) {
      lowest = llvm::min_element(group, [](const Tap &x, const Tap &y) { return x.offset < y.offset; })->offset;
      int64_t highest =
          llvm::max_element(group, [](const Tap &x, const Tap &y) { return x.offset < y.offset; })->offset;
      width = llvm::alignTo(highest - lowest + n, nr);
      ok = lowest + width <= srcType.getShape().back();
    }
    if (!ok) {
      i += count;
      continue;
    }
    OpBuilder b(first);
    Location loc = first.getLoc();
    MLIRContext *ctx = b.getContext();
    // The source columns [lowest, lowest + width) of every row.
    SmallVector<OpFoldResult> offsets(batchRank + 1, b.getIndexAttr(0)), sizes, ones(batchRank + 2, b.getIndexAttr(1));
    offsets.push_back(b.getIndexAttr(lowest));
    for (int64_t d : srcType.getShape().drop_back())
      sizes.push_back(b.getIndexAttr(d));
    sizes.push_back(b.getIndexAttr(width));
    Value wide = memref::SubViewOp::create(b, loc, window.getSource(), offsets, sizes, ones);
    SmallVector<int64_t> packedShape(dstType.getShape().take_front(batchRank));
    packedShape.append({k / vnni, width, vnni});
    Value packed = memref::AllocOp::create(b, loc, MemRefType::get(packedShape, dstType.getElementType()),
                                           b.getI64IntegerAttr(64));
    // [batch..., K/vnni, cols, vnni] -> [batch..., K/vnni, cols/nr, nr, vnni] -> [batch..., cols/nr, K/vnni, nr, vnni]
    auto panelsOf = [&](Value view, int64_t cols) -> Value {
      SmallVector<ReassociationIndices> groups;
      for (int64_t d = 0; d <= batchRank; ++d)
        groups.push_back({d});
      groups.push_back({batchRank + 1, batchRank + 2});
      groups.push_back({batchRank + 3});
      SmallVector<int64_t> expanded(ArrayRef<int64_t>(packedShape).take_front(batchRank + 1));
      expanded.append({cols / nr, nr, vnni});
      auto type = memref::ExpandShapeOp::computeExpandedType(cast<MemRefType>(view.getType()), expanded, groups);
      Value split = memref::ExpandShapeOp::create(b, loc, *type, view, groups);
      SmallVector<unsigned> perm = llvm::to_vector(llvm::seq<unsigned>(0, batchRank));
      perm.append({unsigned(batchRank + 1), unsigned(batchRank), unsigned(batchRank + 2), unsigned(batchRank + 3)});
      return memref::TransposeOp::create(b, loc, split, AffineMapAttr::get(AffineMap::getPermutationMap(perm, ctx)));
    };
    PackEmitter(b, loc, config, wide, panelsOf(packed, width), /*transposeB=*/false).emit();
    for (Tap &tap : group) {
      b.setInsertionPoint(tap.reader);
      SmallVector<OpFoldResult> at(rank - 1, b.getIndexAttr(0)), extent, unit(rank - 1, b.getIndexAttr(1));
      at[batchRank + 1] = b.getIndexAttr(tap.offset - lowest);
      for (int64_t d : packedShape)
        extent.push_back(b.getIndexAttr(d));
      extent[batchRank + 1] = b.getIndexAttr(n);
      Value view = memref::SubViewOp::create(b, loc, packed, at, extent, unit);
      tap.reader->setOperand(1, panelsOf(view, n));
      erased.push_back(tap.copy);
      tap.copy.erase();
    }
    // Only the group's readers use the wide packed buffer.
    b.setInsertionPointAfter(group.back().reader);
    memref::DeallocOp::create(b, loc, packed);
    for (Value buffer : buffers)
      if (llvm::all_of(buffer.getUsers(), [](Operation *user) { return isa<memref::DeallocOp>(user); })) {
        for (Operation *user : llvm::make_early_inc_range(buffer.getUsers()))
          user->erase();
        buffer.getDefiningOp()->erase();
      }
    i += count;
  }
  return erased;
}

/// Whether `next` can run in one kernel with the chain of contractions ending in `prev`, accumulating into
/// the same registers (a batch-reduce kernel, see KernelEmitter::taps): the next op after `prev` that touches
/// memory, into the same C, with the same config, body and operand shapes, on a vector kernel that reads A
/// in place (f32 FMA or bf16 dot products). A convolution's kernel taps: C is read and written once instead
/// of once per tap, and the tile loops run once.
bool continuesTapChain(linalg::GenericOp prev, linalg::GenericOp next) {
  LoweringConfigAttr config = getLoweringConfig(prev);
  MicrokernelKind kind = config.getKind();
  Value a = prev.getDpsInputOperand(0)->get(), nextA = next.getDpsInputOperand(0)->get();
  bool vectorKind = kind == MicrokernelKind::Avx512Bf16 ||
                    (getFmaLanes(kind) && getElementTypeOrSelf(a.getType()).isF32());
  auto shape = [](Value v) { return cast<MemRefType>(v.getType()).getShape(); };
  return vectorKind && getLoweringConfig(next) == config && onlyPureOpsBetween(prev, next) &&
         next.getDpsInitOperand(0)->get() == prev.getDpsInitOperand(0)->get() && shape(a) == shape(nextA) &&
         getElementTypeOrSelf(a.getType()) == getElementTypeOrSelf(nextA.getType()) &&
         shape(prev.getDpsInputOperand(1)->get()) == shape(next.getDpsInputOperand(1)->get()) &&
         prev->getAttr(LoweringConfigAttr::kValidColumnsAttrName) ==
             next->getAttr(LoweringConfigAttr::kValidColumnsAttrName) &&
         OperationEquivalence::isRegionEquivalentTo(&prev.getRegion(), &next.getRegion(),
                                                    OperationEquivalence::Flags::IgnoreLocations);
}

struct LowerMicrokernelsPass : public inductor::impl::LowerMicrokernelsBase<LowerMicrokernelsPass> {
  using LowerMicrokernelsBase::LowerMicrokernelsBase;
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> work;
    SmallVector<std::pair<linalg::GenericOp, bool>> packs;
    SmallVector<std::pair<linalg::GenericOp, int64_t>> gathers;
    WalkResult result = getOperation().walk([&](linalg::LinalgOp linalgOp) {
      LoweringConfigAttr config = getLoweringConfig(linalgOp);
      if (!config || config.getKind() == MicrokernelKind::Generic)
        return WalkResult::advance();
      auto op = dyn_cast<linalg::GenericOp>(linalgOp.getOperation());
      if (!op) {
        linalgOp->emitError("inductor-lower-microkernels: a '")
            << stringifyMicrokernelKind(config.getKind())
            << "' lowering config needs the packed form built by inductor-pack-contractions";
        return WalkResult::interrupt();
      }
      if (std::optional<int64_t> stride = getPanelGatherStride(op, config)) {
        if (!op.hasPureBufferSemantics()) {
          op.emitError("inductor-lower-microkernels: runs on buffers, after bufferization");
          return WalkResult::interrupt();
        }
        gathers.push_back({op, *stride});
        return WalkResult::advance();
      }
      bool transposeB;
      if (isPackingCopy(op, config, transposeB)) {
        if (!op.hasPureBufferSemantics()) {
          op.emitError("inductor-lower-microkernels: runs on buffers, after bufferization");
          return WalkResult::interrupt();
        }
        packs.push_back({op, transposeB});
        return WalkResult::advance();
      }
      if (!isPackedContraction(op, config)) {
        op.emitError("inductor-lower-microkernels: a '")
            << stringifyMicrokernelKind(config.getKind())
            << "' lowering config needs the packed form built by inductor-pack-contractions";
        return WalkResult::interrupt();
      }
      if (!op.hasPureBufferSemantics()) {
        op.emitError("inductor-lower-microkernels: runs on buffers, after bufferization");
        return WalkResult::interrupt();
      }
      work.push_back(op);
      return WalkResult::advance();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    DominanceInfo dominance(getOperation());
    SmallVector<linalg::GenericOp> tapCopies;
    for (auto [op, transposeB] : packs)
      if (!transposeB && hasContiguousRows(op.getDpsInputOperand(0)->get()))
        tapCopies.push_back(op);
    SmallVector<Operation *> erased = chainTaps ? packTapWindowsOnce(tapCopies) : SmallVector<Operation *>();
    for (auto [op, transposeB] : packs) {
      if (llvm::is_contained(erased, op.getOperation()))
        continue;
      Value src = op.getDpsInputOperand(0)->get(), dst = op.getDpsInitOperand(0)->get();
      if (!hasContiguousRows(src) || !cast<MemRefType>(dst.getType()).getLayout().isIdentity())
        continue;
      if (stridedB && !transposeB && viewInsteadOfCopy(op, src, dst))
        continue;
      OpBuilder b(op);
      if (PackEmitter(b, op.getLoc(), getLoweringConfig(op), src, dst, transposeB).emit())
        op.erase();
    }
    for (auto [op, stride] : gathers) {
      // Rows of the input read as vectors; anything else keeps the (correct) loop lowering.
      if (!hasContiguousRows(op.getDpsInputOperand(0)->get()) ||
          !cast<MemRefType>(op.getDpsInitOperand(0)->get().getType()).getLayout().isIdentity())
        continue;
      OpBuilder b(op);
      emitPanelGather(b, op.getLoc(), op, stride);
      op.erase();
    }
    // Tile loads and vector loads need unit-stride rows; anything else keeps the (correct) loop lowering.
    auto supported = [](linalg::GenericOp op) {
      Value a = op.getDpsInputOperand(0)->get(), packedB = op.getDpsInputOperand(1)->get();
      LoweringConfigAttr config = getLoweringConfig(op);
      // FMA kernels also read B's panels as a strided view of B (see viewInsteadOfCopy), dot kernels as
      // panels of a wider packed buffer (see packTapWindowsOnce): whole VNNI groups of nr columns contiguous.
      auto bType = cast<MemRefType>(packedB.getType());
      SmallVector<int64_t> strides;
      int64_t offset;
      bool dotPanels = isDotKind(config.getKind()) && succeeded(bType.getStridesAndOffset(strides, offset)) &&
                       strides.size() >= 2 && strides.back() == 1 &&
                       strides[strides.size() - 2] == bType.getShape().back();
      bool bOk = bType.getLayout().isIdentity() || (getFmaLanes(config.getKind()) && hasContiguousRows(packedB)) ||
                 dotPanels;
      return hasContiguousRows(a) && hasContiguousRows(op.getDpsInitOperand(0)->get()) && bOk;
    };
    for (size_t index = 0; index < work.size(); ++index) {
      linalg::GenericOp op = work[index];
      Value a = op.getDpsInputOperand(0)->get(), packedB = op.getDpsInputOperand(1)->get();
      Value c = op.getDpsInitOperand(0)->get();
      LoweringConfigAttr config = getLoweringConfig(op);
      if (!supported(op))
        continue;
      SmallVector<linalg::GenericOp> chain = {op};
      while (chainTaps && index + 1 < work.size() && supported(work[index + 1]) &&
             continuesTapChain(chain.back(), work[index + 1]))
        chain.push_back(work[++index]);
      std::pair<bool, bool> zeroExtend{false, false};
      if (isInt8Kind(config.getKind())) {
        FailureOr<std::pair<bool, bool>> ext = getInt8Extensions(op);
        if (failed(ext)) {
          op.emitError("inductor-lower-microkernels: '")
              << stringifyMicrokernelKind(config.getKind())
              << "' needs a body that sign- or zero-extends both i8 operands to i32";
          return signalPassFailure();
        }
        if (config.getKind() == MicrokernelKind::Avx512Vnni && *ext != std::make_pair(true, false)) {
          op.emitError("inductor-lower-microkernels: 'avx512_vnni' needs u8 x s8 (A zero-extended, B "
                       "sign-extended)");
          return signalPassFailure();
        }
        zeroExtend = *ext;
      }
      // The kernels take C's zero fill and elementwise consumer into their tasks (the first K block starts
      // from zero accumulators; each task runs the epilogue on its C tile right after its last K block).
      CUses uses;
      if (cast<MemRefType>(a.getType()).getDimSize(batchRankOf(a) + 1) <= 0)
        uses.whyNoEpilogue = "K is empty";
      else
        uses = findCUses(op, c, dominance, chain.back());
      if (report) {
        InFlightDiagnostic remark = op.emitRemark("inductor-lower-microkernels: ")
                                    << stringifyMicrokernelKind(config.getKind()) << " kernel";
        if (chain.size() > 1)
          remark << " of " << chain.size() << " contractions into one C (taps)";
        remark << "; zero fill " << (uses.zeroFill ? "dropped" : "none dropped") << "; epilogue ";
        if (uses.epilogue)
          remark << "fused: " << uses.epilogue->getLoc();
        else
          remark << "not fused: " << uses.whyNoEpilogue;
      }
      OpBuilder b(chain.back());
      KernelEmitter emitter(b, op.getLoc(), config, a, packedB, c, zeroExtend, bool(uses.zeroFill), uses.epilogue);
      assert((chain.size() == 1 || emitter.canChainTaps()) && "continuesTapChain admits only such kernels");
      for (linalg::GenericOp tap : ArrayRef<linalg::GenericOp>(chain).drop_front())
        emitter.taps.push_back({tap.getDpsInputOperand(0)->get(), tap.getDpsInputOperand(1)->get()});
      if (auto valid = op->getAttrOfType<IntegerAttr>(LoweringConfigAttr::kValidColumnsAttrName)) {
        // Padding never spans a whole block: fewer valid columns would leave results uncomputed.
        int64_t padded = emitter.validN;
        if (valid.getInt() <= padded - config.getNr()) {
          op.emitError("inductor-lower-microkernels: '")
              << LoweringConfigAttr::kValidColumnsAttrName << "' = " << valid.getInt() << " leaves whole "
              << config.getNr() << "-column blocks of the " << padded << " columns of C uncomputed";
          return signalPassFailure();
        }
        emitter.validN = std::min(valid.getInt(), padded);
      }
      emitter.emit();
      for (linalg::GenericOp tap : chain)
        tap.erase();
      if (uses.zeroFill)
        uses.zeroFill.erase();
      if (uses.epilogue)
        uses.epilogue.erase();
    }
  }
};

} // namespace
