#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| capaian_fuzz::http_request(data));
