//! The Python back ends protoc registers (grpcio-tools 1.85.1, libprotoc 35.1):
//! `--python_out` ([`pb2`]), `--pyi_out` ([`pyi`]) and `--grpc_python_out` ([`grpc`]), with
//! the naming rules they share in [`names`]; [`target`] (`--python_target`) picks the shape of
//! an older runtime's output; `serialized_pb` locates elements in the embedded descriptor.

pub mod grpc;
pub mod names;
pub mod pb2;
pub mod pure_descriptors;
pub mod pyi;
mod resolved_features;
mod serialized_pb;
pub mod target;

pub use grpc::GrpcPythonGenerator;
pub use pb2::Pb2Generator;
pub use pyi::PyiGenerator;
