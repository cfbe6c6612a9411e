"""Credential files and config values as hostile input: a parse error says
what is wrong, and {file:} references cannot make a small config read or hold
much more than an API key."""

import sys
import tracemalloc

import pytest

import mystatus
from conftest import Reply
from payloads import ZHIPU_QUOTA, report, zhipu_auth

AUTH = "- ~/.local/share/opencode/auth.json: "


# What is wrong with a JSON file ###############################################


@pytest.mark.parametrize("lang, told", [
    ("en", "not valid JSON (nested too deep)"),
    ("zh-Hans", "不是有效的 JSON（嵌套过深）"),
    ("zh-Hant", "不是有效的 JSON（巢狀過深）"),
])
def test_deeply_nested_file_says_so(home, server, capsys, lang, told):
    home.auth("[" * 100000 + "]" * 100000)
    _, out, _ = report(capsys, "--lang", lang)
    last = out.splitlines()[-1]
    assert last == (AUTH if lang == "en" else AUTH.replace(": ", "：")) + told, last


@pytest.mark.skipif(not hasattr(sys, "get_int_max_str_digits"), reason="no limit on integer digits here")
@pytest.mark.parametrize("lang, told", [
    ("en", "not valid JSON (a number too long to read)"),
    ("zh-Hans", "不是有效的 JSON（数字过长，无法读取）"),
    ("zh-Hant", "不是有效的 JSON（數字過長，無法讀取）"),
])
def test_number_beyond_the_integer_digit_limit_says_so(home, server, capsys, lang, told):
    home.auth('{"zhipuai-coding-plan": {"type": "api", "key": "k", "expires": %s}}' % ("9" * 5000))
    _, out, _ = report(capsys, "--lang", lang)
    last = out.splitlines()[-1]
    assert "()" not in out and "（）" not in out
    assert last == (AUTH if lang == "en" else AUTH.replace(": ", "：")) + told, last


def test_parse_json_object_never_gives_empty_parentheses():
    for raw in (b"[" * 100000, b'{"a": ' + b"1" * 5000 + b"}", b"{", b"\xff"):
        try:
            mystatus.parse_json_object(raw)
        except mystatus.MystatusError as exc:
            assert "()" not in mystatus.translate(exc.msg, {})


# {file:} references ###########################################################


def test_file_references_stop_at_the_key_limit(home, server, capsys):
    """600 references to a 1 MiB file used 1.2 GB: every file was read whole
    and substituted before the length was checked."""
    home.write(home.config / "big", "A" * (1 << 20))
    home.write(home.config / "opencode.json",
               {"provider": {"kimi-for-coding": {"options": {"apiKey": "{file:big}" * 40}}}})
    tracemalloc.start()
    try:
        status, out, _ = report(capsys, "--only", "kimi")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 1 and server.requests == []
    assert out.splitlines()[-1] == ("- ~/.config/opencode/opencode.json: "
                                   "longer than 4096 characters once its references are replaced; not an API key")
    assert peak < 4 << 20, peak  # no file read whole: a few KiB of key, not MiBs


def test_many_small_references_stop_as_soon_as_the_text_is_too_long(home, server, capsys, monkeypatch):
    home.write(home.config / "small", "B" * 1000)
    home.write(home.config / "opencode.json",
               {"provider": {"kimi-for-coding": {"options": {"apiKey": "{file:small}" * 2000}}}})
    opened = []
    real = mystatus.os.open
    # Every argument passed on: os.open is the process's, and pytest removes the
    # test's folder (shutil.rmtree, dir_fd=...) before the patch is undone.
    monkeypatch.setattr(mystatus.os, "open", lambda path, *a, **kw: opened.append(path) or real(path, *a, **kw))
    status, out, _ = report(capsys, "--only", "kimi")
    assert status == 1 and "longer than 4096 characters" in out
    assert len([p for p in opened if str(p).endswith("small")]) <= 5, len(opened)


def test_a_key_just_under_the_limit_from_references_is_used(home, server, capsys):
    key = "K" * 2000
    home.write(home.config / "half", key + "\n")
    home.write(home.config / "opencode.json",
               {"provider": {"zai-coding-plan": {"options": {"apiKey": "{file:half}{file:half}"}}}})
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys, "--only", "zai")
    assert status == 0, out
    assert [r.header("Authorization") for r in server.hits("/zai/quota")] == [key * 2]


def test_deep_nesting_does_not_hide_other_files(home, server, capsys):
    home.write(home.config / "opencode.json", "[" * 100000)
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 1 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == "- ~/.config/opencode/opencode.json: not valid JSON (nested too deep)"
