//! Source tree: `-I` mappings (`virtual=disk`), input-file to virtual-name mapping, and the
//! bundled include directory (protoc's `include/`), searched last.
