"""The suite's own machinery, where it could stop working silently: the suite
would still pass, only slower, or break only for a run of one file."""

import os
import sys

import pytest

import conftest
from conftest import ROOT


def test_the_workers_import_the_test_modules_compiled_in_the_run_s_folder():
    """With -n and PYTHONDONTWRITEBYTECODE, every test module this worker
    imported was compiled into the run's folder (by this worker or another):
    a pytest that stopped keeping its compiled modules under
    sys.pycache_prefix would leave the folder empty, and each worker would
    compile them all again."""
    if conftest._compiled is None:
        pytest.skip("only a worker of `pytest -n` with PYTHONDONTWRITEBYTECODE set shares its compiled modules")
    compiled = {name.split(".")[0] for _, _, names in os.walk(conftest._compiled)
                for name in names if name.endswith(".pyc")}
    imported = {name for name, module in sys.modules.items() if name.startswith("test_")
                and os.path.dirname(getattr(module, "__file__", None) or "") == ROOT}
    assert __name__ in imported and imported <= compiled, sorted(imported - compiled)


def test_each_worker_imports_first_its_share_of_what_was_asked_for(tmp_path):
    paths = [str(tmp_path / name) for name in ("test_a.py", "test_b.py", "test_c.py", "test_d.py")]
    folder = [str(tmp_path)]
    assert conftest.first_share(paths, folder, 0, 3) == [paths[0], paths[3]]
    assert conftest.first_share(paths, folder, 2, 3) == [paths[2]]
    # A run of one file, or of one test, imports that file alone (not a share of the folder's).
    assert conftest.first_share(paths, [paths[1]], 0, 2) == [paths[1]]
    assert conftest.first_share(paths, [paths[1]], 1, 2) == []
    assert conftest.first_share(paths, [paths[2] + "::test_x[1-2]"], 0, 1) == [paths[2]]
    # Nothing outside what was named: a sibling folder whose name starts the same.
    assert conftest.first_share(paths, [str(tmp_path) + "-other"], 0, 1) == []


class Module:
    """A stand-in for a pytest.Module whose import raises `error`."""

    def __init__(self, error):
        self.error = error

    @property
    def obj(self):
        raise self.error


def test_a_module_that_fails_or_skips_at_import_is_left_to_pytest():
    # pytest.importorskip at a module's top raises Skipped, a BaseException:
    # let through, it ended every -n run with an INTERNALERROR.
    conftest.import_first([Module(pytest.skip.Exception("no such module", allow_module_level=True)),
                           Module(pytest.fail.Exception("failed")), Module(ImportError("gone"))])
    with pytest.raises(KeyboardInterrupt):
        conftest.import_first([Module(KeyboardInterrupt())])


def test_only_the_controller_s_folder_is_trusted(tmp_path):
    assert conftest.compiled_folder({conftest.COMPILED: str(tmp_path)}) is None  # not a worker
    worker = {"PYTEST_XDIST_WORKER": "gw0"}
    assert conftest.compiled_folder(dict(worker, **{conftest.COMPILED: str(tmp_path / "gone")})) is None
    assert conftest.compiled_folder(dict(worker, **{conftest.COMPILED: str(tmp_path)})) == str(tmp_path)
