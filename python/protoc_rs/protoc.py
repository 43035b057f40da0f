"""`grpc_tools.protoc`'s names, for code written against it: `from protoc_rs import protoc`,
`protoc.main(argv)`, `protoc._get_resource_file_name("protoc_rs", "_proto")`, the runtime
imports (`protoc._protos`, `_services`, `_protos_and_services`, also without the underscore);
and `python -m protoc_rs.protoc ARGS` = `python -m grpc_tools.protoc ARGS`.

Importing this module installs the runtime-import finders, as importing `grpc_tools.protoc`
does, unless GRPC_PYTHON_DISABLE_DYNAMIC_STUBS is non-empty (see protoc_rs._runtime).

NB: the package's __init__ imports _compiler, not this module, so that running this module
with -m does not make runpy warn that it was already imported.
"""

from ._compiler import _get_resource_file_name, binary_path, entrypoint, include_path, main
from ._errors import ProtocError, ProtocErrors, ProtocWarning
from ._runtime import ProtoFinder, ProtoLoader, install_unless_disabled, protos, protos_and_services, services

_protos = protos
_services = services
_protos_and_services = protos_and_services

__all__ = [
    "main",
    "include_path",
    "binary_path",
    "entrypoint",
    "protos",
    "services",
    "protos_and_services",
    "ProtocError",
    "ProtocErrors",
    "ProtocWarning",
    "ProtoFinder",
    "ProtoLoader",
    "_get_resource_file_name",
    "_protos",
    "_services",
    "_protos_and_services",
]

install_unless_disabled()

if __name__ == "__main__":
    entrypoint()
