#!/usr/bin/env python3
"""Fails when a source file with translatable strings is missing from po/POTFILES.in, or
when POTFILES.in names a file that does not exist. With --write, rewrites the list."""

import os
import re
import sys

root = sys.argv[1]
write = "--write" in sys.argv[2:]
MARKS = {
    ".c": re.compile(r'\b(N?_|C_|NC_|g_dngettext)\s*\('),
    ".ui": re.compile(r'translatable="yes"'),
}


def listed():
    with open(os.path.join(root, "po", "POTFILES.in")) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def needed():
    found = set()
    for top in ("src", "data"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.relpath(os.path.join(dirpath, name), root)
                if name.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml.in")):
                    found.add(path)
                    continue
                mark = MARKS.get(os.path.splitext(name)[1])
                if mark is None:
                    continue
                with open(os.path.join(root, path), errors="replace") as f:
                    if mark.search(f.read()):
                        found.add(path)
    return found


have, want = listed(), needed()
if write:
    with open(os.path.join(root, "po", "POTFILES.in"), "w") as f:
        f.write("# Files with translatable strings; po/check-potfiles.py keeps this list complete.\n")
        f.write("".join(p + "\n" for p in sorted(want)))
    have = want
status = 0
for path in sorted(want - have):
    print("po/POTFILES.in: missing %s" % path)
    status = 1
for path in sorted(have):
    if not os.path.exists(os.path.join(root, path)):
        print("po/POTFILES.in: %s does not exist" % path)
        status = 1
if status == 0:
    print("po/POTFILES.in: complete (%d files)" % len(have))
sys.exit(status)
