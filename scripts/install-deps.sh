#!/usr/bin/env bash
# Installs every dependency of inductor-mlir on a fresh Debian 12 machine. Idempotent: re-running is cheap.
set -euo pipefail

APT_PACKAGES=(
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22 libomp-22-dev
  libdnnl-dev ocl-icd-opencl-dev
  ninja-build ccache cmake g++ python3-dev
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python: numpy for .npy I/O, PyTorch (pinned CPU build) as the numerical oracle, pytest for the execution suite,
# nanobind for the native binding, transformers for the model tests (random weights, no downloads),
# matplotlib for the benchmark plots.
PY=${PYTHON:-python3}
need_pip=()
$PY -c "import numpy" 2>/dev/null || need_pip+=(numpy)
$PY -c "import pytest" 2>/dev/null || need_pip+=(pytest)
$PY -c "import nanobind" 2>/dev/null || need_pip+=("nanobind>=2.4")
$PY -c "import transformers; assert transformers.__version__ == '5.23.0'" 2>/dev/null || need_pip+=("transformers==5.23.0")
$PY -c "import matplotlib" 2>/dev/null || need_pip+=(matplotlib)
$PY -c "import scikit_build_core" 2>/dev/null || need_pip+=("scikit-build-core>=0.10")
if ! $PY -c "import torch; assert torch.__version__.startswith('2.13.0')" 2>/dev/null; then
  # pip on these machines finds the pinned CPU wheel locally; an unpinned 'torch' would pull the CUDA build.
  need_pip+=("torch==2.13.0")
fi
if [ ${#need_pip[@]} -gt 0 ]; then
  $PY -m pip install -q "${need_pip[@]}"
fi
echo "install-deps: all dependencies present"
