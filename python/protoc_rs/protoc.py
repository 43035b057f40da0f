"""`grpc_tools.protoc`'s names, for code written against it: `from protoc_rs import protoc`,
`protoc.main(argv)`, `protoc._get_resource_file_name("protoc_rs", "_proto")`; and
`python -m protoc_rs.protoc ARGS` = `python -m grpc_tools.protoc ARGS`.

NB: the package's __init__ imports _compiler, not this module, so that running this module
with -m does not make runpy warn that it was already imported.
"""

from ._compiler import _get_resource_file_name, binary_path, entrypoint, include_path, main

__all__ = ["main", "include_path", "binary_path", "entrypoint", "_get_resource_file_name"]

if __name__ == "__main__":
    entrypoint()
