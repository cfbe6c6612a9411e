#!/usr/bin/env python3
"""Build mystatus.pyz: mystatus.py and i18n.py in one file that any Python 3.8+
runs as `python3 mystatus.pyz` (Chinese included).  Usage: python3 make_pyz.py [TARGET]

Beside mystatus.py the archive carries its bytecode for the Python that
builds it (mystatus.pyc: zipimport looks for it there, not in __pycache__;
i18n.py is read by path and compiled only when Chinese is asked for).
zipimport never writes bytecode, so without it every run compiled 176 KB of
source (in CPython's zipimport, more than once); with it, that Python starts
the archive about as fast as an installed command.  Any other Python finds
a foreign magic number, ignores the .pyc and compiles the source as before.
The bytecode is "unchecked hash" based: it is made from the very file beside
it in the same archive, so zipimport need not read the source to check it.

The archive is built from a staging copy of the two members, then opened and
checked: a build that reports success for an archive without mystatus.py is
worse than one that fails (zipapp in Python 3.13.0 wrote such archives when
the source directory was the current directory)."""

import os
import py_compile
import shutil
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
MEMBERS = ("mystatus.py", "i18n.py")
REQUIRED = MEMBERS + ("__main__.py",)  # __main__.py is what zipapp writes for main="mystatus:run"
BYTECODE = ("mystatus.pyc",)  # for the building Python only


class BuildError(Exception):
    """The archive could not be built, or was built without what it must hold."""


def check(target):
    """Raise BuildError unless the archive at target holds every REQUIRED member."""
    try:
        with zipfile.ZipFile(target) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile) as error:
        raise BuildError("cannot read %s: %s" % (target, error)) from None
    missing = [name for name in REQUIRED + BYTECODE if name not in names]
    if missing:
        raise BuildError("%s was written without %s (zipapp left them out)" % (target, ", ".join(missing)))


# What zipapp writes for main="mystatus:run".
MAIN = "# -*- coding: utf-8 -*-\nimport mystatus\nmystatus.run()\n"


def build(target):
    """Write the archive to target from a staging copy of MEMBERS, check it, return target.

    Written with zipfile, not zipapp, for one reason: what every run reads
    (__main__.py, mystatus.pyc) is stored, so the building Python neither
    imports zlib nor inflates 400 KB to start; the sources are compressed."""
    staging = tempfile.mkdtemp(prefix="mystatus-pyz-")
    try:
        for name in MEMBERS:
            shutil.copyfile(os.path.join(HERE, name), os.path.join(staging, name))
        for name in BYTECODE:  # named in tracebacks as the member it was made from
            py_compile.compile(os.path.join(staging, name[:-1]), cfile=os.path.join(staging, name), dfile=name[:-1],
                               doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
        with open(target, "wb") as out:
            out.write(b"#!/usr/bin/env python3\n")
            with zipfile.ZipFile(out, "w") as archive:
                archive.writestr("__main__.py", MAIN)
                for name in BYTECODE:
                    archive.write(os.path.join(staging, name), name)
                for name in MEMBERS:
                    archive.write(os.path.join(staging, name), name, compress_type=zipfile.ZIP_DEFLATED)
        os.chmod(target, os.stat(target).st_mode | 0o111)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    check(target)
    return target


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    target = argv[0] if argv else os.path.join(HERE, "mystatus.pyz")
    try:
        print(build(target))
    except (BuildError, OSError, py_compile.PyCompileError) as error:
        print("make_pyz: error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
