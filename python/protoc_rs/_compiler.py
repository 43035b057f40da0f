"""Runs the protoc-rs binary shipped in this wheel, with `grpc_tools.protoc`'s public surface
(re-exported by `protoc_rs` and `protoc_rs.protoc`).

`main(argv)` runs protoc-rs with `argv[1:]` (argv[0] is the program name, as for
`grpc_tools.protoc.main`) and returns its exit code; the binary writes straight to this
process's stdout and stderr. `python -m protoc_rs` (or `python -m protoc_rs.protoc`) is
`python -m grpc_tools.protoc`: the arguments plus `-I<bundled includes>` appended last.
"""

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
from importlib import metadata, resources

_EXE = "protoc-rs" + (".exe" if os.name == "nt" else "")
_DIST = "protoc-rs"
# The protoc release the Python entry points match without `--protoc_release` or
# PROTOC_RS_RELEASE: the one the newest supported grpcio-tools (1.85.1) bundles, so that
# `python -m protoc_rs` stays `python -m grpc_tools.protoc`.
RELEASE = "35.1"
_RELEASE_VAR = "PROTOC_RS_RELEASE"
# Tells the binary it runs for `python -m protoc_rs` (see child_env).
_ENTRY_VAR = "PROTOC_RS_ENTRY"


def _get_resource_file_name(package_or_requirement, resource_name):
    """The disk path of a resource of a package, as `grpc_tools.protoc`'s function of that name
    (its Python 3.9+ branch: the package requires 3.9)."""
    return str((resources.files(package_or_requirement) / resource_name).resolve())


def selected_release(argv=()):
    """The protoc release the Python entry points match: `--protoc_release` in `argv`, else
    PROTOC_RS_RELEASE, else `RELEASE`."""
    argv = [os.fsdecode(a) for a in argv]
    for i, a in enumerate(argv):
        if a.startswith("--protoc_release="):
            return a.split("=", 1)[1]
        if a == "--protoc_release" and i + 1 < len(argv):
            return argv[i + 1]
    return os.environ.get(_RELEASE_VAR) or RELEASE


def include_path(release=None):
    """The directory of the selected release's bundled well-known types
    (`google/protobuf/*.proto`): a real directory, `-I`-ready, like `grpc_tools`' `_proto`
    (which it is, byte for byte, for 35.1). Another release's tree is `_proto_X.Y`; an unknown
    release gets `_proto`, and the binary reports the bad value."""
    release = release or selected_release()
    name = "_proto" if release == RELEASE else f"_proto_{release}"
    path = _get_resource_file_name("protoc_rs", name)
    return path if os.path.isdir(path) else _get_resource_file_name("protoc_rs", "_proto")


def _from_record():
    """The binary this distribution installed, by its RECORD (venv, --user, --prefix)."""
    try:
        files = metadata.distribution(_DIST).files or []
    except metadata.PackageNotFoundError:
        return None
    # The distribution must be the one this file belongs to, not another on sys.path.
    here = os.path.dirname(os.path.realpath(__file__))
    ours = [f for f in files if f.name == "_compiler.py" and os.path.realpath(os.path.dirname(f.locate())) == here]
    if not ours:
        return None
    for f in files:
        if f.name == _EXE and f.parent.name in ("bin", "Scripts"):
            return str(f.locate())
    return None


def _candidates():
    # `pip install --target DIR` puts the binary in DIR/bin, beside the package, and writes a
    # RECORD relative to its temporary directory: look beside the package first.
    site = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    yield os.path.join(site, "Scripts" if os.name == "nt" else "bin", _EXE)
    yield _from_record()
    # Wheels installed without RECORD-aware tools: the scripts directory of each scheme.
    for scheme in (None, f"{os.name}_user"):
        try:
            scripts = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts")
        except KeyError:
            continue
        yield os.path.join(scripts, _EXE)
    yield os.path.join(os.path.dirname(sys.executable), _EXE)
    yield shutil.which(_EXE)


def binary_path():
    """The path of the protoc-rs binary installed with this package. Raises
    FileNotFoundError when there is none (a source checkout without a built wheel)."""
    override = os.environ.get("PROTOC_RS_BINARY")
    if override:
        return override
    for path in _candidates():
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(f"{_EXE}: not found next to the protoc_rs package nor on PATH")


def child_env():
    """The binary's environment: this process's, with PROTOC_RS_RELEASE=`RELEASE` unless set,
    and PROTOC_RS_ENTRY=python: the binary then prints grpc_tools' `--help` byte for byte and no
    terminal hints unless asked (`--hints=...` or PROTOC_RS_HINTS, which stay the user's)."""
    env = dict(os.environ, **{_ENTRY_VAR: "python"})
    if not env.get(_RELEASE_VAR):
        env[_RELEASE_VAR] = RELEASE
    return env


def _run(command_arguments):
    """Runs protoc-rs; returns its exit code, or -N when signal N ended it."""
    args = [os.fsdecode(a) for a in command_arguments[1:]]
    # The binary writes to the same file descriptors: flush what Python buffered first.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    proc = subprocess.Popen([binary_path(), *args], env=child_env())
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            # The terminal sent SIGINT to protoc-rs too: it removes its temporaries and exits
            # 130; wait for that rather than leave it running.
            continue


def main(command_arguments):
    """Run the protocol buffer compiler with the given command-line arguments, as
    `grpc_tools.protoc.main`: `command_arguments[0]` is the program name, the others are
    protoc's arguments (no implicit `-I`). Returns the exit code (128+N if signal N ended it).
    """
    code = _run(command_arguments)
    return 128 - code if code < 0 else code


def entrypoint():
    """`python -m protoc_rs`: `sys.argv` plus `-I<include_path()>` last, as grpc_tools."""
    code = _run(sys.argv + ["-I{}".format(include_path(selected_release(sys.argv[1:])))])
    if code < 0 and os.name != "nt":
        # Die of the same signal, as the in-process compiler of grpc_tools would.
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code)
