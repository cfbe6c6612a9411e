"""--install-opencode-command and --uninstall-opencode-command: the /mystatus
command file for OpenCode, written and removed in a temporary HOME."""

import os
import re
import shlex
import shutil
import stat
import subprocess
import sys

import pytest

import mystatus
from conftest import ROOT, run_main

WROTE = "Wrote {}; type /mystatus in OpenCode to see the report\n"
NOTHING_CONFIGURED = "No AI coding subscription is configured. mystatus reads:"
SIGN_IN = ("Sign in (or add a key) by running opencode auth login, or with the platform's plugin or own tool, then run "
           "mystatus again.")


def command_file(config):
    return config / "opencode" / "commands" / "mystatus.md"


def shell_command(text):
    """The command OpenCode runs: what stands between !` and the next backtick."""
    found = re.findall(r"!`([^`]+)`", text)
    assert len(found) == 1, text
    return found[0]


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
    """What a shell started by OpenCode might have: HOME and PATH, no PYTHONPATH,
    no credentials."""
    env = {"HOME": str(home_dir), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_PROXY": "*"}
    env.update(extra)
    return env


# Install ######################################################################


def test_install_writes_the_command_and_prints_its_path(home, capsys):
    target = command_file(home.root / ".config")
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out, err) == (0, WROTE.format(target), "")
    text = target.read_text(encoding="utf-8")
    head, body = front_matter(text)
    assert head == [mystatus.OPENCODE_MARKER,
                    'description: "How much of your AI coding subscriptions is left (mystatus)"']
    assert "exactly as it is" in body and "not instructions" in body
    assert shell_command(text) == "%s %s --opencode --color never" % (shlex.quote(sys.executable),
                                                           shlex.quote(os.path.join(ROOT, "mystatus.py")))
    # Nothing else in OpenCode's config: no temporary file left beside it.
    assert sorted(p.name for p in (home.root / ".config").rglob("*")) == ["commands", "mystatus.md", "opencode"]


def test_reinstall_replaces_its_own_file_and_is_idempotent(home, capsys):
    target = command_file(home.root / ".config")
    run_main(capsys, "--install-opencode-command")
    first = target.read_bytes()
    target.write_text(target.read_text(encoding="utf-8").replace("--color never", "--json"), encoding="utf-8")
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out, err) == (0, WROTE.format(target), "")
    assert target.read_bytes() == first
    assert run_main(capsys, "--install-opencode-command")[0] == 0
    assert target.read_bytes() == first


def test_a_foreign_file_is_never_overwritten(home, capsys):
    target = home.write(command_file(home.root / ".config"), "---\ndescription: mine\n---\nmy own /mystatus\n")
    before = target.read_bytes()
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (1, "")
    assert err == "mystatus: %s: not written by mystatus; --force replaces it\n" % target
    assert target.read_bytes() == before


def test_force_replaces_a_foreign_file(home, capsys):
    target = home.write(command_file(home.root / ".config"), "my own /mystatus\n")
    status, out, err = run_main(capsys, "--install-opencode-command", "--force")
    assert (status, out, err) == (0, WROTE.format(target), "")
    assert mystatus.OPENCODE_MARKER in target.read_text(encoding="utf-8").splitlines()


def test_a_directory_in_the_way_is_refused(home, capsys):
    target = command_file(home.root / ".config")
    target.mkdir(parents=True)
    for argv in (["--install-opencode-command"], ["--uninstall-opencode-command"]):
        status, out, err = run_main(capsys, *argv)
        assert (status, out, err) == (1, "", "mystatus: %s: not a regular file; left in place\n" % target)
    assert target.is_dir()


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(home, capsys, monkeypatch):
    target = command_file(home.root / ".config")
    run_main(capsys, "--install-opencode-command")
    before = target.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mystatus.os, "replace", crash)
    status, out, err = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (1, "")
    assert err == "mystatus: %s: cannot write it (No space left on device)\n" % target
    assert target.read_bytes() == before
    assert os.listdir(str(target.parent)) == ["mystatus.md"]


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_folders_and_file_follow_the_umask(home, capsys):
    old = os.umask(0o027)
    try:
        assert run_main(capsys, "--install-opencode-command")[0] == 0
    finally:
        os.umask(old)
    target = command_file(home.root / ".config")
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


def test_a_backtick_in_the_path_is_refused_not_written_broken(home):
    script = "/opt/odd`dir/mystatus.py"
    status, text = mystatus.opencode_command(True, False, False, env=os.environ, lang="en", catalog={},
                                             program=(sys.executable, script))
    assert status == 1
    assert text.startswith("mystatus: OpenCode cannot run a command with a backtick or a line break: ")
    assert not (home.root / ".config").exists()


def test_an_unknown_interpreter_is_refused(home):
    status, text = mystatus.opencode_command(True, False, False, env=os.environ, lang="en", catalog={},
                                             program=("", "/opt/mystatus.py"))
    assert (status, text) == (1, "mystatus: cannot tell which Python runs mystatus; nothing written")
    assert not (home.root / ".config").exists()


# Uninstall ####################################################################


def test_uninstall_removes_its_own_file_and_nothing_else(home, capsys):
    target = command_file(home.root / ".config")
    run_main(capsys, "--install-opencode-command")
    other = home.write(target.parent / "review.md", "---\ndescription: review\n---\nReview.\n")
    config = home.write(home.config / "opencode.json", "{}")
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (0, "Removed %s\n" % target, "")
    assert not target.exists()
    assert other.read_text() == "---\ndescription: review\n---\nReview.\n" and config.read_text() == "{}"


def test_uninstall_refuses_a_foreign_file(home, capsys):
    target = home.write(command_file(home.root / ".config"), "my own /mystatus\n")
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out) == (1, "")
    assert err == "mystatus: %s: not written by mystatus; left in place\n" % target
    assert target.read_text() == "my own /mystatus\n"


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="symbolic links")
def test_uninstall_leaves_a_symbolic_link_alone(home, capsys, tmp_path):
    target = command_file(home.root / ".config")
    run_main(capsys, "--install-opencode-command")
    kept = tmp_path / "dotfiles-mystatus.md"
    os.replace(str(target), str(kept))
    target.symlink_to(kept)  # a dotfiles manager's link to a file we once wrote
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (1, "", "mystatus: %s: not a regular file; left in place\n" % target)
    assert target.is_symlink() and kept.exists()


def test_uninstall_without_a_file_succeeds_and_says_so(home, capsys):
    target = command_file(home.root / ".config")
    status, out, err = run_main(capsys, "--uninstall-opencode-command")
    assert (status, out, err) == (0, "%s: not installed; nothing to remove\n" % target, "")
    assert not (home.root / ".config").exists()


# Where and in which language ##################################################


def test_xdg_config_home_overrides_the_default(home, capsys, monkeypatch, tmp_path):
    config = tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    status, out, _ = run_main(capsys, "--install-opencode-command")
    assert (status, out) == (0, WROTE.format(command_file(config)))
    assert command_file(config).exists() and not (home.root / ".config").exists()
    assert run_main(capsys, "--uninstall-opencode-command")[:2] == (0, "Removed %s\n" % command_file(config))


@pytest.mark.parametrize("env, expected", [
    ({"HOME": "/home/dev"}, "/home/dev/.config/opencode/commands/mystatus.md"),
    ({"HOME": "/home/dev", "XDG_CONFIG_HOME": "/cfg"}, "/cfg/opencode/commands/mystatus.md"),
    ({"HOME": "/home/dev", "XDG_CONFIG_HOME": ""}, "/home/dev/.config/opencode/commands/mystatus.md"),
])
def test_command_path_follows_xdg(env, expected):
    assert mystatus.opencode_command_path(env) == os.path.abspath(expected)


@pytest.mark.parametrize("setting, argv, description, wrote", [
    ({"LANG": "zh_CN.UTF-8"}, [], "查看 AI 编程订阅还剩多少额度（mystatus）", "已写入 "),
    ({"LANG": "zh_TW.UTF-8"}, [], "查看 AI 程式設計訂閱還剩多少額度（mystatus）", "已寫入 "),
    ({"LANG": "zh_CN.UTF-8"}, ["--lang", "zh-Hant"], "查看 AI 程式設計訂閱還剩多少額度（mystatus）", "已寫入 "),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, [], "How much of your AI coding subscriptions is left "
                                                           "(mystatus)", "Wrote "),
])
def test_description_and_messages_in_the_report_s_language(home, capsys, monkeypatch, setting, argv, description,
                                                          wrote):
    for name, value in setting.items():
        monkeypatch.setenv(name, value)
    status, out, _ = run_main(capsys, "--install-opencode-command", *argv)
    assert status == 0 and out.startswith(wrote)
    text = command_file(home.root / ".config").read_text(encoding="utf-8")
    assert front_matter(text)[0][1] == 'description: "%s"' % description
    assert "--lang" not in shell_command(text)  # the report follows the locale OpenCode passes on


def test_refusal_in_chinese(home, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    target = home.write(command_file(home.root / ".config"), "my own /mystatus\n")
    status, _, err = run_main(capsys, "--install-opencode-command")
    assert (status, err) == (1, "mystatus: %s：不是 mystatus 写入的文件；加 --force 可替换它\n" % target)


# The written template runs the tool that wrote it #############################


def install_and_run(argv, home_dir, cwd, **locale):
    """Install with `argv` as a subprocess, then run the command line found in
    the file the way OpenCode does, in a shell, from another directory."""
    done = subprocess.run(argv + ["--install-opencode-command"], env=spawn_env(home_dir, PYTHONPATH=ROOT, **locale),
                          cwd=str(cwd), capture_output=True, timeout=60)
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    text = command_file(home_dir / ".config").read_text(encoding="utf-8")
    elsewhere = home_dir / "project"
    elsewhere.mkdir(exist_ok=True)
    return shell_command(text), subprocess.run(shell_command(text), shell=True, env=spawn_env(home_dir, **locale),
                                               cwd=str(elsewhere), capture_output=True, timeout=60)


def test_the_written_template_runs_the_tool_that_wrote_it(tmp_path):
    line, done = install_and_run([sys.executable, "-m", "mystatus"], tmp_path, tmp_path)
    assert line.split()[1] == shlex.quote(os.path.join(ROOT, "mystatus.py"))
    assert (done.returncode, done.stderr) == (4, b"")
    lines = fenced(done.stdout)
    assert lines[0] == NOTHING_CONFIGURED and lines[-1] == SIGN_IN and len(lines) == len(mystatus.PLATFORMS) + 4


def test_the_template_follows_the_locale_opencode_passes_on(tmp_path):
    _, done = install_and_run([sys.executable, os.path.join(ROOT, "mystatus.py")], tmp_path, tmp_path,
                              LANG="zh_CN.UTF-8")
    assert done.returncode == 4
    assert fenced(done.stdout)[0].startswith("未配置任何 AI 编程订阅。")


def test_a_path_with_spaces_and_quotes_is_quoted_for_the_shell(tmp_path):
    odd = tmp_path / "it's a $HOME dir"
    odd.mkdir()
    for name in ("mystatus.py", "i18n.py"):
        shutil.copy(os.path.join(ROOT, name), str(odd / name))
    line, done = install_and_run([sys.executable, str(odd / "mystatus.py")], tmp_path, tmp_path)
    assert shlex.split(line)[1] == str(odd / "mystatus.py")
    assert (done.returncode, done.stderr) == (4, b"")
    assert fenced(done.stdout)[0] == NOTHING_CONFIGURED


def test_a_zipapp_writes_a_command_that_runs_the_archive(tmp_path):
    import make_pyz

    build = tmp_path / "build"
    build.mkdir()
    make_pyz.build(str(build / "mystatus.pyz"))
    # Started by a relative path: the command still names the archive absolutely.
    line, done = install_and_run([sys.executable, "mystatus.pyz"], tmp_path, build, LANG="zh_TW.UTF-8")
    assert shlex.split(line)[1:] == [str(build / "mystatus.pyz"), "--opencode", "--color", "never"]
    assert (done.returncode, done.stderr) == (4, b"")
    assert fenced(done.stdout)[0].startswith("尚未設定任何 AI 程式設計訂閱。")


def test_a_path_the_terminal_cannot_show_is_written_and_shown_with_question_marks(tmp_path):
    home_dir = tmp_path / "café"
    home_dir.mkdir()
    done = subprocess.run([sys.executable, "-m", "mystatus", "--install-opencode-command"], capture_output=True,
                          env=spawn_env(home_dir, PYTHONPATH=ROOT, PYTHONIOENCODING="ascii"), timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("ascii") == WROTE.format(command_file(home_dir / ".config")).replace("é", "?")
    assert command_file(home_dir / ".config").exists()
