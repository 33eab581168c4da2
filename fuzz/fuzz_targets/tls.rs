//! TLS streams: record scanning, handshake messages, ClientHello and fingerprints,
//! ServerHello, certificate lists and X.509 certificates, SSL 2.0 hellos.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_net::{cert, tls};

fuzz_target!(|data: &[u8]| {
    if let Some(ch) = tls::parse_client_hello(data) {
        let _ = (ch.ja3(), ch.ja4('t'), ch.ja4('q'));
    }
    let _ = tls::parse_server_hello(data);
    for der in tls::parse_certificates(data) {
        let _ = cert::summarize(der);
    }
    let _ = cert::summarize(data);
    let _ = tls::sslv2_server_certificate(data);
    for ty in [1u8, 2] {
        if let Some(p) = tls::find_handshake_start(data, 0, ty) {
            let (hs, _) = tls::handshake_bytes(data, p);
            for (_, body) in tls::messages(&hs) {
                let _ = tls::parse_client_hello(body);
            }
        }
    }
});
