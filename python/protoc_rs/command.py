"""`grpc_tools.command`'s twin: `build_package_protos(package_root, strict_mode)` and the
setuptools command `BuildPackageProtos` generate `_pb2.py`, `.pyi` and `_pb2_grpc.py` beside
every `.proto` under a package root, with grpc_tools' arguments, outputs and messages (the
command printed names `protoc_rs.protoc` and protoc-rs's bundled include directory).

    setup(cmdclass={"build_proto_modules": BuildPackageProtos}, ...)

Needs setuptools, as grpc_tools.command does.
"""

import os
import sys

import setuptools

from . import _compiler


def build_package_protos(package_root, strict_mode=False):
    """Compiles each `.proto` under `package_root` (os.walk order) with `-I package_root`, the
    bundled well-known types, and all three Python outputs into `package_root`. A failure
    raises `Exception("error: [...] failed")` in strict mode and otherwise writes
    `warning: [...] failed` (no newline, as grpc_tools) to stderr and goes on."""
    proto_files = []
    for root, _, files in os.walk(package_root):
        for filename in files:
            if filename.endswith(".proto"):
                proto_files.append(os.path.join(root, filename))

    well_known_protos_include = _compiler.include_path()

    for proto_file in proto_files:
        command = [
            "protoc_rs.protoc",
            "--proto_path={}".format(package_root),
            "--proto_path={}".format(well_known_protos_include),
            "--python_out={}".format(package_root),
            "--pyi_out={}".format(package_root),
            "--grpc_python_out={}".format(package_root),
        ] + [proto_file]
        if _compiler.main(command) != 0:
            if strict_mode:
                raise Exception("error: {} failed".format(command))
            # NB: no newline after the message, as grpc_tools writes it.
            sys.stderr.write("warning: {} failed".format(command))


class BuildPackageProtos(setuptools.Command):
    """Command to generate project *_pb2.py modules from proto files."""

    description = "build grpc protobuf modules"
    user_options = [
        (
            "strict-mode",
            "s",
            "exit with non-zero value if the proto compiling fails.",
        )
    ]

    def initialize_options(self):
        self.strict_mode = False

    def finalize_options(self):
        pass

    def run(self):
        # As grpc_tools: the package directory of the root package ('' in package_dir) is the
        # one include directory (a KeyError without one).
        build_package_protos(self.distribution.package_dir[""], self.strict_mode)
