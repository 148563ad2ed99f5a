"""torch.compile(model, backend="inductor_mlir"): graph capture, fallback, strict mode."""
import pytest
import torch

import inductor_mlir


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(8)
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.fc(x.mean(dim=(2, 3)))


def fresh(model_fn, **kwargs):
    torch._dynamo.reset()
    return torch.compile(model_fn, backend="inductor_mlir", **kwargs)


def test_backend_registered_by_name():
    assert "inductor_mlir" in torch._dynamo.list_backends()


def test_cnn_matches_eager():
    model = Net().eval()
    x = torch.randn(2, 3, 16, 16)
    compiled = fresh(model)
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-4, atol=1e-5)
    stats = inductor_mlir.compile_stats[-1]
    assert len(stats.kernels) == 1 and not stats.fallbacks
    assert "aten.convolution" in stats.kernels[0][1]


def test_graph_break_falls_back_and_logs(caplog):
    def f(x):
        y = torch.exp(x) + 1
        z = torch.cumsum(y, dim=0)  # not in the dialect: runs in eager
        return torch.tanh(z) * 2

    x = torch.randn(6)
    compiled = fresh(f)
    with caplog.at_level("WARNING", logger="inductor_mlir"):
        out = compiled(x)
    torch.testing.assert_close(out, f(x))
    assert "running aten.cumsum" in caplog.text and "test_backend.py" in caplog.text
    stats = inductor_mlir.compile_stats[-1]
    assert len(stats.kernels) == 2 and len(stats.fallbacks) == 1


def test_strict_mode_raises_naming_op():
    def f(x):
        return torch.cumsum(x, dim=0) + 1

    compiled = fresh(f, options={"strict": True})
    with pytest.raises(Exception, match=r"unsupported operator aten.cumsum at .*test_backend.py:\d+"):
        compiled(torch.randn(4))


def test_kernel_rejected_by_compiler_runs_eagerly(caplog):
    # 3-D convolution is in the dialect but its lowering rejects it with a diagnostic: the kernel falls back.
    conv = torch.nn.Conv3d(2, 2, 3).eval()
    x = torch.randn(1, 2, 5, 5, 5)
    compiled = fresh(conv)
    with caplog.at_level("WARNING", logger="inductor_mlir"), torch.no_grad():
        out = compiled(x)
        torch.testing.assert_close(out, conv(x))
    assert "runs in eager PyTorch" in caplog.text


def test_dynamic_shapes_recompile_once():
    model = Net().eval()
    compiled = fresh(model, dynamic=True)
    with torch.no_grad():
        for batch in (1, 3, 5):
            x = torch.randn(batch, 3, 16, 16)
            torch.testing.assert_close(compiled(x), model(x), rtol=1e-4, atol=1e-5)


def test_training_graph_backward():
    # With gradients required, the forward and backward graphs both go through the backend.
    model = torch.nn.Sequential(torch.nn.Linear(5, 7), torch.nn.Tanh(), torch.nn.Linear(7, 1))
    reference = torch.nn.Sequential(torch.nn.Linear(5, 7), torch.nn.Tanh(), torch.nn.Linear(7, 1))
    reference.load_state_dict(model.state_dict())
    x = torch.randn(4, 5)
    compiled = fresh(model)
    compiled(x).sum().backward()
    reference(x).sum().backward()
    for p, q in zip(model.parameters(), reference.parameters()):
        torch.testing.assert_close(p.grad, q.grad, rtol=1e-4, atol=1e-5)


class Wide(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(128, 512)
        self.fc2 = torch.nn.Linear(512, 128)

    def forward(self, x):
        return self.fc2(torch.nn.functional.silu(self.fc1(x)))


def test_inference_freezes_parameters_and_notices_changes(caplog):
    """Without gradients the parameters are compiled in (packed once); changing one in place afterwards is
    detected at the next call, which then runs in eager PyTorch (correct) with a warning."""
    model = Wide().eval()
    x = torch.randn(4, 128)
    compiled = fresh(model)
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)
        call = inductor_mlir.compile_stats[-1]
        assert call.kernels and not call.fallbacks
        model.fc1.weight.mul_(2)
        with caplog.at_level("WARNING", logger="inductor_mlir"):
            torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)
    assert "parameters compiled into" in caplog.text


def test_inference_notices_swapped_parameter_storage(caplog):
    """`param.data = ...` keeps the Parameter object and its version but gives it other storage: the
    per-call check compares the storage address too, and the call runs in eager PyTorch."""
    model = Wide().eval()
    x = torch.randn(4, 128)
    compiled = fresh(model)
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)
        model.fc2.weight.data = model.fc2.weight.data * 3
        with caplog.at_level("WARNING", logger="inductor_mlir"):
            torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)
    assert "parameters compiled into" in caplog.text


def test_freeze_option_off_passes_parameters():
    model = Wide().eval()
    x = torch.randn(4, 128)
    compiled = fresh(model, options={"freeze": False})
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)
        model.fc1.weight.mul_(2)
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)


def test_autocast_weight_casts_fold_at_compile_time():
    """Under autocast each frozen weight's cast to bf16 (and its transpose) is evaluated once, when
    compiling; only the activation's cast stays in the kernel."""
    model = Wide().eval()
    x = torch.randn(4, 128)
    counts = {}
    for freeze in (True, False):
        compiled = fresh(model, options={"freeze": freeze})
        with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
            torch.testing.assert_close(compiled(x), model(x), rtol=2e-2, atol=2e-2)
        ops = inductor_mlir.compile_stats[-1].kernels[0][1]
        counts[freeze] = sum(op.startswith("aten._to_copy") for op in ops)
    assert counts[True] == 1 and counts[False] == 5


def test_inference_graph_skips_aot_autograd_runtime(caplog):
    """Without gradients, a graph that neither mutates nor aliases its inputs is handed to Dynamo as it is:
    aot_autograd's run-time wrappers are not on the call path."""
    def f(x):
        return torch.softmax(x * 2, dim=-1)

    x = torch.randn(4, 16)
    compiled = fresh(f)
    with torch.no_grad(), caplog.at_level("INFO", logger="inductor_mlir"):
        torch.testing.assert_close(compiled(x), f(x), rtol=1e-5, atol=1e-6)
    assert "through aot_autograd" not in caplog.text


@pytest.mark.parametrize("case", ["mutates_input", "returns_input_view"])
def test_inference_graph_with_input_mutation_or_alias_goes_through_aot_autograd(case, caplog):
    """In-place updates of an input and outputs that alias one need aot_autograd's wrappers: the backend
    takes that path for them, and the caller sees eager's semantics."""
    def mutates_input(x):
        x.mul_(2)
        return torch.exp(x)

    def returns_input_view(x):
        return torch.exp(x), x.view(-1)

    f = mutates_input if case == "mutates_input" else returns_input_view
    x = torch.randn(4, 8)
    x_eager = x.clone()
    compiled = fresh(f)
    with torch.no_grad(), caplog.at_level("INFO", logger="inductor_mlir"):
        out = compiled(x)
        expected = f(x_eager)
    torch.testing.assert_close(out, expected, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(x, x_eager)  # the input mutation happened, once
    if case == "returns_input_view":
        assert out[1].data_ptr() == x.data_ptr()  # still a view of the input, as in eager
    assert "through aot_autograd" in caplog.text
