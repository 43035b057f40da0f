//! The generated code of `build.rs`, compiled. `cargo build -p rust-compile` is the check.
#![allow(clippy::all, dead_code, non_camel_case_types)]

pub mod ok {
    include!(concat!(env!("OUT_DIR"), "/ok.rs"));
}
pub mod editions {
    include!(concat!(env!("OUT_DIR"), "/editions.rs"));
}
/// Pins the shape of DELIMITED message fields under a file-wide IMPLICIT presence (issue 13
/// class 19): optional like any message field, boxed when recursive.
pub fn implicit_delimited_shape() -> editions::equiv::implicit_delimited::Tree {
    use editions::equiv::implicit_delimited::{Inner, Tree};
    Tree {
        value: 1,
        inner: Some(Inner { x: 2 }),
        left: Some(Box::new(Tree::default())),
        many: vec![Inner::default()],
        pick: None,
        plain: None,
    }
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
