"""`python -m protoc_rs ARGS` = `python -m grpc_tools.protoc ARGS` (see protoc_rs._compiler)."""

from ._compiler import entrypoint

entrypoint()
