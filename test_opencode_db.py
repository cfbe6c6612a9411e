"""opencode.db read as hostile input: only a real credential table, bounded in
rows, bytes, time and memory, never writing; found through a link as SQLite
finds it; and a database that is not a file said to be what it is."""

import json
import os
import subprocess
import sys

import pytest

from conftest import Reply
from test_mystatus import ZHIPU_KEY, ZHIPU_QUOTA, report, zhipu_auth
from test_stores import WRITER

DB_NOTE = "Note: ~/.local/share/opencode/opencode.db: {}; its credentials are skipped"


# Where the database is ########################################################


def test_linked_database_reads_the_wal_beside_its_target(home, server, capsys, tmp_path):
    """SQLite keeps -wal beside the real file, not beside the link: a row
    written since the last checkpoint is only there."""
    elsewhere = tmp_path / "synced"
    elsewhere.mkdir()
    target = elsewhere / "opencode.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), json.dumps({"type": "key", "key": ZHIPU_KEY}),
                             "killed"], stdout=subprocess.PIPE, universal_newlines=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.wait(30)
    assert (elsewhere / "opencode.db-wal").exists()
    home.data.mkdir(parents=True)
    os.symlink(str(target), str(home.data / "opencode.db"))
    server.route("/zai/quota", Reply(ZHIPU_QUOTA))
    status, out, _ = report(capsys)
    assert status == 0 and "## Z.ai account quota" in out, out
    assert sorted(os.listdir(str(home.data))) == ["opencode.db"]  # nothing created beside the link


@pytest.mark.parametrize("kind, told", [
    ("directory", "is a directory, not a file"),
    pytest.param("fifo", "not a regular file (a pipe or a device?)",
                 marks=pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")),
])
def test_database_that_is_not_a_file_says_what_it_is(home, server, capsys, kind, told):
    home.auth(zhipu_auth())
    home.data.mkdir(parents=True, exist_ok=True)
    where = home.data / "opencode.db"
    if kind == "directory":
        where.mkdir()
    else:
        os.mkfifo(str(where))
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    status, out, err = report(capsys, "--verbose")
    assert status == 0 and "## Zhipu AI account quota" in out
    assert out.splitlines()[-1] == DB_NOTE.format(told)
    assert "  ~/.local/share/opencode/opencode.db: broken: %s" % told in err.splitlines()


def test_database_that_is_a_directory_in_chinese(home, server, capsys):
    home.auth(zhipu_auth())
    (home.data / "opencode.db").mkdir(parents=True)
    server.route("/zhipu/quota", Reply(ZHIPU_QUOTA))
    _, out, _ = report(capsys, "--lang", "zh-Hans")
    assert out.splitlines()[-1] == "提示：~/.local/share/opencode/opencode.db：是目录而不是文件；跳过其中的凭据"
