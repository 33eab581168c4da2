//! TLS: the handshake parsers, the JA3 and JA4 fingerprints, and what the observer makes of a
//! TCP stream's handshake (server name, STARTTLS, server certificate).

mod fingerprint;
mod handshake;
mod observe;

pub use handshake::{
    find_handshake_start, handshake_bytes, messages, parse_certificates, parse_client_hello,
    parse_server_hello, sslv2_server_certificate, ClientHello,
};
pub(crate) use observe::{observe_client_hello, CertCache, ClientHelloScan, ServerHelloScan};
