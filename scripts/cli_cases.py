"""What the CLI golden scripts share (regen-cli-goldens, regen-depfile-goldens): a scratch tree
written from a {relative path: text} table, the files under a directory, and a cases.tsv of
`NAME<TAB>ARG<TAB>ARG...` lines (blank lines and `#` comments skipped); absl log lines without
what changes from run to run (regen-goldens, regen-build-goldens)."""

import os
import re


def write_tree(d, files):
    for rel, text in files.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)


def files(d):
    out = set()
    for base, _, names in os.walk(d):
        for n in names:
            out.add(os.path.relpath(os.path.join(base, n), d))
    return out


def cases(path):
    for line in open(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        name, *args = line.split("\t")
        yield name, args


def normalize_log(err):
    """Drops what changes from run to run in absl log lines (as tests/fixtures.rs does): the
    one-time banner, and the timestamp and thread id (`W0000 00:00:17.5   15773 parser.cc:659]`
    becomes `W parser.cc:659]`)."""
    out = []
    for line in err.splitlines(keepends=True):
        if line.startswith(b"WARNING: All log messages before absl::InitializeLog()"):
            continue
        m = re.match(rb"([IWEF])\d{4} \S+ +\d+ (\S+:\d+\] .*)", line, re.S)
        out.append(m.group(1) + b" " + m.group(2) if m else line)
    return b"".join(out)
