//! The JA3 and JA4 fingerprints of a ClientHello.

use super::handshake::ClientHello;
use md5::{Digest as _, Md5};
use sha2::Sha256;

fn is_grease(v: u16) -> bool {
    v & 0x0f0f == 0x0a0a && (v >> 8) == (v & 0xff)
}

fn join<T: std::fmt::Display>(items: impl Iterator<Item = T>, sep: &str) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(sep)
}

/// The values that are not GREASE, in order.
fn without_grease(values: &[u16]) -> Vec<u16> {
    values.iter().copied().filter(|v| !is_grease(*v)).collect()
}

/// Values as comma-separated four-digit hexadecimal.
fn hex_list(values: &[u16]) -> String {
    join(values.iter().map(|v| format!("{v:04x}")), ",")
}

/// The first 12 hexadecimal digits of the SHA-256 of `s`; zeros for an empty `s`.
fn hash12(s: &str) -> String {
    if s.is_empty() {
        "000000000000".to_owned()
    } else {
        hex::encode(Sha256::digest(s.as_bytes()))[..12].to_owned()
    }
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
        let ciphers = without_grease(&self.ciphers);
        let exts = without_grease(&self.extensions);
        let sni = if self.extensions.contains(&0) {
            'd'
        } else {
            'i'
        };
        let a = format!(
            "{transport}{}{sni}{:02}{:02}{}",
            self.ja4_version(),
            ciphers.len().min(99),
            exts.len().min(99),
            self.ja4_alpn(),
        );
        let mut sorted_c = ciphers;
        sorted_c.sort_unstable();
        let b = hash12(&hex_list(&sorted_c));
        // Extensions sorted, without SNI and ALPN, then the signature algorithms in order.
        let mut sorted_e: Vec<u16> = exts.into_iter().filter(|e| *e != 0 && *e != 16).collect();
        sorted_e.sort_unstable();
        let c = if sorted_e.is_empty() {
            "000000000000".to_owned()
        } else {
            let mut c_str = hex_list(&sorted_e);
            let sigs = without_grease(&self.sig_algs);
            if !sigs.is_empty() {
                c_str.push('_');
                c_str.push_str(&hex_list(&sigs));
            }
            hash12(&c_str)
        };
        format!("{a}_{b}_{c}")
    }

    /// JA4's version: the highest supported version offered, else the legacy one.
    fn ja4_version(&self) -> &'static str {
        let version = without_grease(&self.versions)
            .into_iter()
            .max()
            .unwrap_or(self.legacy_version);
        match version {
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
        }
    }

    /// JA4's ALPN: the first and last characters of the first protocol offered (of its
    /// hexadecimal form when they are not alphanumeric), `00` for none.
    fn ja4_alpn(&self) -> String {
        match (!self.alpn.is_empty()).then_some(self.alpn_first.as_slice()) {
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::parse_client_hello;
    use crate::write::client_hello;

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
            alpn_first: b"h2".to_vec(),
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
    fn ja4_alpn_follows_the_specification_on_odd_bytes() {
        // The specification's own cases: alphanumeric ends as they are, else the ends of
        // the hexadecimal form of the bytes as sent (not of their text).
        let alpn = |bytes: &[u8]| {
            let ch = ClientHello {
                alpn: vec![String::from_utf8_lossy(bytes).into_owned()],
                alpn_first: bytes.to_vec(),
                ..ClientHello::default()
            };
            ch.ja4_alpn()
        };
        for (bytes, want) in [
            (&b"h2"[..], "h2"),
            (b"http/1.1", "h1"),
            (b"x", "xx"),
            (&[0xab], "ab"),
            (&[0x20], "20"),
            (&[0xab, 0xcd], "ad"),
            (&[0x20, 0x61], "21"),
            (&[0x30, 0xab], "3b"),
            (&[0xba, 0xad], "bd"),
        ] {
            assert_eq!(alpn(bytes), want, "{bytes:02x?}");
        }
        assert_eq!(ClientHello::default().ja4_alpn(), "00");
        let empty = ClientHello {
            alpn: vec![String::new()],
            ..ClientHello::default()
        };
        assert_eq!(empty.ja4_alpn(), "00");
    }
}
