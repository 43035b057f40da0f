"""protoc-rs, a drop-in replacement for protoc in pure Rust, for Python users of grpc_tools.

    python -m protoc_rs -I protos --python_out=. --grpc_python_out=. helloworld.proto

behaves like `python -m grpc_tools.protoc` with the same arguments (the bundled well-known
types appended as the last `-I`). In a script, `protoc_rs.main(argv)` is
`grpc_tools.protoc.main(argv)` and `protoc_rs.include_path()` the `-I` directory of the
bundled `google/protobuf/*.proto` (grpc_tools' `_proto`).
"""

from ._compiler import binary_path, include_path, main

__all__ = ["main", "include_path", "binary_path"]
