//! QUIC datagrams: long headers, Initial decryption with the keys derived from the
//! connection id, CRYPTO frames. Inputs that are valid Initials are also re-sealed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_net::quic;

fuzz_target!(|data: &[u8]| {
    let mut rest = data;
    while let Some(h) = quic::long_header(rest) {
        if h.initial {
            if let Some(keys) = quic::InitialKeys::derive(h.version, h.dcid, true) {
                if let Some(frames) = quic::open_initial(&rest[..h.packet_len], h.pn_offset, &keys) {
                    let _ = quic::crypto_frames(&frames);
                }
            }
        }
        if h.packet_len == 0 || h.packet_len >= rest.len() {
            break;
        }
        rest = &rest[h.packet_len..];
    }
    // Plaintext frame parsing on its own.
    let _ = quic::crypto_frames(data);
});
