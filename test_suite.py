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


def statvfs(free, flags=0):
    """A stand-in for os.statvfs: a filesystem with `free` bytes and `flags`."""
    class Answer:
        f_bavail, f_frsize, f_flag = free // 4096, 4096, flags
    return lambda path: Answer


def no_such_folder(path):
    raise FileNotFoundError(path)


def test_the_temporary_folders_go_to_memory_only_where_it_is_roomy_and_allows_programs():
    roomy = statvfs(conftest.RAM_NEEDED)
    writable = os.access(conftest.RAM_FOLDER, os.W_OK | os.X_OK)
    assert conftest.ram_folder({}, None, roomy) == (conftest.RAM_FOLDER if writable else None)
    # A container's 64 MB /dev/shm: the tests that write 50 MB files would fill it.
    assert conftest.ram_folder({}, None, statvfs(64 << 20)) is None
    # Mounted noexec, or read-only: tests run programs they write in their folders.
    assert conftest.ram_folder({}, None, statvfs(8 << 30, conftest.NOEXEC)) is None
    assert conftest.ram_folder({}, None, statvfs(8 << 30, conftest.RDONLY)) is None
    # No such folder (macOS), or no statvfs at all (Windows).
    assert conftest.ram_folder({}, None, no_such_folder) is None
    assert conftest.ram_folder({}, None, None) is None
    # A place the user chose wins: pytest's own ways, and the temporary folder's.
    for name in ("PYTEST_DEBUG_TEMPROOT", "TMPDIR", "TEMP", "TMP"):
        assert conftest.ram_folder({name: "/var/tmp"}, None, roomy) is None, name
    assert conftest.ram_folder({}, "/var/tmp/run", roomy) is None


def test_a_run_whose_folders_go_to_memory_makes_them_there(tmp_path):
    """The controller sets pytest's variable before any folder is made; a
    worker's folders are made under its controller's, so they follow it."""
    if os.environ.get(conftest.IN_RAM) != "1":
        pytest.skip("this run's temporary folders are where its user chose, or pytest's default")
    assert os.path.realpath(str(tmp_path)).startswith(os.path.realpath(conftest.RAM_FOLDER) + os.sep)
