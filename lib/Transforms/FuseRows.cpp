//===- FuseRows.cpp - Consecutive row-wise ops on buffers, block by block -===//
//
// A softmax or a layer_norm lowers to a handful of linalg ops over the same rows (reductions along the rows,
// elementwise ops between them). Run one after the other, each op streams the whole tensor through the
// caches again and is its own parallel region. This pass runs such a run of ops row block by row block in
// one parallel loop, so that the rows an op writes are still in L1 when the next op reads them.
//
//===----------------------------------------------------------------------===//

#include "Elementwise.h"
#include "Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::inductor {
#define GEN_PASS_DEF_FUSEROWS
#include "Transforms/Passes.h.inc"
} // namespace mlir::inductor

using namespace mlir;
using namespace mlir::inductor;

namespace {

/// How an op of a run touches one buffer: through which view, at which buffer dim its row loop appears
/// (-1: not at all), and whether it writes it.
struct Access {
  Value root;
  bool rows = false; // the access covers whole rows of the root (see rowAccess)
  bool write = false;
  int64_t rowBytes = 0; // bytes of the root per row, when `rows`
};

/// The allocation (or block argument) behind a chain of reshapes, which keep the flat order of elements.
Value rootOf(Value v) {
  while (Operation *def = v.getDefiningOp()) {
    if (auto e = dyn_cast<memref::ExpandShapeOp>(def))
      v = e.getSrc();
    else if (auto c = dyn_cast<memref::CollapseShapeOp>(def))
      v = c.getSrc();
    else
      break;
  }
  return v;
}

/// The row loop's position in the run and its extent.
struct RowLoop {
  int64_t dim = 0;
  int64_t extent = 0;
};

/// Row `r` of the view `v` (buffer dim `pos` indexed by the row loop of `rows` rows) is the flat range
/// [r * inner, (r + 1) * inner) of its root when the view is contiguous with identity layout and every dim
/// before `pos` is 1: then each op touching the root this way touches exactly its rows.
bool coversWholeRows(Value v, int64_t pos, int64_t rows) {
  auto type = dyn_cast<MemRefType>(v.getType());
  auto rootType = dyn_cast<MemRefType>(rootOf(v).getType());
  if (!type || !rootType || !type.getLayout().isIdentity() || !rootType.getLayout().isIdentity() ||
      !type.hasStaticShape() || type.getDimSize(pos) != rows)
    return false;
  for (int64_t i = 0; i < pos; ++i)
    if (type.getDimSize(i) != 1)
      return false;
  return true;
}

/// The row loop of a candidate op: the first loop longer than 1 (the one inductor-parallelize-elementwise
/// would split), parallel and static; a fill's first dim longer than 1.
std::optional<RowLoop> rowLoopOf(Operation *op) {
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    auto type = dyn_cast<MemRefType>(fill.getOutputs()[0].getType());
    if (!type || !type.hasStaticShape() || type.getRank() == 0)
      return std::nullopt;
    int64_t dim = 0;
    while (dim + 1 < type.getRank() && type.getDimSize(dim) == 1)
      ++dim;
    return RowLoop{dim, type.getDimSize(dim)};
  }
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || !generic.hasPureBufferSemantics() || generic.getNumLoops() == 0 ||
      !isTileableElementwise(generic, /*allowReductions=*/true))
    return std::nullopt;
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  int64_t dim = 0;
  while (dim + 1 < int64_t(ranges.size()) && ranges[dim] == 1)
    ++dim;
  if (ShapedType::isDynamic(ranges[dim]) || generic.getIteratorTypesArray()[dim] != utils::IteratorType::parallel)
    return std::nullopt;
  // Each row block must write its own part of every output.
  for (OpOperand &init : generic.getDpsInitsMutable())
    if (!generic.getMatchingIndexingMap(&init).isFunctionOfDim(dim))
      return std::nullopt;
  return RowLoop{dim, ranges[dim]};
}

/// The buffers an op touches, and how.
SmallVector<Access> accessesOf(Operation *op, RowLoop loop) {
  SmallVector<Access> result;
  auto add = [&](Value v, std::optional<int64_t> pos, bool write) {
    Access a{rootOf(v), false, write, 0};
    auto rootType = cast<MemRefType>(a.root.getType());
    if (pos && coversWholeRows(v, *pos, loop.extent) && rootType.hasStaticShape()) {
      a.rows = true;
      a.rowBytes = rootType.getNumElements() / loop.extent * (rootType.getElementTypeBitWidth() / 8);
    }
    result.push_back(a);
  };
  if (auto fill = dyn_cast<linalg::FillOp>(op)) {
    add(fill.getOutputs()[0], loop.dim, /*write=*/true);
    return result;
  }
  auto generic = cast<linalg::GenericOp>(op);
  for (OpOperand &operand : generic->getOpOperands()) {
    std::optional<int64_t> pos;
    for (auto [i, e] : llvm::enumerate(generic.getMatchingIndexingMap(&operand).getResults()))
      if (auto d = dyn_cast<AffineDimExpr>(e); d && d.getPosition() == loop.dim)
        pos = i;
    add(operand.get(), pos, generic.isDpsInit(&operand));
  }
  return result;
}

/// Ops that may sit between the ops of a run: no memory effects on existing buffers (new allocations,
/// views, constants). They move before the fused loop.
bool isMovable(Operation *op) {
  return isa<memref::AllocOp, memref::ExpandShapeOp, memref::CollapseShapeOp, arith::ConstantOp>(op);
}

struct Run {
  SmallVector<Operation *> ops;   // fills and generics, in order
  SmallVector<int64_t> dims;      // the row loop of each
  SmallVector<Operation *> moved; // allocations and views between them
  RowLoop loop;
  // Per root: written by some op of the run, and touched by whole rows only.
  llvm::MapVector<Value, std::pair<bool, bool>> roots;
  llvm::DenseMap<Value, int64_t> rowBytes;

  bool valid() const {
    return llvm::all_of(roots, [](auto &entry) { return !entry.second.first || entry.second.second; });
  }
};

struct FuseRowsPass : public inductor::impl::FuseRowsBase<FuseRowsPass> {
  using FuseRowsBase::FuseRowsBase;

  void runOnOperation() override {
    if (minElements < 0 || chunks < 1 || blockBytes < 1) {
      getOperation().emitError("inductor-fuse-rows: min-elements must be >= 0, chunks and block-bytes >= 1");
      return signalPassFailure();
    }
    std::vector<Run> runs;
    getOperation().walk([&](Block *block) {
      if (block->getParentOp()->getParentOfType<scf::ParallelOp>() || isa<scf::ParallelOp>(block->getParentOp()))
        return;
      collectRuns(*block, runs);
    });
    for (Run &run : runs)
      fuse(run);
  }

  /// Adds `op` (and the movable ops before it) to `run` if the run stays row-local.
  static bool tryAdd(Run &run, Operation *op, RowLoop loop, ArrayRef<Operation *> moves) {
    Run grown = run;
    grown.loop = loop;
    grown.moved.append(moves.begin(), moves.end());
    grown.ops.push_back(op);
    grown.dims.push_back(loop.dim);
    for (const Access &a : accessesOf(op, loop)) {
      auto [it, inserted] = grown.roots.insert({a.root, {a.write, a.rows}});
      if (!inserted) {
        it->second.first |= a.write;
        it->second.second &= a.rows;
      }
      if (a.rows)
        grown.rowBytes[a.root] = a.rowBytes;
    }
    if (!grown.valid())
      return false;
    run = std::move(grown);
    return true;
  }

  /// Greedy: a run grows op by op while every op has the same row loop extent and the run stays row-local
  /// (an op that would read or write one of its buffers across rows ends it, and may start the next).
  void collectRuns(Block &block, std::vector<Run> &runs) {
    Run current;
    SmallVector<Operation *> pendingMoves;
    auto finish = [&] {
      if (worthFusing(current))
        runs.push_back(current);
      current = Run();
      pendingMoves.clear();
    };
    for (Operation &op : block) {
      if (isMovable(&op)) {
        if (!current.ops.empty())
          pendingMoves.push_back(&op);
        continue;
      }
      std::optional<RowLoop> loop = rowLoopOf(&op);
      bool joins = loop && loop->extent == current.loop.extent;
      if (!current.ops.empty() && !joins && isIndependentOfRun(current, pendingMoves, &op)) {
        pendingMoves.push_back(&op);
        continue;
      }
      if (!loop || loop->extent < 2) {
        finish();
        continue;
      }
      if (!current.ops.empty() && current.loop.extent == loop->extent && tryAdd(current, &op, *loop, pendingMoves)) {
        pendingMoves.clear();
        continue;
      }
      finish();
      Run fresh;
      if (tryAdd(fresh, &op, *loop, {}))
        current = std::move(fresh);
    }
    finish();
  }

  /// A generic on buffers that writes only fresh allocations the run does not touch, reads nothing the run
  /// writes, and whose values are all ready before the run: it may move before the run, like an allocation
  /// (an argument it writes could alias what the run reads). A layer_norm's bf16 weight and bias widened to
  /// f32 sit between its statistics and the normalization otherwise.
  static bool isIndependentOfRun(const Run &run, ArrayRef<Operation *> pendingMoves, Operation *op) {
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic || !generic.hasPureBufferSemantics())
      return false;
    // It writes only fresh allocations, and reads no buffer the run writes (seen through any view).
    auto buffer = [](Value v) -> Value {
      auto memref = dyn_cast<MemrefValue>(v);
      return memref ? memref::skipViewLikeOps(memref) : v;
    };
    for (OpOperand &operand : generic->getOpOperands()) {
      Value target = buffer(operand.get());
      if (generic.isDpsInit(&operand) &&
          (!target.getDefiningOp<memref::AllocOp>() ||
           llvm::any_of(run.roots, [&](auto &entry) { return buffer(entry.first) == target; })))
        return false;
      if (llvm::any_of(run.roots, [&](auto &entry) { return entry.second.first && buffer(entry.first) == target; }))
        return false;
    }
    Operation *first = run.ops.front();
    llvm::SetVector<Value> used;
    getUsedValuesDefinedAbove(generic.getRegion(), used);
    used.insert(generic->operand_begin(), generic->operand_end());
    // Values from enclosing blocks (and block arguments) dominate the whole run already.
    return llvm::all_of(used, [&](Value v) {
      Operation *def = v.getDefiningOp();
      return !def || def->getBlock() != first->getBlock() || def->isBeforeInBlock(first) ||
             llvm::is_contained(run.moved, def) || llvm::is_contained(pendingMoves, def);
    });
  }

  bool worthFusing(const Run &run) const {
    if (run.ops.size() < 2)
      return false;
    int64_t largest = 0;
    for (Operation *op : run.ops) {
      int64_t elements = 1;
      if (auto generic = dyn_cast<linalg::GenericOp>(op))
        elements = computeProduct(generic.getStaticLoopRanges());
      else
        elements = cast<MemRefType>(cast<linalg::FillOp>(op).getOutputs()[0].getType()).getNumElements();
      largest = std::max(largest, elements);
    }
    return largest >= minElements;
  }

  void fuse(Run &run) {
    Operation *first = run.ops.front();
    for (Operation *op : run.moved)
      op->moveBefore(first);
    OpBuilder b(first);
    Location loc = first->getLoc();
    int64_t rows = run.loop.extent, perRow = 0;
    for (auto &entry : run.rowBytes)
      perRow += entry.second;
    int64_t blockRows = std::clamp<int64_t>(blockBytes / std::max<int64_t>(perRow, 1), 1, rows);
    // Slices of whole row blocks, as many as asked for (at most one block each).
    int64_t blocks = (rows + blockRows - 1) / blockRows;
    int64_t slices = std::min<int64_t>(chunks, blocks);
    int64_t sliceRows = (blocks + slices - 1) / slices * blockRows;
    slices = (rows + sliceRows - 1) / sliceRows;

    // The full iteration space of every op, for the dims other than the row loop.
    SmallVector<SmallVector<OpFoldResult>> spaces;
    for (Operation *op : run.ops) {
      SmallVector<OpFoldResult> sizes;
      if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
        for (Range r : cast<linalg::LinalgOp>(op).createLoopRanges(b, loc))
          sizes.push_back(r.size);
      } else {
        for (int64_t d : cast<MemRefType>(cast<linalg::FillOp>(op).getOutputs()[0].getType()).getShape())
          sizes.push_back(b.getIndexAttr(d));
      }
      spaces.push_back(sizes);
    }
    SmallVector<Value> locals = blockLocalRoots(run);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0), one = arith::ConstantIndexOp::create(b, loc, 1);
    Value total = arith::ConstantIndexOp::create(b, loc, rows);
    Value sliceStep = arith::ConstantIndexOp::create(b, loc, sliceRows);
    Value blockStep = arith::ConstantIndexOp::create(b, loc, blockRows);
    scf::ParallelOp::create(
        b, loc, ValueRange{zero}, ValueRange{arith::ConstantIndexOp::create(b, loc, slices)}, ValueRange{one},
        [&](OpBuilder &pb, Location pl, ValueRange ivs) {
          Value begin = arith::MulIOp::create(pb, pl, ivs[0], sliceStep);
          Value end = arith::MinUIOp::create(pb, pl, arith::AddIOp::create(pb, pl, begin, sliceStep), total);
          // Buffers only the run uses hold one block of rows per slice, which stays in L1 (the whole
          // buffer would be written back to memory).
          IRMapping scratch;
          SmallVector<Value> scratchRoots;
          llvm::SmallPtrSet<Value, 8> blocks; // the scratch buffers and their views
          for (Value root : locals) {
            Value block = memref::AllocOp::create(pb, pl, withRows(cast<MemRefType>(root.getType()), rows, blockRows),
                                                  pb.getI64IntegerAttr(64));
            scratch.map(root, block);
            scratchRoots.push_back(block);
            for (Operation *user : root.getUsers()) {
              if (auto e = dyn_cast<memref::ExpandShapeOp>(user))
                scratch.map(e.getResult(),
                            memref::ExpandShapeOp::create(pb, pl, withRows(e.getResultType(), rows, blockRows), block,
                                                          e.getReassociationIndices()));
              else if (auto c = dyn_cast<memref::CollapseShapeOp>(user))
                scratch.map(c.getResult(),
                            memref::CollapseShapeOp::create(pb, pl, block, c.getReassociationIndices()));
            }
          }
          for (auto &entry : scratch.getValueMap())
            blocks.insert(entry.second);
          scf::ForOp::create(pb, pl, begin, end, blockStep, ValueRange{},
                             [&](OpBuilder &fb, Location fl, Value row, ValueRange) {
                               Value len = arith::MinUIOp::create(
                                   fb, fl, blockStep, arith::SubIOp::create(fb, fl, end, row));
                               for (auto [op, space, dim] : llvm::zip(run.ops, spaces, run.dims))
                                 cloneOnRows(fb, fl, op, space, dim, row, len, scratch, blocks);
                               scf::YieldOp::create(fb, fl);
                             });
          for (Value block : scratchRoots)
            memref::DeallocOp::create(pb, pl, block);
          scf::ReduceOp::create(pb, pl);
        });
    for (Operation *op : run.ops)
      op->erase();
    // The whole-size buffers the scratch blocks replaced: now used by their views and deallocations only.
    for (Value root : locals) {
      for (Operation *user : llvm::make_early_inc_range(root.getUsers()))
        if (!isa<memref::DeallocOp>(user)) {
          for (Operation *viewUser : llvm::make_early_inc_range(user->getUsers()))
            viewUser->erase();
          user->erase();
        }
      for (Operation *user : llvm::make_early_inc_range(root.getUsers()))
        user->erase();
      root.getDefiningOp()->erase();
    }
  }

  /// `type` with its row dim (the first one of `rows` elements) holding `blockRows` instead.
  static MemRefType withRows(MemRefType type, int64_t rows, int64_t blockRows) {
    SmallVector<int64_t> shape(type.getShape());
    for (int64_t &d : shape)
      if (d == rows) {
        d = blockRows;
        break;
      }
    return MemRefType::get(shape, type.getElementType());
  }

  /// Allocations of the function that only the run's ops (and deallocations) use, directly or through one
  /// reshape, accessed by whole rows: the run may keep one block of their rows at a time.
  static SmallVector<Value> blockLocalRoots(const Run &run) {
    llvm::SmallPtrSet<Operation *, 8> ops(run.ops.begin(), run.ops.end());
    SmallVector<Value> locals;
    for (auto &[root, info] : run.roots) {
      auto alloc = root.getDefiningOp<memref::AllocOp>();
      if (!alloc || !info.second || !alloc.getType().hasStaticShape() || !alloc.getType().getLayout().isIdentity())
        continue;
      // The rows must be the first dim longer than 1 of the buffer and of each view.
      auto rowsFirst = [&](MemRefType type) {
        for (int64_t d : type.getShape())
          if (d != 1)
            return d == run.loop.extent;
        return false;
      };
      bool onlyRun = rowsFirst(alloc.getType());
      for (Operation *user : root.getUsers()) {
        if (isa<memref::DeallocOp>(user) || ops.contains(user))
          continue;
        if (!isa<memref::ExpandShapeOp, memref::CollapseShapeOp>(user) ||
            !rowsFirst(cast<MemRefType>(user->getResult(0).getType()))) {
          onlyRun = false;
          break;
        }
        for (Operation *viewUser : user->getUsers())
          onlyRun &= ops.contains(viewUser);
      }
      if (onlyRun)
        locals.push_back(root);
    }
    return locals;
  }

  /// `op` on rows [row, row + len) of its row loop `dim`; buffers in `scratch` hold just the block's rows.
  static void cloneOnRows(OpBuilder &b, Location loc, Operation *op, ArrayRef<OpFoldResult> space, int64_t dim,
                          Value row, Value len, const IRMapping &scratch,
                          const llvm::SmallPtrSet<Value, 8> &blocks) {
    SmallVector<OpFoldResult> offsets(space.size(), b.getIndexAttr(0)), sizes(space);
    offsets[dim] = row;
    sizes[dim] = len;
    if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
      cloneOnTile(
          b, loc, generic, offsets, sizes, [&](Value v) { return scratch.lookupOrDefault(v); },
          [&](Value v) { return blocks.contains(v); });
      return;
    }
    auto fill = cast<linalg::FillOp>(op);
    Value out = scratch.lookupOrDefault(fill.getOutputs()[0]);
    if (blocks.contains(out))
      offsets[dim] = b.getIndexAttr(0);
    SmallVector<OpFoldResult> strides(space.size(), b.getIndexAttr(1));
    Value view = memref::SubViewOp::create(b, loc, out, offsets, sizes, strides);
    linalg::FillOp::create(b, loc, fill.getInputs(), ValueRange{view});
  }
};

} // namespace
