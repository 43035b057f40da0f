//! libFuzzer target `codec`: see [`protoc_rs_fuzz::codec`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| protoc_rs_fuzz::codec(data));
