#!/usr/bin/env bash
# Newcomer command 1: installs every dependency, builds, and runs the bundled BERT-base encoder layer
# (aten IR -> machine code), checking it against eager PyTorch and printing compile and run times.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
python3 examples/run_bert_encoder.py --build-dir "${BUILD_DIR:-build}" "$@"
