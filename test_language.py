"""Which language the report speaks: the locale as gettext reads it, --lang
above it, the catalogs of i18n.py (every message translated, with the same
placeholders, in one order; loaded from beside mystatus.py only), and a word
on stderr when Chinese is asked for but i18n.py is not there."""

import ast
import functools
import os
import shutil
import string
import subprocess
import sys

import pytest

import i18n
import mystatus
from conftest import ROOT, Home, Reply, mystatus_tree
from payloads import ZHIPU_QUOTA, report, zhipu_auth


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


@pytest.mark.parametrize("env, expected", [
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # the reference plugin got this wrong
    ({"LANG": "zh_CN.UTF-8"}, "zh-Hans"),
    ({"LANGUAGE": "zh_TW:en", "LC_ALL": "en_US.UTF-8"}, "zh-Hant"),
    ({"LC_MESSAGES": "zh_HK.UTF-8", "LANG": "en_US.UTF-8"}, "zh-Hant"),
    ({"LANG": "C"}, "en"),
    ({}, "en"),
])
def test_language_follows_gettext_order(env, expected):
    assert mystatus.load_catalog("auto", env)[0] == expected


def test_lang_option_overrides_the_locale(home, server, capsys, monkeypatch):
    home.environ["LANG"] = "zh_CN.UTF-8"
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", "en")
    assert "Used: 0.5M / 10.0M" in out
    _, out, _ = report(capsys, "--lang", "zh-Hant")
    assert "帳號：9c89****AQVM" in out and "重設倒數：4小時" in out


@functools.lru_cache(maxsize=None)  # for both catalogs: a walk of mystatus's tree takes 0.05 s
def template_keys():
    """Every English template mystatus can show: the first argument of each
    M(...) in the source of the mystatus imported (parsed once for this and
    test_structure.py)."""
    return frozenset(node.args[0].value for node in ast.walk(mystatus_tree())
                     if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "M"
                     and node.args and isinstance(node.args[0], ast.Constant))


@pytest.mark.parametrize("catalog", [i18n.ZH_HANS, i18n.ZH_HANT], ids=["zh-Hans", "zh-Hant"])
def test_catalogs_translate_every_message_with_the_same_placeholders(catalog):
    keys = template_keys()  # a frozenset: no test changes it for the next
    assert len(keys) > 80
    assert sorted(keys - set(catalog)) == []  # a message without a translation
    assert sorted(set(catalog) - keys) == []  # a translation of nothing
    for key, text in catalog.items():
        names = {f[1] for f in string.Formatter().parse(key) if f[1]}
        assert {f[1] for f in string.Formatter().parse(text) if f[1]} == names, key


def test_both_catalogs_list_their_messages_in_one_order():
    """A message is found at the same place, under the same section, in either catalog."""
    assert list(i18n.ZH_HANS) == list(i18n.ZH_HANT)


def test_catalog_is_loaded_from_beside_mystatus_not_any_i18n(tmp_path):
    (tmp_path / "i18n.py").write_text("raise SystemExit('the wrong i18n was imported')\n")
    env = Home(tmp_path).env(PYTHONPATH=os.pathsep.join([str(tmp_path), ROOT]), LANG="zh_CN.UTF-8", NO_PROXY="*")
    done = subprocess.run([sys.executable, "-m", "mystatus"], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 4, done.stderr
    assert done.stdout.startswith("未配置任何 AI 编程订阅。")


def test_a_changed_catalog_is_read_again_in_the_same_process(tmp_path, monkeypatch):
    """A process compiles i18n.py once, but keeps the compiled catalog only
    while the file says the same: a program calling main() again sees an edit."""
    with open(os.path.join(ROOT, "i18n.py"), encoding="utf-8") as f:
        source = f.read()
    beside = tmp_path / "i18n.py"
    monkeypatch.setattr(mystatus, "__file__", str(tmp_path / "mystatus.py"))
    beside.write_text(source, encoding="utf-8")
    first = mystatus.load_catalog("zh", {})
    assert first == mystatus.load_catalog("zh", {}) and first[1]["Unlimited"] == "无限制"
    first[1]["Unlimited"] = "changed by a caller"  # each load is a catalog of its own
    assert mystatus.load_catalog("zh", {})[1]["Unlimited"] == "无限制"
    beside.write_text(source.replace('"Unlimited": "无限制"', '"Unlimited": "不限"'), encoding="utf-8")
    assert mystatus.load_catalog("zh", {})[1]["Unlimited"] == "不限"


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


def test_english_asked_of_mystatus_py_alone_says_nothing_of_i18n(tmp_path):
    # Once, not in each test above: the run is the same whatever Chinese they ask for.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(os.path.join(ROOT, "mystatus.py"), str(alone))
    done = run_copy(alone, tmp_path, "--lang", "en", "--oneline")
    assert done.returncode == 4 and done.stdout == b"No subscription configured\n"
    err = done.stderr.decode()  # what --oneline says when nothing is configured, and no note first
    assert err.startswith("No AI coding subscription is configured.") and "i18n.py" not in err


def test_with_i18n_beside_it_nothing_is_said(tmp_path):
    both = tmp_path / "both"
    both.mkdir()
    for name in ("mystatus.py", "i18n.py"):
        shutil.copy(os.path.join(ROOT, name), str(both))
    done = run_copy(both, tmp_path, "--lang", "zh", "--oneline")
    assert done.stdout.decode() == "未配置订阅\n" and "i18n.py" not in done.stderr.decode()
