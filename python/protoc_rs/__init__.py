"""protoc-rs, a drop-in replacement for protoc in pure Rust, for Python users of grpc_tools.

    python -m protoc_rs -I protos --python_out=. --grpc_python_out=. helloworld.proto

behaves like `python -m grpc_tools.protoc` with the same arguments (the bundled well-known
types appended as the last `-I`). In a script, `protoc_rs.main(argv)` is
`grpc_tools.protoc.main(argv)` and `protoc_rs.include_path()` the `-I` directory of the
bundled `google/protobuf/*.proto` (grpc_tools' `_proto`).

Runtime imports, grpcio's `grpc.protos()` family without grpcio-tools:
`protoc_rs.protos("helloworld.proto")`, `protoc_rs.services(...)`,
`protoc_rs.protos_and_services(...)` compile a `.proto` found on `sys.path` into modules;
importing `protoc_rs.protoc` also makes `import helloworld_pb2` do that, as importing
`grpc_tools.protoc` does. Errors raise `protoc_rs.ProtocErrors` (grpc_tools' class's twin).
The setuptools command is `protoc_rs.command.BuildPackageProtos`.
"""

from ._compiler import binary_path, include_path, main
from ._errors import ProtocError, ProtocErrors, ProtocWarning
from ._runtime import protos, protos_and_services, services

__all__ = [
    "main",
    "include_path",
    "binary_path",
    "protos",
    "services",
    "protos_and_services",
    "ProtocError",
    "ProtocErrors",
    "ProtocWarning",
]
