"""The pinned oracle (libprotoc 35.1 from grpcio-tools 1.85.1) run in-process with bytes on
stdin, for the codec scripts (codec-parity, regen-codec-goldens): `run(args, stdin)` returns
(exit code, stdout, stderr). `python -m grpc_tools.protoc` appends its bundled include path,
so `INCLUDE` is passed explicitly here, as the scripts pass it to protoc-rs too.
"""
import os
import re
import sys
import tempfile

CACHE = os.environ.get("PROTOC_RS_CACHE", os.path.expanduser("~/.cache/protoc-rs"))
PYLIB = os.path.join(CACHE, "pylib-grpcio-tools-1.85.1-grpcio-1.85.1-protobuf-7.35.1")
if os.path.isdir(PYLIB) and PYLIB not in sys.path:
    sys.path.insert(0, PYLIB)

import grpc_tools  # noqa: E402
from grpc_tools import _protoc_compiler  # noqa: E402

INCLUDE = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")


def run(args, stdin=b""):
    """protoc ARGS with STDIN: (exit code, stdout, stderr), through temporary files on fds 0-2."""
    with tempfile.TemporaryFile() as i, tempfile.TemporaryFile() as o, tempfile.TemporaryFile() as e:
        i.write(stdin)
        i.flush()
        i.seek(0)
        saved = [os.dup(0), os.dup(1), os.dup(2)]
        try:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(i.fileno(), 0)
            os.dup2(o.fileno(), 1)
            os.dup2(e.fileno(), 2)
            rc = _protoc_compiler.run_main([b"protoc"] + [a.encode() for a in args])
        finally:
            for fd, s in enumerate(saved):
                os.dup2(s, fd)
                os.close(s)
        o.seek(0)
        e.seek(0)
        return rc, o.read(), e.read()


_LOG = re.compile(rb"^([EWI])\d{4} \d\d:\d\d:\d+\.\d+ +\d+ ", re.M)


_BANNER = b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"


def normalize(stderr):
    """absl log lines carry a time stamp and a thread id (protoc-rs prints zeros there), and
    the first of a process comes after a banner (printed once per process, so once in-process)."""
    return _LOG.sub(rb"\g<1>0000 00:00:0.000000       0 ", stderr.replace(_BANNER, b""))
