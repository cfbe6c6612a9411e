"""What a new user with nothing configured is told: every source of every
platform's credentials, derived from the platform rows (so a source a row
declares appears without another edit), and how to sign in."""

import pytest

import mystatus
from payloads import report

M = mystatus.M


def told(platforms=None, wanted=None, monkeypatch=None):
    if platforms is not None:
        monkeypatch.setattr(mystatus, "PLATFORMS", platforms)
    return mystatus._nothing_configured(lambda msg: mystatus.translate(msg, {}), None, wanted).splitlines()


def line_of(lines, platform):
    (line,) = [line for line in lines if line.startswith("  " + platform.title + " ")]
    return line


def test_every_source_of_every_platform_is_named(home, capsys):
    status, out, _ = report(capsys)
    lines = out.splitlines()
    assert status == 4
    paths = mystatus.Paths.from_env({"HOME": "~"}, look=False)
    for platform in mystatus.PLATFORMS:
        line = line_of(lines, platform)
        for where, path in platform.file_paths(paths):  # OpenCode's stores, a plugin's files, its vendor's tool's
            shown = "auth.json, opencode.db" if where is mystatus.opencode_stores else paths.show(path)
            assert shown in line, (platform.id, where, line)
        for variable in platform.env_keys:
            assert variable in line.split(", "), (platform.id, variable, line)
    # An apiKey in OpenCode's config serves a platform whose read() takes an API key,
    # never OpenAI or Claude, whose subscriptions only a sign-in carries.
    assert "opencode.json" in line_of(lines, mystatus.PLATFORM["kimi"])
    assert "opencode.json" in line_of(lines, mystatus.PLATFORM["zhipuai"])
    assert "opencode.json" not in line_of(lines, mystatus.PLATFORM["openai"])
    assert "ZHIPU_API_KEY" in line_of(lines, mystatus.PLATFORM["zai"])
    # Where OpenCode's stores are, once, and how to sign in.
    assert "auth.json, opencode.db: OpenCode's sign-ins and keys, in ~/.local/share/opencode" in lines
    assert ("opencode.json: provider.<id>.options.apiKey in ~/.config/opencode/config.json, opencode.json, "
            "opencode.jsonc") in lines
    assert "opencode auth login" in lines[-1]


def test_a_source_a_row_declares_appears_without_another_edit(monkeypatch):
    kimi = mystatus.PLATFORM["kimi"]
    row = mystatus.Platform(**dict(kimi._values(), env_keys=("KIMI_API_KEY",),
                                   files=(mystatus.opencode_stores, mystatus.codex_file)))
    platforms = tuple(row if p is kimi else p for p in mystatus.PLATFORMS)
    line = line_of(told(platforms, monkeypatch=monkeypatch), row)
    assert line.endswith("auth.json, opencode.db, opencode.json, ~/.codex/auth.json, KIMI_API_KEY")


@pytest.mark.parametrize("wanted, legend", [({"google"}, 1), ({"openai"}, 1), ({"minimax"}, 2)])
def test_the_notes_on_opencode_s_stores_come_with_a_platform_that_reads_them(wanted, legend):
    lines = told(wanted=wanted)
    assert len(lines) == 1 + 1 + legend + 1
    assert lines[-1] == ("Sign in (or add a key) by running opencode auth login, or with the platform's plugin or "
                         "own tool, then run mystatus again.")
