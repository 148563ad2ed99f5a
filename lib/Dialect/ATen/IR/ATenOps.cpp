#include "Dialect/ATen/IR/ATenDialect.h"
#include "Dialect/ATen/IR/ATenTypeInference.h"

using namespace mlir;
using namespace mlir::aten;

#define GET_OP_CLASSES
#include "Dialect/ATen/IR/ATenOps.cpp.inc"

LogicalResult MmOp::verify() { return verifySupportedTypes(*this); }
LogicalResult BmmOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AddmmOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LinearOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MatmulOp::verify() { return verifySupportedTypes(*this); }
LogicalResult TOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ConvolutionOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AddTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AddScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SubTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SubScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MulTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MulScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult DivTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult DivScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult RsubTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult RsubScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult NegOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AbsOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ExpOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LogOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SqrtOp::verify() { return verifySupportedTypes(*this); }
LogicalResult RsqrtOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ErfOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PowTensor_ScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PowTensor_TensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ReluOp::verify() { return verifySupportedTypes(*this); }
LogicalResult GeluOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SiluOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SigmoidOp::verify() { return verifySupportedTypes(*this); }
LogicalResult TanhOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ClampOp::verify() { return verifySupportedTypes(*this); }
LogicalResult HardtanhOp::verify() { return verifySupportedTypes(*this); }
LogicalResult WhereSelfOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MaskedFillScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult EqTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult EqScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult NeTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult NeScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LtTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LtScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LeTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LeScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult GtTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult GtScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult GeTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult GeScalarOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LogicalNotOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ToDtypeOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PrivateToCopyOp::verify() { return verifySupportedTypes(*this); }
LogicalResult DropoutOp::verify() { return verifySupportedTypes(*this); }
LogicalResult CloneOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ContiguousOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SoftmaxIntOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LogSoftmaxIntOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PrivateSoftmaxOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PrivateLogSoftmaxOp::verify() { return verifySupportedTypes(*this); }
LogicalResult LayerNormOp::verify() { return verifySupportedTypes(*this); }
LogicalResult BatchNormOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SumOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SumDim_IntListOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MeanOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MeanDimOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AmaxOp::verify() { return verifySupportedTypes(*this); }
LogicalResult VarCorrectionOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ViewOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ReshapeOp::verify() { return verifySupportedTypes(*this); }
LogicalResult PermuteOp::verify() { return verifySupportedTypes(*this); }
LogicalResult TransposeIntOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ExpandOp::verify() { return verifySupportedTypes(*this); }
LogicalResult UnsqueezeOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SqueezeDimOp::verify() { return verifySupportedTypes(*this); }
LogicalResult FlattenUsing_intsOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SliceTensorOp::verify() { return verifySupportedTypes(*this); }
LogicalResult SelectIntOp::verify() { return verifySupportedTypes(*this); }
LogicalResult CatOp::verify() { return verifySupportedTypes(*this); }
LogicalResult EmbeddingOp::verify() { return verifySupportedTypes(*this); }
LogicalResult IndexSelectOp::verify() { return verifySupportedTypes(*this); }
LogicalResult TriuOp::verify() { return verifySupportedTypes(*this); }
LogicalResult TrilOp::verify() { return verifySupportedTypes(*this); }
LogicalResult FullOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ZerosOp::verify() { return verifySupportedTypes(*this); }
LogicalResult OnesOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ArangeOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ArangeStart_stepOp::verify() { return verifySupportedTypes(*this); }
LogicalResult MaxPool2dOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AvgPool2dOp::verify() { return verifySupportedTypes(*this); }
LogicalResult AdaptiveAvgPool2dOp::verify() { return verifySupportedTypes(*this); }
LogicalResult ScaledDotProductAttentionOp::verify() { return verifySupportedTypes(*this); }
