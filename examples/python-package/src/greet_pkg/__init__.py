"""greet_pkg: protobuf and gRPC modules generated at build time by protoc-rs."""
