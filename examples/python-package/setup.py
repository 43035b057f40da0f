"""Generates the protobuf and gRPC modules before setuptools collects the package's files.

`build_py` (run by `pip install .` and `pip wheel .`) calls protoc_rs.command's
build_package_protos on the package root, `src`: every .proto under it is compiled with
`-I src` (imports are written from there: "greet_pkg/v1/types.proto"). `python setup.py
build_proto_modules` runs the same step alone, as with grpc_tools.command.
"""

from setuptools import setup
from setuptools.command.build_py import build_py

from protoc_rs.command import BuildPackageProtos, build_package_protos


class BuildPyWithProtos(build_py):
    def run(self):
        build_package_protos(self.distribution.package_dir[""], strict_mode=True)
        super().run()


setup(cmdclass={"build_py": BuildPyWithProtos, "build_proto_modules": BuildPackageProtos})
