"""The four reference models end to end, eager PyTorch as the oracle.

Full-size configs (bert-base at sequence 128, gpt2, a 4-layer LLaMA with GQA, a ResNet-style CNN at 224x224)
through torch.compile(backend="inductor_mlir"), fp32 and bf16 autocast; small configs of the same models
through inductor_mlir.compile() (torch.export).

Error measure: max |ours - reference| / max |reference| over the model's main output (logits or last hidden
state).
- fp32: at most 1e-4 against eager fp32.
- bf16 (torch.autocast("cpu")): both eager and ours round activations and weights to bf16 (unit roundoff
  2^-9), so neither matches fp32 closely, and they round at different places (we accumulate every
  contraction in fp32 and round once). The bound: our error against the fp32 reference is at most twice
  eager bf16's error, or 2^-7 (4 bf16 ulps), whichever is larger.
"""
import pytest
import torch

import inductor_mlir
import model_zoo

MODELS = ["bert", "gpt2", "llama", "resnet"]
BF16_FLOOR = 2.0**-7


def relative_error(out, ref):
    return ((out.float() - ref.float()).abs().max() / ref.float().abs().max()).item()


def run_backend(name, autocast):
    model, args, kwargs = model_zoo.MODELS[name]()
    torch._dynamo.reset()
    compiled = torch.compile(model, backend="inductor_mlir")
    with torch.no_grad():
        reference = model_zoo.first_tensor(model(*args, **kwargs))
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            ours = model_zoo.first_tensor(compiled(*args, **kwargs))
            eager = model_zoo.first_tensor(model(*args, **kwargs))
    return reference, eager, ours, inductor_mlir.compile_stats[-1]


@pytest.mark.parametrize("name", MODELS)
def test_backend_fp32(name):
    reference, _, ours, stats = run_backend(name, autocast=False)
    assert ours.dtype == torch.float32 and ours.shape == reference.shape
    assert relative_error(ours, reference) <= 1e-4
    # The transformer blocks and the CNN compile; only mask bookkeeping (cumsum, index, bitwise_and,
    # gather of token types) may fall back.
    compiled_ops = sum(len(ops) for _, ops in stats.kernels)
    assert compiled_ops > 20
    allowed = ("aten.cumsum", "aten.index.Tensor", "aten.bitwise_and", "aten.gather")
    assert all(description.startswith(allowed) for description, _ in stats.fallbacks), stats.report()


@pytest.mark.parametrize("name", MODELS)
def test_backend_bf16_autocast(name):
    reference, eager, ours, stats = run_backend(name, autocast=True)
    assert ours.shape == reference.shape
    ours_error = relative_error(ours, reference)
    eager_error = relative_error(eager, reference)
    assert ours_error <= max(2 * eager_error, BF16_FLOOR), (ours_error, eager_error)
    assert "aten._to_copy" in " ".join(op for _, ops in stats.kernels for op in ops)


@pytest.mark.parametrize("name", MODELS)
def test_export_small(name):
    model, args, kwargs = model_zoo.MODELS[name](small=True)
    compiled = inductor_mlir.compile(model, args, example_kwargs=kwargs or None)
    with torch.no_grad():
        reference = model_zoo.first_tensor(model(*args, **kwargs))
        ours = model_zoo.first_tensor(compiled(*args, **kwargs))
    assert relative_error(ours, reference) <= 1e-4
