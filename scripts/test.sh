#!/usr/bin/env bash
# Newcomer command 2 (and what CI runs): installs every dependency, builds, and runs the whole test suite:
# the lit/FileCheck tests (dialect, passes, tools), the execution tests against eager PyTorch and the Python
# package's tests (pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
status=0
/usr/lib/llvm-22/bin/lit -sv "$BUILD_DIR/test" || status=1
INDUCTOR_BUILD_DIR="$PWD/$BUILD_DIR" python3 -m pytest -q -p no:cacheprovider test/Integration test/Python || status=1
exit $status
