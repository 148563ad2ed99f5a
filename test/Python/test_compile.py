"""inductor_mlir.compile(): nn.Modules and ExportedPrograms against eager PyTorch."""
import pytest
import torch

import inductor_mlir


class MLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(32, 64)
        self.fc2 = torch.nn.Linear(64, 10)

    def forward(self, x, scale: float = 1.0):
        return torch.softmax(self.fc2(torch.relu(self.fc1(x))) * scale, dim=-1)


def test_module_matches_eager():
    model = MLP().eval()
    x = torch.randn(7, 32)
    compiled = inductor_mlir.compile(model, (x,))
    assert len(compiled.stats.kernels) == 1 and not compiled.stats.fallbacks
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-6)


def test_exported_program_and_kwargs():
    model = MLP().eval()
    x = torch.randn(3, 32)
    program = torch.export.export(model, (x,), kwargs={"scale": 0.5}, strict=False)
    compiled = inductor_mlir.compile(program)
    with torch.no_grad():
        torch.testing.assert_close(compiled(x, scale=0.5), model(x, scale=0.5), rtol=1e-5, atol=1e-6)
    with pytest.raises(TypeError, match="expected keyword arguments"):
        compiled(x)


def test_dynamic_batch_one_kernel():
    model = MLP().eval()
    batch = torch.export.Dim("batch", min=1, max=1024)
    compiled = inductor_mlir.compile(model, (torch.randn(4, 32),), dynamic_shapes={"x": {0: batch}})
    assert "tensor<?x32xf32>" in compiled.compiled.imported.text
    for rows in (1, 2, 17, 1000):
        x = torch.randn(rows, 32)
        with torch.no_grad():
            torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-6)


def test_parameters_passed_without_copy_see_updates():
    # Not frozen: parameters are kernel arguments, read in place at every call (no copy is made), so an
    # in-place update of the model's weights shows in the next call.
    model = MLP().eval()
    x = torch.randn(2, 32)
    compiled = inductor_mlir.compile(model, (x,))
    with torch.no_grad():
        before = compiled(x)
        torch.testing.assert_close(before, model(x), rtol=1e-5, atol=1e-6)
        model.fc2.bias.add_(torch.arange(10.0))
        after = compiled(x)
        torch.testing.assert_close(after, model(x), rtol=1e-5, atol=1e-6)
        assert not torch.allclose(before, after)


def test_freeze_embeds_weights():
    model = MLP().eval()
    x = torch.randn(5, 32)
    compiled = inductor_mlir.compile(model, (x,), freeze=True)
    assert compiled.compiled.imported.text.count("arith.constant dense<\"0x") == 4
    assert len(compiled.compiled.imported.argument_inputs) == 1
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-6)


def test_freeze_passes_large_weights_by_pointer():
    """Weights of 64 KiB and more reach the compiler as dense_resource (no hex text) and are packed at compile
    time; the call takes only the user input."""
    model = torch.nn.Sequential(torch.nn.Linear(256, 512), torch.nn.GELU(), torch.nn.Linear(512, 64)).eval()
    x = torch.randn(9, 256)
    compiled = inductor_mlir.compile(model, (x,), freeze=True)
    imported = compiled.compiled.imported
    assert imported.text.count("dense_resource<") == 2 and len(imported.constants) == 2
    assert len(imported.argument_inputs) == 1
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-5)


def test_non_contiguous_input():
    model = MLP().eval()
    x = torch.randn(32, 6).t()
    compiled = inductor_mlir.compile(model, (x.contiguous(),))
    with torch.no_grad():
        torch.testing.assert_close(compiled(x), model(x), rtol=1e-5, atol=1e-6)


def test_multiple_and_aliased_outputs():
    class Multi(torch.nn.Module):
        def forward(self, x):
            y = torch.tanh(x)
            return y, y.view(-1), x * 2, 3

    x = torch.randn(2, 3)
    compiled = inductor_mlir.compile(Multi(), (x,))
    y, flat, doubled, three = compiled(x)
    torch.testing.assert_close(y, torch.tanh(x))
    torch.testing.assert_close(flat, torch.tanh(x).view(-1))
    torch.testing.assert_close(doubled, x * 2)
    assert three == 3


def test_strict_mode_names_op_and_line():
    class Sorts(torch.nn.Module):
        def forward(self, x):
            return torch.sort(x).values + 1  # the unsupported op

    with pytest.raises(inductor_mlir.UnsupportedOperatorError,
                       match=r"unsupported operator aten.sort at .*test_compile.py:\d+"):
        inductor_mlir.compile(Sorts(), (torch.randn(5),), strict=True)


def test_unsupported_op_falls_back_to_eager(caplog):
    class Sorts(torch.nn.Module):
        def forward(self, x):
            return torch.sort(torch.relu(x)).values * 3

    x = torch.randn(9)
    with caplog.at_level("WARNING", logger="inductor_mlir"):
        compiled = inductor_mlir.compile(Sorts(), (x,))
    assert "running aten.sort" in caplog.text and "in eager PyTorch" in caplog.text
    assert [d for d, _ in compiled.stats.fallbacks][0].startswith("aten.sort")
    assert len(compiled.stats.kernels) == 2  # relu before, mul after
    torch.testing.assert_close(compiled(x), torch.sort(torch.relu(x)).values * 3)
