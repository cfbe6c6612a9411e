"""API keys from the environment, as other tools read them: each variable goes
to its own platform only, and says so as its source ("env:NAME")."""

import pytest

from conftest import Reply
from payloads import (GO, GO_USAGE, KIMI, KIMI_USAGES, MM, MM_CN, MM_REMAINS, ZHIPU_KEY, ZHIPU_QUOTA,
                      json_report, report, zhipu_auth)

ROUTES = {"/zai/quota": ZHIPU_QUOTA, "/zhipu/quota": ZHIPU_QUOTA, GO: GO_USAGE, KIMI: KIMI_USAGES,
          MM: MM_REMAINS, MM_CN: MM_REMAINS}
KEY = "sk-env-0123456789abcdefENVKEY"
OTHER_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0.OtherKEY"


@pytest.mark.parametrize("variable, provider, path", [
    ("ZAI_API_KEY", "zai", "/zai/quota"),
    ("KIMI_API_KEY", "kimi", KIMI),
    ("MINIMAX_API_KEY", "minimax", MM),
    ("OPENCODE_API_KEY", "opencode-go", GO),
])
def test_each_variable_serves_its_own_platform_only(home, server, capsys, monkeypatch, variable, provider, path):
    for route, body in ROUTES.items():
        server.route(route, Reply(body))
    home.environ[variable] = KEY
    status, doc = json_report(capsys)
    assert status in (0, 3), doc  # 3: a quota above the warning threshold
    assert [(p["provider"], p["source"]) for p in doc["providers"]] == [(provider, "env:" + variable)]
    asked = {route for route in ROUTES if server.hits(route)}
    assert asked == {path}
    (request,) = server.hits(path)
    assert KEY in request.header("Authorization")


def test_a_variable_names_itself_in_the_text_report(home, server, capsys, monkeypatch):
    server.route(KIMI, Reply(KIMI_USAGES))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    home.environ["KIMI_API_KEY"] = KEY
    home.environ["ZAI_API_KEY"] = OTHER_KEY
    home.auth({"kimi-code-plan-cn": {"type": "api", "key": ZHIPU_KEY}})
    status, out, _ = report(capsys)
    assert status == 0, out
    assert "Account: sk-e****VKEY (Intermediate), from env:KIMI_API_KEY\n" in out
    assert "Account: 9c89****AQVM (Intermediate), from auth.json\n" in out


def test_a_z_ai_variable_claims_its_key_before_the_shared_one(home, server, capsys, monkeypatch):
    """ZHIPU_API_KEY serves both Zhipu AI and Z.ai; when ZAI_API_KEY holds the
    same key, that key is Z.ai's and bigmodel.cn is not asked with it."""
    for route, body in ROUTES.items():
        server.route(route, Reply(body))
    home.environ["ZAI_API_KEY"] = ZHIPU_KEY
    home.environ["ZHIPU_API_KEY"] = ZHIPU_KEY
    status, doc = json_report(capsys)
    assert status == 0, doc
    assert [(p["provider"], p["source"]) for p in doc["providers"]] == [("zai", "env:ZAI_API_KEY")]
    assert server.hits("/zhipu/quota") == []


def test_a_file_key_and_the_same_key_in_a_variable_are_one_account(home, server, capsys, monkeypatch):
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    home.auth(zhipu_auth(name="zai-coding-plan"))
    home.environ["ZAI_API_KEY"] = ZHIPU_KEY
    status, doc = json_report(capsys)
    assert status == 0
    assert [p["provider"] for p in doc["providers"]] == ["zai"]
    assert len(server.hits("/zai/quota")) == 1


def test_a_key_padded_with_spaces_is_the_key_it_pads(home, server, capsys):
    """A key pasted with a space around it, in auth.json, and the same key in
    a variable: one account, asked once, and sent without the spaces (they
    were never part of it, and "Bearer  key" is refused)."""
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    home.auth(zhipu_auth(name="zai-coding-plan", key=" %s  " % ZHIPU_KEY))
    home.environ["ZAI_API_KEY"] = ZHIPU_KEY
    status, doc = json_report(capsys)
    assert status == 0
    assert [p["provider"] for p in doc["providers"]] == ["zai"]
    (hit,) = server.hits("/zai/quota")
    assert hit.header("Authorization") in (ZHIPU_KEY, "Bearer " + ZHIPU_KEY)


def test_an_empty_variable_is_not_a_key(home, server, capsys, monkeypatch):
    home.environ["KIMI_API_KEY"] = ""
    status, out, _ = report(capsys, "--only", "kimi")
    assert status == 4 and server.hits(KIMI) == []


def test_auth_json_entries_no_platform_reads_are_named_for_verbose(home, server, capsys):
    import mystatus
    home.auth({"zai-coding-plan": {"type": "api", "key": ZHIPU_KEY},
               "openrouter": {"type": "api", "key": "sk-or-secret-0123456789"},
               "moonshotai-cn": {"type": "api", "key": "sk-moon-secret-0123456789"}})
    paths = mystatus.Paths.from_env(home.environ)
    loaded = mystatus.load_credentials(paths, home.environ, {"zai"})
    gave = {source: mystatus.translate(msg, {}) for source, msg in loaded.tried}
    line = gave["~/.local/share/opencode/auth.json"]
    assert line == "1 credential: zai; skipped: not read by mystatus: moonshotai-cn, openrouter"
    assert "secret" not in line
