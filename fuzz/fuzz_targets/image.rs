//! Files as `vigie ncii` reads them: the format sniffed from the first bytes, images
//! (JPEG, PNG, WebP, GIF, BMP) decoded with limits and hashed with PDQ, EXIF metadata read.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut reader = data;
    let _ = vigie_ncii::inspect_reader(&mut reader);
});
