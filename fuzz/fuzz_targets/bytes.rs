#![no_main]
//! See `faultline_fuzz::check_bytes`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| faultline_fuzz::check_bytes(data));
