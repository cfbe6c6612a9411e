"""--install-opencode-command and --uninstall-opencode-command: the /mystatus
command file and the mystatus tool file for OpenCode, written and removed in a
temporary HOME.  No Node here: test_opencode_tool.py runs the tool."""

import json
import os
import re
import shutil
import stat
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT, run_main

WROTE = ("Wrote {}; type /mystatus in OpenCode to see the report\n"
         "Wrote {}; OpenCode's model can now call the mystatus tool\n")
NOTHING_CONFIGURED = "No AI coding subscription is configured. mystatus reads:"
SIGN_IN = ("Sign in (or add a key) by running opencode auth login, or with the platform's plugin or own tool, then run "
           "mystatus again.")


def command_file(config):
    return config / "opencode" / "commands" / "mystatus.md"


def tool_file(config):
    return config / "opencode" / "tools" / "mystatus.js"


def wrote(config):
    return WROTE.format(command_file(config), tool_file(config))


def installed(text):
    """The values the installer put in the tool: the one INSTALLED line, as JSON."""
    found = re.findall(r"^const INSTALLED = (.*);$", text, re.M)
    assert len(found) == 1, text
    return json.loads(found[0])


def fixed_part(text):
    """The tool without its installed values: the same program for everyone."""
    return re.sub(r"^const INSTALLED = .*;$", "const INSTALLED = @INSTALLED@;", text, flags=re.M)


def front_matter(text):
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    return head.splitlines(), body


def fenced(stdout):
    """The report inside what `mystatus --opencode` prints: a line, a fence, the report, the fence."""
    lines = stdout.decode("utf-8").splitlines()
    assert lines[1:2] == ["```text"] and lines[-1] == "```", lines
    return lines[2:-1]


def spawn_env(home_dir, **extra):
    """What OpenCode passes on to the tool's mystatus might be: HOME and PATH,
    no PYTHONPATH, no credentials."""
    env = {"HOME": str(home_dir), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_PROXY": "*"}
    env.update(extra)
    return env


# Install ######################################################################


def test_install_writes_the_command_and_the_tool_and_prints_their_paths(home, capsys):
    config = home.root / ".config"
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out, err) == (0, wrote(config), "")
    head, body = front_matter(command_file(config).read_text(encoding="utf-8"))
    assert head == [mystatus.OPENCODE_MARKER,
                    'description: "How much of your AI coding subscriptions is left (mystatus)"']
    # The command runs nothing itself: its arguments go to the model, as data for the tool.
    assert "!`" not in body and "<arguments>\n$ARGUMENTS\n</arguments>" in body
    assert "mystatus tool" in body and "not instructions" in body and "exactly as it is" in body
    tool = tool_file(config).read_text(encoding="utf-8")
    assert tool.splitlines()[0] == mystatus.OPENCODE_TOOL_MARKER
    values = installed(tool)
    assert (values["python"], values["script"], values["lang"]) == (sys.executable,
                                                                    os.path.join(ROOT, "mystatus.py"), None)
    assert values["ids"] == list(mystatus.PROVIDERS) and values["deadline"] == mystatus.OPENCODE_TOOL_DEADLINE
    assert fixed_part(tool) == mystatus.OPENCODE_TOOL
    # Nothing else in OpenCode's config: no temporary file left beside them.
    assert sorted(p.name for p in config.rglob("*")) == ["commands", "mystatus.js", "mystatus.md", "opencode",
                                                        "tools"]


def test_reinstall_replaces_its_own_files_and_is_idempotent(home, capsys):
    config = home.root / ".config"
    run_main(capsys, "--install-opencode-command")
    first = [command_file(config).read_bytes(), tool_file(config).read_bytes()]
    command_file(config).write_bytes(first[0].replace(b"$ARGUMENTS", b"!`id`"))
    tool_file(config).write_bytes(first[1].replace(b"spawn(", b"exec("))
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out, err) == (0, wrote(config), "")
    assert [command_file(config).read_bytes(), tool_file(config).read_bytes()] == first
    assert run_main(capsys, "--install-opencode-command")[0] == 0
    assert [command_file(config).read_bytes(), tool_file(config).read_bytes()] == first


@pytest.mark.parametrize("which", [command_file, tool_file])
def test_a_foreign_file_is_never_overwritten_and_nothing_is_written(home, capsys, which):
    config = home.root / ".config"
    target = home.write(which(config), "my own mystatus\n")
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (1, "")
    assert err == "mystatus: %s: not written by mystatus; --force replaces it\n" % target
    assert target.read_text() == "my own mystatus\n"
    other = tool_file(config) if which is command_file else command_file(config)
    assert not other.exists()  # no half-installed pair


def test_the_other_file_s_marker_does_not_make_a_file_ours(home, capsys):
    config = home.root / ".config"
    home.write(tool_file(config), mystatus.OPENCODE_MARKER + "\nmy own tool\n")
    status, _, err = run_main(capsys, "--install-opencode-command")
    assert status == 1 and "not written by mystatus" in err


def test_force_replaces_foreign_files(home, capsys):
    config = home.root / ".config"
    home.write(command_file(config), "my own /mystatus\n")
    home.write(tool_file(config), "export default {}\n")
    status, out, err = run_main(capsys, "--install-opencode-command", "--force")
    assert (status, out, err) == (0, wrote(config), "")
    assert mystatus.OPENCODE_MARKER in command_file(config).read_text(encoding="utf-8").splitlines()
    assert mystatus.OPENCODE_TOOL_MARKER in tool_file(config).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("which", [command_file, tool_file])
def test_a_directory_in_the_way_is_refused(home, capsys, which):
    target = which(home.root / ".config")
    target.mkdir(parents=True)
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out, err) == (1, "", "mystatus: %s: not a regular file; left in place\n" % target)
    status, _, err = run_main(capsys, "--uninstall-opencode-command")
    assert status == 1 and err == "mystatus: %s: not a regular file; left in place\n" % target
    assert target.is_dir()


def test_a_failed_write_leaves_the_old_files_and_no_temporary_one(home, capsys, monkeypatch):
    config = home.root / ".config"
    run_main(capsys, "--install-opencode-command")
    before = [command_file(config).read_bytes(), tool_file(config).read_bytes()]

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mystatus.os, "replace", crash)
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (1, "")
    assert err == "mystatus: %s: cannot write it (No space left on device)\n" % command_file(config)
    assert [command_file(config).read_bytes(), tool_file(config).read_bytes()] == before
    assert os.listdir(str(command_file(config).parent)) == ["mystatus.md"]
    assert os.listdir(str(tool_file(config).parent)) == ["mystatus.js"]


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_folders_and_files_follow_the_umask(home, capsys):
    old = os.umask(0o027)
    try:
        assert run_main(capsys, "--install-opencode-command")[0] == 0
    finally:
        os.umask(old)
    config = home.root / ".config"
    for target in (command_file(config), tool_file(config)):
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        for folder in (target.parent, target.parent.parent, target.parent.parent.parent):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o750


@pytest.mark.parametrize("argv", [
    ["--force"],
    ["--uninstall-opencode-command", "--force"],
    ["--install-opencode-command", "--uninstall-opencode-command"],
])
def test_usage_errors_exit_2_and_touch_nothing(home, capsys, argv):
    status, out, err = run_main(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: mystatus") and "mystatus: error: " in err
    assert not (home.root / ".config").exists()


ODD = "/opt/odd`dir \"quoted\" \\ ${HOME} */ </script>\n\u2028\u00e9\u4e2d/mystatus.py"


def test_any_path_is_data_in_the_tool_never_code(home):
    """Backticks, quotes, backslashes, ${...}, a comment end, line breaks (and
    U+2028, a line break to older JavaScript): the value comes back exactly,
    and the program around it is the fixed one."""
    status, out, err = mystatus.opencode_command(False, False, env=home.environ, lang="en", catalog={},
                                                 program=(ODD.replace("mystatus.py", "python"), ODD))
    assert (status, err) == (0, [])
    text = tool_file(home.root / ".config").read_text(encoding="utf-8")
    assert installed(text)["script"] == ODD and installed(text)["python"] == ODD.replace("mystatus.py", "python")
    assert fixed_part(text) == mystatus.OPENCODE_TOOL and text.isascii()


def test_an_unknown_interpreter_is_refused(home):
    status, out, err = mystatus.opencode_command(False, False, env=home.environ, lang="en", catalog={},
                                                 program=("", "/opt/mystatus.py"))
    assert (status, out, err) == (1, [], ["mystatus: cannot tell which Python runs mystatus; nothing written"])
    assert not (home.root / ".config").exists()


# Uninstall ####################################################################


def test_uninstall_removes_its_own_files_and_nothing_else(home, capsys):
    config = home.root / ".config"
    run_main(capsys, "--install-opencode-command")
    other = home.write(command_file(config).parent / "review.md", "---\ndescription: review\n---\nReview.\n")
    theirs = home.write(tool_file(config).parent / "weather.js", "export default {}\n")
    settings = home.write(home.config / "opencode.json", "{}")
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (0, "Removed %s\nRemoved %s\n" % (command_file(config), tool_file(config)), "")
    assert not command_file(config).exists() and not tool_file(config).exists()
    assert other.read_text() == "---\ndescription: review\n---\nReview.\n" and settings.read_text() == "{}"
    assert theirs.read_text() == "export default {}\n"


def test_uninstall_judges_each_file_on_its_own(home, capsys):
    config = home.root / ".config"
    run_main(capsys, "--install-opencode-command")
    command_file(config).write_text("my own /mystatus now\n")
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out) == (1, "Removed %s\n" % tool_file(config))
    assert err == "mystatus: %s: not written by mystatus; left in place\n" % command_file(config)
    assert command_file(config).read_text() == "my own /mystatus now\n" and not tool_file(config).exists()


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="symbolic links")
def test_uninstall_leaves_a_symbolic_link_alone(home, capsys, tmp_path):
    target = tool_file(home.root / ".config")
    run_main(capsys, "--install-opencode-command")
    kept = tmp_path / "dotfiles-mystatus.js"
    os.replace(str(target), str(kept))
    target.symlink_to(kept)  # a dotfiles manager's link to a file we once wrote
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (1, "Removed %s\n" % command_file(home.root / ".config"),
                                  "mystatus: %s: not a regular file; left in place\n" % target)
    assert target.is_symlink() and kept.exists()


def test_uninstall_without_files_succeeds_and_says_so(home, capsys):
    config = home.root / ".config"
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (0, "%s: not installed; nothing to remove\n%s: not installed; nothing to remove\n"
                                  % (command_file(config), tool_file(config)), "")
    assert not config.exists()


# Where and in which language ##################################################


def test_xdg_config_home_overrides_the_default(home, capsys, monkeypatch, tmp_path):
    config = tmp_path / "elsewhere"
    home.environ["XDG_CONFIG_HOME"] = str(config)
    status, out, _ = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (0, wrote(config))
    assert command_file(config).exists() and tool_file(config).exists() and not (home.root / ".config").exists()
    assert run_main(capsys, "--uninstall-opencode-command")[:2] == (
        0, "Removed %s\nRemoved %s\n" % (command_file(config), tool_file(config)))


@pytest.mark.parametrize("env, expected", [
    ({"HOME": "/home/dev"}, "/home/dev/.config/opencode/"),
    ({"HOME": "/home/dev", "XDG_CONFIG_HOME": "/cfg"}, "/cfg/opencode/"),
    ({"HOME": "/home/dev", "XDG_CONFIG_HOME": ""}, "/home/dev/.config/opencode/"),
])
def test_paths_follow_xdg(env, expected):
    assert mystatus.opencode_command_path(env) == os.path.abspath(expected + "commands/mystatus.md")
    assert mystatus.opencode_tool_path(env) == os.path.abspath(expected + "tools/mystatus.js")


@pytest.mark.parametrize("setting, argv, description, wrote, pinned, unknown", [
    ({"LANG": "zh_CN.UTF-8"}, [], "查看 AI 编程订阅还剩多少额度（mystatus）", "已写入 ", None, "未知平台"),
    ({"LANG": "zh_TW.UTF-8"}, [], "查看 AI 程式設計訂閱還剩多少額度（mystatus）", "已寫入 ", None, "未知平台"),
    ({"LANG": "zh_CN.UTF-8"}, ["--lang", "zh-Hant"], "查看 AI 程式設計訂閱還剩多少額度（mystatus）", "已寫入 ",
     "zh-Hant", "未知平台"),
    ({"LANG": "zh_CN.UTF-8"}, ["--lang", "en"], "How much of your AI coding subscriptions is left (mystatus)",
     "Wrote ", "en", "unknown platform(s) {names}; choose from {choices}"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, [], "How much of your AI coding subscriptions is left "
                                                           "(mystatus)", "Wrote ", None, "unknown platform(s)"),
])
def test_description_messages_and_pinned_language(home, capsys, monkeypatch, setting, argv, description, wrote,
                                                  pinned, unknown):
    for name, value in setting.items():
        home.environ[name] = value
    status, out, _ = run_main(capsys, "--install-opencode-command", *argv)
    assert status == 0 and out.startswith(wrote)
    text = command_file(home.root / ".config").read_text(encoding="utf-8")
    assert front_matter(text)[0][1] == 'description: "%s"' % description
    # --lang given is pinned; without it the report follows the locale OpenCode passes on.
    values = installed(tool_file(home.root / ".config").read_text(encoding="utf-8"))
    assert values["lang"] == pinned
    # The tool's own messages, placeholders kept for it to fill.
    assert unknown in values["messages"]["unknown"] and "{names}" in values["messages"]["unknown"]


def test_refusal_in_chinese(home, capsys, monkeypatch):
    home.environ["LANG"] = "zh_CN.UTF-8"
    target = home.write(command_file(home.root / ".config"), "my own /mystatus\n")
    status, _, err = run_main(capsys, "--install-opencode-command")
    assert (status, err) == (1, "mystatus: %s：不是 mystatus 写入的文件；加 --force 可替换它\n" % target)


# The tool runs the mystatus that wrote it #####################################


def install_and_run(argv, home_dir, cwd, **locale):
    """Install with `argv` as a subprocess, then run what the tool runs (its
    recorded interpreter and script, as separate arguments, with no shell)
    from another directory, in an environment without PYTHONPATH."""
    done = subprocess.run(argv + ["--install-opencode-command"], env=spawn_env(home_dir, PYTHONPATH=ROOT, **locale),
                          cwd=str(cwd), capture_output=True, timeout=60)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    values = installed(tool_file(home_dir / ".config").read_text(encoding="utf-8"))
    elsewhere = home_dir / "project"
    elsewhere.mkdir(exist_ok=True)
    tool_argv = [values["python"], values["script"], "--opencode", "--color", "never"]
    return values, subprocess.run(tool_argv, env=spawn_env(home_dir, **locale), cwd=str(elsewhere),
                                  capture_output=True, timeout=60)


def test_the_tool_runs_the_mystatus_that_wrote_it(tmp_path):
    values, done = install_and_run([sys.executable, "-m", "mystatus"], tmp_path, tmp_path)
    assert (values["python"], values["script"]) == (sys.executable, os.path.join(ROOT, "mystatus.py"))
    assert (done.returncode, done.stderr) == (4, b"")
    lines = fenced(done.stdout)
    assert lines[0] == NOTHING_CONFIGURED and lines[-1] == SIGN_IN and len(lines) == len(mystatus.PLATFORMS) + 4


def test_the_report_follows_the_locale_opencode_passes_on(tmp_path):
    # Installed with -m, from bytecode: an install by the script's path is the
    # next test's, and the tool's run compiles mystatus.py anyway.
    _, done = install_and_run([sys.executable, "-m", "mystatus"], tmp_path, tmp_path, LANG="zh_CN.UTF-8")
    assert done.returncode == 4
    assert fenced(done.stdout)[0].startswith("未配置任何 AI 编程订阅。")


def test_a_path_with_spaces_and_quotes_is_recorded_as_it_is(tmp_path):
    odd = tmp_path / "it's a $HOME `dir`"
    odd.mkdir()
    for name in ("mystatus.py", "i18n.py"):
        shutil.copy(os.path.join(ROOT, name), str(odd / name))
    values, done = install_and_run([sys.executable, str(odd / "mystatus.py")], tmp_path, tmp_path)
    assert values["script"] == str(odd / "mystatus.py")
    assert (done.returncode, done.stderr) == (4, b"")
    assert fenced(done.stdout)[0] == NOTHING_CONFIGURED


def test_a_zipapp_records_the_archive(tmp_path):
    import make_pyz

    build = tmp_path / "build"
    build.mkdir()
    make_pyz.build(str(build / "mystatus.pyz"))
    # Started by a relative path: the tool still names the archive absolutely.
    values, done = install_and_run([sys.executable, "mystatus.pyz"], tmp_path, build, LANG="zh_TW.UTF-8")
    assert values["script"] == str(build / "mystatus.pyz")
    assert (done.returncode, done.stderr) == (4, b"")
    assert fenced(done.stdout)[0].startswith("尚未設定任何 AI 程式設計訂閱。")


def test_a_path_the_terminal_cannot_show_is_written_and_shown_with_question_marks(tmp_path):
    home_dir = tmp_path / "café"
    home_dir.mkdir()
    done = subprocess.run([sys.executable, "-m", "mystatus", "--install-opencode-command"], capture_output=True,
                          env=spawn_env(home_dir, PYTHONPATH=ROOT, PYTHONIOENCODING="ascii"), timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("ascii") == wrote(home_dir / ".config").replace("é", "?")
    assert command_file(home_dir / ".config").exists() and tool_file(home_dir / ".config").exists()
