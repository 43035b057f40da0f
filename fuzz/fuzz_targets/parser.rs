//! libFuzzer target `parser`: see [`protoc_rs_fuzz::parser`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| protoc_rs_fuzz::parser(data));
