//! QUIC Initial packet protection: the keys every observer can derive from the client's
//! first destination connection id, header protection removal and AES-GCM decryption, and
//! the sealing of a client Initial for the test writer.

use super::packet::{put_varint, VERSION_1, VERSION_2};
use aes::cipher::{generic_array::GenericArray, BlockEncrypt, KeyInit};
use aes::Aes128;
use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;

const SALT_V1: [u8; 20] = [
    0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad,
    0xcc, 0xbb, 0x7f, 0x0a,
];
const SALT_V2: [u8; 20] = [
    0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb,
    0xf9, 0xbd, 0x2e, 0xd9,
];

/// Packet-protection keys for one direction of the Initial space.
#[derive(Clone)]
pub struct InitialKeys {
    aead: Aes128Gcm,
    iv: [u8; 12],
    hp: Aes128,
}

impl std::fmt::Debug for InitialKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InitialKeys(..)")
    }
}

fn expand_label(secret: &[u8], label: &str, len: usize) -> Option<Vec<u8>> {
    let hk = Hkdf::<Sha256>::from_prk(secret).ok()?;
    let full = format!("tls13 {label}");
    let mut info = Vec::with_capacity(4 + full.len());
    info.extend_from_slice(&(len as u16).to_be_bytes());
    info.push(full.len() as u8);
    info.extend_from_slice(full.as_bytes());
    info.push(0);
    let mut out = vec![0u8; len];
    hk.expand(&info, &mut out).ok()?;
    Some(out)
}

impl InitialKeys {
    /// Derives the client's (`client = true`) or server's Initial keys from the destination
    /// connection id of the client's first Initial packet.
    pub fn derive(version: u32, dcid: &[u8], client: bool) -> Option<Self> {
        let (salt, prefix) = match version {
            VERSION_1 => (&SALT_V1, "quic"),
            VERSION_2 => (&SALT_V2, "quicv2"),
            _ => return None,
        };
        let (prk, _) = Hkdf::<Sha256>::extract(Some(salt), dcid);
        let secret = expand_label(&prk, if client { "client in" } else { "server in" }, 32)?;
        let key = expand_label(&secret, &format!("{prefix} key"), 16)?;
        let iv = expand_label(&secret, &format!("{prefix} iv"), 12)?;
        let hp = expand_label(&secret, &format!("{prefix} hp"), 16)?;
        let mut iv_arr = [0u8; 12];
        iv_arr.copy_from_slice(&iv);
        Some(InitialKeys {
            aead: Aes128Gcm::new_from_slice(&key).ok()?,
            iv: iv_arr,
            hp: Aes128::new_from_slice(&hp).ok()?,
        })
    }

    fn mask(&self, sample: &[u8]) -> [u8; 16] {
        let mut block = GenericArray::clone_from_slice(sample);
        self.hp.encrypt_block(&mut block);
        let mut m = [0u8; 16];
        m.copy_from_slice(&block);
        m
    }

    fn nonce(&self, pn: u64) -> [u8; 12] {
        let mut n = self.iv;
        for (i, b) in pn.to_be_bytes().iter().enumerate() {
            n[4 + i] ^= b;
        }
        n
    }
}

/// Decrypts one Initial packet (`packet` is exactly the packet, header included). Returns the
/// plaintext frames.
pub fn open_initial(packet: &[u8], pn_offset: usize, keys: &InitialKeys) -> Option<Vec<u8>> {
    let sample = packet.get(pn_offset + 4..pn_offset + 20)?;
    let mask = keys.mask(sample);
    let first = packet[0] ^ (mask[0] & 0x0f);
    let pn_len = usize::from(first & 0x03) + 1;
    let mut header = packet.get(..pn_offset + pn_len)?.to_vec();
    header[0] = first;
    let mut pn = 0u64;
    for i in 0..pn_len {
        header[pn_offset + i] ^= mask[1 + i];
        pn = (pn << 8) | u64::from(header[pn_offset + i]);
    }
    let mut body = packet.get(pn_offset + pn_len..)?.to_vec();
    if body.len() < 16 {
        return None;
    }
    let nonce = keys.nonce(pn);
    keys.aead
        .decrypt_in_place(Nonce::from_slice(&nonce), &header, &mut body)
        .ok()?;
    Some(body)
}

/// Builds a client Initial packet carrying `frames`, padded to 1200 bytes and protected
/// exactly as a client would (for the test writer).
pub fn seal_client_initial(
    version: u32,
    dcid: &[u8],
    scid: &[u8],
    pn: u32,
    frames: &[u8],
) -> Option<Vec<u8>> {
    let keys = InitialKeys::derive(version, dcid, true)?;
    let ty: u8 = if version == VERSION_2 { 0x10 } else { 0x00 };
    let pn_len = 4usize;
    let mut payload = frames.to_vec();
    let mut header = vec![0xc0 | ty | (pn_len as u8 - 1)];
    header.extend_from_slice(&version.to_be_bytes());
    header.push(dcid.len() as u8);
    header.extend_from_slice(dcid);
    header.push(scid.len() as u8);
    header.extend_from_slice(scid);
    header.push(0); // no token
    let fixed = header.len() + 2 + pn_len + 16;
    if fixed + payload.len() < 1200 {
        payload.resize(1200 - fixed, 0);
    }
    let len = (pn_len + payload.len() + 16) as u64;
    if len >= 16_384 {
        return None;
    }
    put_varint(&mut header, len);
    let pn_offset = header.len();
    header.extend_from_slice(&pn.to_be_bytes());
    let nonce = keys.nonce(u64::from(pn));
    keys.aead
        .encrypt_in_place(Nonce::from_slice(&nonce), &header, &mut payload)
        .ok()?;
    let mut packet = header;
    packet.extend_from_slice(&payload);
    let mask = keys.mask(packet.get(pn_offset + 4..pn_offset + 20)?);
    packet[0] ^= mask[0] & 0x0f;
    for i in 0..pn_len {
        packet[pn_offset + i] ^= mask[1 + i];
    }
    Some(packet)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quic::{crypto_frame, crypto_frames, long_header};

    #[test]
    fn rfc9001_client_initial_keys() {
        // RFC 9001 appendix A.1: dcid 8394c8f03e515708.
        let dcid = [0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08];
        let keys = InitialKeys::derive(VERSION_1, &dcid, true).expect("keys");
        assert_eq!(hex::encode(keys.iv), "fa044b2f42a3fd3b46fb255c");
        // A.2: the header protection mask for sample d1b1c98dd7689fb8ec11d242b123dc9b.
        let sample = hex::decode("d1b1c98dd7689fb8ec11d242b123dc9b").expect("hex");
        assert_eq!(hex::encode(&keys.mask(&sample)[..5]), "437b9aec36");
    }

    #[test]
    fn seal_then_open_both_versions() {
        for version in [VERSION_1, VERSION_2] {
            let frames = crypto_frame(0, b"client hello bytes");
            let p = seal_client_initial(
                version,
                b"\x01\x02\x03\x04\x05\x06\x07\x08",
                b"\x09",
                0,
                &frames,
            )
            .expect("sealed");
            assert_eq!(p.len(), 1200);
            let h = long_header(&p).expect("header");
            assert!(h.initial);
            let keys = InitialKeys::derive(version, h.dcid, true).expect("keys");
            let plain = open_initial(&p[..h.packet_len], h.pn_offset, &keys).expect("opens");
            assert_eq!(crypto_frames(&plain), vec![(0, &b"client hello bytes"[..])]);
            let wrong = InitialKeys::derive(version, b"other", true).expect("keys");
            assert!(open_initial(&p, h.pn_offset, &wrong).is_none());
        }
    }
}
