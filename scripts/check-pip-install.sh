#!/usr/bin/env bash
# Checks that `pip install .` works: installs the package into a fresh virtual environment (which sees the
# system's torch and build tools) and runs the Python package tests against the installed copy.
# A full C++ build into build/wheel: several minutes on two cores. Not part of scripts/test.sh for that reason.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
VENV=${VENV:-$(mktemp -d)/venv}
python3 -m venv --system-site-packages "$VENV"
# No build isolation: the build uses the nanobind and scikit-build-core that install-deps.sh installed.
CMAKE_BUILD_PARALLEL_LEVEL=2 "$VENV/bin/pip" install --no-build-isolation --no-deps -q .
cd /tmp
"$VENV/bin/python" -c "import inductor_mlir, torch; print('installed:', inductor_mlir.__file__); \
  assert 'inductor_mlir' in torch._dynamo.list_backends()"
# The entry point registers the backend without importing the package first.
"$VENV/bin/python" - <<'PY'
import torch
f = torch.compile(lambda x: torch.relu(x) * 2, backend="inductor_mlir")
x = torch.randn(8)
assert torch.equal(f(x), torch.relu(x) * 2)
print("torch.compile(backend='inductor_mlir') works without importing inductor_mlir first")
PY
cd - > /dev/null
INDUCTOR_TEST_INSTALLED=1 "$VENV/bin/python" -m pytest -q -p no:cacheprovider test/Python \
  --deselect test/Python/test_models.py
echo "check-pip-install: OK ($VENV)"
