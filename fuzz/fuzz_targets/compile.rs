//! libFuzzer target `compile`: see [`protoc_rs_fuzz::compile`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| protoc_rs_fuzz::compile(data));
