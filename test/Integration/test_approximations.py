"""Accuracy of the inline polynomial approximations (inductor-approximate-math, on by default) of the f32
transcendental functions, on a dense grid over each function's useful range.

The reference is the float64 value of the function (torch on float64), so the error is measured against the
correctly rounded result, in units in the last place (ulp) of that result: a stricter reference than the C
library, which is itself off by up to ~1 ulp. The bounds are the measured maxima (docs/pipeline.md), rounded
up: a change to the approximations or to their lowering that loses accuracy fails here. The C library path
(approximate-math=false) is held to the same bounds.

Measured on 2,000,001 points per function (this machine; max / mean ulp; approximate vs. libm vs. eager):
  exp      [-87, 88]        0.99 / 0.27   0.50 / 0.25   0.56 / 0.25
  exp afn  [-87, 88]        5.61 / 1.57   (the exp of softmax and of values stored in bf16 or f16)
  exp afn  [-20, 20]        2.92 / 0.75
  tanh     [-10, 10]        4.60 / 0.81   2.07 / 0.26   0.51 / 0.24
  erf      [-5, 5]          4.52 / 0.52   0.84 / 0.20   0.70 / 0.20
  log      [1e-37, 1e38]    0.81 / 0.25   0.75 / 0.25   0.83 / 0.25
  sigmoid  [-80, 80]        2.27 / 0.25   2.27 / 0.24   2.27 / 0.25
  silu     [-80, 80]        2.72 / 0.27   2.66 / 0.26   2.38 / 0.23
"""
from __future__ import annotations

import pytest
import torch

import harness
from aten_exec import op_ir, ttype

F = torch.float32

# op -> (float64 reference, grid, max ulp error allowed)
CASES = {
    "aten.exp": (torch.exp, torch.linspace(-87.0, 88.0, 400_001), 1.0),
    "aten.tanh": (torch.tanh, torch.linspace(-10.0, 10.0, 400_001), 5.0),
    "aten.erf": (torch.erf, torch.linspace(-5.0, 5.0, 400_001), 5.0),
    "aten.log": (torch.log, torch.logspace(-37.0, 38.0, 400_001), 1.0),
    "aten.sigmoid": (torch.sigmoid, torch.linspace(-80.0, 80.0, 400_001), 3.0),
    "aten.silu": (torch.nn.functional.silu, torch.linspace(-80.0, 80.0, 400_001), 3.0),
}


def afn_exp_ir(n: int) -> str:
    """`math.exp` with approximate functions allowed, as the aten lowering emits it for softmax and for values
    stored in bf16 or f16 (no aten op spells it on f32 values)."""
    return f"""
#id = affine_map<(d0) -> (d0)>
func.func @f(%x: tensor<{n}xf32>) -> tensor<{n}xf32> {{
  %init = tensor.empty() : tensor<{n}xf32>
  %0 = linalg.generic {{indexing_maps = [#id, #id], iterator_types = ["parallel"]}}
      ins(%x : tensor<{n}xf32>) outs(%init : tensor<{n}xf32>) {{
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in fastmath<afn> : f32
    linalg.yield %e : f32
  }} -> tensor<{n}xf32>
  return %0 : tensor<{n}xf32>
}}
"""


def ulp_errors(out: torch.Tensor, ref64: torch.Tensor) -> torch.Tensor:
    """|out - ref| in ulps of the f32-rounded reference (the spacing at the smallest normal below it)."""
    a = ref64.to(F).abs().clamp(min=torch.finfo(F).tiny)
    ulp = (torch.nextafter(a, torch.tensor(float("inf"))) - a).double()
    return (out.double() - ref64).abs() / ulp


@pytest.mark.parametrize("options", ["", "approximate-math=false"], ids=["approximate", "libm"])
@pytest.mark.parametrize("op", CASES)
def test_max_ulp_error(op, options):
    fn, grid, bound = CASES[op]
    x = grid.to(F)
    ir = op_ir(op, [ttype(x.shape, F)], ttype(x.shape, F))
    extra = [f"--pipeline-options={options}"] if options else []
    (out,) = harness.run_mlir(ir, "f", [x], extra)
    ref = fn(x.double())
    # Overflow and underflow happen at the same inputs as in the reference.
    assert torch.equal(torch.isfinite(out), torch.isfinite(ref.to(F))), op
    finite = torch.isfinite(out)
    err = ulp_errors(out[finite], ref[finite])
    worst = int(err.argmax())
    assert err.max().item() <= bound, (
        f"{op}: {err.max().item():.2f} ulp at x = {x[finite][worst].item()!r} "
        f"(got {out[finite][worst].item()!r}, exact {ref[finite][worst].item()!r}); bound {bound}")


@pytest.mark.parametrize("options", ["", "approximate-math=false"], ids=["approximate", "libm"])
def test_exp_range_ends(options):
    """exp beyond the ulp-checked grid: the top of the finite range (relative error documented as up to 6e-6
    above 88.38, where the reduced argument leaves the fitted interval), overflow to infinity, results below
    FLT_MIN (denormal or flushed to zero), and the special values."""
    top = torch.linspace(88.0, 88.72, 20_001)
    above = torch.linspace(88.7229, 200.0, 1_001)
    below = torch.linspace(-200.0, -87.34, 10_001)
    special = torch.tensor([float("nan"), float("inf"), -float("inf"), 0.0, -0.0, 1.0, -1.0])
    x = torch.cat([top, above, below, special]).to(F)
    ir = op_ir("aten.exp", [ttype(x.shape, F)], ttype(x.shape, F))
    extra = [f"--pipeline-options={options}"] if options else []
    (out,) = harness.run_mlir(ir, "f", [x], extra)
    ref = torch.exp(x.double())
    n_top, n_above, n_below = len(top), len(above), len(below)
    o_top, o_above, o_below, o_special = torch.split(out, [n_top, n_above, n_below, len(special)])
    rel = ((o_top.double() - ref[:n_top]) / ref[:n_top]).abs().max().item()
    assert rel <= 1e-5, rel
    assert torch.isinf(o_above).all() and (o_above > 0).all()
    tiny = torch.finfo(F).tiny
    err_below = (o_below.double() - ref[n_top + n_above:n_top + n_above + n_below]).abs().max().item()
    assert (o_below >= 0).all() and err_below <= tiny, err_below
    assert torch.isnan(o_special[0])
    assert o_special[1].item() == float("inf") and o_special[2].item() == 0.0
    assert o_special[3].item() == 1.0 and o_special[4].item() == 1.0
    assert torch.allclose(o_special[5:], torch.exp(special[5:]), rtol=2e-7, atol=0)


@pytest.mark.parametrize("low, high, bound", [(-87.0, 88.0, 6.0), (-20.0, 20.0, 3.0)])
def test_afn_exp_max_ulp_error(low, high, bound):
    """The approximate exp (one-fma range reduction, degree-5 polynomial; its error grows with |x|)."""
    x = torch.linspace(low, high, 400_001).to(F)
    (out,) = harness.run_mlir(afn_exp_ir(x.numel()), "f", [x])
    ref = torch.exp(x.double())
    assert torch.isfinite(out).all()
    err = ulp_errors(out, ref)
    worst = int(err.argmax())
    assert err.max().item() <= bound, f"{err.max().item():.2f} ulp at x = {x[worst].item()!r}; bound {bound}"


def test_afn_exp_range_ends():
    """The approximate exp keeps the accurate one's edges: relative error up to 6.1e-5 at the top of the finite
    range, overflow to infinity (from 88.7230 up: that error moves the threshold by 6e-5), results below
    FLT_MIN denormal or zero, NaN and infinities."""
    top = torch.linspace(88.0, 88.72, 20_001)
    above = torch.linspace(88.7230, 200.0, 1_001)
    below = torch.linspace(-200.0, -87.34, 10_001)
    special = torch.tensor([float("nan"), -float("nan"), float("inf"), -float("inf"), 0.0, -0.0])
    x = torch.cat([top, above, below, special]).to(F)
    (out,) = harness.run_mlir(afn_exp_ir(x.numel()), "f", [x])
    ref = torch.exp(x.double())
    o_top, o_above, o_below, o_special = torch.split(out, [len(top), len(above), len(below), len(special)])
    r_top, _, r_below, _ = torch.split(ref, [len(top), len(above), len(below), len(special)])
    assert ((o_top.double() - r_top) / r_top).abs().max().item() <= 1e-4
    assert torch.isinf(o_above).all() and (o_above > 0).all()
    assert (o_below >= 0).all() and (o_below.double() - r_below).abs().max().item() <= torch.finfo(F).tiny
    assert torch.isnan(o_special[:2]).all()
    assert o_special[2].item() == float("inf") and o_special[3].item() == 0.0
    assert o_special[4].item() == 1.0 and o_special[5].item() == 1.0
