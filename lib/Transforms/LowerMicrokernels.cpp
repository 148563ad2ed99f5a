//===- LowerMicrokernels.cpp - Packed contractions -> AMX / AVX-512 loops -===//
//
// Obeys the lowering config of each packed contraction: parallel tasks of mc x nc, K blocks of kc, B panels
// of nr columns, and register blocks of mr x nr whose accumulators (AMX tiles or zmm vectors) are loop
// values of the K loop, so they stay in registers across the whole K block.
//
//===----------------------------------------------------------------------===//

#include "Contraction.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/AMX/AMXDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_LOWERMICROKERNELS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

bool hasContiguousRows(Value v) {
  auto type = cast<MemRefType>(v.getType());
  SmallVector<int64_t> strides;
  int64_t offset;
  return succeeded(type.getStridesAndOffset(strides, offset)) && !strides.empty() && strides.back() == 1;
}

/// Builds the loop nest of one packed contraction on buffers.
class KernelEmitter {
public:
  KernelEmitter(OpBuilder &b, Location loc, LoweringConfigAttr config, Value a, Value packedB, Value c)
      : b(b), loc(loc), config(config), a(a), packedB(packedB), c(c) {
    batchRank = cast<MemRefType>(a.getType()).getRank() - 2;
    auto pType = cast<MemRefType>(packedB.getType());
    amx = config.getKind() == MicrokernelKind::AmxBf16;
    paddedK = amx ? pType.getDimSize(batchRank + 1) * 2 : pType.getDimSize(batchRank + 1);
    paddedN = cast<MemRefType>(c.getType()).getDimSize(batchRank + 1);
  }

  void emit() {
    if (amx) {
      // View packed B as [batch..., blocks * K'/2, 32]: one 16x32 bf16 tile is 16 consecutive rows.
      SmallVector<ReassociationIndices> groups;
      for (int64_t i = 0; i < batchRank; ++i)
        groups.push_back({i});
      groups.push_back({batchRank, batchRank + 1});
      groups.push_back({batchRank + 2, batchRank + 3});
      packedB = memref::CollapseShapeOp::create(b, loc, packedB, groups);
    }
    Value m = memref::DimOp::create(b, loc, a, batchRank);
    SmallVector<Value> lbs, ubs, steps;
    for (int64_t i = 0; i < batchRank; ++i)
      ubs.push_back(memref::DimOp::create(b, loc, c, i));
    ubs.push_back(arith::CeilDivUIOp::create(b, loc, m, idx(config.getMc())));
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
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }

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

  void emitTask(Value m, Value mTask, Value nTask) {
    int64_t mc = config.getMc(), nc = config.getNc(), kc = config.getKc(), mr = config.getMr(), nr = config.getNr();
    Value m0 = mul(mTask, idx(mc)), mEnd = min(add(m0, idx(mc)), m);
    Value n0 = mul(nTask, idx(nc)), nEnd = min(add(n0, idx(nc)), idx(paddedN));
    // Full register blocks of mr rows, then a tail of fewer rows.
    Value rows = sub(mEnd, m0);
    Value mFull = add(m0, mul(arith::DivUIOp::create(b, loc, rows, idx(mr)), idx(mr)));
    Value tail = sub(mEnd, mFull);
    Operand aOp{a, batch}, cOp{c, batch};

    auto body = [&](Value scratchA, Value scratchC) {
      Value hasTail = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, tail, idx(0));
      auto kLoop = scf::ForOp::create(b, loc, idx(0), idx(paddedK), idx(kc));
      OpBuilder::InsertionGuard kGuard(b);
      b.setInsertionPoint(kLoop.getBody()->getTerminator());
      Value k0 = kLoop.getInductionVar();
      Value kLen = min(idx(kc), sub(idx(paddedK), k0));
      SmallVector<Value> zeros(batchRank, idx(0));
      if (amx) {
        // The tail rows of A for this K block, zero-padded to mr rows, once for all panels.
        auto ifOp = scf::IfOp::create(b, loc, hasTail, /*withElseRegion=*/false);
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
        Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(b.getBF16Type()));
        linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{scratchA});
        copyBlock(a, indices(batch, mFull, k0), scratchA, indices(zeros, idx(0), idx(0)), tail, kLen);
      }
      auto nLoop = scf::ForOp::create(b, loc, n0, nEnd, idx(nr));
      OpBuilder::InsertionGuard nGuard(b);
      b.setInsertionPoint(nLoop.getBody()->getTerminator());
      Value nj = nLoop.getInductionVar();
      auto mLoop = scf::ForOp::create(b, loc, m0, mFull, idx(mr));
      {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(mLoop.getBody()->getTerminator());
        Value mi = mLoop.getInductionVar();
        emitBlock(mr, aOp, mi, k0, cOp, mi, nj, k0, kLen, nj);
      }
      if (amx) {
        auto ifOp = scf::IfOp::create(b, loc, hasTail, /*withElseRegion=*/false);
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
        copyBlock(c, indices(batch, mFull, nj), scratchC, indices(zeros, idx(0), idx(0)), tail, idx(nr));
        emitBlock(mr, Operand{scratchA, zeros}, idx(0), idx(0), Operand{scratchC, zeros}, idx(0), idx(0), k0,
                  kLen, nj);
        copyBlock(scratchC, indices(zeros, idx(0), idx(0)), c, indices(batch, mFull, nj), tail, idx(nr));
      } else {
        // Leftover rows one at a time: the FMA kernel needs no padding.
        auto tailLoop = scf::ForOp::create(b, loc, mFull, mEnd, idx(1));
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(tailLoop.getBody()->getTerminator());
        Value mi = tailLoop.getInductionVar();
        emitBlock(1, aOp, mi, k0, cOp, mi, nj, k0, kLen, nj);
      }
    };

    if (!amx)
      return body(Value(), Value());
    // Per-task scratch for the tail rows (heap, not stack: a stack allocation inside the task loop would
    // grow the stack on every task).
    SmallVector<int64_t> aShape(batchRank, 1), cShape(batchRank, 1);
    aShape.append({mr, kc});
    cShape.append({mr, nr});
    IntegerAttr alignment = b.getI64IntegerAttr(64);
    Value scratchA = memref::AllocOp::create(b, loc, MemRefType::get(aShape, b.getBF16Type()), alignment);
    Value scratchC = memref::AllocOp::create(b, loc, MemRefType::get(cShape, b.getF32Type()), alignment);
    body(scratchA, scratchC);
    memref::DeallocOp::create(b, loc, scratchA);
    memref::DeallocOp::create(b, loc, scratchC);
  }

  /// dst[dstIdx .. + (rows, cols)] = src[srcIdx .. + (rows, cols)] (unit batch extents).
  void copyBlock(Value src, ArrayRef<Value> srcIdx, Value dst, ArrayRef<Value> dstIdx, Value rows, Value cols) {
    auto view = [&](Value buffer, ArrayRef<Value> at) {
      int64_t rank = cast<MemRefType>(buffer.getType()).getRank();
      SmallVector<OpFoldResult> offsets(at.begin(), at.end()), sizes(rank - 2, b.getIndexAttr(1)),
          strides(rank, b.getIndexAttr(1));
      sizes.append({rows, cols});
      return memref::SubViewOp::create(b, loc, buffer, offsets, sizes, strides);
    };
    linalg::CopyOp::create(b, loc, ValueRange{view(src, srcIdx)}, ValueRange{view(dst, dstIdx)});
  }

  /// C[cRow : cRow+rows, cCol : cCol+nr] += A[aRow : aRow+rows, aCol + (k - k0)] * B[k, nj : nj+nr] for k in
  /// [k0, k0 + kLen), accumulators held in registers across the K loop.
  void emitBlock(int64_t rows, const Operand &aOp, Value aRow, Value aCol, const Operand &cOp, Value cRow,
                 Value cCol, Value k0, Value kLen, Value nj) {
    if (amx)
      emitAmxBlock(rows, aOp, aRow, aCol, cOp, cRow, cCol, k0, kLen, nj);
    else
      emitFmaBlock(rows, aOp, aRow, aCol, cOp, cRow, cCol, k0, kLen, nj);
  }

  void emitAmxBlock(int64_t rows, const Operand &aOp, Value aRow, Value aCol, const Operand &cOp, Value cRow,
                    Value cCol, Value k0, Value kLen, Value nj) {
    int64_t tm = rows / 16, tn = config.getNr() / 16;
    auto accType = amx::TileType::get({16, 16}, b.getF32Type());
    auto inType = amx::TileType::get({16, 32}, b.getBF16Type());
    SmallVector<Value> accs;
    for (int64_t r = 0; r < tm; ++r)
      for (int64_t t = 0; t < tn; ++t)
        accs.push_back(amx::TileLoadOp::create(b, loc, accType, cOp.buffer,
                                               indices(cOp.batch, add(cRow, idx(16 * r)), add(cCol, idx(16 * t)))));
    int64_t rowsPerBlock = paddedK / 2;
    Value firstBlock = arith::DivUIOp::create(b, loc, nj, idx(16));
    auto kLoop = scf::ForOp::create(
        b, loc, k0, add(k0, kLen), idx(32), accs,
        [&](OpBuilder &nb, Location, Value k, ValueRange iter) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          Value ak = add(aCol, sub(k, k0));
          SmallVector<Value> aTiles, bTiles;
          for (int64_t r = 0; r < tm; ++r)
            aTiles.push_back(amx::TileLoadOp::create(b, loc, inType, aOp.buffer,
                                                     indices(aOp.batch, add(aRow, idx(16 * r)), ak)));
          Value kPair = arith::DivUIOp::create(b, loc, k, idx(2));
          for (int64_t t = 0; t < tn; ++t) {
            Value row = add(mul(add(firstBlock, idx(t)), idx(rowsPerBlock)), kPair);
            bTiles.push_back(amx::TileLoadOp::create(b, loc, inType, packedB, indices(batch, row, idx(0))));
          }
          SmallVector<Value> next;
          for (int64_t r = 0; r < tm; ++r)
            for (int64_t t = 0; t < tn; ++t)
              next.push_back(amx::TileMulFOp::create(b, loc, accType, aTiles[r], bTiles[t], iter[r * tn + t]));
          scf::YieldOp::create(b, loc, next);
        });
    for (int64_t r = 0; r < tm; ++r)
      for (int64_t t = 0; t < tn; ++t)
        amx::TileStoreOp::create(b, loc, cOp.buffer,
                                 indices(cOp.batch, add(cRow, idx(16 * r)), add(cCol, idx(16 * t))),
                                 kLoop.getResult(r * tn + t));
  }

  void emitFmaBlock(int64_t rows, const Operand &aOp, Value aRow, Value aCol, const Operand &cOp, Value cRow,
                    Value cCol, Value k0, Value kLen, Value nj) {
    int64_t vectors = config.getNr() / 16;
    auto vecType = VectorType::get({16}, b.getF32Type());
    SmallVector<Value> accs;
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        accs.push_back(vector::LoadOp::create(b, loc, vecType, cOp.buffer,
                                              indices(cOp.batch, add(cRow, idx(r)), add(cCol, idx(16 * v)))));
    Value panel = arith::DivUIOp::create(b, loc, nj, idx(config.getNr()));
    auto kLoop = scf::ForOp::create(
        b, loc, k0, add(k0, kLen), idx(1), accs, [&](OpBuilder &nb, Location, Value k, ValueRange iter) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          SmallVector<Value> bRows;
          for (int64_t v = 0; v < vectors; ++v) {
            SmallVector<Value> at(batch);
            at.append({panel, k, idx(16 * v)});
            bRows.push_back(vector::LoadOp::create(b, loc, vecType, packedB, at));
          }
          Value ak = add(aCol, sub(k, k0));
          SmallVector<Value> next;
          for (int64_t r = 0; r < rows; ++r) {
            Value s = memref::LoadOp::create(b, loc, aOp.buffer, indices(aOp.batch, add(aRow, idx(r)), ak));
            Value splat = vector::BroadcastOp::create(b, loc, vecType, s);
            for (int64_t v = 0; v < vectors; ++v)
              next.push_back(vector::FMAOp::create(b, loc, splat, bRows[v], iter[r * vectors + v]));
          }
          scf::YieldOp::create(b, loc, next);
        });
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t v = 0; v < vectors; ++v)
        vector::StoreOp::create(b, loc, kLoop.getResult(r * vectors + v), cOp.buffer,
                                indices(cOp.batch, add(cRow, idx(r)), add(cCol, idx(16 * v))));
  }

  OpBuilder &b;
  Location loc;
  LoweringConfigAttr config;
  Value a, packedB, c;
  int64_t batchRank = 0, paddedK = 0, paddedN = 0;
  bool amx = false;
  SmallVector<Value> batch;
};

struct LowerMicrokernelsPass : public inductor::impl::LowerMicrokernelsBase<LowerMicrokernelsPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> work;
    WalkResult result = getOperation().walk([&](linalg::GenericOp op) {
      LoweringConfigAttr config = getLoweringConfig(op);
      if (!config || config.getKind() == MicrokernelKind::Generic)
        return WalkResult::advance();
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
    for (linalg::GenericOp op : work) {
      Value a = op.getDpsInputOperand(0)->get(), packedB = op.getDpsInputOperand(1)->get();
      Value c = op.getDpsInitOperand(0)->get();
      // Tile loads and vector loads need unit-stride rows; anything else keeps the (correct) loop lowering.
      if (!hasContiguousRows(a) || !hasContiguousRows(c) ||
          !cast<MemRefType>(packedB.getType()).getLayout().isIdentity())
        continue;
      OpBuilder b(op);
      KernelEmitter(b, op.getLoc(), getLoweringConfig(op), a, packedB, c).emit();
      op.erase();
    }
  }
};

} // namespace
