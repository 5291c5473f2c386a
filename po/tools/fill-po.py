#!/usr/bin/env python3
"""Fills empty msgstr entries of a .po file from a Python dict of translations.

  fill-po.py FILE.po TRANSLATIONS.py

TRANSLATIONS.py defines T = {msgid: msgstr, (msgid, msgid_plural): [msgstr0, ...]}.
Entries already translated are left alone; fuzzy flags on filled entries are removed."""

import re
import sys


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def po_string(keyword, value):
    if "\n" in value[:-1]:
        parts = value.split("\n")
        lines = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
        return '%s ""\n' % keyword + "".join('"%s"\n' % escape(l) for l in lines)
    return '%s "%s"\n' % (keyword, escape(value))


def field(block, keyword):
    m = re.search(r"^%s ((?:\".*\"\n?)+)" % re.escape(keyword), block, re.M)
    if not m:
        return None
    return unescape("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))))


def main(po_path, table_path):
    scope = {}
    exec(open(table_path, encoding="utf-8").read(), scope)
    table = scope["T"]
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    filled = missing = 0
    out = []
    for block in blocks:
        msgid = field(block + "\n", "msgid")
        if not msgid:
            out.append(block)
            continue
        plural = field(block + "\n", "msgid_plural")
        head = re.split(r"^msgstr", block, maxsplit=1, flags=re.M)[0]
        if plural is None:
            current = field(block + "\n", "msgstr")
            if current:
                out.append(block)
                continue
            value = table.get(msgid)
            if value is None:
                missing += 1
                out.append(block)
                continue
            out.append(head.replace("#, fuzzy\n", "") + po_string("msgstr", value).rstrip("\n"))
        else:
            if field(block + "\n", "msgstr[0]"):
                out.append(block)
                continue
            value = table.get((msgid, plural))
            if value is None:
                missing += 1
                out.append(block)
                continue
            text = "".join(po_string("msgstr[%d]" % i, v) for i, v in enumerate(value))
            out.append(head.replace("#, fuzzy\n", "") + text.rstrip("\n"))
        filled += 1
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out))
    print("%s: %d filled, %d without a translation" % (po_path, filled, missing))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
