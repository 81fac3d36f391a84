#!/usr/bin/env python3
"""Check the book's and the README's relative links: each file exists, each #anchor is a heading
of its target (mdBook's ids: lower case, spaces to '-', punctuation dropped). External links are
not fetched. Exits non-zero, naming every broken link."""
import os
import re
import sys

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(path, cache={}):
    if path not in cache:
        ids, fence = set(), False
        for line in open(path, encoding="utf-8"):
            if line.startswith("```"):
                fence = not fence
            m = None if fence else re.match(r"^#{1,6}\s+(.*)", line)
            if m:
                text = re.sub(r"`|\*|<[^>]+>", "", m.group(1).strip()).lower()
                ids.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
        cache[path] = ids
    return cache[path]


def check(md):
    bad, fence = [], False
    for n, line in enumerate(open(md, encoding="utf-8"), 1):
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        for target in LINK.findall(line):
            if re.match(r"^[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = os.path.normpath(os.path.join(os.path.dirname(md), file)) if file else md
            if not os.path.exists(path):
                bad.append(f"{md}:{n}: {target}: no such file")
            elif anchor and path.endswith(".md") and anchor not in anchors(path):
                bad.append(f"{md}:{n}: {target}: no heading #{anchor} in {path}")
    return bad


def main(roots):
    files = []
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
        for d, _, names in os.walk(root):
            files += [os.path.join(d, f) for f in names if f.endswith(".md")]
    bad = [b for f in sorted(set(files)) for b in check(f)]
    print("\n".join(bad) or f"links: {len(files)} files, every relative link resolves")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs/src", "README.md"]))
