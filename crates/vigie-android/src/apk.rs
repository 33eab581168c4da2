//! The signing certificates of an APK, read from its APK Signing Block (signature schemes
//! v2, v3 and v3.1), which sits just before the ZIP central directory. Only the end of the
//! file is needed: the acquisition reads a bounded tail of each APK, never the whole file.
//! Every length is checked against the bytes at hand; bad input is an error, never a panic.

use sha1::Digest as _;

/// Why no certificate could be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApkError {
    /// No ZIP end-of-central-directory record in the bytes read.
    #[error("not a ZIP file (no end of central directory)")]
    NotZip,
    /// The signing block starts before the bytes read: a longer tail is needed.
    #[error("the signing block starts {0} bytes before the part read")]
    NeedMore(u64),
    /// No APK Signing Block (the app is signed with the old JAR scheme only).
    #[error("no APK Signing Block (v1 signature only)")]
    NoSigningBlock,
    /// The block is damaged.
    #[error("damaged signing block: {0}")]
    Damaged(&'static str),
}

const EOCD_MAGIC: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
const BLOCK_MAGIC: &[u8; 16] = b"APK Sig Block 42";
/// Signature scheme v2, v3 and v3.1 block ids.
const SIGNATURE_IDS: [u32; 3] = [0x7109_871a, 0xf053_68c0, 0x1b93_ad61];

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Splits a sequence of u32-length-prefixed items.
fn prefixed(mut b: &[u8]) -> Result<Vec<&[u8]>, ApkError> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let n = u32_at(b, 0).ok_or(ApkError::Damaged("item length"))? as usize;
        let item = b
            .get(4..4usize.saturating_add(n))
            .ok_or(ApkError::Damaged("item past its sequence"))?;
        out.push(item);
        b = &b[4 + n..];
    }
    Ok(out)
}

/// One u32-length-prefixed item at the start of `b`, and what follows it.
fn one(b: &[u8]) -> Result<(&[u8], &[u8]), ApkError> {
    let n = u32_at(b, 0).ok_or(ApkError::Damaged("field length"))? as usize;
    let item = b
        .get(4..4usize.saturating_add(n))
        .ok_or(ApkError::Damaged("field past its record"))?;
    Ok((item, &b[4 + n..]))
}

/// The DER certificates of every signer, from the last `tail.len()` bytes of an APK of
/// `file_size` bytes.
pub fn signing_certificates(tail: &[u8], file_size: u64) -> Result<Vec<Vec<u8>>, ApkError> {
    let mut pairs = signing_block(tail, file_size)?;
    let mut certs = Vec::new();
    while !pairs.is_empty() {
        let len = u64_at(pairs, 0).ok_or(ApkError::Damaged("pair length"))?;
        let len = usize::try_from(len).map_err(|_| ApkError::Damaged("pair length"))?;
        let pair = pairs
            .get(8..8usize.saturating_add(len))
            .ok_or(ApkError::Damaged("pair past the block"))?;
        pairs = &pairs[8 + len..];
        let id = u32_at(pair, 0).ok_or(ApkError::Damaged("pair id"))?;
        if SIGNATURE_IDS.contains(&id) {
            add_signers_certificates(&pair[4..], &mut certs)?;
        }
    }
    if certs.is_empty() {
        return Err(ApkError::NoSigningBlock);
    }
    Ok(certs)
}

/// The (id, value) pairs of the APK Signing Block, found from the end of the ZIP (its
/// end-of-central-directory record points at the central directory, which the block ends
/// just before).
fn signing_block(tail: &[u8], file_size: u64) -> Result<&[u8], ApkError> {
    let tail_start = file_size
        .checked_sub(tail.len() as u64)
        .ok_or(ApkError::Damaged("tail longer than the file"))?;
    // The end-of-central-directory record: 22 bytes plus a comment of up to 65 535.
    let search_from = tail.len().saturating_sub(22 + 65_535);
    let eocd = (search_from..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..i + 4] == EOCD_MAGIC)
        .ok_or(ApkError::NotZip)?;
    let cd_offset = u64::from(u32_at(tail, eocd + 16).ok_or(ApkError::NotZip)?);
    let cd = cd_offset
        .checked_sub(tail_start)
        .ok_or(ApkError::NeedMore(tail_start - cd_offset.min(tail_start)))?;
    let cd = usize::try_from(cd).map_err(|_| ApkError::Damaged("offset"))?;
    if cd < 24 || tail.get(cd - 16..cd) != Some(&BLOCK_MAGIC[..]) {
        return Err(ApkError::NoSigningBlock);
    }
    let size = u64_at(tail, cd - 24).ok_or(ApkError::Damaged("block size"))?;
    // The block starts with the same size; `size` counts everything after that first field.
    let start = cd_offset
        .checked_sub(size)
        .and_then(|v| v.checked_sub(8))
        .ok_or(ApkError::Damaged("block size"))?;
    if start < tail_start {
        return Err(ApkError::NeedMore(tail_start - start));
    }
    let start = usize::try_from(start - tail_start).map_err(|_| ApkError::Damaged("offset"))?;
    if u64_at(tail, start) != Some(size) {
        return Err(ApkError::Damaged("block sizes differ"));
    }
    tail.get(start + 8..cd - 24)
        .ok_or(ApkError::Damaged("block bounds"))
}

/// The certificates of every signer of a signature scheme's value, added to `certs` once
/// each: signers → signer → signed data → (digests, certificates, ...).
fn add_signers_certificates(value: &[u8], certs: &mut Vec<Vec<u8>>) -> Result<(), ApkError> {
    let (signers, _) = one(value)?;
    for signer in prefixed(signers)? {
        let (signed_data, _) = one(signer)?;
        let (_digests, rest) = one(signed_data)?;
        let (cert_seq, _) = one(rest)?;
        for c in prefixed(cert_seq)? {
            if !certs.iter().any(|x| x == c) {
                certs.push(c.to_vec());
            }
        }
    }
    Ok(())
}

/// SHA-1 and SHA-256 of a DER certificate, lowercase hexadecimal (as indicator feeds write
/// certificate fingerprints).
pub fn fingerprints(der: &[u8]) -> (String, String) {
    (
        hex::encode(sha1::Sha1::digest(der)),
        hex::encode(sha2::Sha256::digest(der)),
    )
}

/// Builds the end of a signed APK (a stored ZIP with one entry, a v2 signing block holding
/// `certs`, the central directory), for tests and fuzz seeds.
pub fn test_apk(certs: &[&[u8]]) -> Vec<u8> {
    fn p32(v: &[u8]) -> Vec<u8> {
        let mut o = (v.len() as u32).to_le_bytes().to_vec();
        o.extend_from_slice(v);
        o
    }
    let mut out = Vec::new();
    // A local file header and its content (stored): enough to look like an APK.
    out.extend_from_slice(b"PK\x03\x04");
    out.extend_from_slice(&[0u8; 26]);
    out.extend_from_slice(b"classes.dex-content");
    let cert_seq: Vec<u8> = certs.iter().flat_map(|c| p32(c)).collect();
    let mut signed_data = p32(&[]); // digests
    signed_data.extend(p32(&cert_seq));
    signed_data.extend(p32(&[])); // attributes
    let mut signer = p32(&signed_data);
    signer.extend(p32(&[])); // signatures
    signer.extend(p32(b"public key"));
    let signers = p32(&p32(&signer));
    let mut value = 0x7109_871a_u32.to_le_bytes().to_vec();
    value.extend(signers);
    let mut pairs = (value.len() as u64).to_le_bytes().to_vec();
    pairs.extend(value);
    let size = (pairs.len() + 8 + 16) as u64;
    out.extend_from_slice(&size.to_le_bytes());
    out.extend(pairs);
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(BLOCK_MAGIC);
    let cd_offset = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02");
    out.extend_from_slice(&[0u8; 42]);
    out.extend_from_slice(&EOCD_MAGIC);
    out.extend_from_slice(&[0u8; 8]);
    out.extend_from_slice(&46u32.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0u8; 2]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_from_the_whole_file_or_a_tail() {
        let apk = test_apk(&[b"certificate one", b"certificate two"]);
        let certs = signing_certificates(&apk, apk.len() as u64).expect("certs");
        assert_eq!(
            certs,
            vec![b"certificate one".to_vec(), b"certificate two".to_vec()]
        );
        // Only the last bytes, as the acquisition reads them.
        let tail = &apk[20..];
        assert_eq!(
            signing_certificates(tail, apk.len() as u64).expect("tail"),
            certs
        );
        // Too short a tail says how much more is needed.
        let short = &apk[apk.len() - 60..];
        assert!(matches!(
            signing_certificates(short, apk.len() as u64),
            Err(ApkError::NeedMore(_))
        ));
    }

    #[test]
    fn bad_input_is_an_error() {
        assert_eq!(signing_certificates(b"", 0), Err(ApkError::NotZip));
        assert_eq!(
            signing_certificates(b"hello world", 11),
            Err(ApkError::NotZip)
        );
        let mut apk = test_apk(&[b"c"]);
        let n = apk.len();
        // Break the block's first size field.
        let magic = apk
            .windows(16)
            .position(|w| w == BLOCK_MAGIC)
            .expect("magic");
        apk[magic - 8] ^= 0xff;
        assert!(signing_certificates(&apk, n as u64).is_err());
        let (sha1, sha256) = fingerprints(b"c");
        assert_eq!((sha1.len(), sha256.len()), (40, 64));
    }
}
