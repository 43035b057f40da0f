//! libFuzzer target `option_text`: see [`protoc_rs_fuzz::option_text`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| protoc_rs_fuzz::option_text(data));
