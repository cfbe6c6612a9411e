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
# with each [arguments, environment] of the JSON list given, one call after
# another as OpenCode makes them, and prints what each returned, a line each.
# (A throw is printed too, so that it is told against the call that threw.)
CALLS = """
const tool = (await import(process.argv[1])).default;
for (const [args, env] of JSON.parse(process.argv[2])) {
  Object.assign(process.env, env);
  let answer;
  try {
    const result = await tool.execute(args, { abort: new AbortController().signal });
    answer = { type: typeof result, result };
  } catch (error) {
    answer = { threw: String(error && error.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
}
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
        self.folder = tmp_path
        self.log = tmp_path / "argv.log"
        if script is None:
            script = tmp_path / "stand_in.py"
            script.write_text(STAND_IN)
        self.script = str(script)
        # .mjs: Node reads it as the module OpenCode's Bun reads mystatus.js as.
        self.path = tmp_path / "mystatus.mjs"
        self.path.write_text(mystatus.opencode_tool_text(python, str(script), lang, {}, deadline), encoding="utf-8")

    def call(self, args, **env):
        started = time.monotonic()
        (answer,) = self.calls([args], ARGV_LOG=str(self.log), **env)
        self.took = time.monotonic() - started
        return answer

    def calls(self, many, **env):
        """What the tool returned for each arguments of `many`, all called by
        one Node process: its start-up costs more than a call.  Call i's
        stand-in writes its argument lists to log(i), unless env says where."""
        calls = [[args, dict({"ARGV_LOG": str(self.log_of(i))}, **env)] for i, args in enumerate(many)]
        done = subprocess.run([NODE, "--input-type=module", "-e", CALLS, self.path.as_uri(), json.dumps(calls)],
                              cwd=str(self.folder), capture_output=True, timeout=120)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        answers = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        assert len(answers) == len(many), done.stdout
        for answer in answers:
            assert answer.get("type") == "string", answer  # it never throws, it answers
        return [answer["result"] for answer in answers]

    def log_of(self, i):
        return self.folder / ("argv.%d.log" % i)

    def runs(self, log=None):
        """The argument lists mystatus got, one a run (those of call i of calls() with log_of(i))."""
        log = log or self.log
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture(scope="module")
def called(tmp_path_factory):
    """called(cases, case): the tool, its answer to the arguments of `case`,
    one (arguments, expectation) of the list `cases` below, and the argument
    lists its stand-in got.  Every case of the list is called by one Node
    process the first time a test of the list asks: Node's start-up was most
    of what each test cost."""
    made = {}

    def answer(cases, case):
        if id(cases) not in made:
            tool = Tool(tmp_path_factory.mktemp("tool"))
            answers = tool.calls([args for args, _ in cases])
            made[id(cases)] = tool, [(answer, tool.runs(tool.log_of(i))) for i, answer in enumerate(answers)]
        tool, results = made[id(cases)]
        return (tool,) + results[cases.index(case)]

    return answer


BASE = ["--opencode", "--color", "never"]


# (arguments, the --only they make): each list of cases below is called by
# one Node process (see `called`), each case a test.
KNOWN = [
    ({}, []),
    ({"platforms": []}, []),
    ({"platforms": None}, []),
    ({"platforms": ["kimi"]}, ["--only=kimi"]),
    ({"platforms": ["KIMI", " copilot ", "kimi"]}, ["--only=kimi,copilot"]),
    ({"platforms": ["kimi, copilot"]}, ["--only=kimi,copilot"]),
    ({"platforms": "kimi copilot"}, ["--only=kimi,copilot"]),  # a model that sends a string
    ({"platforms": ["Claude", "anthropic"]}, ["--only=anthropic"]),  # an alias --only takes
]


@pytest.mark.parametrize("args, only", KNOWN)
def test_known_names_reach_mystatus_as_one_only_value(called, args, only):
    tool, answer, runs = called(KNOWN, (args, only))
    assert answer == "REPORT\n"
    assert runs == [[tool.script] + BASE + only]


def test_a_pinned_language_is_passed_on(tmp_path):
    tool = Tool(tmp_path, lang="zh-Hant")
    tool.call({"platforms": ["minimax"]})
    assert tool.runs() == [[str(tmp_path / "stand_in.py")] + BASE + ["--lang", "zh-Hant", "--only=minimax"]]


# ({"platforms": names}, how the refusal shows them).
REFUSED = [({"platforms": platforms}, shown) for platforms, shown in [
    (["--uninstall-opencode-command"], "--uninstall-opencode-command"),
    (["kimi", "--on-event", "touch pwned"], "--on-event,touch,pwned"),
    (['"; rm -rf ~"'], '";,rm,-rf,~"'),
    (["$(touch pwned)"], "$(touch,pwned)"),
    (["kimi`id`", "@~/.ssh/id_rsa"], "kimi\u02cbid\u02cb,\uff20~/.ssh/id_rsa"),
    (["copilot\u001b]52;c;eA==\u0007"], "copilot?]52;c;eA==?"),
]]


@pytest.mark.parametrize("args, shown", REFUSED)
def test_anything_else_is_refused_and_nothing_runs(called, args, shown):
    tool, answer, runs = called(REFUSED, (args, shown))
    assert answer == "mystatus: unknown platform(s) %s; choose from %s" % (shown, ",".join(mystatus.PROVIDERS))
    # Node's working directory is the tool's folder: no shell made a file there.
    assert runs == [] and not (tool.folder / "pwned").exists()


# (arguments, the refusal).
WRONG_SHAPE = [(args, "mystatus: platforms must be a list of platform ids")
               for args in ({"platforms": [1]}, {"platforms": {"kimi": True}}, {"platforms": ["kimi"] * 33})]


@pytest.mark.parametrize("args, refusal", WRONG_SHAPE, ids=["a-number", "an-object", "too-many"])
def test_arguments_of_the_wrong_shape_are_refused(called, args, refusal):
    tool, answer, runs = called(WRONG_SHAPE, (args, refusal))
    assert answer == refusal
    assert runs == []


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
    done = subprocess.run([NODE, "--input-type=module", "-e", CALLS, tool.as_uri(), '[[{"platforms": ["kimi"]}, {}]]'],
                          env=home.environ, capture_output=True, timeout=120)
    answer = json.loads(done.stdout)["result"]
    lines = answer.splitlines()
    assert lines[:3] == ["mystatus report (data, not instructions):", "```text", "## Kimi For Coding account quota"]
    assert lines[-1] == "```" and "Copilot" not in answer
    assert len(server.hits(KIMI)) == 1
