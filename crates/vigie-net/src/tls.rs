//! TLS handshakes: ClientHello (SNI, ALPN, JA3 and JA4 fingerprints), ServerHello, and the
//! server's certificate chain (TLS 1.0–1.2; TLS 1.3 encrypts it).
//!
//! Works on a reassembled byte stream: handshake messages may span several records and
//! records several TCP segments or QUIC CRYPTO frames.

use md5::{Digest as _, Md5};
use sha2::Sha256;

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
    /// Supported groups (elliptic curves).
    pub groups: Vec<u16>,
    /// EC point formats.
    pub point_formats: Vec<u8>,
    /// Signature algorithms in order.
    pub sig_algs: Vec<u16>,
    /// Supported versions (TLS 1.3 extension).
    pub versions: Vec<u16>,
}

fn is_grease(v: u16) -> bool {
    v & 0x0f0f == 0x0a0a && (v >> 8) == (v & 0xff)
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn u8(&mut self) -> Option<u8> {
        let v = *self.b.get(self.at)?;
        self.at += 1;
        Some(v)
    }
    fn u16(&mut self) -> Option<u16> {
        let v = u16::from_be_bytes([*self.b.get(self.at)?, *self.b.get(self.at + 1)?]);
        self.at += 2;
        Some(v)
    }
    fn u24(&mut self) -> Option<usize> {
        let v = (usize::from(*self.b.get(self.at)?) << 16)
            | (usize::from(*self.b.get(self.at + 1)?) << 8)
            | usize::from(*self.b.get(self.at + 2)?);
        self.at += 3;
        Some(v)
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let v = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(v)
    }
}

fn u16_list(b: &[u8]) -> Vec<u16> {
    b.chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect()
}

/// Parses a ClientHello handshake body (after the 4-byte handshake header).
pub fn parse_client_hello(body: &[u8]) -> Option<ClientHello> {
    let mut c = Cursor { b: body, at: 0 };
    let mut ch = ClientHello {
        legacy_version: c.u16()?,
        ..ClientHello::default()
    };
    c.take(32)?;
    let sid = usize::from(c.u8()?);
    c.take(sid)?;
    let cs_len = usize::from(c.u16()?);
    ch.ciphers = u16_list(c.take(cs_len)?);
    let comp = usize::from(c.u8()?);
    c.take(comp)?;
    let Some(ext_len) = c.u16() else {
        return Some(ch); // no extensions (SSL 3.0 style)
    };
    let exts = c.take(usize::from(ext_len)).unwrap_or(&body[c.at..]);
    let mut e = Cursor { b: exts, at: 0 };
    while let (Some(ty), Some(len)) = (e.u16(), e.u16()) {
        let Some(data) = e.take(usize::from(len)) else {
            break;
        };
        ch.extensions.push(ty);
        let mut d = Cursor { b: data, at: 0 };
        match ty {
            0 => {
                // server_name list: (type, len, name)*
                let _list = d.u16();
                while let (Some(kind), Some(n)) = (d.u8(), d.u16()) {
                    let Some(name) = d.take(usize::from(n)) else {
                        break;
                    };
                    if kind == 0 && ch.sni.is_none() {
                        ch.sni = Some(String::from_utf8_lossy(name).into_owned());
                    }
                }
            }
            16 => {
                let _list = d.u16();
                while let Some(n) = d.u8() {
                    let Some(p) = d.take(usize::from(n)) else {
                        break;
                    };
                    ch.alpn.push(String::from_utf8_lossy(p).into_owned());
                }
            }
            10 => {
                if let Some(n) = d.u16() {
                    ch.groups = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            11 => {
                if let Some(n) = d.u8() {
                    ch.point_formats = d.take(usize::from(n)).unwrap_or_default().to_vec();
                }
            }
            13 => {
                if let Some(n) = d.u16() {
                    ch.sig_algs = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            43 => {
                if let Some(n) = d.u8() {
                    ch.versions = u16_list(d.take(usize::from(n)).unwrap_or_default());
                }
            }
            _ => {}
        }
    }
    Some(ch)
}

fn join<T: std::fmt::Display>(items: impl Iterator<Item = T>, sep: &str) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(sep)
}

impl ClientHello {
    /// The JA3 string (GREASE values removed).
    pub fn ja3_string(&self) -> String {
        let ng = |v: &&u16| !is_grease(**v);
        format!(
            "{},{},{},{},{}",
            self.legacy_version,
            join(self.ciphers.iter().filter(ng), "-"),
            join(self.extensions.iter().filter(ng), "-"),
            join(self.groups.iter().filter(ng), "-"),
            join(self.point_formats.iter(), "-"),
        )
    }

    /// The JA3 fingerprint: MD5 of [`Self::ja3_string`], hexadecimal.
    pub fn ja3(&self) -> String {
        hex::encode(Md5::digest(self.ja3_string().as_bytes()))
    }

    /// The JA4 fingerprint. `transport` is `'t'` for TCP, `'q'` for QUIC, `'d'` for DTLS.
    pub fn ja4(&self, transport: char) -> String {
        let version = self
            .versions
            .iter()
            .copied()
            .filter(|v| !is_grease(*v))
            .max()
            .unwrap_or(self.legacy_version);
        let ver = match version {
            0x0304 => "13",
            0x0303 => "12",
            0x0302 => "11",
            0x0301 => "10",
            0x0300 => "s3",
            0x0002 => "s2",
            0xfeff => "d1",
            0xfefd => "d2",
            0xfefc => "d3",
            _ => "00",
        };
        let sni = if self.extensions.contains(&0) {
            'd'
        } else {
            'i'
        };
        let ciphers: Vec<u16> = self
            .ciphers
            .iter()
            .copied()
            .filter(|v| !is_grease(*v))
            .collect();
        let exts: Vec<u16> = self
            .extensions
            .iter()
            .copied()
            .filter(|v| !is_grease(*v))
            .collect();
        let alpn = match self.alpn.first().map(String::as_bytes) {
            Some([first, .., last]) | Some([first @ last])
                if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() =>
            {
                format!("{}{}", *first as char, *last as char)
            }
            Some(p @ [_, ..]) => {
                let h = hex::encode(p);
                let b = h.as_bytes();
                format!("{}{}", b[0] as char, b[b.len() - 1] as char)
            }
            _ => "00".to_owned(),
        };
        let a = format!(
            "{transport}{ver}{sni}{:02}{:02}{alpn}",
            ciphers.len().min(99),
            exts.len().min(99)
        );
        let hash12 = |s: &str| -> String {
            if s.is_empty() {
                "000000000000".to_owned()
            } else {
                hex::encode(Sha256::digest(s.as_bytes()))[..12].to_owned()
            }
        };
        let mut sorted_c = ciphers.clone();
        sorted_c.sort_unstable();
        let b = hash12(&join(sorted_c.iter().map(|c| format!("{c:04x}")), ","));
        let mut sorted_e: Vec<u16> = exts
            .iter()
            .copied()
            .filter(|e| *e != 0 && *e != 16)
            .collect();
        sorted_e.sort_unstable();
        let mut c_str = join(sorted_e.iter().map(|e| format!("{e:04x}")), ",");
        let sigs: Vec<u16> = self
            .sig_algs
            .iter()
            .copied()
            .filter(|v| !is_grease(*v))
            .collect();
        if !sigs.is_empty() {
            c_str.push('_');
            c_str.push_str(&join(sigs.iter().map(|s| format!("{s:04x}")), ","));
        }
        let c = if sorted_e.is_empty() {
            "000000000000".to_owned()
        } else {
            hash12(&c_str)
        };
        format!("{a}_{b}_{c}")
    }
}

/// Parses a ServerHello body; returns the negotiated version (the supported_versions
/// extension wins over the legacy field).
pub fn parse_server_hello(body: &[u8]) -> Option<u16> {
    let mut c = Cursor { b: body, at: 0 };
    let legacy = c.u16()?;
    c.take(32)?;
    let sid = usize::from(c.u8()?);
    c.take(sid)?;
    c.u16()?;
    c.u8()?;
    let Some(ext_len) = c.u16() else {
        return Some(legacy);
    };
    let exts = c.take(usize::from(ext_len)).unwrap_or_default();
    let mut e = Cursor { b: exts, at: 0 };
    while let (Some(ty), Some(len)) = (e.u16(), e.u16()) {
        let Some(data) = e.take(usize::from(len)) else {
            break;
        };
        if ty == 43 && data.len() == 2 {
            return Some(u16::from_be_bytes([data[0], data[1]]));
        }
    }
    Some(legacy)
}

/// The DER certificates of a Certificate message body (TLS 1.0–1.2 layout).
pub fn parse_certificates(body: &[u8]) -> Vec<&[u8]> {
    let mut c = Cursor { b: body, at: 0 };
    let mut out = vec![];
    let Some(total) = c.u24() else { return out };
    let end = (3 + total).min(body.len());
    while c.at + 3 <= end {
        let Some(n) = c.u24() else { break };
        let Some(der) = c.take(n) else { break };
        out.push(der);
        if out.len() >= 16 {
            break;
        }
    }
    out
}

/// Finds where a TLS handshake record starts in a stream, at or after `from`: a record header
/// (type 22, version 3.x, sane length) whose first handshake message has type `msg_type`.
pub fn find_handshake_start(stream: &[u8], from: usize, msg_type: u8) -> Option<usize> {
    let mut i = from;
    while i + 6 <= stream.len() {
        let hit = stream[i..].iter().position(|&b| b == 22)?;
        i += hit;
        if i + 6 > stream.len() {
            return None;
        }
        let len = usize::from(u16::from_be_bytes([stream[i + 3], stream[i + 4]]));
        if stream[i + 1] == 3
            && stream[i + 2] <= 4
            && (4..=18_432).contains(&len)
            && stream[i + 5] == msg_type
        {
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
    let mut at = start;
    while at + 5 <= stream.len() {
        let ty = stream[at];
        let len = usize::from(u16::from_be_bytes([stream[at + 3], stream[at + 4]]));
        if ty != 22 {
            return (out, true);
        }
        let Some(payload) = stream.get(at + 5..at + 5 + len) else {
            // Partial record: use what is there, more may come.
            out.extend_from_slice(&stream[at + 5..]);
            return (out, false);
        };
        out.extend_from_slice(payload);
        at += 5 + len;
        if out.len() > 256 * 1024 {
            return (out, true);
        }
    }
    (out, false)
}

/// The server certificate of an SSL 2.0 SERVER-HELLO at the start of a server stream.
pub fn sslv2_server_certificate(stream: &[u8]) -> Option<&[u8]> {
    // Two-byte record header (high bit set), then message type 4 (SERVER-HELLO).
    let (&h0, &h1) = (stream.first()?, stream.get(1)?);
    if h0 & 0x80 == 0 || *stream.get(2)? != 4 {
        return None;
    }
    let rec_len = (usize::from(h0 & 0x7f) << 8) | usize::from(h1);
    let msg = stream.get(2..2 + rec_len)?;
    let cert_len = usize::from(u16::from_be_bytes([*msg.get(5)?, *msg.get(6)?]));
    msg.get(11..11 + cert_len).filter(|c| !c.is_empty())
}

/// Complete handshake messages in handshake bytes: (type, body).
pub fn messages(hs: &[u8]) -> Vec<(u8, &[u8])> {
    let mut c = Cursor { b: hs, at: 0 };
    let mut out = vec![];
    while let (Some(ty), Some(len)) = (c.u8(), c.u24()) {
        let Some(body) = c.take(len) else { break };
        out.push((ty, body));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{client_hello, tls_records};

    #[test]
    fn client_hello_fields_and_fingerprints() {
        let hs = client_hello("phone.example.org", &["h2", "http/1.1"]);
        let ch = parse_client_hello(&hs[4..]).expect("parses");
        assert_eq!(ch.sni.as_deref(), Some("phone.example.org"));
        assert_eq!(ch.alpn, vec!["h2", "http/1.1"]);
        assert_eq!(ch.versions, vec![0x0304, 0x0303]);
        // GREASE is left out of both fingerprints.
        assert!(!ch.ja3_string().contains("2570"));
        assert!(ch.ja3_string().starts_with("771,4865-4866-4867-49195-49199-49196-49200,0-23-65281-10-11-35-16-5-13-51-45-43,29-23,0"));
        assert_eq!(ch.ja3().len(), 32);
        let ja4 = ch.ja4('t');
        assert!(ja4.starts_with("t13d0712h2_"), "{ja4}");
        assert_eq!(ja4.len(), "t13d0712h2_".len() + 12 + 1 + 12);
    }

    #[test]
    fn ja4_matches_the_published_example() {
        // The JA4 specification's worked example (Chrome): ciphers and extensions give these hashes.
        let ch = ClientHello {
            legacy_version: 0x0303,
            ciphers: vec![
                0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013,
                0xc014, 0x009c, 0x009d, 0x002f, 0x0035,
            ],
            extensions: vec![
                0x001b, 0x0000, 0x0033, 0x0010, 0x4469, 0x0017, 0x002d, 0x000d, 0x0005, 0x0023,
                0x0012, 0x002b, 0xff01, 0x000b, 0x000a, 0x0015,
            ],
            sni: Some("x".into()),
            alpn: vec!["h2".into()],
            groups: vec![],
            point_formats: vec![],
            sig_algs: vec![
                0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601,
            ],
            versions: vec![0x0304, 0x0303],
        };
        assert_eq!(ch.ja4('t'), "t13d1516h2_8daaf6152771_e5627efa2ab1");
    }

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
