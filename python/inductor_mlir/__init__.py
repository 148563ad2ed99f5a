"""inductor_mlir: an MLIR compiler for PyTorch models on CPU.

    import inductor_mlir
    fast = inductor_mlir.compile(model, (example_input,))        # torch.export + our compiler
    fast = torch.compile(model, backend="inductor_mlir")          # as a torch.compile backend

Ops the compiler does not support run in eager PyTorch (logged on the "inductor_mlir" logger); pass
strict=True (or options={"strict": True} to torch.compile) to get an error naming the op instead.
"""
from . import _native
from .api import CompiledProgram, compile
from .backend import compile_stats, inductor_mlir_backend
from .compiler import CompileOptions, CompileStats, UnsupportedOperatorError, compile_graph
from .importer import UnsupportedNode, import_graph


def compile_mlir(ir: str, function: str = "", *, opt_level: int = 2, fuse_elementwise: bool = True,
                 pipeline_options: str = "", constants: dict | None = None):
    """Compiles MLIR text (aten dialect or below); returns a callable taking and returning torch tensors.

    constants: the data of the IR's `dense_resource<name>` constants, {name: tensor} (read while compiling)."""
    tensors = {name: t.detach().contiguous() for name, t in (constants or {}).items()}
    return _native.compile(ir, function, opt_level=opt_level, fuse_elementwise=fuse_elementwise,
                           pipeline_options=pipeline_options,
                           constants=[(name, t.data_ptr(), t.numel() * t.element_size()) for name, t in tensors.items()])


def _register_backend():
    from .backend import register
    register()


_register_backend()

__all__ = ["compile", "compile_mlir", "CompiledProgram", "CompileOptions", "CompileStats", "compile_graph",
           "import_graph", "inductor_mlir_backend", "compile_stats", "UnsupportedOperatorError",
           "UnsupportedNode"]
