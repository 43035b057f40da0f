//! The code `protoc_rs::build` generated in `build.rs`, in modules following the protobuf
//! packages (`stock.v1` refers to `hello.v1` as `super::super::hello::v1`).

pub mod hello {
    pub mod v1 {
        include!(concat!(env!("OUT_DIR"), "/hello.v1.rs"));
    }
}

pub mod stock {
    pub mod v1 {
        include!(concat!(env!("OUT_DIR"), "/stock.v1.rs"));
    }
}

/// The directory `build.rs` generated into (scripts/build-helper-test compares its files).
pub const OUT_DIR: &str = env!("OUT_DIR");
