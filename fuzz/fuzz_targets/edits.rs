#![no_main]
//! See `faultline_fuzz::edit_sequence`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| faultline_fuzz::edit_sequence(data));
