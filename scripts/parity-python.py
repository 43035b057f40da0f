#!/usr/bin/env python3
"""Corpus parity for the Python back ends: protoc-rs against the pinned oracle.

    scripts/parity-python.py [--protoc-rs PATH] [--corpus DIR] [--bless]

Runs ONE invocation over every .proto under google/ and grafeas/ except google/protobuf/ (the
corpus and file list of scripts/parity.py), from the corpus root, with
`-I. --python_out=D --pyi_out=D --grpc_python_out=D`, for protoc-rs (a subprocess) and the
oracle (grpcio-tools 1.85.1 in-process through `grpc_tools._protoc_compiler.run_main`, with
`-I<grpc_tools>/_proto` appended, as `python -m grpc_tools.protoc` does). The oracle's output
tree is cached under $PROTOC_RS_CACHE/oracle/<oracle+corpus versions>/python/ (delete it to
recompute). Every file either side wrote is compared byte for byte.

Ratchet: testdata/ratchet/corpus-python.txt lists the output files (paths relative to D) that
still differ. A differing file that is not listed is a REGRESSION; a listed file that now matches
(or that neither side writes) is STALE. Either makes the exit status 1; `--bless` rewrites the
list. Prints `parity python: N/M files identical`.
"""
import argparse
import importlib.metadata as md
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import parity  # noqa: E402  (corpus_files, pins, cache location)

ROOT = parity.ROOT
FLAGS = ["--python_out={}", "--pyi_out={}", "--grpc_python_out={}"]
RATCHET = os.path.join(ROOT, "testdata/ratchet/corpus-python.txt")


def log(*a):
    print(*a, flush=True)


def tree(d):
    """{relative path: bytes} of every file under d."""
    out = {}
    for base, _, names in os.walk(d):
        for n in names:
            p = os.path.join(base, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, d).replace(os.sep, "/")] = f.read()
    return out


def oracle_tree(corpus, files):
    """The oracle's output tree for the whole corpus in one invocation, cached."""
    have = md.version("grpcio-tools")
    if have != parity.ORACLE_PIN:
        sys.exit(f"parity-python: grpcio-tools=={have} installed, the oracle is pinned to {parity.ORACLE_PIN}")
    version = json.load(open(os.path.join(corpus, "package.json")))["version"]
    cache = os.path.join(parity.CACHE, "oracle", f"grpcio-tools-{have}_google-proto-files-{version}", "python")
    if os.path.exists(os.path.join(cache, ".complete")):
        return cache, False
    import grpc_tools
    from grpc_tools import _protoc_compiler

    proto_dir = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    shutil.rmtree(cache, ignore_errors=True)
    tmp = cache + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    args = [b"protoc", b"-I.", b"-I" + proto_dir.encode()]
    args += [f.format(tmp).encode() for f in FLAGS] + [f.encode() for f in files]
    # The oracle's stderr (hundreds of unused-import warnings) goes to a file, shown on failure.
    errf = os.path.join(tmp, ".stderr")
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(errf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 2)
    os.close(fd)
    try:
        rc = _protoc_compiler.run_main(args)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    with open(errf, "rb") as f:
        err = f.read().decode("utf-8", "replace")
    os.remove(errf)
    if rc != 0:
        errs = [l for l in err.splitlines() if ": warning: " not in l]
        sys.exit(f"parity-python: the oracle rejects the one-invocation corpus run (exit {rc}): {errs[:5]}")
    open(os.path.join(tmp, ".complete"), "w").close()
    os.replace(tmp, cache)
    return cache, True


def read_list():
    if not os.path.exists(RATCHET):
        return set()
    with open(RATCHET) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def write_list(entries):
    with open(RATCHET, "w") as f:
        f.write("# Generated Python files (--python_out, --pyi_out, --grpc_python_out) that still differ from\n")
        f.write("# the oracle on the corpus. The list may only shrink. Rewrite with: scripts/parity-python.py --bless\n")
        for e in sorted(entries):
            f.write(e + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protoc-rs", default=os.path.join(ROOT, "target/release/protoc-rs"))
    ap.add_argument("--corpus", default=os.environ.get(
        "PROTOC_RS_CORPUS", os.path.join(parity.CACHE, "corpus/node_modules/google-proto-files")))
    ap.add_argument("--timeout", type=int, default=1200, help="seconds for the protoc-rs run")
    ap.add_argument("--show", type=int, default=10, help="regressions/stale entries printed")
    ap.add_argument("--bless", action="store_true", help="rewrite the ratchet list")
    args = ap.parse_args()
    exe = os.path.abspath(args.protoc_rs)
    if not os.access(exe, os.X_OK):
        sys.exit(f"parity-python: {exe} not found; run cargo build --release first")
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(os.path.join(corpus, "google")):
        sys.exit(f"parity-python: corpus not found at {corpus}")
    files, _ = parity.corpus_files(corpus)
    os.chdir(corpus)
    t0 = time.time()
    want_dir, computed = oracle_tree(corpus, files)
    log(f"python: {len(files)} protos in one invocation; oracle tree {'computed' if computed else 'cached'} "
        f"in {want_dir} ({time.time() - t0:.1f}s)")
    want = tree(want_dir)
    want.pop(".complete", None)
    with tempfile.TemporaryDirectory(prefix="parity-python-") as out:
        t1 = time.time()
        cmd = [exe, "-I.", *(f.format(out) for f in FLAGS), *files]
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            sys.exit(f"parity-python: protoc-rs did not exit within {args.timeout}s")
        log(f"python: protoc-rs exit {p.returncode} ({time.time() - t1:.1f}s)")
        errs = [l for l in p.stderr.decode("utf-8", "replace").splitlines() if ": warning: " not in l]
        got = tree(out)
    differing = {}
    if p.returncode != 0:
        why = f"protoc-rs exit {p.returncode}: {errs[0][:200] if errs else ''}"
        differing = {n: why for n in want}
    else:
        for n, data in want.items():
            if n not in got:
                differing[n] = "not written by protoc-rs"
            elif got[n] != data:
                differing[n] = f"bytes differ: diff {os.path.join(want_dir, n)} <protoc-rs output>"
        for n in got.keys() - want.keys():
            differing[n] = "written by protoc-rs, not by the oracle"
    universe = want.keys() | got.keys()
    log(f"parity python: {len(universe) - len(differing)}/{len(universe)} files identical")
    if not want:
        log("parity-python: the oracle wrote nothing; corpus broken?")
        return 1
    listed = read_list()
    rel = os.path.relpath(RATCHET, ROOT)
    if args.bless:
        if set(differing) != listed:
            write_list(differing)
            log(f"  blessed {rel}: {len(differing)} entries")
        return 0
    regressions = sorted(set(differing) - listed)
    stale = sorted(listed - set(differing))
    for n in regressions[: args.show]:
        log(f"  REGRESSION {n}: {differing[n]}")
    if len(regressions) > args.show:
        log(f"  ... and {len(regressions) - args.show} more regressions")
    for n in stale[: args.show]:
        log(f"  STALE {n}: listed in {rel} but now identical (or gone); remove the line")
    if len(stale) > args.show:
        log(f"  ... and {len(stale) - args.show} more stale entries")
    if regressions or stale:
        log(f"parity-python: FAILED: {len(regressions)} regression(s), {len(stale)} stale entr(y/ies) in {rel}")
        return 1
    log(f"parity-python: done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
