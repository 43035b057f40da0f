"""What the CLI golden scripts share (regen-cli-goldens, regen-depfile-goldens): a scratch tree
written from a {relative path: text} table, the files under a directory, and a cases.tsv of
`NAME<TAB>ARG<TAB>ARG...` lines (blank lines and `#` comments skipped)."""

import os


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
