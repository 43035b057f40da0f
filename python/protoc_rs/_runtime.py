"""Runtime imports: `import foo_pb2` / `import foo_pb2_grpc` compile `foo.proto`, found on
`sys.path`, when the module is imported, as `grpc_tools.protoc` does (grpcio-tools 1.85.1's
`ProtoFinder`/`ProtoLoader`, `_protos`, `_services`, `_protos_and_services`).

The same module-name to proto-file mapping, the same search of `sys.path`, the bundled
include directory appended to `sys.path`, the same per-process code cache under one lock and
the same `GRPC_PYTHON_DISABLE_DYNAMIC_STUBS` switch (read by `protoc_rs.protoc` on import).
What differs is how the code is made: grpc_tools calls protoc's `Importer` and generators in
process; here the protoc-rs binary runs twice in a private temporary directory, never next to
the user's files:

1. `--descriptor_set_out --include_imports` compiles the file: its errors and warnings become
   `ProtocErrors`/`ProtocWarning` (protoc's 0-based positions), and the descriptor set gives the
   transitive closure in the order grpc_tools generates it (dependencies first, depth first);
2. `--python_out` (or `--grpc_python_out`) over that closure gives each file's code, for the
   installed protobuf and grpcio (`--python_target`, see `_python_target`).

Only directories of `sys.path` become `-I` paths (grpc_tools maps every entry; zip files and
missing entries find nothing either way), as links in an otherwise empty working directory:
a proto name is always looked up in them, never on disk relative to the current directory,
and messages name files as grpc_tools' do.
"""

import contextlib
import importlib
import importlib.abc
import importlib.machinery
import os
import re
import subprocess
import sys
import tempfile
import threading
import warnings
from importlib import metadata

from . import _compiler
from ._errors import ProtocError, ProtocErrors, ProtocWarning

_PROTO_MODULE_SUFFIX = "_pb2"
_SERVICE_MODULE_SUFFIX = "_pb2_grpc"

DISABLE_DYNAMIC_STUBS = "GRPC_PYTHON_DISABLE_DYNAMIC_STUBS"

# protoc's error printer: `file:line:col: message` with 1-based positions, `file: message`
# without one; warnings add `warning: ` before the message.
_POSITIONED = re.compile(rb"^(.+?):(\d+):(\d+): (.*)$")
_UNPOSITIONED = re.compile(rb"^(.+?): (.*)$")
# NB: protoc's command line reports unused imports of its input files; its `Importer`, which
# grpc_tools compiles with, does not track them: these warnings are dropped.
_UNUSED_IMPORT = re.compile(rb"^Import .* is unused\.$")
# protoc's absl log lines, which protoc-rs prints as `W parser.cc:659] ...` (without the
# timestamp and thread id, docs/differences.md): passed through to stderr.
_ABSL_LINE = re.compile(rb"^[IWEF] \S+:\d+\] ")
# `Could not make proto path relative: NAME: No such file or directory`.
_NOT_RELATIVE = b"Could not make proto path relative"

def _diagnostics(stderr):
    """protoc's stderr as (errors, warnings, log lines to pass through)."""
    errors, warns, logs = [], [], []
    for line in stderr.splitlines():
        if _ABSL_LINE.match(line):
            logs.append(line)
            continue
        m = _POSITIONED.match(line)
        if m:
            filename, line_no, column, message = m.group(1), int(m.group(2)) - 1, int(m.group(3)) - 1, m.group(4)
        else:
            m = _UNPOSITIONED.match(line)
            if not m:
                if errors:
                    # A message of several lines.
                    errors[-1].message += b"\n" + line
                continue
            filename, line_no, column, message = m.group(1), -1, 0, m.group(2)
        filename = _virtual(filename)
        if filename == _NOT_RELATIVE:
            # NB: protoc's command line checks an input's name before compiling it, where its
            # `Importer` reports the file as any other it cannot find.
            filename, message = message.rsplit(b": ", 1)[0], b"File not found."
        if message.startswith(b"warning: "):
            message = message[len(b"warning: "):]
            if not _UNUSED_IMPORT.match(message):
                warns.append(ProtocWarning(filename, line_no, column, message))
        else:
            errors.append(ProtocError(filename, line_no, column, message))
    return errors, warns, logs


def _file_names(descriptor_set):
    """The `name` of each file of a serialized FileDescriptorSet, in order."""

    def fields(data):
        i = 0
        while i < len(data):
            key, i = _varint(data, i)
            wire = key & 7
            if wire == 0:
                _, i = _varint(data, i)
                continue
            if wire == 1:
                i += 8
                continue
            if wire == 5:
                i += 4
                continue
            if wire != 2:
                raise ValueError("unexpected wire type in a descriptor set")
            size, i = _varint(data, i)
            yield key >> 3, data[i:i + size]
            i += size

    names = []
    for number, file in fields(descriptor_set):
        if number == 1:
            names.extend(value.decode("utf-8") for n, value in fields(file) if n == 1)
    return names


def _varint(data, i):
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, i


def _strip_proto(name):
    for ext in (".protodevel", ".proto"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def _pb2_file_name(proto):
    """The file protoc's Python generator writes for `proto` (python/helpers.cc's GetFileName)."""
    module = _strip_proto(proto).replace("-", "_").replace("/", ".")
    return module.replace(".", "/") + "_pb2.py"


def _pb2_grpc_file_name(proto):
    """The file grpc's Python generator writes for `proto` (python_generator.cc)."""
    return _strip_proto(proto).replace("-", "_") + "_pb2_grpc.py"


def _include_links(include_paths, cwd):
    """The `-I` arguments for `include_paths`: each directory among them as a symbolic link
    `@N` in the binary's (otherwise empty) working directory. protoc prints an error in a file
    as the file's disk path, `@N/name`, which gives back the name protoc's `Importer` reports,
    whatever the directories; a proto name, made of Python identifiers, never starts with `@`."""
    args = []
    for path in include_paths:
        path = os.fsdecode(path)
        absolute = os.path.abspath(path) if path else os.getcwd()
        if os.path.isdir(absolute):
            link = "@{}".format(len(args))
            os.symlink(absolute, os.path.join(cwd, link))
            args.append("--proto_path=" + link)
    return args


def _virtual(filename):
    """A file name of protoc's messages as the `Importer` names it (see `_include_links`)."""
    if filename.startswith(b"@"):
        _, sep, rest = filename.partition(b"/")
        if sep:
            return rest
    return filename


def _run(args, cwd):
    return subprocess.run(
        [_compiler.binary_path(), *args],
        cwd=cwd,
        env=_compiler.child_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )


def _unknown_error(protobuf_path):
    return Exception("An unknown error occurred while compiling {}".format(protobuf_path))


def _generate(out_flag, file_name, protobuf_path, include_paths):
    """grpc_tools' `get_protos`/`get_services`: [(generated file name, code)] for every file of
    `protobuf_path`'s transitive closure, dependencies first, the file itself last."""
    with tempfile.TemporaryDirectory(prefix="protoc_rs-") as tmp:
        cwd = os.path.join(tmp, "cwd")
        out = os.path.join(tmp, "out")
        os.mkdir(cwd)
        os.mkdir(out)
        includes = _include_links(include_paths, cwd)
        closure_set = os.path.join(tmp, "closure.pb")
        proto = os.fsdecode(protobuf_path)
        first = _run([*includes, "--include_imports", "--descriptor_set_out=" + closure_set, proto], cwd)
        errors, warns, logs = _diagnostics(first.stderr)
        if logs:
            sys.stderr.write(b"\n".join(logs).decode("utf-8", "replace") + "\n")
        for warning in warns:
            warnings.warn(warning)
        if first.returncode != 0:
            if errors:
                raise ProtocErrors(errors)
            raise _unknown_error(protobuf_path)
        with open(closure_set, "rb") as f:
            closure = _file_names(f.read())
        generate = [*includes, "{}={}".format(out_flag, out), *closure]
        target = _python_target()
        second = _run([target, *generate] if target else generate, cwd)
        if target and second.returncode != 0 and second.stderr.startswith(b"--python_target:"):
            # A runtime newer than protoc-rs knows accepts the default (older) code.
            second = _run(generate, cwd)
        if second.returncode != 0:
            raise _unknown_error(protobuf_path)
        files = []
        for name in closure:
            generated = file_name(name)
            with open(os.path.join(out, generated), "rb") as f:
                files.append((generated.encode(), f.read()))
        return files


def _python_target():
    """`--python_target` for this interpreter's protobuf (and grpcio): grpc_tools generates for
    the protobuf its own release pins, which is the one installed; protoc-rs writes what the
    grpcio-tools release matching the installed runtime writes (the default, grpcio-tools
    1.85.1's, for protobuf 7.35.1 and grpcio 1.85.1), so the code always loads. None without
    protobuf."""
    try:
        spec = "protobuf==" + metadata.version("protobuf")
    except metadata.PackageNotFoundError:
        return None
    try:
        spec += ",grpcio==" + metadata.version("grpcio")
    except metadata.PackageNotFoundError:
        pass
    return "--python_target=" + spec


def get_protos(protobuf_path, include_paths):
    """`grpc_tools._protoc_compiler.get_protos`: the `_pb2.py` code of `protobuf_path` (bytes, a
    name relative to one of `include_paths`) and of every file it imports, transitively."""
    return _generate("--python_out", _pb2_file_name, protobuf_path, include_paths)


def get_services(protobuf_path, include_paths):
    """`grpc_tools._protoc_compiler.get_services`: the same for `_pb2_grpc.py`."""
    return _generate("--grpc_python_out", _pb2_grpc_file_name, protobuf_path, include_paths)


_FINDERS_INSTALLED = False
_FINDERS_INSTALLED_LOCK = threading.Lock()


def _maybe_install_proto_finders():
    global _FINDERS_INSTALLED
    with _FINDERS_INSTALLED_LOCK:
        if not _FINDERS_INSTALLED:
            sys.meta_path.extend(
                [
                    ProtoFinder(_PROTO_MODULE_SUFFIX, get_protos),
                    ProtoFinder(_SERVICE_MODULE_SUFFIX, get_services),
                ]
            )
            sys.path.append(_compiler.include_path())
            _FINDERS_INSTALLED = True


def _module_name_to_proto_file(suffix, module_name):
    components = module_name.split(".")
    proto_name = components[-1][: -1 * len(suffix)]
    # protobuf expects forward slashes on every platform.
    return "/".join(components[:-1] + [proto_name + ".proto"])


def _proto_file_to_module_name(suffix, proto_file):
    components = proto_file.split(os.path.sep)
    proto_base_name = os.path.splitext(components[-1])[0]
    return ".".join(components[:-1] + [proto_base_name + suffix])


def protos(protobuf_path):
    """The `_pb2` module of `protobuf_path` (a `.proto` name relative to a `sys.path` entry),
    compiled at import: `grpc.protos(protobuf_path)` without grpcio-tools."""
    _maybe_install_proto_finders()
    return importlib.import_module(_proto_file_to_module_name(_PROTO_MODULE_SUFFIX, protobuf_path))


def services(protobuf_path):
    """The `_pb2_grpc` module of `protobuf_path` (its `_pb2` imported first): `grpc.services`."""
    _maybe_install_proto_finders()
    protos(protobuf_path)
    return importlib.import_module(_proto_file_to_module_name(_SERVICE_MODULE_SUFFIX, protobuf_path))


def protos_and_services(protobuf_path):
    """Both modules, `(protos(p), services(p))`: `grpc.protos_and_services`."""
    return (protos(protobuf_path), services(protobuf_path))


_proto_code_cache = {}
_proto_code_cache_lock = threading.RLock()


class ProtoLoader(importlib.abc.Loader):
    def __init__(self, suffix, codegen_fn, module_name, protobuf_path, proto_root):
        self._suffix = suffix
        self._codegen_fn = codegen_fn
        self._module_name = module_name
        self._protobuf_path = protobuf_path
        self._proto_root = proto_root

    def create_module(self, spec):
        return None

    def _generated_file_to_module_name(self, filepath):
        components = filepath.split(os.path.sep)
        return ".".join(components[:-1] + [os.path.splitext(components[-1])[0]])

    def exec_module(self, module):
        assert module.__name__ == self._module_name
        with _proto_code_cache_lock:
            if self._module_name in _proto_code_cache:
                exec(_proto_code_cache[self._module_name], module.__dict__)
                return
            files = self._codegen_fn(
                self._protobuf_path.encode("ascii"), [path.encode("ascii") for path in sys.path]
            )
            # Dependencies come first, each depending only on those before it; the requested
            # module is last. Their code is cached for this process, as grpc_tools does, so
            # that importing them does not compile again.
            for f in files[:-1]:
                module_name = self._generated_file_to_module_name(f[0].decode("ascii"))
                if module_name not in sys.modules:
                    if module_name not in _proto_code_cache:
                        _proto_code_cache[module_name] = f[1]
                    importlib.import_module(module_name)
            exec(files[-1][1], module.__dict__)


class ProtoFinder(importlib.abc.MetaPathFinder):
    def __init__(self, suffix, codegen_fn):
        self._suffix = suffix
        self._codegen_fn = codegen_fn

    def find_spec(self, fullname, path, target=None):
        if not fullname.endswith(self._suffix):
            return None
        filepath = _module_name_to_proto_file(self._suffix, fullname)
        for search_path in sys.path:
            with contextlib.suppress(OSError):
                os.stat(os.path.join(search_path, filepath))
                return importlib.machinery.ModuleSpec(
                    fullname,
                    ProtoLoader(self._suffix, self._codegen_fn, fullname, filepath, search_path),
                )
        return None


def install_unless_disabled():
    """What importing `grpc_tools.protoc` does: install the finders unless
    GRPC_PYTHON_DISABLE_DYNAMIC_STUBS is set to a non-empty value."""
    if not os.getenv(DISABLE_DYNAMIC_STUBS):
        _maybe_install_proto_finders()
