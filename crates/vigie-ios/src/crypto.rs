//! Encrypted backups, as iOS makes them: a keybag in `Manifest.plist` whose class keys are
//! wrapped (RFC 3394) with a key derived from the backup password (PBKDF2-HMAC-SHA256, then
//! PBKDF2-HMAC-SHA1; only the second before iOS 10.2); `Manifest.db` and every file
//! encrypted with AES-256-CBC (zero IV) under their own key, itself wrapped with a class key.
//! Keys are wiped from memory when dropped.

use aes::cipher::{BlockDecryptMut, KeyIvInit};
use std::collections::BTreeMap;
use zeroize::Zeroizing;

/// Largest keybag read (real ones are a few kilobytes).
const MAX_KEYBAG: usize = 64 * 1024;
/// Class keys whose wrapping uses the password.
const WRAP_PASSCODE: u32 = 2;
/// Most PBKDF2 iterations accepted (iOS uses 10 000 000 for the first round).
const MAX_ITERATIONS: u32 = 50_000_000;

/// A backup keybag, parsed.
#[derive(Debug, Default)]
pub struct Keybag {
    salt: Vec<u8>,
    iterations: u32,
    dp_salt: Option<Vec<u8>>,
    dp_iterations: Option<u32>,
    classes: BTreeMap<u32, (u32, Vec<u8>)>,
}

/// A class key being read: its class, wrapping and wrapped key, as far as seen.
#[derive(Default)]
struct PartialClass {
    class: Option<u32>,
    wrap: Option<u32>,
    wrapped: Option<Vec<u8>>,
}

impl PartialClass {
    fn finish(self, bag: &mut Keybag) {
        if let (Some(class), Some(key)) = (self.class, self.wrapped) {
            bag.classes.insert(class, (self.wrap.unwrap_or(0), key));
        }
    }
}

fn be_u32(v: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(v.try_into().ok()?))
}

/// Why a keybag could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeybagError {
    /// Larger than any real keybag.
    #[error("keybag too large")]
    TooLarge,
    /// A block's tag and length are cut short.
    #[error("keybag cut short")]
    CutShort,
    /// A block's value is cut short.
    #[error("keybag value cut short")]
    ValueCutShort,
    /// The iteration count is not a 4-byte number.
    #[error("keybag ITER")]
    Iterations,
    /// The salt, the iteration count or every class key is missing.
    #[error("keybag without salt, iterations or class keys")]
    Incomplete,
}

/// Parses a keybag: blocks of a 4-byte tag, a 4-byte big-endian length and the value. The
/// keybag's own attributes come first; each class key starts with its `UUID`.
pub fn parse_keybag(bytes: &[u8]) -> Result<Keybag, KeybagError> {
    if bytes.len() > MAX_KEYBAG {
        return Err(KeybagError::TooLarge);
    }
    let mut bag = Keybag::default();
    let mut rest = bytes;
    let mut seen_uuid = false;
    let mut current: Option<PartialClass> = None;
    while !rest.is_empty() {
        let Some((&[t0, t1, t2, t3, l0, l1, l2, l3], after)) = rest.split_first_chunk::<8>() else {
            return Err(KeybagError::CutShort);
        };
        let tag = [t0, t1, t2, t3];
        let len = u32::from_be_bytes([l0, l1, l2, l3]) as usize;
        let value = after.get(..len).ok_or(KeybagError::ValueCutShort)?;
        rest = &after[len..];
        match &tag {
            b"UUID" if !seen_uuid => seen_uuid = true,
            b"UUID" => {
                if let Some(c) = current.take() {
                    c.finish(&mut bag);
                }
                current = Some(PartialClass::default());
            }
            b"CLAS" | b"WRAP" | b"WPKY" | b"KTYP" if current.is_some() => {
                if let Some(c) = current.as_mut() {
                    match &tag {
                        b"CLAS" => c.class = be_u32(value),
                        b"WRAP" => c.wrap = be_u32(value),
                        b"WPKY" => c.wrapped = Some(value.to_vec()),
                        _ => {}
                    }
                }
            }
            b"SALT" => bag.salt = value.to_vec(),
            b"ITER" => bag.iterations = be_u32(value).ok_or(KeybagError::Iterations)?,
            b"DPSL" => bag.dp_salt = Some(value.to_vec()),
            b"DPIC" => bag.dp_iterations = be_u32(value),
            _ => {}
        }
    }
    if let Some(c) = current.take() {
        c.finish(&mut bag);
    }
    if bag.salt.is_empty() || bag.iterations == 0 || bag.classes.is_empty() {
        return Err(KeybagError::Incomplete);
    }
    Ok(bag)
}

/// The class keys of an unlocked keybag.
pub(crate) struct ClassKeys(BTreeMap<u32, Zeroizing<[u8; 32]>>);

impl std::fmt::Debug for ClassKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClassKeys({} classes)", self.0.len())
    }
}

/// Why a keybag could not be unlocked.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum UnlockError {
    /// The password does not unwrap the class keys.
    #[error("the password does not unwrap the class keys")]
    WrongPassword,
    /// The keybag asks for more work than any real backup.
    #[error("the keybag asks for more work than any real backup")]
    Unreasonable,
}

/// Unwraps an RFC 3394 wrapped 256-bit key.
fn unwrap(kek: &[u8; 32], wrapped: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
    if wrapped.len() != 40 {
        return None;
    }
    let kek = aes_kw::KekAes256::from(*kek);
    let mut out = Zeroizing::new([0u8; 32]);
    kek.unwrap(wrapped, out.as_mut()).ok()?;
    Some(out)
}

impl Keybag {
    /// Derives the password key and unwraps the class keys with it.
    pub(crate) fn unlock(&self, password: &str) -> Result<ClassKeys, UnlockError> {
        if self.iterations > MAX_ITERATIONS || self.dp_iterations.unwrap_or(0) > MAX_ITERATIONS {
            return Err(UnlockError::Unreasonable);
        }
        let mut key = Zeroizing::new([0u8; 32]);
        match (&self.dp_salt, self.dp_iterations) {
            (Some(dp_salt), Some(dp_iterations)) => {
                let mut first = Zeroizing::new([0u8; 32]);
                pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
                    password.as_bytes(),
                    dp_salt,
                    dp_iterations,
                    first.as_mut(),
                );
                pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
                    first.as_ref(),
                    &self.salt,
                    self.iterations,
                    key.as_mut(),
                );
            }
            _ => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
                password.as_bytes(),
                &self.salt,
                self.iterations,
                key.as_mut(),
            ),
        }
        let mut keys = BTreeMap::new();
        for (class, (wrap, wrapped)) in &self.classes {
            if wrap & WRAP_PASSCODE == 0 {
                continue;
            }
            let k = unwrap(&key, wrapped).ok_or(UnlockError::WrongPassword)?;
            keys.insert(*class, k);
        }
        if keys.is_empty() {
            return Err(UnlockError::WrongPassword);
        }
        Ok(ClassKeys(keys))
    }
}

impl ClassKeys {
    /// Unwraps a file key given as iOS stores it: the protection class (4 bytes, little
    /// endian) then the wrapped key (40 bytes).
    pub(crate) fn file_key(&self, stored: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
        let class = u32::from_le_bytes(stored.get(..4)?.try_into().ok()?);
        unwrap(self.0.get(&class)?, stored.get(4..)?)
    }
}

/// Decrypts AES-256-CBC data with a zero IV, in place, then cuts it to `size` when given,
/// else removes its PKCS#7 padding (which must be valid).
pub(crate) fn decrypt(
    key: &[u8; 32],
    mut data: Vec<u8>,
    size: Option<u64>,
) -> Result<Vec<u8>, String> {
    if data.len() % 16 != 0 {
        return Err("encrypted data is not a whole number of blocks".into());
    }
    let cipher = cbc::Decryptor::<aes::Aes256>::new(key.into(), &[0u8; 16].into());
    let n = data.len();
    cipher
        .decrypt_padded_mut::<aes::cipher::block_padding::NoPadding>(&mut data[..n])
        .map_err(|e| e.to_string())?;
    match size {
        Some(s) if s <= data.len() as u64 => data.truncate(s as usize),
        Some(_) => return Err("file shorter than its recorded size".into()),
        None => {
            let pad = data.last().copied().unwrap_or(0);
            let p = pad as usize;
            if !(1..=16).contains(&p)
                || p > data.len()
                || data[data.len() - p..].iter().any(|&b| b != pad)
            {
                return Err("invalid padding: damaged data".into());
            }
            data.truncate(data.len() - p);
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_test_vector_unwraps() {
        // RFC 3394 §4.6: 256-bit key data with a 256-bit KEK.
        let kek: [u8; 32] =
            hex::decode("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F")
                .expect("hex")
                .try_into()
                .expect("32");
        let wrapped = hex::decode(
            "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21",
        )
        .expect("hex");
        let key = unwrap(&kek, &wrapped).expect("unwraps");
        assert_eq!(
            hex::encode_upper(key.as_ref()),
            "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F"
        );
        let mut bad = wrapped.clone();
        bad[5] ^= 1;
        assert!(unwrap(&kek, &bad).is_none());
    }

    #[test]
    fn damaged_keybags_are_errors() {
        assert!(parse_keybag(b"VERS\0\0\0\x04").is_err());
        assert!(parse_keybag(b"SALT\xff\xff\xff\xffab").is_err());
        assert!(parse_keybag(&[]).is_err());
    }
}
