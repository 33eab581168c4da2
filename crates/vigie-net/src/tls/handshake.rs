//! TLS handshakes: ClientHello (SNI, ALPN and what the fingerprints need), ServerHello, and
//! the server's certificate chain (TLS 1.0–1.2; TLS 1.3 encrypts it).
//!
//! Works on a reassembled byte stream: handshake messages may span several records and
//! records several TCP segments or QUIC CRYPTO frames.

use crate::reader::Reader;

/// A parsed ClientHello.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientHello {
    /// `legacy_version` field.
    pub legacy_version: u16,
    /// Cipher suites in order.
    pub ciphers: Vec<u16>,
    /// Extension types in order.
    pub extensions: Vec<u16>,
    /// Server name indication (host name), if sent.
    pub sni: Option<String>,
    /// ALPN protocol names in order.
    pub alpn: Vec<String>,
    /// The first ALPN protocol's bytes as sent (JA4 reads them, not their text).
    pub alpn_first: Vec<u8>,
    /// Supported groups (elliptic curves).
    pub groups: Vec<u16>,
    /// EC point formats.
    pub point_formats: Vec<u8>,
    /// Signature algorithms in order.
    pub sig_algs: Vec<u16>,
    /// Supported versions (TLS 1.3 extension).
    pub versions: Vec<u16>,
}

/// The ClientHello's extensions as (type, data), in order, up to the first damaged one.
fn extensions(bytes: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut r = Reader::init(bytes);
    std::iter::from_fn(move || {
        let ty = r.u16()?;
        let len = r.u16()?;
        Some((ty, r.take(usize::from(len))?))
    })
}

/// Every big-endian 16-bit value of a list (an odd last byte is left out).
fn u16_list(bytes: &[u8]) -> Vec<u16> {
    let mut r = Reader::init(bytes);
    std::iter::from_fn(|| r.u16()).collect()
}

/// Parses a ClientHello handshake body (after the 4-byte handshake header).
pub fn parse_client_hello(body: &[u8]) -> Option<ClientHello> {
    let mut r = Reader::init(body);
    let mut ch = ClientHello {
        legacy_version: r.u16()?,
        ..ClientHello::default()
    };
    r.skip(32)?; // random
    r.u8_prefixed()?; // session id
    ch.ciphers = u16_list(r.u16_prefixed()?.rest());
    r.u8_prefixed()?; // compression methods
    let Some(ext_len) = r.u16() else {
        return Some(ch); // no extensions (SSL 3.0 style)
    };
    let exts = r.take(usize::from(ext_len)).unwrap_or_else(|| r.rest());
    for (ty, data) in extensions(exts) {
        ch.extensions.push(ty);
        ch.read_extension(ty, Reader::init(data));
    }
    Some(ch)
}

impl ClientHello {
    /// Keeps what the analysis needs of one extension.
    fn read_extension(&mut self, ty: u16, mut d: Reader<'_>) {
        match ty {
            0 => {
                // server_name list: (type, len, name)*
                let _list = d.u16();
                while let (Some(kind), Some(n)) = (d.u8(), d.u16()) {
                    let Some(name) = d.take(usize::from(n)) else {
                        break;
                    };
                    if kind == 0 && self.sni.is_none() {
                        self.sni = Some(String::from_utf8_lossy(name).into_owned());
                    }
                }
            }
            16 => {
                let _list = d.u16();
                while let Some(mut p) = d.u8_prefixed() {
                    let bytes = p.rest();
                    if self.alpn.is_empty() {
                        self.alpn_first = bytes.to_vec();
                    }
                    self.alpn.push(String::from_utf8_lossy(bytes).into_owned());
                }
            }
            10 => {
                if let Some(n) = d.u16() {
                    self.groups = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            11 => {
                if let Some(n) = d.u8() {
                    self.point_formats = d.take(usize::from(n)).unwrap_or_default().to_vec();
                }
            }
            13 => {
                if let Some(n) = d.u16() {
                    self.sig_algs = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            43 => {
                if let Some(n) = d.u8() {
                    self.versions = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            _ => {}
        }
    }
}

/// Parses a ServerHello body; returns the negotiated version (the supported_versions
/// extension wins over the legacy field).
pub fn parse_server_hello(body: &[u8]) -> Option<u16> {
    let mut r = Reader::init(body);
    let legacy = r.u16()?;
    r.skip(32)?; // random
    r.u8_prefixed()?; // session id
    r.u16()?; // cipher suite
    r.u8()?; // compression method
    let Some(ext_len) = r.u16() else {
        return Some(legacy);
    };
    let exts = r.take(usize::from(ext_len)).unwrap_or_default();
    for (ty, data) in extensions(exts) {
        if let (43, [major, minor]) = (ty, data) {
            return Some(u16::from_be_bytes([*major, *minor]));
        }
    }
    Some(legacy)
}

/// The DER certificates of a Certificate message body (TLS 1.0–1.2 layout).
pub fn parse_certificates(body: &[u8]) -> Vec<&[u8]> {
    let mut r = Reader::init(body);
    let mut out = vec![];
    let Some(total) = r.u24() else { return out };
    let end = (3 + total).min(body.len());
    while r.used() + 3 <= end {
        let Some(n) = r.u24() else { break };
        let Some(der) = r.take(n) else { break };
        out.push(der);
        if out.len() >= 16 {
            break;
        }
    }
    out
}

/// A TLS record header: content type, major and minor version, length.
fn record_header(r: &mut Reader<'_>) -> Option<(u8, u8, u8, usize)> {
    let mut h = r.sub(5)?;
    Some((h.u8()?, h.u8()?, h.u8()?, usize::from(h.u16()?)))
}

/// Finds where a TLS handshake record starts in a stream, at or after `from`: a record header
/// (type 22, version 3.x, sane length) whose first handshake message has type `msg_type`.
pub fn find_handshake_start(stream: &[u8], from: usize, msg_type: u8) -> Option<usize> {
    let mut i = from;
    while i + 6 <= stream.len() {
        i += stream[i..].iter().position(|&b| b == 22)?;
        let mut r = Reader::init(&stream[i..]);
        let (_, major, minor, len) = record_header(&mut r)?;
        if major == 3 && minor <= 4 && (4..=18_432).contains(&len) && r.u8()? == msg_type {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The handshake bytes carried by consecutive handshake records from `start`, and whether a
/// record of another type (change cipher spec, alert, application data) ended them.
pub fn handshake_bytes(stream: &[u8], start: usize) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut r = Reader::init(stream.get(start..).unwrap_or_default());
    while let Some((ty, _, _, len)) = record_header(&mut r) {
        if ty != 22 {
            return (out, true);
        }
        let Some(payload) = r.take(len) else {
            // Partial record: use what is there, more may come.
            out.extend_from_slice(r.rest());
            return (out, false);
        };
        out.extend_from_slice(payload);
        if out.len() > 256 * 1024 {
            return (out, true);
        }
    }
    (out, false)
}

/// The server certificate of an SSL 2.0 SERVER-HELLO at the start of a server stream.
pub fn sslv2_server_certificate(stream: &[u8]) -> Option<&[u8]> {
    // Two-byte record header (high bit set), then message type 4 (SERVER-HELLO).
    let mut r = Reader::init(stream);
    let header = r.u16()?;
    if header & 0x8000 == 0 || *stream.get(2)? != 4 {
        return None;
    }
    let mut msg = r.sub(usize::from(header & 0x7fff))?;
    msg.skip(5)?; // type, session id hit, certificate type, version
    let cert_len = msg.u16()?;
    msg.skip(4)?; // cipher specs length, connection id length
    msg.take(usize::from(cert_len)).filter(|c| !c.is_empty())
}

/// Complete handshake messages in handshake bytes: (type, body).
pub fn messages(hs: &[u8]) -> Vec<(u8, &[u8])> {
    let mut r = Reader::init(hs);
    let mut out = vec![];
    while let (Some(ty), Some(len)) = (r.u8(), r.u24()) {
        let Some(body) = r.take(len) else { break };
        out.push((ty, body));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{client_hello, tls_records};

    #[test]
    fn finds_hello_after_starttls_preamble() {
        let mut stream = b"EHLO phone\r\nSTARTTLS\r\n".to_vec();
        let at = stream.len();
        stream.extend_from_slice(&tls_records(&client_hello("smtp.example", &[])));
        assert_eq!(find_handshake_start(&stream, 0, 1), Some(at));
        let (hs, closed) = handshake_bytes(&stream, at);
        assert!(!closed);
        let msgs = messages(&hs);
        assert_eq!(msgs[0].0, 1);
        assert_eq!(
            parse_client_hello(msgs[0].1).and_then(|c| c.sni).as_deref(),
            Some("smtp.example")
        );
        assert!(find_handshake_start(b"\x16\x03", 0, 1).is_none());
    }
}
