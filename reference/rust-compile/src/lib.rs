//! The generated code of `build.rs`, compiled. `cargo build -p rust-compile` is the check.
#![allow(clippy::all, dead_code, non_camel_case_types)]

pub mod ok {
    include!(concat!(env!("OUT_DIR"), "/ok.rs"));
}
pub mod editions {
    include!(concat!(env!("OUT_DIR"), "/editions.rs"));
}
pub mod svc {
    include!(concat!(env!("OUT_DIR"), "/svc.rs"));
}
pub mod googleapis {
    include!(concat!(env!("OUT_DIR"), "/googleapis/mod.rs"));
}
pub mod greeter {
    include!(concat!(env!("OUT_DIR"), "/greeter.rs"));
}
