#![no_main]
//! See `faultline_fuzz::mutate_corpus`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| faultline_fuzz::mutate_corpus(data));
