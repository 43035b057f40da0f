//! libFuzzer target `lexer`: see [`protoc_rs_fuzz::lexer`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| protoc_rs_fuzz::lexer(data));
