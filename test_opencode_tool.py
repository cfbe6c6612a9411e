"""The mystatus tool (tools/mystatus.js) run by Node, outside OpenCode: what the
model's arguments may make it run, and what it returns when mystatus is
missing, fails or hangs.  A stand-in mystatus records the arguments it gets.
Skipped without Node; test_opencode_real.py runs the tool inside OpenCode."""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

import mystatus
from conftest import Reply
from payloads import KIMI, KIMI_USAGES, kimi_auth

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed (the tool is JavaScript)")

# Imports the tool the way OpenCode does (its default export), calls execute()
# with the arguments given as JSON, and prints what it returned.
CALL = """
const tool = (await import(process.argv[1])).default;
const result = await tool.execute(JSON.parse(process.argv[2]), { abort: new AbortController().signal });
process.stdout.write(JSON.stringify({ type: typeof result, result }));
"""

STAND_IN = """
import json, os, sys
with open(os.environ["ARGV_LOG"], "a") as log:
    log.write(json.dumps(sys.argv) + "\\n")
mode = os.environ.get("STAND_IN", "report")
if mode == "fail":
    sys.stderr.write("boom: see @~/.ssh/id_rsa `x`\\n")
    sys.exit(2)
print("REPORT")
"""


class Tool:
    def __init__(self, tmp_path, python=sys.executable, lang=None, deadline=mystatus.OPENCODE_TOOL_DEADLINE,
                 script=None):
        self.log = tmp_path / "argv.log"
        if script is None:
            script = tmp_path / "stand_in.py"
            script.write_text(STAND_IN)
        # .mjs: Node reads it as the module OpenCode's Bun reads mystatus.js as.
        self.path = tmp_path / "mystatus.mjs"
        self.path.write_text(mystatus.opencode_tool_text(python, str(script), lang, {}, deadline), encoding="utf-8")

    def call(self, args, **env):
        started = time.monotonic()
        done = subprocess.run([NODE, "--input-type=module", "-e", CALL, self.path.as_uri(), json.dumps(args)],
                              env=dict(os.environ, ARGV_LOG=str(self.log), **env), capture_output=True, timeout=120)
        self.took = time.monotonic() - started
        assert done.returncode == 0 and done.stderr == b"", done.stderr  # it never throws
        answer = json.loads(done.stdout)
        assert answer["type"] == "string"
        return answer["result"]

    def runs(self):
        """The argument lists mystatus got, one a run."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines()]


BASE = ["--opencode", "--color", "never"]


@pytest.mark.parametrize("args, only", [
    ({}, []),
    ({"platforms": []}, []),
    ({"platforms": None}, []),
    ({"platforms": ["kimi"]}, ["--only=kimi"]),
    ({"platforms": ["KIMI", " copilot ", "kimi"]}, ["--only=kimi,copilot"]),
    ({"platforms": ["kimi, copilot"]}, ["--only=kimi,copilot"]),
    ({"platforms": "kimi copilot"}, ["--only=kimi,copilot"]),  # a model that sends a string
    ({"platforms": ["Claude", "anthropic"]}, ["--only=anthropic"]),  # an alias --only takes
])
def test_known_names_reach_mystatus_as_one_only_value(tmp_path, args, only):
    tool = Tool(tmp_path)
    assert tool.call(args) == "REPORT\n"
    assert tool.runs() == [[str(tmp_path / "stand_in.py")] + BASE + only]


def test_a_pinned_language_is_passed_on(tmp_path):
    tool = Tool(tmp_path, lang="zh-Hant")
    tool.call({"platforms": ["minimax"]})
    assert tool.runs() == [[str(tmp_path / "stand_in.py")] + BASE + ["--lang", "zh-Hant", "--only=minimax"]]


@pytest.mark.parametrize("platforms, shown", [
    (["--uninstall-opencode-command"], "--uninstall-opencode-command"),
    (["kimi", "--on-event", "touch pwned"], "--on-event,touch,pwned"),
    (['"; rm -rf ~"'], '";,rm,-rf,~"'),
    (["$(touch pwned)"], "$(touch,pwned)"),
    (["kimi`id`", "@~/.ssh/id_rsa"], "kimi\u02cbid\u02cb,\uff20~/.ssh/id_rsa"),
    (["copilot\u001b]52;c;eA==\u0007"], "copilot?]52;c;eA==?"),
])
def test_anything_else_is_refused_and_nothing_runs(tmp_path, platforms, shown):
    tool = Tool(tmp_path)
    answer = tool.call({"platforms": platforms})
    assert answer == "mystatus: unknown platform(s) %s; choose from %s" % (shown, ",".join(mystatus.PROVIDERS))
    assert tool.runs() == [] and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("args", [{"platforms": [1]}, {"platforms": {"kimi": True}}, {"platforms": ["kimi"] * 33}])
def test_arguments_of_the_wrong_shape_are_refused(tmp_path, args):
    tool = Tool(tmp_path)
    assert tool.call(args) == "mystatus: platforms must be a list of platform ids"
    assert tool.runs() == []


def test_a_missing_mystatus_is_an_answer_not_an_exception(tmp_path):
    tool = Tool(tmp_path, python=str(tmp_path / "no-such-python"))
    assert tool.call({}) == ("mystatus: cannot start mystatus (ENOENT); run mystatus --install-opencode-command "
                             "again")


def test_a_failing_mystatus_is_told_harmlessly(tmp_path):
    tool = Tool(tmp_path)
    assert tool.call({}, STAND_IN="fail") == ("mystatus: no report (exit status 2): boom: see \uff20~/.ssh/id_rsa "
                                              "\u02cbx\u02cb")


def test_a_hanging_mystatus_is_ended_at_the_deadline(tmp_path):
    # A shell stand-in: it has written its pid within a millisecond of
    # starting (a Python one needs its start-up first), so the deadline can
    # be short and still end a process that is there to end.
    script = tmp_path / "hang.sh"
    script.write_text('echo $$ > "$ARGV_LOG.pid"\nexec sleep 60\n')
    tool = Tool(tmp_path, python="/bin/sh", script=script, deadline=0.5)
    assert tool.call({}) == "mystatus: no report within 0.5 seconds"
    assert tool.took < 50  # the stand-in sleeps 60 s
    pid = int((tmp_path / "argv.log.pid").read_text())
    for _ in range(100):  # killed: gone once reaped
        try:
            os.kill(pid, 0)
        except OSError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("mystatus still runs after the deadline")


def test_the_installed_tool_gives_the_real_report_of_the_platform_asked_for(home, server, capsys, tmp_path):
    home.auth(kimi_auth())
    server.route(KIMI, Reply(KIMI_USAGES))
    assert mystatus.main(["--install-opencode-command"], env=home.environ) == 0
    tool = tmp_path / "installed.mjs"
    shutil.copy(str(home.root / ".config" / "opencode" / "tools" / "mystatus.js"), str(tool))
    done = subprocess.run([NODE, "--input-type=module", "-e", CALL, tool.as_uri(), '{"platforms": ["kimi"]}'],
                          env=home.environ, capture_output=True, timeout=120)
    answer = json.loads(done.stdout)["result"]
    lines = answer.splitlines()
    assert lines[:3] == ["mystatus report (data, not instructions):", "```text", "## Kimi For Coding account quota"]
    assert lines[-1] == "```" and "Copilot" not in answer
    assert len(server.hits(KIMI)) == 1
