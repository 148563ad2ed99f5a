"""Execution-test harness: runs MLIR functions through `inductor-run` and returns torch tensors.

Every execution test goes through this module:

    from harness import run_mlir
    (out,) = run_mlir(IR, "add", [a, b])
    torch.testing.assert_close(out, a + b)

The binary is `$INDUCTOR_BUILD_DIR/bin/inductor-run` (default: the build/ directory of this checkout). Inputs are written as
.npy files (bf16 as its raw uint16 bits, since NumPy has no bfloat16), outputs are read back from the
`result<i>.npy` files inductor-run writes into a temporary directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from typing import Sequence

import numpy as np
import torch

DEFAULT_BUILD_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                 "build")

# Generous: a large kernel at -O3 on a loaded 2-core machine can take a while to compile.
TIMEOUT_SECONDS = 600

# The element types inductor-run accepts; keys are torch dtypes, values the MLIR element type names. The
# Python package's importer owns the table (it is built next to inductor-run).
sys.path.insert(0, os.path.join(os.environ.get("INDUCTOR_BUILD_DIR", DEFAULT_BUILD_DIR), "python_packages"))
from inductor_mlir.importer import DTYPE_TO_MLIR as MLIR_ELEMENT_TYPES  # noqa: E402


class InductorRunError(RuntimeError):
    """inductor-run exited with a non-zero status (or could not be started)."""

    def __init__(self, message: str, returncode: int | None = None, stderr: str = "", stdout: str = ""):
        super().__init__(message)
        self.returncode = returncode
        self.stderr = stderr
        self.stdout = stdout


def build_dir() -> str:
    return os.environ.get("INDUCTOR_BUILD_DIR", DEFAULT_BUILD_DIR)


def inductor_run_path() -> str:
    return os.path.join(build_dir(), "bin", "inductor-run")


def mlir_type(t: torch.Tensor | torch.Size | Sequence[int], dtype: torch.dtype | None = None) -> str:
    """Spells the tensor type of a tensor (or shape + dtype), e.g. `tensor<2x3xf32>`; handy for building IR."""
    if isinstance(t, torch.Tensor):
        shape, dtype = tuple(t.shape), t.dtype
    else:
        shape = tuple(t)
    dims = "".join(f"{d}x" for d in shape)
    return f"tensor<{dims}{MLIR_ELEMENT_TYPES[dtype]}>"


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """The array inductor-run expects for a tensor: C order, bf16 as raw uint16 bits."""
    t = t.detach().cpu().contiguous()
    if t.dtype not in MLIR_ELEMENT_TYPES:
        raise TypeError(f"inductor-run does not support dtype {t.dtype}")
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().view(np.uint16)
    return t.numpy()  # already contiguous; np.ascontiguousarray would turn a 0-d tensor into shape [1]


def from_numpy(a: np.ndarray) -> torch.Tensor:
    """Inverse of to_numpy: uint16 arrays are bf16 bits (inductor-run has no other 16-bit unsigned type)."""
    if a.dtype == np.uint16:
        return torch.from_numpy(a.view(np.int16).copy()).view(torch.bfloat16)
    return torch.from_numpy(a.copy())


def inductor_run(args: Sequence[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """Runs inductor-run with raw command-line arguments; returns the CompletedProcess (never raises on exit status)."""
    binary = inductor_run_path()
    if not os.path.exists(binary):
        raise InductorRunError(f"{binary} not found; build it (ninja inductor-run) or set INDUCTOR_BUILD_DIR")
    return subprocess.run(
        [binary, *args], input=stdin, capture_output=True, text=True, timeout=TIMEOUT_SECONDS
    )


def _write_case(tmp: str, ir: str, inputs: Sequence[torch.Tensor]) -> tuple[str, list[str]]:
    ir_path = os.path.join(tmp, "input.mlir")
    with open(ir_path, "w") as f:
        f.write(ir)
    input_paths = []
    for i, t in enumerate(inputs):
        path = os.path.join(tmp, f"arg{i}.npy")
        np.save(path, to_numpy(t))
        input_paths.append(path)
    return ir_path, input_paths


def _command(ir_path: str, func: str, input_paths: Sequence[str], extra_args: Sequence[str]) -> list[str]:
    return [ir_path, f"--function={func}", *[f"--input={p}" for p in input_paths], *extra_args]


def run_mlir(ir: str, func: str, inputs: Sequence[torch.Tensor], extra_args: Sequence[str] = ()) -> list[torch.Tensor]:
    """Compiles `ir` with inductor-run, calls `func` on `inputs` and returns its results as torch tensors.

    Raises InductorRunError (with inductor-run's stderr) if inductor-run fails. With no inputs for a function that
    takes arguments, inductor-run uses random inputs (see `inductor-run --help`, --seed).
    """
    with tempfile.TemporaryDirectory(prefix="inductor-run-") as tmp:
        ir_path, input_paths = _write_case(tmp, ir, inputs)
        out_dir = os.path.join(tmp, "out")
        args = _command(ir_path, func, input_paths, [f"--output-dir={out_dir}", "--quiet", *extra_args])
        proc = inductor_run(args)
        if proc.returncode != 0:
            raise InductorRunError(
                f"inductor-run failed with exit status {proc.returncode} on function '{func}':\n{proc.stderr}",
                proc.returncode,
                proc.stderr,
                proc.stdout,
            )
        results = []
        while os.path.exists(path := os.path.join(out_dir, f"result{len(results)}.npy")):
            results.append(from_numpy(np.load(path)))
        return results


def run_mlir_expect_error(
    ir: str, func: str, inputs: Sequence[torch.Tensor], extra_args: Sequence[str] = ()
) -> str:
    """Runs like run_mlir but expects inductor-run to fail cleanly (exit status 1, not a crash); returns stderr."""
    with tempfile.TemporaryDirectory(prefix="inductor-run-") as tmp:
        ir_path, input_paths = _write_case(tmp, ir, inputs)
        proc = inductor_run(_command(ir_path, func, input_paths, ["--quiet", *extra_args]))
        assert proc.returncode == 1, (
            f"expected inductor-run to fail with exit status 1, got {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
        return proc.stderr
