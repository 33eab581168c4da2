//! Key derivation, key wrapping and row encryption.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::CaseError;

/// Argon2id cost of the passphrase derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl KdfParams {
    /// The cost used for real stores (64 MiB, 3 passes).
    pub fn standard() -> Self {
        KdfParams {
            memory_kib: 64 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }

    /// Whether these settings are within what Vigie writes (tests' cheap cost up to 1 GiB,
    /// 10 passes, 8 lanes): a file altered to ask for more is refused before anything is
    /// derived, instead of making every opening take gigabytes.
    pub fn within_bounds(&self) -> bool {
        (8..=1024 * 1024).contains(&self.memory_kib)
            && (1..=10).contains(&self.iterations)
            && (1..=8).contains(&self.parallelism)
    }

    /// A cheap cost, for tests only.
    pub fn for_tests() -> Self {
        KdfParams {
            memory_kib: 1024,
            iterations: 1,
            parallelism: 1,
        }
    }
}

/// Random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

/// The key-encryption key for a passphrase.
pub(crate) fn derive(passphrase: &[u8], salt: &[u8], p: KdfParams) -> Option<[u8; 32]> {
    let params = Params::new(p.memory_kib, p.iterations, p.parallelism, Some(32)).ok()?;
    let mut key = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase, salt, &mut key)
        .ok()?;
    Some(key)
}

/// Encrypts `plain` bound to `aad`: nonce (24 bytes) then ciphertext and tag. A failure is
/// an error, never an empty record written in its place.
pub(crate) fn seal(key: &[u8; 32], aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, CaseError> {
    let cipher = XChaCha20Poly1305::new(key.into());
    let nonce = random::<24>();
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
        .map_err(|_| CaseError::Seal)?;
    Ok([nonce.to_vec(), sealed].concat())
}

/// Decrypts what [`seal`] made with the same key and `aad`; `None` if altered.
pub(crate) fn open(key: &[u8; 32], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < 24 + 16 {
        return None;
    }
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            XNonce::from_slice(&sealed[..24]),
            Payload {
                msg: &sealed[24..],
                aad,
            },
        )
        .ok()
}

/// SHA-256.
pub(crate) fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_binding() {
        let key = random::<32>();
        let s = seal(&key, b"cases:1", b"secret").expect("sealed");
        assert_eq!(open(&key, b"cases:1", &s).as_deref(), Some(&b"secret"[..]));
        assert!(
            open(&key, b"cases:2", &s).is_none(),
            "a row moved elsewhere does not open"
        );
        let mut t = s.clone();
        let last = t.len() - 1;
        t[last] ^= 1;
        assert!(open(&key, b"cases:1", &t).is_none());
        assert!(open(&random::<32>(), b"cases:1", &s).is_none());
        let k1 = derive(b"pass", b"saltsaltsaltsalt", KdfParams::for_tests());
        assert_eq!(
            k1,
            derive(b"pass", b"saltsaltsaltsalt", KdfParams::for_tests())
        );
        assert_ne!(
            k1,
            derive(b"Pass", b"saltsaltsaltsalt", KdfParams::for_tests())
        );
    }
}
