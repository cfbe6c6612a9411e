"""Which language the report speaks: the locale as gettext reads it, and a
word on stderr when Chinese is asked for but i18n.py is not there."""

import os
import shutil
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT


@pytest.mark.parametrize("env, expected", [
    # gettext leaves a program in the C or POSIX locale untranslated, LANGUAGE or not.
    ({"LANGUAGE": "zh_TW", "LANG": "C"}, "en"),
    ({"LANGUAGE": "zh_TW", "LC_ALL": "POSIX", "LANG": "zh_TW.UTF-8"}, "en"),
    ({"LANGUAGE": "zh_CN:en"}, "en"),  # no locale set is the C locale
    ({"LANGUAGE": "zh_TW", "LC_MESSAGES": "C", "LANG": "en_US.UTF-8"}, "en"),
    # Any other locale: LANGUAGE first, then LC_ALL, LC_MESSAGES, LANG.
    ({"LANGUAGE": "zh_TW", "LANG": "en_US.UTF-8"}, "zh-Hant"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "C.UTF-8"}, "zh-Hans"),
    ({"LANGUAGE": "", "LC_ALL": "zh_HK.UTF-8"}, "zh-Hant"),
    ({"LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_ALL": "zh_MO.UTF-8", "LANG": "C"}, "zh-Hant"),
])
def test_language_is_chosen_as_gettext_chooses_it(env, expected):
    assert mystatus.load_catalog("auto", env)[0] == expected


def run_copy(folder, home, *argv):
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    return subprocess.run([sys.executable, str(folder / "mystatus.py")] + list(argv), env=env,
                          capture_output=True, timeout=60)


NO_CATALOG = ("mystatus: Chinese needs i18n.py beside mystatus.py (or the zipapp, mystatus.pyz); "
              "this report is in English\n")


@pytest.mark.parametrize("lang", ["zh", "zh-TW", "zh_CN"])
def test_chinese_asked_of_mystatus_py_alone_is_said_once_on_stderr(tmp_path, lang):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(os.path.join(ROOT, "mystatus.py"), str(alone))
    done = run_copy(alone, tmp_path, "--lang", lang, "--oneline")
    assert done.returncode == 4 and done.stdout == b"No subscription configured\n"
    # The note once, then what --oneline says on stderr when nothing is configured.
    err = done.stderr.decode()
    assert err.startswith(NO_CATALOG) and err.count("i18n.py") == 1
    assert run_copy(alone, tmp_path, "--lang", "en", "--oneline").stderr.decode().count("i18n.py") == 0


def test_with_i18n_beside_it_nothing_is_said(tmp_path):
    both = tmp_path / "both"
    both.mkdir()
    for name in ("mystatus.py", "i18n.py"):
        shutil.copy(os.path.join(ROOT, name), str(both))
    done = run_copy(both, tmp_path, "--lang", "zh", "--oneline")
    assert done.stdout.decode() == "未配置订阅\n" and "i18n.py" not in done.stderr.decode()
