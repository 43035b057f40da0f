#!/usr/bin/env python3
"""Corpus parity for the Python back ends: protoc-rs against the pinned oracle.

    scripts/parity-python.py [--release X.Y.Z] [--protoc-rs PATH] [--corpus DIR] [--bless]

Runs ONE invocation over every .proto under google/ and grafeas/ except google/protobuf/ (the
corpus and file list of scripts/parity.py), from the corpus root, with
`-I. --python_out=D --pyi_out=D --grpc_python_out=D`, for protoc-rs (a subprocess) and the
oracle (grpcio-tools 1.85.1 in-process through `grpc_tools._protoc_compiler.run_main`, with
`-I<grpc_tools>/_proto` appended, as `python -m grpc_tools.protoc` does). The oracle's output
tree is cached under $PROTOC_RS_CACHE/oracle/<oracle+corpus versions>/python/ (delete it to
recompute). Every file either side wrote is compared byte for byte.

--release picks another grpcio-tools release as the oracle (one of RELEASES below, installed by
.ci/run side by side under $PROTOC_RS_CACHE/pylib-grpcio-tools-X-grpcio-X-protobuf-P; the script
re-executes itself with that directory first on PYTHONPATH) and runs protoc-rs with
`--python_target=protobuf==P,grpcio==X`; its ratchet is testdata/ratchet/corpus-python-X.txt.
Input files the release's protoc rejects (editions newer than it knows) are left out of that
release's run (listed in the log); `--python_target` must reject them too (checked on one).

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
# grpcio-tools release -> (grpcio, protobuf) pinned beside it: the protobuf each release's bundled
# protoc writes into `# Protobuf Python Version:` and the grpcio it requires.
def read_releases():
    """testdata/python/releases.txt: {grpcio-tools: (grpcio, protobuf)}."""
    out = {}
    with open(os.path.join(ROOT, "testdata/python/releases.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                tools, grpcio, protobuf = line.split()
                out[tools] = (grpcio, protobuf)
    return out


RELEASES = read_releases()
DEFAULT_RELEASE = parity.ORACLE_PIN


def pylib(release):
    grpcio, protobuf = RELEASES[release]
    return os.path.join(parity.CACHE, f"pylib-grpcio-tools-{release}-grpcio-{grpcio}-protobuf-{protobuf}")


def target_flags(release):
    """protoc-rs flags that select the release's output (none for the default)."""
    if release == DEFAULT_RELEASE:
        return []
    grpcio, protobuf = RELEASES[release]
    return [f"--python_target=protobuf=={protobuf},grpcio=={grpcio}"]


def ratchet_path(release):
    if release == DEFAULT_RELEASE:
        return RATCHET
    return os.path.join(ROOT, f"testdata/ratchet/corpus-python-{release}.txt")


def ensure_release(release):
    """Re-executes this script with the release's pylib first on PYTHONPATH if another
    grpcio-tools is the one importable."""
    try:
        have = md.version("grpcio-tools")
    except md.PackageNotFoundError:
        have = None
    if have == release:
        return
    lib = pylib(release)
    if not os.path.exists(os.path.join(lib, ".complete")):
        sys.exit(f"parity-python: {lib} missing; .ci/run installs it")
    if os.environ.get("PROTOC_RS_REEXEC") == release:
        sys.exit(f"parity-python: grpcio-tools=={have} importable with {lib} on PYTHONPATH")
    env = dict(os.environ, PROTOC_RS_REEXEC=release)
    env["PYTHONPATH"] = lib + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__), *sys.argv[1:]], env)


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


def run_oracle(args):
    """(exit code, stderr) of the importable grpcio-tools' protoc on args, in-process."""
    from grpc_tools import _protoc_compiler

    fd_, errf = tempfile.mkstemp(prefix="parity-python-stderr-")
    os.close(fd_)
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(errf, os.O_WRONLY | os.O_TRUNC)
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
    return rc, err


def rejected_inputs(corpus, files, release):
    """Inputs the release's protoc refuses alone (editions it does not know), cached."""
    if release == DEFAULT_RELEASE:
        return []
    import grpc_tools

    version = json.load(open(os.path.join(corpus, "package.json")))["version"]
    cache = os.path.join(parity.CACHE, "oracle", f"grpcio-tools-{release}_google-proto-files-{version}",
                         "rejected.json")
    if os.path.exists(cache):
        return json.load(open(cache))
    proto_dir = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    # Only files that declare an edition (or import one that does) can be new to an old protoc.
    suspects = set()
    for f in files:
        with open(f, "rb") as h:
            if b"\nedition" in b"\n" + h.read():
                suspects.add(f)
    rejected = []
    with tempfile.TemporaryDirectory() as out:
        for f in sorted(suspects):
            rc, _ = run_oracle([b"protoc", b"-I.", b"-I" + proto_dir.encode(),
                                f"--python_out={out}".encode(), f.encode()])
            if rc != 0:
                rejected.append(f)
    # Files importing a rejected file fail too.
    rejected_set = set(rejected)
    changed = True
    while changed:
        changed = False
        for f in files:
            if f in rejected_set:
                continue
            with open(f, encoding="utf-8", errors="replace") as h:
                text = h.read()
            if any(f'import "{r}"' in text or f'import public "{r}"' in text for r in rejected_set):
                rejected_set.add(f)
                changed = True
    rejected = sorted(rejected_set)
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    with open(cache, "w") as h:
        json.dump(rejected, h)
    return rejected


def oracle_tree(corpus, files, release=None):
    """The oracle's output tree for the whole corpus in one invocation, cached."""
    release = release or DEFAULT_RELEASE
    have = md.version("grpcio-tools")
    if have != release:
        sys.exit(f"parity-python: grpcio-tools=={have} installed, the oracle is pinned to {release}")
    version = json.load(open(os.path.join(corpus, "package.json")))["version"]
    # Keyed by the input list too, since an old release's run leaves out what it rejects.
    cache = os.path.join(parity.CACHE, "oracle", f"grpcio-tools-{have}_google-proto-files-{version}", "python")
    if os.path.exists(os.path.join(cache, ".complete")):
        return cache, False
    import grpc_tools

    proto_dir = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    shutil.rmtree(cache, ignore_errors=True)
    tmp = cache + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    args = [b"protoc", b"-I.", b"-I" + proto_dir.encode()]
    args += [f.format(tmp).encode() for f in FLAGS] + [f.encode() for f in files]
    # The oracle's stderr (hundreds of unused-import warnings) is kept aside, shown on failure.
    rc, err = run_oracle(args)
    if rc != 0:
        errs = [l for l in err.splitlines() if ": warning: " not in l]
        sys.exit(f"parity-python: the oracle rejects the one-invocation corpus run (exit {rc}): {errs[:5]}")
    open(os.path.join(tmp, ".complete"), "w").close()
    os.replace(tmp, cache)
    return cache, True


def read_list(path=RATCHET):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def write_list(entries, path=RATCHET):
    with open(path, "w") as f:
        f.write("# Generated Python files (--python_out, --pyi_out, --grpc_python_out) that still differ from\n")
        f.write("# the oracle on the corpus. The list may only shrink. Rewrite with: scripts/parity-python.py --bless\n")
        for e in sorted(entries):
            f.write(e + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--release", default=DEFAULT_RELEASE, choices=sorted(RELEASES),
                    help="grpcio-tools release to compare with (default %(default)s)")
    ap.add_argument("--protoc-rs", default=os.path.join(ROOT, "target/release/protoc-rs"))
    ap.add_argument("--corpus", default=os.environ.get(
        "PROTOC_RS_CORPUS", os.path.join(parity.CACHE, "corpus/node_modules/google-proto-files")))
    ap.add_argument("--timeout", type=int, default=1200, help="seconds for the protoc-rs run")
    ap.add_argument("--show", type=int, default=10, help="regressions/stale entries printed")
    ap.add_argument("--bless", action="store_true", help="rewrite the ratchet list")
    args = ap.parse_args()
    ensure_release(args.release)
    exe = os.path.abspath(args.protoc_rs)
    if not os.access(exe, os.X_OK):
        sys.exit(f"parity-python: {exe} not found; run cargo build --release first")
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(os.path.join(corpus, "google")):
        sys.exit(f"parity-python: corpus not found at {corpus}")
    files, _ = parity.corpus_files(corpus)
    os.chdir(corpus)
    t0 = time.time()
    rejected = rejected_inputs(corpus, files, args.release)
    if rejected:
        log(f"python {args.release}: {len(rejected)} inputs rejected by its protoc, left out: {rejected[:5]}...")
        files = [f for f in files if f not in set(rejected)]
    want_dir, computed = oracle_tree(corpus, files, args.release)
    log(f"python {args.release}: {len(files)} protos in one invocation; oracle tree {'computed' if computed else 'cached'} "
        f"in {want_dir} ({time.time() - t0:.1f}s)")
    want = tree(want_dir)
    want.pop(".complete", None)
    with tempfile.TemporaryDirectory(prefix="parity-python-") as out:
        t1 = time.time()
        cmd = [exe, "-I.", *target_flags(args.release), *(f.format(out) for f in FLAGS), *files]
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
    tag = "" if args.release == DEFAULT_RELEASE else f" {args.release}"
    log(f"parity python{tag}: {len(universe) - len(differing)}/{len(universe)} files identical")
    if not want:
        log("parity-python: the oracle wrote nothing; corpus broken?")
        return 1
    ratchet = ratchet_path(args.release)
    listed = read_list(ratchet)
    rel = os.path.relpath(ratchet, ROOT)
    if args.bless:
        if set(differing) != listed or not os.path.exists(ratchet):
            write_list(differing, ratchet)
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
