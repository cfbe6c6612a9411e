"""What the key-based platforms (OpenCode Go, Kimi, MiniMax) share: their place
in the report, --only and --json, echoed keys hidden, broken entries named."""

import json

import pytest

import mystatus
from conftest import Reply, run_main
from payloads import (ALL_THREE, GO, GO_KEY, GO_USAGE, KIMI, KIMI_KEY, KIMI_USAGES, MM, MM_CN, MM_CN_KEY, MM_KEY,
                      MM_REMAINS, ZHIPU_QUOTA, echo_key, go_auth, json_report, kimi_auth, mm_auth, report, zhipu_auth)




def serve_all_three(server):
    server.route(GO, Reply(GO_USAGE))
    server.route(KIMI, Reply(KIMI_USAGES))
    server.route(MM, Reply(MM_REMAINS))


def test_sections_come_after_copilot_in_this_order(home, server, capsys):
    home.auth({**ALL_THREE, **zhipu_auth()})
    serve_all_three(server)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys)
    titles = [line for line in out.splitlines() if line.startswith("## ")]
    assert titles == ["## Zhipu AI account quota", "## OpenCode Go account quota",
                      "## Kimi For Coding account quota", "## MiniMax Coding Plan account quota"]
    # After Copilot, in this order; a platform added later may come anywhere.
    places = [mystatus.PROVIDERS.index(p) for p in ("copilot", "opencode-go", "kimi", "minimax")]
    assert places == sorted(places)


def test_only_picks_the_key_platforms_by_id_in_any_case(home, server, capsys):
    home.auth({**ALL_THREE, **zhipu_auth()})
    serve_all_three(server)
    status, out, _ = report(capsys, "--only", "opencode-go,kimi,minimax")
    assert "Zhipu" not in out and server.hits("/zhipu/quota") == []
    assert out.count("## ") == 3
    status, out, _ = report(capsys, "--only", "KIMI")
    assert [line for line in out.splitlines() if line.startswith("## ")] == ["## Kimi For Coding account quota"]
    assert len(server.hits(GO)) == 1 and len(server.hits(MM)) == 1  # only the first run asked them


def test_json_lists_the_three_in_report_order(home, server, capsys):
    home.auth(ALL_THREE)
    serve_all_three(server)
    status, document = json_report(capsys)
    assert status == 3  # OpenCode Go's monthly window is high
    assert [(e["provider"], e["ok"]) for e in document["providers"]] == [
        ("opencode-go", True), ("kimi", True), ("minimax", True)]


def test_not_configured_stays_silent(home, server, capsys):
    home.auth(zhipu_auth())
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0
    for word in ("OpenCode Go", "Kimi", "MiniMax"):
        assert word not in out
    assert [r.path for r in server.requests] == ["/zhipu/quota"]
    status, document = json_report(capsys)
    assert [e["provider"] for e in document["providers"]] == ["zhipuai"]


def test_nothing_configured_names_the_key_platforms_and_their_variables(home, capsys):
    _, out, _ = report(capsys)
    lines = out.splitlines()
    for title, variable in (("OpenCode Go", "OPENCODE_API_KEY"), ("Kimi For Coding", "KIMI_API_KEY"),
                            ("MiniMax Coding Plan", "MINIMAX_API_KEY")):
        assert "  %-19s auth.json, opencode.db, opencode.json, %s" % (title, variable) in lines


def test_help_names_the_key_platforms_and_their_ids(home, capsys):
    status, out, _ = run_main(capsys, "--help")
    text = " ".join(out.split())
    titles = [p.title for p in mystatus.PLATFORMS]
    assert status == 0
    # Every platform, in report order, the last after "and"; theirs among them in this order.
    assert "%s and %s, from the credentials" % (", ".join(titles[:-1]), titles[-1]) in text
    places = [text.index(t) for t in ("GitHub Copilot", "OpenCode Go", "Kimi For Coding", "MiniMax Coding Plan")]
    assert places == sorted(places)
    assert ",".join(mystatus.PROVIDERS) in "".join(out.split())  # --only's choices


@pytest.mark.parametrize("auth, path, key", [
    (go_auth(), GO, GO_KEY), (kimi_auth(), KIMI, KIMI_KEY), (mm_auth(), MM, MM_KEY),
    (mm_auth("minimax-china-coding-plan", MM_CN_KEY), MM_CN, MM_CN_KEY),
])
@pytest.mark.parametrize("status", [401, 403, 500])
def test_an_echoed_key_is_never_printed(home, server, capsys, auth, path, key, status):
    home.auth(auth)
    server.route(path, echo_key(status))
    code, out, _ = report(capsys)
    assert code == 1 and "HTTP %d" % status in out
    assert key not in out and key[:12] not in out
    _, document = json_report(capsys)
    text = json.dumps(document)
    assert document["providers"][0]["ok"] is False and key not in text and key[:12] not in text


def test_a_key_echoed_inside_a_successful_answer_is_never_printed(home, server, capsys):
    home.auth(ALL_THREE)
    server.route(GO, Reply({"usage": {"rolling": {"status": GO_KEY, "percent": 1}}}))
    server.route(KIMI, Reply(dict(KIMI_USAGES, user={"membership": {"level": KIMI_KEY}})))
    server.route(MM, Reply({"model_remains": [dict(MM_REMAINS["model_remains"][0], model_name=MM_KEY)],
                            "base_resp": {"status_code": 0}}))
    _, out, _ = report(capsys)
    _, document = json_report(capsys)
    for key in (GO_KEY, KIMI_KEY, MM_KEY):
        assert key not in out and key not in json.dumps(document)
        assert key.lower() not in out.lower()  # nor re-cased (Kimi's plan is made readable)
    assert out.count("## ") == 3


@pytest.mark.parametrize("entry, message", [
    ({"opencode-go": {"type": "api"}}, "opencode-go.key is missing"),
    ({"kimi-code": {"type": "api", "key": 42}}, "kimi-code.key is not text"),
    ({"minimax-china-coding-plan": "key"}, "minimax-china-coding-plan is not an object"),
])
def test_broken_credential_entries_name_the_field(home, server, capsys, entry, message):
    home.auth(entry)
    status, out, _ = report(capsys)
    assert status == 1 and message in out
    assert server.requests == []
