//! DNS messages (UDP payloads, and names with compression loops).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vigie_net::dns::parse(data);
    for at in 0..data.len().min(16) {
        let _ = vigie_net::dns::read_name(data, at);
    }
});
