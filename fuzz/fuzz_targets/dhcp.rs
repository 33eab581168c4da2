//! DHCP messages (what a device says of itself when it joins a network).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = vigie_net::dhcp::parse(data);
});
