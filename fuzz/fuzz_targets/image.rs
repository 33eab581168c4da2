//! Images as `vigie ncii` reads them (JPEG, PNG, WebP, GIF, BMP), decoded with limits and
//! hashed with PDQ.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vigie_ncii::hash_image_bytes(data);
});
