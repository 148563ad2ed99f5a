"""Makes harness.py importable from every execution test (`from harness import run_mlir`)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
