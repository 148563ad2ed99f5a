#!/usr/bin/env bash
# Newcomer command 1: installs every dependency, builds, and runs the bundled examples against eager PyTorch,
# printing compile and run times: the BERT-base encoder layer as aten IR through inductor-run, then
# Hugging Face BertModel (bert-base) through torch.compile(backend="inductor_mlir").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
python3 examples/run_bert_encoder.py --build-dir "${BUILD_DIR:-build}" "$@"
PYTHONPATH="${BUILD_DIR:-build}/python_packages${PYTHONPATH:+:$PYTHONPATH}" python3 examples/torch_compile_bert.py
