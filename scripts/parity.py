#!/usr/bin/env python3
"""Corpus parity: protoc-rs against the pinned oracle on the googleapis corpus.

    scripts/parity.py [--sample N | --all] [--suite S ...] [--variant V ...] [--bless]

The corpus is npm `google-proto-files@5.0.3` (PROTOC_RS_CORPUS, default
$PROTOC_RS_CACHE/corpus/node_modules/google-proto-files; PROTOC_RS_CACHE defaults to
~/.cache/protoc-rs). Every run uses `-I.` at the package
root, exactly like `python -m grpc_tools.protoc -I. -o out.pb ...` there.

Suites (each for the variants plain, include_imports, retain_options, source_info = --include_imports
--include_source_info):
  invocation  every .proto under google/ and grafeas/ except google/protobuf/ in ONE invocation;
              compared per FileDescriptorProto, plus `@set-bytes` for the whole set (file order).
  perfile     each of those files compiled alone; `--sample N` checks a fixed, deterministic
              sample (the N names with the smallest sha256), `--all` checks every file.
  wkt         each of the 34 files under google/protobuf/ alone: where the oracle accepts, the
              bytes must be identical; where it rejects, protoc-rs must exit 1.

The oracle (grpcio-tools 1.85.1 = libprotoc 35.1) runs in-process through
`grpc_tools._protoc_compiler.run_main` with `-I<grpc_tools>/_proto` appended last (what
`python -m grpc_tools.protoc` does); its outputs are cached under
$PROTOC_RS_CACHE/oracle/<oracle+corpus versions>/<variant>/<file>. protoc-rs runs as a
subprocess (thread pool, --jobs, default 2) while the oracle works.

Ratchet: testdata/ratchet/corpus-<suite>-<variant>.txt lists the files that still differ.
A differing file that is not listed is a REGRESSION; a listed file that now matches (or that left
the corpus) is STALE. Either makes the exit status 1. `--bless` rewrites the lists (with a sample,
only the sampled entries change). Prints `parity corpus-<suite>-<variant>: N/M files identical`.
"""
import argparse
import concurrent.futures as cf
import hashlib
import importlib.metadata as md
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = {
    "plain": [],
    "include_imports": ["--include_imports"],
    "retain_options": ["--retain_options"],
    "source_info": ["--include_imports", "--include_source_info"],
}
SUITES = ["invocation", "perfile", "wkt"]
ORACLE_PIN = "1.85.1"
CORPUS_PIN = "5.0.3"
SET_BYTES = "@set-bytes"
CACHE = os.environ.get("PROTOC_RS_CACHE", os.path.expanduser("~/.cache/protoc-rs"))


def log(*a):
    print(*a, flush=True)


# ---------------------------------------------------------------- wire format


def varint(b, i):
    v = s = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return v, i


def set_files(data):
    """FileDescriptorSet bytes -> list of (name, FileDescriptorProto bytes); None if malformed."""
    out, i = [], 0
    try:
        while i < len(data):
            key, i = varint(data, i)
            if key != (1 << 3 | 2):
                return None
            n, i = varint(data, i)
            fd = data[i : i + n]
            if len(fd) != n:
                return None
            i += n
            name, j = None, 0
            while j < len(fd):
                k, j = varint(fd, j)
                wt = k & 7
                if wt == 2:
                    m, j = varint(fd, j)
                    if k >> 3 == 1:
                        name = fd[j : j + m].decode("utf-8", "replace")
                        break
                    j += m
                elif wt == 0:
                    _, j = varint(fd, j)
                elif wt == 1:
                    j += 8
                elif wt == 5:
                    j += 4
                else:
                    return None
            out.append((name, fd))
    except IndexError:
        return None
    return out


# ---------------------------------------------------------------- oracle


class Oracle:
    def __init__(self, corpus):
        from grpc_tools import _protoc_compiler

        have = md.version("grpcio-tools")
        if have != ORACLE_PIN:
            sys.exit(f"parity: grpcio-tools=={have} installed, the oracle is pinned to {ORACLE_PIN}")
        self.run_main = _protoc_compiler.run_main
        import grpc_tools

        self.proto_dir = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
        version = json.load(open(os.path.join(corpus, "package.json")))["version"]
        if version != CORPUS_PIN:
            log(f"parity: warning: corpus is google-proto-files {version}, pinned {CORPUS_PIN}")
        self.cache = os.path.join(
            os.path.join(CACHE, "oracle"), f"grpcio-tools-{have}_google-proto-files-{version}"
        )
        self.tmp = tempfile.mkdtemp(prefix="parity-oracle-")
        self.computed = 0

    def _run(self, flags, files, out):
        """Runs the oracle in-process (cwd = corpus root); returns (exit code, stderr bytes)."""
        errf = os.path.join(self.tmp, "stderr")
        sys.stderr.flush()
        saved = os.dup(2)
        fd = os.open(errf, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 2)
        os.close(fd)
        try:
            args = [b"protoc", b"-I.", b"-I" + self.proto_dir.encode(), b"-o" + out.encode()]
            rc = self.run_main(args + [f.encode() for f in flags] + [f.encode() for f in files])
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        with open(errf, "rb") as f:
            return rc, f.read()

    def get(self, variant, key, files):
        """(exit code, descriptor set bytes or None); cached by variant + key."""
        base = os.path.join(self.cache, variant, key)
        if os.path.exists(base + ".pb"):
            with open(base + ".pb", "rb") as f:
                return 0, f.read()
        if os.path.exists(base + ".fail"):
            with open(base + ".fail") as f:
                return int(f.readline()), None
        os.makedirs(os.path.dirname(base), exist_ok=True)
        out = os.path.join(self.tmp, "out.pb")
        if os.path.exists(out):
            os.remove(out)
        rc, err = self._run(VARIANTS[variant], files, out)
        self.computed += 1
        if rc == 0:
            shutil.move(out, base + ".pb.tmp")
            os.replace(base + ".pb.tmp", base + ".pb")
            with open(base + ".pb", "rb") as f:
                return 0, f.read()
        with open(base + ".fail.tmp", "wb") as f:
            f.write(f"{rc}\n".encode() + err)
        os.replace(base + ".fail.tmp", base + ".fail")
        return rc, None


# ---------------------------------------------------------------- protoc-rs


def run_protoc_rs(exe, variant, files, out, timeout):
    """Returns (exit code or 'timeout', output bytes or None, first stderr line)."""
    if os.path.exists(out):
        os.remove(out)
    cmd = [exe, "-I.", "-o" + out, *VARIANTS[variant], *files]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", None, f"no exit after {timeout}s"
    data = None
    if p.returncode == 0 and os.path.exists(out):
        with open(out, "rb") as f:
            data = f.read()
    first = p.stderr.decode("utf-8", "replace").strip().splitlines()
    first = [l for l in first if ": warning: " not in l]
    return p.returncode, data, first[0] if first else ""


# ---------------------------------------------------------------- ratchet


def ratchet_path(suite, variant):
    return os.path.join(ROOT, "testdata/ratchet", f"corpus-{suite}-{variant}.txt")


def read_list(path):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def write_list(path, suite, variant, entries):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(f"# Corpus files that still differ from the oracle in suite corpus-{suite}-{variant}.\n")
        f.write("# The list may only shrink. Rewrite with: scripts/parity.py --all --bless\n")
        for e in sorted(entries):
            f.write(e + "\n")


# Per variant, over all suites run: [files identical, files checked] (the issue-level figures).
TOTALS = {}


def apply_ratchet(suite, variant, checked, universe, differing, bless, args):
    """checked: names evaluated this run; universe: every valid name of the suite."""
    path = ratchet_path(suite, variant)
    rel = os.path.relpath(path, ROOT)
    listed = read_list(path)
    files = [n for n in checked if n != SET_BYTES]
    same = len(files) - len([n for n in differing if n != SET_BYTES])
    note = ""
    if SET_BYTES in checked:
        note = " (whole set: " + ("differs" if SET_BYTES in differing else "byte-identical") + ")"
    log(f"parity corpus-{suite}-{variant}: {same}/{len(files)} files identical{note}")
    total = TOTALS.setdefault(variant, [0, 0])
    total[0] += same
    total[1] += len(files)
    if bless:
        new = (listed - set(checked)) & set(universe) | set(differing)
        if new != listed:
            write_list(path, suite, variant, new)
            log(f"  blessed {rel}: {len(new)} entries")
        return 0
    problems = 0
    regressions = sorted(set(differing) - listed)
    stale = sorted((listed & set(checked)) - set(differing)) + sorted(listed - set(universe))
    for name in regressions[: args.show]:
        log(f"  REGRESSION {name}: {differing[name]}")
    if len(regressions) > args.show:
        log(f"  ... and {len(regressions) - args.show} more regressions")
    for name in stale[: args.show]:
        log(f"  STALE {name}: listed in {rel} but now identical (or gone); remove the line")
    if len(stale) > args.show:
        log(f"  ... and {len(stale) - args.show} more stale entries")
    if regressions or stale:
        log(
            f"  corpus-{suite}-{variant}: {len(regressions)} regression(s), {len(stale)} stale entr(y/ies) in {rel}. "
            "Fix regressions; once intended, rewrite the list with scripts/parity.py --bless (same --sample/--all) and commit it."
        )
        problems = 1
    return problems


# ---------------------------------------------------------------- suites


def corpus_files(corpus):
    files, wkt = [], []
    for top in ("google", "grafeas"):
        for d, _, names in os.walk(os.path.join(corpus, top)):
            for n in names:
                if n.endswith(".proto"):
                    rel = os.path.relpath(os.path.join(d, n), corpus).replace(os.sep, "/")
                    (wkt if rel.startswith("google/protobuf/") else files).append(rel)
    return sorted(files), sorted(wkt)


def sample(files, n):
    return sorted(sorted(files, key=lambda f: hashlib.sha256(f.encode()).hexdigest())[:n])


def keep_actual(variant, name, data):
    dest = os.path.join(CACHE, "parity-actual", variant, name + ".pb")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(data)
    return dest


def per_file_suite(suite, names, universe, oracle, args, pool, tmp):
    problems = 0
    for variant in args.variant:
        t0 = time.time()
        futs = {
            n: pool.submit(run_protoc_rs, args.protoc_rs, variant, [n], os.path.join(tmp, f"{variant}-{i}.pb"), args.timeout)
            for i, n in enumerate(names)
        }
        expected = {n: oracle.get(variant, n, [n]) for n in names}
        differing = {}
        accepted = 0
        for n in names:
            rc, data, first = futs[n].result()
            orc, odata = expected[n]
            accepted += orc == 0
            if orc != 0:
                if rc != 1:
                    differing[n] = f"oracle rejects it (exit {orc}); protoc-rs exit {rc}"
            elif rc != 0:
                differing[n] = f"protoc-rs exit {rc} (oracle 0): {first[:200]}"
            elif data != odata:
                got = keep_actual(variant, n, data or b"")
                want = os.path.join(oracle.cache, variant, n + ".pb")
                differing[n] = f"bytes differ: python3 scripts/fdsdiff.py {want} {got}"
        if suite == "wkt":
            log(f"  corpus-wkt-{variant}: oracle accepts {accepted}, rejects {len(names) - accepted}")
        problems |= apply_ratchet(suite, variant, names, universe, differing, args.bless, args)
        log(f"  ({time.time() - t0:.1f}s)")
    return problems


def invocation_suite(files, oracle, args, tmp):
    problems = 0
    for variant in args.variant:
        t0 = time.time()
        orc, odata = oracle.get(variant, "@invocation", files)
        if orc != 0:
            sys.exit(f"parity: the oracle rejects the one-invocation corpus run ({variant}); corpus broken?")
        want = set_files(odata)
        # Passed as arguments, like the oracle (about 8,000 short names fit in ARG_MAX).
        rc, data, first = run_protoc_rs(args.protoc_rs, variant, files, os.path.join(tmp, f"all-{variant}.pb"), args.timeout * 20)
        names = [n for n, _ in want] + [SET_BYTES]
        differing = {}
        if rc != 0 or data is None:
            why = f"protoc-rs exit {rc} (oracle 0): {first[:200]}"
            differing = {n: why for n in names}
        else:
            got = dict(set_files(data) or [])
            for n, fd in want:
                if got.get(n) != fd:
                    differing[n] = "missing from protoc-rs's set" if n not in got else "FileDescriptorProto bytes differ"
            if data != odata:
                path = keep_actual(variant, "@invocation", data)
                differing[SET_BYTES] = (
                    f"whole set differs (order or extra files): python3 scripts/fdsdiff.py "
                    f"{os.path.join(oracle.cache, variant, '@invocation.pb')} {path}"
                )
        problems |= apply_ratchet("invocation", variant, names, names, differing, args.bless, args)
        log(f"  ({time.time() - t0:.1f}s)")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--sample", type=int, default=1000, help="per-file suite: files in the fixed sample (default 1000)")
    g.add_argument("--all", action="store_true", help="per-file suite: every file")
    ap.add_argument("--suite", action="append", choices=SUITES, help="default: all suites")
    ap.add_argument("--variant", action="append", choices=list(VARIANTS), help="default: all variants")
    ap.add_argument("--bless", action="store_true", help="rewrite the ratchet lists")
    ap.add_argument("--protoc-rs", default=os.path.join(ROOT, "target/release/protoc-rs"))
    ap.add_argument("--corpus", default=os.environ.get(
        "PROTOC_RS_CORPUS", os.path.join(CACHE, "corpus/node_modules/google-proto-files")))
    ap.add_argument("--jobs", type=int, default=2, help="protoc-rs processes at once (default 2)")
    ap.add_argument("--timeout", type=int, default=60, help="seconds per protoc-rs run (default 60)")
    ap.add_argument("--show", type=int, default=10, help="regressions/stale entries printed per suite")
    args = ap.parse_args()
    args.suite = args.suite or SUITES
    args.variant = args.variant or list(VARIANTS)
    args.protoc_rs = os.path.abspath(args.protoc_rs)
    if not os.access(args.protoc_rs, os.X_OK):
        sys.exit(f"parity: {args.protoc_rs} not found; run cargo build --release first")
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(os.path.join(corpus, "google")):
        sys.exit(f"parity: corpus not found at {corpus} (npm install google-proto-files@{CORPUS_PIN})")
    oracle = Oracle(corpus)
    os.chdir(corpus)
    files, wkt = corpus_files(corpus)
    log(f"corpus: {len(files)} files under google/ and grafeas/ (without google/protobuf/), {len(wkt)} under google/protobuf/")
    t0 = time.time()
    problems = 0
    with tempfile.TemporaryDirectory(prefix="parity-") as tmp, cf.ThreadPoolExecutor(args.jobs) as pool:
        if "invocation" in args.suite:
            problems |= invocation_suite(files, oracle, args, tmp)
        if "perfile" in args.suite:
            names = files if args.all else sample(files, args.sample)
            log(f"perfile: {'all' if args.all else 'sample of'} {len(names)} files")
            problems |= per_file_suite("perfile", names, files, oracle, args, pool, tmp)
        if "wkt" in args.suite:
            problems |= per_file_suite("wkt", wkt, wkt, oracle, args, pool, tmp)
    shutil.rmtree(oracle.tmp, ignore_errors=True)
    for variant, (same, total) in TOTALS.items():
        label = "source-info" if variant == "source_info" else variant
        log(f"parity {label}: {same}/{total} files identical (all suites above)")
    log(f"parity: done in {time.time() - t0:.0f}s ({oracle.computed} oracle runs computed, rest cached)")
    if problems:
        log("parity: FAILED (regressions or stale ratchet entries above)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
