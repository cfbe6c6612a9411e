"""The report as a whole: sections in a fixed order, what an empty HOME says,
bad input, the command line.  Each platform's own tests are in
test_<platform>.py; the language chosen and its catalogs, in test_language.py."""

import json
import os
import subprocess
import sys
import threading

import pytest

import mystatus
from conftest import Home, Reply, run_main
from payloads import (COPILOT_USER, GOOGLE_MODELS, NOTHING_CONFIGURED, NOTHING_CONFIGURED_SOURCES, OPENAI_ACCESS,
                      OPENAI_USAGE, PAT, ZHIPU_KEY, ZHIPU_QUOTA, copilot_auth, declared_sources, google_account,
                      openai_auth, report, zhipu_auth)


# The report as a whole ########################################################


def test_sections_come_in_fixed_order_then_failures(home, server, capsys):
    home.auth({**openai_auth(), **zhipu_auth(), **zhipu_auth(name="zai-coding-plan"), **copilot_auth()})
    home.accounts([google_account()])
    others = {"/zhipu/quota": Reply(raw="<html><title>502 Bad Gateway</title></html>", status=502),
              "/zai/quota": Reply(ZHIPU_QUOTA),
              "/google/token": Reply({"access_token": "ya29.access-alice-0123456789"}),
              "/google/models": Reply(GOOGLE_MODELS),
              "/github/copilot_internal/user": Reply(COPILOT_USER)}
    answered = threading.Semaphore(0)

    def then_counted(reply):
        def send(handler):
            reply.send(handler)
            handler.wfile.flush()
            answered.release()
        return send

    def last(handler):  # OpenAI answers once every other has: waited for, not slept
        for _ in others:
            answered.acquire(timeout=30)
        Reply(OPENAI_USAGE).send(handler)

    server.route("/openai/usage", last)  # answers last, shown first
    for path, reply in others.items():
        server.route(path, then_counted(reply))
    status, out, _ = report(capsys)
    assert status == 1
    titles = [line for line in out.splitlines() if line.startswith("## ") or line.startswith("Failed")]
    assert titles == ["## OpenAI account quota", "## Z.ai account quota", "## Google Antigravity account quota",
                      "## GitHub Copilot account quota", "Failed to query accounts:"]
    assert out.splitlines()[-1] == "- Zhipu AI (9c89****AQVM): HTTP 502: an HTML page (502 Bad Gateway)"


def test_nothing_configured_names_the_platforms_and_files(home, capsys):
    status, out, err = report(capsys)
    assert status == 4 and err == ""
    assert out.splitlines() == NOTHING_CONFIGURED
    # The lines are the table's: today's platforms are all in it, and a row's
    # declared sources are what today's lines say of them.
    assert set(NOTHING_CONFIGURED_SOURCES) <= set(mystatus.PROVIDERS)
    assert {p: declared_sources(mystatus.PLATFORM[p]) for p in NOTHING_CONFIGURED_SOURCES} == NOTHING_CONFIGURED_SOURCES


def test_other_auth_keys_are_ignored(home, capsys):
    home.auth({"mistral": {"type": "oauth", "refresh": "r", "access": "a", "expires": 1},
               "openrouter": {"type": "api", "key": "sk-or-secret"}})
    status, out, _ = report(capsys)
    assert status == 4 and out.startswith("No AI coding subscription is configured.")


def test_xdg_directories_and_auth_content_are_honoured(home, server, capsys, monkeypatch, tmp_path):
    data, config = tmp_path / "xdg-data", tmp_path / "xdg-config"
    home.environ["XDG_DATA_HOME"] = str(data)
    home.environ["XDG_CONFIG_HOME"] = str(config)
    home.write(data / "opencode" / "auth.json", zhipu_auth())
    home.write(config / "opencode" / "antigravity-accounts.json", {"accounts": [google_account()]})
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    _, out, _ = report(capsys)
    assert "## Zhipu AI account quota" in out and "### alice@example.com" in out

    home.environ["OPENCODE_AUTH_CONTENT"] = json.dumps(zhipu_auth(name="zai-coding-plan"))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    assert "## Z.ai account quota" in out and "## Zhipu AI" not in out  # the variable replaces the file


# Bad input ####################################################################


@pytest.mark.parametrize("content, message", [
    (b"{not json", "not valid JSON (line 1, column 2)"),
    (b"", "empty"),
    (b"[1, 2]", "not a JSON object"),
    (b"\xff\xfe\x00garbage", "not UTF-8 text"),
])
def test_broken_auth_json_is_one_line_and_others_still_show(home, server, capsys, content, message):
    home.auth(content)
    home.accounts([google_account()])
    server.route("/google/token", Reply({"access_token": "ya29.access-alice-0123456789"}))
    server.route("/google/models", Reply(GOOGLE_MODELS))
    status, out, err = report(capsys)
    assert status == 1 and err == "" and "Traceback" not in out
    assert "### alice@example.com" in out
    assert out.splitlines()[-1] == "- ~/.local/share/opencode/auth.json: " + message


@pytest.mark.parametrize("entry, message", [
    ({"openai": "x"}, "openai is not an object"),
    ({"openai": {"type": "oauth", "access": ["a"]}}, "openai.access is not text"),
    ({"openai": {"type": "oauth", "access": "a.b.c", "expires": "soon"}}, "openai.expires is not a number"),
    ({"zhipuai-coding-plan": {"type": "api"}}, "zhipuai-coding-plan.key is missing"),
    ({"zhipuai-coding-plan": {"type": "api", "key": ["a"]}}, "zhipuai-coding-plan.key is not text"),
])
def test_wrong_types_in_auth_json_name_the_field(home, capsys, entry, message):
    home.auth(entry)
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:", "- ~/.local/share/opencode/auth.json: " + message]


def test_unknown_tier_names_the_file_and_the_choices(home, capsys):
    home.pat({"token": PAT, "username": "octo", "tier": "gold"})
    status, out, _ = report(capsys)
    assert status == 1
    assert ("- ~/.config/opencode/copilot-quota-token.json: unknown tier 'gold'; use one of free, student, pro, "
            "pro+, max, business, enterprise") in out
    assert PAT not in out


@pytest.mark.parametrize("reply, message", [
    (Reply({"detail": "Unauthorized"}, status=401), "HTTP 401: Unauthorized"),
    (Reply({"error": {"message": "Forbidden for this workspace"}}, status=403),
     "HTTP 403: Forbidden for this workspace"),
    (Reply({"error": "rate_limited", "message": "Too many requests"}, status=429),
     "HTTP 429: rate_limited: Too many requests"),
    (Reply(raw="upstream exploded", status=500), "HTTP 500: upstream exploded"),
    (Reply(raw="<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>" + "x" * 5000,
           headers={"Content-Type": "text/html"}), "answered an HTML page (Just a moment...) instead of JSON"),
    (Reply(raw='{"plan_type": "team", "rate_'), 'answer is not valid JSON: {"plan_type": "team", "rate_'),
    (Reply(["not", "an", "object"]), "unexpected answer: usage is not an object"),
])
def test_http_failures_are_one_line_each(home, server, capsys, reply, message):
    home.auth(openai_auth())
    server.route("/openai/usage", reply)
    status, out, _ = report(capsys)
    assert status == 1
    assert out.splitlines() == ["Failed to query accounts:", "- OpenAI (dev@example.com): " + message]


def test_timeout_and_refused_connection(home, server, capsys, monkeypatch):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    home.environ["MYSTATUS_ZHIPU_URL"] = "http://127.0.0.1:%d/quota" % port
    home.auth({**openai_auth(), **zhipu_auth()})
    server.route("/openai/usage", Reply(OPENAI_USAGE, delay=3))
    # Nothing answers and a refusal comes at once: 0.3 s is time enough.
    status, out, _ = report(capsys, "--timeout", "0.3")
    assert status == 1
    assert "- OpenAI (dev@example.com): timed out after 0.3 s" in out
    assert "- Zhipu AI (9c89****AQVM): connection refused by 127.0.0.1" in out


def test_error_bodies_never_repeat_a_credential(home, server, capsys):
    def echo(handler):
        sent = handler.headers.get("Authorization", "")
        Reply({"message": "bad credentials: %s (key=%s)" % (sent, sent.split()[-1])}, status=401).send(handler)

    home.auth({**openai_auth(), **zhipu_auth()})
    home.pat({"token": PAT, "username": "octo", "tier": "pro"})
    for path in ("/openai/usage", "/zhipu/quota", "/github/users/octo/settings/billing/premium_request/usage"):
        server.route(path, echo)
    status, out, _ = report(capsys)
    assert status == 1 and out.count("HTTP 401") == 3
    for secret in (OPENAI_ACCESS, ZHIPU_KEY, PAT, ZHIPU_KEY[:20]):
        assert secret not in out


# Command line #################################################################


def test_python_m_mystatus_in_an_empty_home(tmp_path):
    env = Home(tmp_path).env()
    done = subprocess.run([sys.executable, "-m", "mystatus"], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (4, "")
    assert done.stdout.splitlines()[0] == "No AI coding subscription is configured. mystatus reads:"
    # A line per platform, two on where OpenCode keeps its stores, one on signing in.
    assert len(done.stdout.splitlines()) == len(mystatus.PLATFORMS) + 4


@pytest.mark.parametrize("argv", [["--lang", "fr"], ["--timeout", "0"], ["--threshold", "120"], ["--bogus"]])
def test_usage_errors_exit_2(home, capsys, argv):
    status, out, err = run_main(capsys, *argv)
    assert status == 2 and out == "" and "usage: mystatus" in err


def test_windows_reads_antigravity_accounts_beside_opencode_then_under_appdata(monkeypatch):
    """The plugin keeps its file in OpenCode's config folder on Windows too;
    %APPDATA%\\opencode is where older versions kept it, read last."""
    env = {"USERPROFILE": "/users/dev", "APPDATA": "/users/dev/AppData/Roaming"}
    monkeypatch.setattr(mystatus.os, "name", "nt")
    paths = mystatus.Paths.from_env(env)
    files = mystatus.antigravity_files(paths)
    monkeypatch.setattr(mystatus.os, "name", "posix")
    assert files == [os.path.join("/users/dev", ".config", "opencode", "antigravity-accounts.json"),
                     os.path.join("/users/dev/AppData/Roaming", "opencode", "antigravity-accounts.json")]
    assert paths.auth == os.path.join("/users/dev", ".local", "share", "opencode", "auth.json")  # XDG rules
    assert mystatus.copilot_token_file(paths) == os.path.join("/users/dev", ".config", "opencode",
                                                              "copilot-quota-token.json")
    assert mystatus.antigravity_files(mystatus.Paths.from_env(env)) == [os.path.join(
        "/users/dev", ".config", "opencode", "antigravity-accounts.json")]


def test_records_are_equal_field_by_field():
    """Records compare by value: every field, a NaN the same object as itself
    (as in a list), and never a record of another class."""
    nan = float("nan")
    quota = mystatus.Quota(id="a", label="x", remaining_percent=nan)
    assert quota == quota and quota == mystatus.Quota(id="a", label="x", remaining_percent=nan)
    assert quota != mystatus.Quota(id="a", label="x", remaining_percent=float("nan"))
    assert quota != mystatus.Quota(id="a", label="x", remaining_percent=nan, window_seconds=60)  # a later field
    assert mystatus.PLATFORMS[-1] in mystatus.PLATFORMS and mystatus.PLATFORMS[-1] not in mystatus.PLATFORMS[:-1]
    assert mystatus.Result(provider="zai") != mystatus.ApiKey(provider="zai")
