#![no_main]
//! See `faultline_fuzz::custom_rules`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| faultline_fuzz::custom_rules(data));
