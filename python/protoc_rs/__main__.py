"""`python -m protoc_rs ARGS` = `python -m grpc_tools.protoc ARGS` (see protoc_rs.protoc)."""

from .protoc import entrypoint

entrypoint()
