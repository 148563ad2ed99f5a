#!/usr/bin/env bash
# Configures (once) and builds inductor-mlir into ./build with ninja, ccache and 2 jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
export CCACHE_BASEDIR="$PWD"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -G Ninja -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$BUILD_DIR" -j"${JOBS:-2}" inductor-opt inductor-run inductor_runtime inductor-python inductor-bench-gemm
