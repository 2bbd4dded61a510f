#![no_main]
//! See `faultline_fuzz::config_and_suppressions`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| faultline_fuzz::config_and_suppressions(data));
