"""mystatus.pyz: built by make_pyz.py, checked after building, and speaking
Chinese however it is started (./mystatus.pyz, mystatus.pyz, ../dir/mystatus.pyz,
an absolute path)."""

import glob
import importlib.util
import os
import subprocess
import sys
import zipfile

import pytest

import i18n
import make_pyz
import mystatus

# The first line mystatus prints when nothing is configured, in both languages.
NOTHING_CONFIGURED = "No AI coding subscription is configured. mystatus reads:"
CHINESE = i18n.ZH_HANS[NOTHING_CONFIGURED]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A directory holding a fresh mystatus.pyz and an empty sibling directory."""
    top = tmp_path_factory.mktemp("pyz")
    (top / "app").mkdir()
    (top / "elsewhere").mkdir()
    make_pyz.build(str(top / "app" / "mystatus.pyz"))
    return top


def run_pyz(path, cwd, home, **extra):
    """Run the archive as a user would: nothing on PYTHONPATH, an empty HOME."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONIOENCODING": "utf-8"}
    env.update(extra)
    return subprocess.run([sys.executable, path, "--lang", "zh"], cwd=str(cwd), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)


@pytest.mark.parametrize("where, path", [
    ("app", "./mystatus.pyz"),
    ("app", "mystatus.pyz"),
    ("elsewhere", "../app/mystatus.pyz"),
    ("elsewhere", None),  # absolute
], ids=["dot-slash", "bare-name", "dot-dot", "absolute"])
def test_the_zipapp_speaks_chinese_by_every_kind_of_path(built, tmp_path, where, path):
    path = path or str(built / "app" / "mystatus.pyz")
    done = run_pyz(path, built / where, tmp_path)
    assert done.stderr == b"" and done.returncode == 4  # nothing configured
    assert done.stdout.decode("utf-8").startswith(CHINESE)


def test_no_other_module_named_i18n_stands_in(built, tmp_path):
    impostor = tmp_path / "impostor"
    impostor.mkdir()
    (impostor / "i18n.py").write_text("raise SystemExit('the wrong i18n was imported')\n")
    home = tmp_path / "home"
    home.mkdir()
    done = run_pyz("mystatus.pyz", built / "app", home, PYTHONPATH=str(impostor))
    assert done.stderr == b"" and done.returncode == 4  # nothing configured
    assert done.stdout.decode("utf-8").startswith(CHINESE)


def test_the_archive_holds_both_modules_a_main_and_bytecode(built):
    with zipfile.ZipFile(str(built / "app" / "mystatus.pyz")) as archive:
        assert sorted(archive.namelist()) == ["__main__.py", "i18n.py", "mystatus.py", "mystatus.pyc"]
        assert archive.read("mystatus.pyc")[:4] == importlib.util.MAGIC_NUMBER  # the building Python's


IMPORTED_FROM = "import sys; sys.path.insert(0, sys.argv[1]); import mystatus; print(mystatus.__file__)"


def test_the_building_python_runs_the_bytecode(built):
    archive = str(built / "app" / "mystatus.pyz")
    done = subprocess.run([sys.executable, "-c", IMPORTED_FROM, archive], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == os.path.join(archive, "mystatus.pyc")


def other_pythons(pythons):
    """Of ".../3.X.Y/bin/python3" paths, the oldest and the newest of the
    versions mystatus runs on other than this one, as CI chooses its Pythons:
    each one between compiles mystatus.py again (0.2 s) to prove what those
    two already do."""
    def version(path):
        name = os.path.basename(os.path.dirname(os.path.dirname(path)))
        return tuple(int(part) for part in name.split(".") if part.isdigit())
    ordered = sorted((p for p in pythons if (3, 8) <= version(p)[:2] != sys.version_info[:2]), key=version)
    return ordered[:1] + ordered[1:][-1:]


OTHER_PYTHONS = other_pythons(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3")))

# Run by each other Python: the archive run with --version as `python
# mystatus.pyz --version` runs it, then the file mystatus came from.  One
# process a Python (it was four: each compiled mystatus.py from source again),
# and every Python at once.
PROBE = """
import runpy, sys
sys.argv = [sys.argv[1], "--version"]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    print(sys.modules["mystatus"].__file__)
"""


@pytest.mark.skipif(not OTHER_PYTHONS, reason="no other Python 3.8+ under ~/.pyenv/versions")
def test_another_python_falls_back_to_the_source(built, tmp_path):
    """Its bytecode format is not the building Python's (each minor version
    has its own): it runs mystatus.py, the source kept beside the bytecode."""
    archive = str(built / "app" / "mystatus.pyz")
    processes = [subprocess.Popen([python, "-c", PROBE, archive], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  universal_newlines=True)
                 for python in OTHER_PYTHONS]
    for python, process in zip(OTHER_PYTHONS, processes):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0 and err == "", (python, err)
        assert out == "mystatus %s\n%s\n" % (mystatus.__version__, os.path.join(archive, "mystatus.py")), python


def test_a_build_without_its_members_fails_loudly(tmp_path, capsys):
    bad = tmp_path / "bad.pyz"
    with zipfile.ZipFile(str(bad), "w") as archive:  # what zipapp in 3.13.0 wrote from the current directory
        archive.writestr("__main__.py", "import mystatus\nmystatus.run()\n")
    with pytest.raises(make_pyz.BuildError, match="without mystatus.py, i18n.py"):
        make_pyz.check(str(bad))
    assert make_pyz.main([str(tmp_path / "missing-dir" / "mystatus.pyz")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("make_pyz: error: ") and err.count("\n") == 1
