"""The suite's own machinery, where it could silently stop working: it would
still pass, only slower."""

import os
import sys

import pytest

import conftest
from conftest import ROOT


def test_the_workers_import_the_test_modules_compiled_once_for_the_run():
    """With -n and PYTHONDONTWRITEBYTECODE, every test module this worker
    imported was compiled into the run's folder (by this worker or another),
    not by each worker for itself: a pytest that stopped keeping its compiled
    modules under sys.pycache_prefix would leave the folder empty."""
    if conftest._compiled is None:
        pytest.skip("only a worker of `pytest -n` with PYTHONDONTWRITEBYTECODE set shares its compiled modules")
    compiled = {name.split(".")[0] for _, _, names in os.walk(conftest._compiled)
                for name in names if name.endswith(".pyc")}
    imported = {name for name, module in sys.modules.items() if name.startswith("test_")
                and os.path.dirname(getattr(module, "__file__", None) or "") == ROOT}
    assert __name__ in imported and imported <= compiled, sorted(imported - compiled)
