// Elementwise aten ops -> one linalg.generic each, with PyTorch broadcasting and type promotion. Arithmetic
// runs in the "opmath" type (f32 for bf16/f16 results) and is cast to the result dtype once.
#include "Utils.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

#include <cmath>

using namespace mlir;
using namespace mlir::aten;

namespace mlir::inductor {
namespace {

RankedTensorType resultTensorType(Operation *op) { return cast<RankedTensorType>(op->getResult(0).getType()); }

Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value one = numberConstant(b, loc, 1.0, t);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, e));
}

/// Integer power by squaring (math.ipowi has no lowering to LLVM in the pipeline). Negative exponents follow
/// PyTorch's integer pow: 1 for base 1, -1 or 1 (by parity) for base -1, 0 otherwise.
Value intPow(OpBuilder &b, Location loc, Value x, Value e) {
  Type t = x.getType();
  if (isBool(t))
    return math::IPowIOp::create(b, loc, x, e);
  Value zero = numberConstant(b, loc, 0, t), one = numberConstant(b, loc, 1, t);
  Value minusOne = numberConstant(b, loc, -1, t);
  auto loop = scf::WhileOp::create(
      b, loc, TypeRange{t, t, t}, ValueRange{one, x, e},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value more = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sgt, args[2], zero);
        scf::ConditionOp::create(nb, l, more, args);
      },
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value r = args[0], base = args[1], exp = args[2];
        Value odd = arith::TruncIOp::create(nb, l, nb.getI1Type(), exp);
        r = arith::SelectOp::create(nb, l, odd, arith::MulIOp::create(nb, l, r, base), r);
        base = arith::MulIOp::create(nb, l, base, base);
        exp = arith::ShRSIOp::create(nb, l, exp, one);
        scf::YieldOp::create(nb, l, ValueRange{r, base, exp});
      });
  Value negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, e, zero);
  Value oddExp = arith::TruncIOp::create(b, loc, b.getI1Type(), e);
  Value isOne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, one);
  Value isMinusOne = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, minusOne);
  Value negResult = arith::SelectOp::create(
      b, loc, isOne, one,
      arith::SelectOp::create(b, loc, isMinusOne, arith::SelectOp::create(b, loc, oddExp, minusOne, one), zero));
  return arith::SelectOp::create(b, loc, negative, negResult, loop.getResult(0));
}

/// x + alpha * y, skipping the multiplication when alpha is 1.
Value addScaled(OpBuilder &b, Location loc, Value x, Value y, TypedAttr alpha, bool subtract) {
  if (scalarAsDouble(alpha) != 1.0)
    y = createMul(b, loc, y, scalarConstant(b, loc, alpha, y.getType()));
  return subtract ? createSub(b, loc, x, y) : createAdd(b, loc, x, y);
}

/// Lowers `op` to an elementwise generic over `inputs` (tensors) whose body receives the inputs converted to
/// the compute type of the result and returns a compute-type value, cast to the result dtype.
LogicalResult lowerComputing(Operation *op, ValueRange inputs, ConversionPatternRewriter &rewriter,
                             function_ref<Value(OpBuilder &, Location, ValueRange, Type)> fn) {
  RankedTensorType resultType = resultTensorType(op);
  Type resultDtype = resultType.getElementType();
  Type compute = getComputeType(resultDtype);
  Value result = buildElementwise(rewriter, op->getLoc(), resultType, inputs,
                                  [&](OpBuilder &b, Location loc, ValueRange args) {
                                    SmallVector<Value> converted;
                                    for (Value a : args)
                                      converted.push_back(castScalar(b, loc, a, compute));
                                    Value result = fn(b, loc, converted, compute);
                                    // Rounding to bf16 or f16 storage (2^-9 relative or coarser) dwarfs the
                                    // few f32 ulps of the approximate exp (inductor-approximate-math).
                                    if (compute != resultDtype)
                                      for (auto exp : b.getInsertionBlock()->getOps<math::ExpOp>())
                                        exp.setFastmath(exp.getFastmath() | arith::FastMathFlags::afn);
                                    return castScalar(b, loc, result, resultDtype);
                                  });
  rewriter.replaceOp(op, result);
  return success();
}

template <typename OpTy>
struct BinaryArithmeticPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> inputs = {adaptor.getSelf()};
    constexpr bool tensorOther = std::is_same_v<OpTy, AddTensorOp> || std::is_same_v<OpTy, SubTensorOp> ||
                                 std::is_same_v<OpTy, RsubTensorOp> || std::is_same_v<OpTy, MulTensorOp> ||
                                 std::is_same_v<OpTy, DivTensorOp>;
    if constexpr (tensorOther)
      inputs.push_back(adaptor.getOther());
    return lowerComputing(op, inputs, rewriter, [&](OpBuilder &b, Location loc, ValueRange a, Type t) -> Value {
      Value x = a[0], y;
      if constexpr (tensorOther)
        y = a[1];
      else
        y = scalarConstant(b, loc, op.getOther(), t);
      if constexpr (std::is_same_v<OpTy, AddTensorOp> || std::is_same_v<OpTy, AddScalarOp>)
        return addScaled(b, loc, x, y, op.getAlpha(), false);
      else if constexpr (std::is_same_v<OpTy, SubTensorOp> || std::is_same_v<OpTy, SubScalarOp>)
        return addScaled(b, loc, x, y, op.getAlpha(), true);
      else if constexpr (std::is_same_v<OpTy, RsubTensorOp> || std::is_same_v<OpTy, RsubScalarOp>)
        return addScaled(b, loc, y, x, op.getAlpha(), true); // other - alpha * self
      else if constexpr (std::is_same_v<OpTy, MulTensorOp> || std::is_same_v<OpTy, MulScalarOp>)
        return createMul(b, loc, x, y);
      else
        return arith::DivFOp::create(b, loc, x, y); // true division: the result type is floating point
    });
  }
};

struct PowTensorScalarPattern : OpConversionPattern<PowTensorScalarOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PowTensorScalarOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    double e = scalarAsDouble(op.getExponent());
    bool integralExponent = isa<IntegerAttr>(op.getExponent());
    return lowerComputing(op, adaptor.getSelf(), rewriter, [&](OpBuilder &b, Location loc, ValueRange a, Type t) -> Value {
      Value x = a[0];
      if (e == 2.0)
        return createMul(b, loc, x, x);
      if (e == 1.0)
        return x;
      if (isFloat(t)) {
        // The exponents PyTorch's CPU kernel computes with multiplications, a division or a root rather
        // than pow, computed the same way (the same bits in f32): x^3 is gelu's tanh approximation (GPT-2),
        // where a libm powf per element had been 17 % of the model in bf16 on one core.
        if (e == 0.5)
          return math::SqrtOp::create(b, loc, x);
        if (e == 3.0)
          return createMul(b, loc, createMul(b, loc, x, x), x);
        if (e == -0.5)
          return math::RsqrtOp::create(b, loc, x);
        if (e == -1.0 || e == -2.0) {
          Value one = arith::ConstantOp::create(b, loc, t, b.getFloatAttr(t, 1.0));
          return arith::DivFOp::create(b, loc, one, e == -1.0 ? x : createMul(b, loc, x, x));
        }
        if (integralExponent)
          return math::FPowIOp::create(b, loc, x, numberConstant(b, loc, e, b.getI32Type()));
        return math::PowFOp::create(b, loc, x, numberConstant(b, loc, e, t));
      }
      return intPow(b, loc, x, numberConstant(b, loc, e, t));
    });
  }
};

struct PowTensorTensorPattern : OpConversionPattern<PowTensorTensorOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PowTensorTensorOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    return lowerComputing(op, {adaptor.getSelf(), adaptor.getExponent()}, rewriter,
                          [&](OpBuilder &b, Location loc, ValueRange a, Type t) -> Value {
                            if (isFloat(t))
                              return math::PowFOp::create(b, loc, a[0], a[1]);
                            return intPow(b, loc, a[0], a[1]);
                          });
  }
};

/// Unary ops whose body only depends on the converted input.
template <typename OpTy>
struct UnaryPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    return lowerComputing(op, adaptor.getSelf(), rewriter, [&](OpBuilder &b, Location loc, ValueRange a, Type t) -> Value {
      Value x = a[0];
      if constexpr (std::is_same_v<OpTy, NegOp>)
        return isFloat(t) ? Value(arith::NegFOp::create(b, loc, x)) : createSub(b, loc, numberConstant(b, loc, 0, t), x);
      else if constexpr (std::is_same_v<OpTy, AbsOp>)
        return isFloat(t) ? Value(math::AbsFOp::create(b, loc, x))
               : isBool(t) ? x
                           : Value(math::AbsIOp::create(b, loc, x));
      else if constexpr (std::is_same_v<OpTy, ReluOp>)
        return isBool(t) ? x : createMax(b, loc, x, numberConstant(b, loc, 0, t));
      else if constexpr (std::is_same_v<OpTy, ExpOp>)
        return math::ExpOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, LogOp>)
        return math::LogOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, SqrtOp>)
        return math::SqrtOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, RsqrtOp>)
        return math::RsqrtOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, ErfOp>)
        return math::ErfOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, CosOp>)
        return math::CosOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, SinOp>)
        return math::SinOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, TanhOp>)
        return math::TanhOp::create(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, SigmoidOp>)
        return sigmoid(b, loc, x);
      else if constexpr (std::is_same_v<OpTy, SiluOp>)
        return arith::MulFOp::create(b, loc, x, sigmoid(b, loc, x));
      else if constexpr (std::is_same_v<OpTy, GeluOp>) {
        Value half = numberConstant(b, loc, 0.5, t), one = numberConstant(b, loc, 1.0, t);
        Value inner;
        if (op.getApproximate() == "tanh") {
          // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
          Value x3 = arith::MulFOp::create(b, loc, x, arith::MulFOp::create(b, loc, x, x));
          Value poly = arith::AddFOp::create(
              b, loc, x, arith::MulFOp::create(b, loc, numberConstant(b, loc, 0.044715, t), x3));
          inner = math::TanhOp::create(
              b, loc, arith::MulFOp::create(b, loc, numberConstant(b, loc, std::sqrt(2.0 / M_PI), t), poly));
        } else {
          // 0.5 x (1 + erf(x / sqrt(2)))
          inner = math::ErfOp::create(
              b, loc, arith::MulFOp::create(b, loc, x, numberConstant(b, loc, M_SQRT1_2, t)));
        }
        return arith::MulFOp::create(b, loc, arith::MulFOp::create(b, loc, half, x),
                                     arith::AddFOp::create(b, loc, one, inner));
      }
    });
  }
};

/// logical_not works on the input as bool, whatever its dtype.
struct LogicalNotPattern : OpConversionPattern<LogicalNotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LogicalNotOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value result = buildElementwise(rewriter, op.getLoc(), resultTensorType(op), adaptor.getSelf(),
                                    [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
                                      Value asBool = castScalar(b, loc, a[0], b.getI1Type());
                                      return arith::XOrIOp::create(b, loc, asBool,
                                                                   numberConstant(b, loc, 1, b.getI1Type()));
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

template <typename OpTy>
struct ClampLikePattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    std::optional<TypedAttr> lo, hi;
    if constexpr (std::is_same_v<OpTy, ClampOp>) {
      lo = op.getMin();
      hi = op.getMax();
    } else {
      lo = op.getMinVal();
      hi = op.getMaxVal();
    }
    return lowerComputing(op, adaptor.getSelf(), rewriter, [&](OpBuilder &b, Location loc, ValueRange a, Type t) {
      Value x = a[0];
      // max last: PyTorch returns max when min > max.
      if (lo)
        x = createMax(b, loc, x, scalarConstant(b, loc, *lo, t));
      if (hi)
        x = createMin(b, loc, x, scalarConstant(b, loc, *hi, t));
      return x;
    });
  }
};

struct WherePattern : OpConversionPattern<WhereSelfOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(WhereSelfOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Type dtype = resultTensorType(op).getElementType();
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultTensorType(op),
        ValueRange{adaptor.getCondition(), adaptor.getSelf(), adaptor.getOther()},
        [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
          return arith::SelectOp::create(b, loc, a[0], castScalar(b, loc, a[1], dtype),
                                         castScalar(b, loc, a[2], dtype));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct MaskedFillPattern : OpConversionPattern<MaskedFillScalarOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(MaskedFillScalarOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType resultType = resultTensorType(op);
    Type dtype = resultType.getElementType();
    // The result keeps the shape of self; the mask broadcasts to it.
    SmallVector<OpFoldResult> sizes = getDimSizes(rewriter, op.getLoc(), adaptor.getSelf());
    Value result = buildElementwise(rewriter, op.getLoc(), resultType, ValueRange{adaptor.getSelf(), adaptor.getMask()},
                                    sizes, [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
                                      Value fill = scalarConstant(b, loc, op.getValue(), dtype);
                                      return arith::SelectOp::create(b, loc, a[1], fill, a[0]);
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Comparisons run in the promoted type of their operands and produce bool.
template <typename OpTy, arith::CmpFPredicate FPred, arith::CmpIPredicate IPred, bool TensorOther>
struct ComparisonPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> inputs = {adaptor.getSelf()};
    SmallVector<TypeOperand> operands = {TypeOperand::of(op.getSelf())};
    TypedAttr scalar;
    if constexpr (TensorOther) {
      inputs.push_back(adaptor.getOther());
      operands.push_back(TypeOperand::of(op.getOther()));
    } else {
      scalar = op.getOther();
      operands.push_back(TypeOperand::of(scalar));
    }
    // PyTorch casts both operands to the promoted dtype before comparing (a bf16 tensor is compared with
    // the bf16 rounding of an f32 0-d tensor or Scalar); the comparison itself runs in its compute type.
    // bool operands are compared as 0/1 integers (i1 predicates would be signed: true < false).
    Type promoted = resultType(operands, op->getContext());
    Type common = isBool(promoted) ? rewriter.getI8Type() : getComputeType(promoted);
    Value result = buildElementwise(rewriter, op.getLoc(), resultTensorType(op), inputs,
                                    [&](OpBuilder &b, Location loc, ValueRange a) -> Value {
                                      auto toCommon = [&](Value v) {
                                        return castScalar(b, loc, castScalar(b, loc, v, promoted), common);
                                      };
                                      Value x = toCommon(a[0]);
                                      Value y = scalar ? toCommon(scalarConstant(b, loc, scalar, promoted))
                                                       : toCommon(a[1]);
                                      if (isFloat(common))
                                        return arith::CmpFOp::create(b, loc, FPred, x, y);
                                      return arith::CmpIOp::create(b, loc, IPred, x, y);
                                    });
    rewriter.replaceOp(op, result);
    return success();
  }
};

template <typename OpTy>
struct CastPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    Value in = adaptor.getSelf();
    replaceOpWithCast(rewriter, op, castTensor(rewriter, op.getLoc(), in, resultTensorType(op).getElementType()));
    return success();
  }
};

/// Ops that are the identity on values in inference (value semantics make copies unnecessary).
template <typename OpTy>
struct IdentityPattern : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  using Adaptor = typename OpConversionPattern<OpTy>::OpAdaptor;
  LogicalResult matchAndRewrite(OpTy op, Adaptor adaptor, ConversionPatternRewriter &rewriter) const override {
    replaceOpWithCast(rewriter, op, adaptor.getOperands()[0]);
    return success();
  }
};

} // namespace

void populateElementwisePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BinaryArithmeticPattern<AddTensorOp>, BinaryArithmeticPattern<AddScalarOp>,
               BinaryArithmeticPattern<SubTensorOp>, BinaryArithmeticPattern<SubScalarOp>,
               BinaryArithmeticPattern<RsubTensorOp>, BinaryArithmeticPattern<RsubScalarOp>,
               BinaryArithmeticPattern<MulTensorOp>, BinaryArithmeticPattern<MulScalarOp>,
               BinaryArithmeticPattern<DivTensorOp>, BinaryArithmeticPattern<DivScalarOp>>(ctx);
  patterns.add<PowTensorScalarPattern, PowTensorTensorPattern, LogicalNotPattern, WherePattern,
               MaskedFillPattern>(ctx);
  patterns.add<UnaryPattern<NegOp>, UnaryPattern<AbsOp>, UnaryPattern<ReluOp>, UnaryPattern<ExpOp>,
               UnaryPattern<LogOp>, UnaryPattern<SqrtOp>, UnaryPattern<RsqrtOp>, UnaryPattern<ErfOp>,
               UnaryPattern<CosOp>, UnaryPattern<SinOp>,
               UnaryPattern<TanhOp>, UnaryPattern<SigmoidOp>, UnaryPattern<SiluOp>, UnaryPattern<GeluOp>>(ctx);
  patterns.add<ClampLikePattern<ClampOp>, ClampLikePattern<HardtanhOp>>(ctx);
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  patterns.add<ComparisonPattern<EqTensorOp, FP::OEQ, IP::eq, true>, ComparisonPattern<EqScalarOp, FP::OEQ, IP::eq, false>,
               ComparisonPattern<NeTensorOp, FP::UNE, IP::ne, true>, ComparisonPattern<NeScalarOp, FP::UNE, IP::ne, false>,
               ComparisonPattern<LtTensorOp, FP::OLT, IP::slt, true>, ComparisonPattern<LtScalarOp, FP::OLT, IP::slt, false>,
               ComparisonPattern<LeTensorOp, FP::OLE, IP::sle, true>, ComparisonPattern<LeScalarOp, FP::OLE, IP::sle, false>,
               ComparisonPattern<GtTensorOp, FP::OGT, IP::sgt, true>, ComparisonPattern<GtScalarOp, FP::OGT, IP::sgt, false>,
               ComparisonPattern<GeTensorOp, FP::OGE, IP::sge, true>, ComparisonPattern<GeScalarOp, FP::OGE, IP::sge, false>>(ctx);
  patterns.add<CastPattern<ToDtypeOp>, CastPattern<PrivateToCopyOp>>(ctx);
  patterns.add<IdentityPattern<DropoutOp>, IdentityPattern<CloneOp>, IdentityPattern<ContiguousOp>>(ctx);
}

} // namespace mlir::inductor
