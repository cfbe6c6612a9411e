#!/usr/bin/env python3
"""Build mystatus.pyz: mystatus.py and i18n.py in one file that any Python 3.8+
runs as `python3 mystatus.pyz` (Chinese included).  Usage: python3 make_pyz.py [TARGET]"""

import os
import sys
import zipapp

HERE = os.path.dirname(os.path.abspath(__file__))
MEMBERS = ("mystatus.py", "i18n.py")


def build(target):
    zipapp.create_archive(HERE, target, interpreter="/usr/bin/env python3", main="mystatus:run",
                          filter=lambda path: str(path) in MEMBERS, compressed=True)
    return target


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "mystatus.pyz")))
