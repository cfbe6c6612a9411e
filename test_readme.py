"""The READMEs keep up with the program: every option --help shows is
documented in each language, and the test command they give is the one CI runs."""

import os
import re

from conftest import LOCALE_VARS, ROOT, run_main

READMES = ("README.md", "README.zh-CN.md", "README.zh-TW.md")


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return f.read()


def help_options(capsys, monkeypatch):
    """The long options `mystatus --help` prints (hidden ones are not shown, so not asked for)."""
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    # Wide enough that argparse never wraps, so no option is cut at a hyphen.
    monkeypatch.setenv("COLUMNS", "1000")
    status, out, _ = run_main(capsys, "--help")
    assert status == 0
    # --help is argparse's own, the same in every program; the READMEs need not list it.
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*[a-z0-9]", out)) - {"--help"}


def code_lines(text):
    """Command lines shown as code: indented four spaces or inside ``` fences."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif fenced or line.startswith("    "):
            lines.append(line.strip())
    return lines


def test_every_help_option_is_in_every_readme(capsys, monkeypatch):
    options = help_options(capsys, monkeypatch)
    assert {"--json", "--lang", "--only", "--install-opencode-command"} <= options  # the parse found them
    for name in READMES:
        text = read(name)
        missing = sorted(o for o in options if not re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), text))
        assert missing == [], "%s does not mention %s" % (name, ", ".join(missing))


def readme_test_command(name):
    """The one command in a README that runs the tests (a code line calling pytest)."""
    commands = {line for line in code_lines(read(name)) if "pytest" in line}
    assert len(commands) == 1, "%s: expected one test command, found %r" % (name, sorted(commands))
    return commands.pop()


def test_the_chinese_readmes_give_the_english_test_command():
    english = readme_test_command("README.md")
    assert readme_test_command("README.zh-CN.md") == english
    assert english in read("README.zh-TW.md")


def test_ci_runs_the_readme_test_command():
    command = readme_test_command("README.md")
    ci = [line.strip() for line in read(os.path.join(".ci", "run")).splitlines()
          if not line.lstrip().startswith("#")]
    assert command in ci, ".ci/run does not run the README's test command %r" % command
