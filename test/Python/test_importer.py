"""The FX/torch.export importer: the aten-dialect text it produces."""
import re

import pytest
import torch

import inductor_mlir
from inductor_mlir.compiler import decompositions
from inductor_mlir.importer import UnsupportedNode, check_node, import_graph


class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(8, 16)
        self.norm = torch.nn.LayerNorm(16)

    def forward(self, x):
        return torch.nn.functional.gelu(self.norm(self.linear(x))) * 2.0


def export(model, args, **kwargs):
    return torch.export.export(model, args, strict=False, **kwargs).run_decompositions(decompositions())


def test_ops_map_by_name_with_attributes_and_locations():
    program = export(Block().eval(), (torch.randn(4, 8),))
    imported = import_graph(program.graph_module)
    text = imported.text
    assert imported.ops == ["aten.linear", "aten.layer_norm", "aten.gelu", "aten.mul.Tensor"]
    assert re.search(r"aten.linear %arg\d+, %arg\d+ bias\(%arg\d+\) : \(tensor<4x8xf32>, tensor<16x8xf32>", text)
    assert "normalized_shape = array<i64: 16>" in text and "eps = 1.00000000000000008e-05 : f64" in text
    # A Python number on a .Tensor overload becomes the .Scalar op.
    assert "aten.mul.Scalar" in text and "other = 2.00000000000000000e+00 : f64" in text
    # Locations point at the user's source line.
    assert f'"{__file__}":' in text


def test_dynamic_dims_become_question_marks_with_ranges():
    batch = torch.export.Dim("batch", min=1, max=64)
    program = export(Block().eval(), (torch.randn(4, 8),), dynamic_shapes={"x": {0: batch}})
    placeholders = [n for n in program.graph_module.graph.nodes if n.op == "placeholder"]
    ranges = inductor_mlir.api._dim_ranges(program, placeholders)
    text = import_graph(program.graph_module, dim_ranges=ranges).text
    assert "tensor<?x8xf32> {inductor.dim_ranges = [[0, 1, 64]]}" in text
    assert "-> (tensor<?x16xf32>)" in text


def test_unsupported_op_is_reported_with_reason():
    class Cumsum(torch.nn.Module):
        def forward(self, x):
            return torch.cumsum(x, 0)

    program = export(Cumsum(), (torch.randn(4),))
    node = next(n for n in program.graph_module.graph.nodes if n.op == "call_function")
    assert check_node(node) == "no such op in the aten dialect"
    with pytest.raises(UnsupportedNode, match=r"aten.cumsum \(node 'cumsum', at .*test_importer.py:\d+\)"):
        import_graph(program.graph_module)


def test_constants_are_embedded():
    class WithConstant(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("table", torch.tensor([[1.5, -2.0], [0.25, 8.0]]))

        def forward(self, x):
            return x + self.table

    compiled = inductor_mlir.compile(WithConstant(), (torch.randn(2, 2),), freeze=True)
    text = compiled.compiled.imported.text
    assert 'arith.constant dense<"0x0000C03F000000C00000803E00000041"> : tensor<2x2xf32>' in text
    x = torch.randn(2, 2)
    torch.testing.assert_close(compiled(x), x + torch.tensor([[1.5, -2.0], [0.25, 8.0]]))


def test_dense_constant_literals():
    from inductor_mlir.importer import dense_constant
    assert dense_constant(torch.tensor([[True, False], [False, True]])) == \
        "dense<[[true, false], [false, true]]> : tensor<2x2xi1>"
    assert dense_constant(torch.tensor(True)) == "dense<true> : tensor<i1>"
    assert dense_constant(torch.tensor([1, -2], dtype=torch.int32)) == \
        'dense<"0x01000000FEFFFFFF"> : tensor<2xi32>'
    assert dense_constant(torch.tensor(2.0, dtype=torch.bfloat16)) == 'dense<"0x0040"> : tensor<bf16>'
