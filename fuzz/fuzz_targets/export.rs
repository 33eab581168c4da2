//! Evidence archives as `vigie verify` reads them (from anywhere): tar parsing, manifest,
//! signature, per-entry checks.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vigie_case::check_export(data);
});
