"""Tests of the Python package inductor_mlir.

The package is imported from the build tree (INDUCTOR_BUILD_DIR/python_packages, default ./build) unless it
is installed; the model zoo comes from bench/."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("INDUCTOR_BUILD_DIR", os.path.join(ROOT, "build"))
if os.environ.get("INDUCTOR_TEST_INSTALLED") != "1":
    sys.path.insert(0, os.path.join(BUILD, "python_packages"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
