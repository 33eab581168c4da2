//! Pairing: what this computer and the phone exchange once the person has answered "Trust"
//! on the phone. As other tools do, this computer makes a root certificate, a host
//! certificate (its identity in TLS sessions) and a device certificate for the phone's
//! public key, all RSA-2048 with SHA-256, and keeps them in a pairing record.

use crate::error::DeviceError;
use plist::Value;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs8::der::pem::LineEnding;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::signature::{SignatureEncoding, Signer};
use rsa::{RsaPrivateKey, RsaPublicKey};

/// What this computer keeps to talk to a paired phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairRecord {
    /// This computer's id for the phone (a UUID).
    pub host_id: String,
    /// This computer's system BUID.
    pub system_buid: String,
    /// PEM certificates.
    pub host_certificate: Vec<u8>,
    /// PEM private key of the host certificate.
    pub host_private_key: Vec<u8>,
    /// PEM root certificate.
    pub root_certificate: Vec<u8>,
    /// PEM private key of the root certificate.
    pub root_private_key: Vec<u8>,
    /// PEM certificate made for the phone's key.
    pub device_certificate: Vec<u8>,
    /// The escrow bag the phone gave at pairing (needed to start its backup service).
    pub escrow_bag: Option<Vec<u8>>,
    /// The phone's Wi-Fi address, as other tools record it.
    pub wifi_mac: Option<String>,
}

fn pem_field(d: &plist::Dictionary, key: &str) -> Result<Vec<u8>, DeviceError> {
    d.get(key)
        .and_then(|v| {
            v.as_data()
                .map(<[u8]>::to_vec)
                .or_else(|| v.as_string().map(|s| s.as_bytes().to_vec()))
        })
        .ok_or_else(|| DeviceError::Protocol(format!("pairing record without {key}")))
}

impl PairRecord {
    /// Makes a new record for a phone whose public key (PEM, as lockdown gives
    /// `DevicePublicKey`) is `device_public_key`.
    pub fn generate(
        device_public_key: &[u8],
        system_buid: &str,
    ) -> Result<PairRecord, DeviceError> {
        let bad = |e: String| DeviceError::Protocol(format!("pairing keys: {e}"));
        let text = std::str::from_utf8(device_public_key).map_err(|e| bad(e.to_string()))?;
        let device_key = RsaPublicKey::from_pkcs1_pem(text.trim())
            .or_else(|_| RsaPublicKey::from_public_key_pem(text.trim()))
            .map_err(|e| bad(e.to_string()))?;
        let mut rng = rand_core::OsRng;
        let root_key = RsaPrivateKey::new(&mut rng, 2048).map_err(|e| bad(e.to_string()))?;
        let host_key = RsaPrivateKey::new(&mut rng, 2048).map_err(|e| bad(e.to_string()))?;
        let spki = |k: &RsaPublicKey| {
            k.to_public_key_der()
                .map(|d| d.as_bytes().to_vec())
                .map_err(|e| bad(e.to_string()))
        };
        let root = certificate(&spki(&root_key.to_public_key())?, &root_key, true, 1)?;
        let host = certificate(&spki(&host_key.to_public_key())?, &root_key, false, 2)?;
        let device = certificate(&spki(&device_key)?, &root_key, false, 3)?;
        let key_pem = |k: &RsaPrivateKey| {
            k.to_pkcs8_pem(LineEnding::LF)
                .map(|p| p.as_bytes().to_vec())
                .map_err(|e| bad(e.to_string()))
        };
        Ok(PairRecord {
            host_id: new_uuid(),
            system_buid: system_buid.to_owned(),
            host_certificate: cert_pem(&host),
            host_private_key: key_pem(&host_key)?,
            root_certificate: cert_pem(&root),
            root_private_key: key_pem(&root_key)?,
            device_certificate: cert_pem(&device),
            escrow_bag: None,
            wifi_mac: None,
        })
    }

    /// What the `Pair` request carries (no private key).
    pub fn request(&self) -> Value {
        crate::framing::dict([
            (
                "DeviceCertificate",
                Value::Data(self.device_certificate.clone()),
            ),
            (
                "HostCertificate",
                Value::Data(self.host_certificate.clone()),
            ),
            (
                "RootCertificate",
                Value::Data(self.root_certificate.clone()),
            ),
            ("HostID", Value::String(self.host_id.clone())),
            ("SystemBUID", Value::String(self.system_buid.clone())),
        ])
    }

    /// The record as usbmuxd and other tools keep it.
    pub fn to_plist(&self) -> Value {
        let Value::Dictionary(mut d) = self.request() else {
            return Value::Dictionary(plist::Dictionary::new());
        };
        d.insert(
            "HostPrivateKey".into(),
            Value::Data(self.host_private_key.clone()),
        );
        d.insert(
            "RootPrivateKey".into(),
            Value::Data(self.root_private_key.clone()),
        );
        if let Some(e) = &self.escrow_bag {
            d.insert("EscrowBag".into(), Value::Data(e.clone()));
        }
        if let Some(m) = &self.wifi_mac {
            d.insert("WiFiMACAddress".into(), Value::String(m.clone()));
        }
        Value::Dictionary(d)
    }

    /// Reads a record kept by usbmuxd (made by Vigie or by another tool).
    pub fn from_plist(v: &Value) -> Result<PairRecord, DeviceError> {
        let d = v.as_dictionary().ok_or_else(|| {
            DeviceError::Protocol("a pairing record that is not a dictionary".into())
        })?;
        let text = |k: &str| d.get(k).and_then(Value::as_string).map(str::to_owned);
        Ok(PairRecord {
            host_id: text("HostID")
                .ok_or_else(|| DeviceError::Protocol("pairing record without HostID".into()))?,
            system_buid: text("SystemBUID").unwrap_or_default(),
            host_certificate: pem_field(d, "HostCertificate")?,
            host_private_key: pem_field(d, "HostPrivateKey")?,
            root_certificate: pem_field(d, "RootCertificate")?,
            root_private_key: pem_field(d, "RootPrivateKey")?,
            device_certificate: pem_field(d, "DeviceCertificate")?,
            escrow_bag: d
                .get("EscrowBag")
                .and_then(Value::as_data)
                .map(<[u8]>::to_vec),
            wifi_mac: text("WiFiMACAddress"),
        })
    }
}

/// A random UUID, upper case as Apple writes them.
pub(crate) fn new_uuid() -> String {
    let mut b = [0u8; 16];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02X}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// The DER bytes of the first PEM block of `pem`.
pub(crate) fn pem_to_der(pem: &[u8]) -> Result<Vec<u8>, DeviceError> {
    rsa::pkcs8::der::pem::decode_vec(pem)
        .map(|(_, der)| der)
        .map_err(|e| DeviceError::Protocol(format!("PEM: {e}")))
}

/// A PKCS#8 DER private key from a PEM key (PKCS#8 or PKCS#1, as other tools write them).
pub(crate) fn private_key_der(pem: &[u8]) -> Result<Vec<u8>, DeviceError> {
    let text = std::str::from_utf8(pem).map_err(|e| DeviceError::Protocol(e.to_string()))?;
    let key = RsaPrivateKey::from_pkcs8_pem(text.trim())
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(text.trim()))
        .map_err(|e| DeviceError::Protocol(format!("private key: {e}")))?;
    key.to_pkcs8_der()
        .map(|d| d.as_bytes().to_vec())
        .map_err(|e| DeviceError::Protocol(format!("private key: {e}")))
}

fn cert_pem(der: &[u8]) -> Vec<u8> {
    rsa::pkcs8::der::pem::encode_string("CERTIFICATE", LineEnding::LF, der)
        .map(String::into_bytes)
        .unwrap_or_default()
}

/// A DER tag-length-value.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// UTCTime `YYMMDDHHMMSSZ` for `secs` since 1970.
fn utc_time(secs: i64) -> Vec<u8> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let text = format!(
        "{:02}{:02}{:02}{:02}{:02}{:02}Z",
        year % 100,
        month,
        day,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    tlv(0x17, text.as_bytes())
}

/// An X.509 v3 certificate for `spki`, signed by `issuer` (RSA PKCS#1 v1.5, SHA-256), with
/// empty names as Apple's pairing certificates have.
fn certificate(
    spki: &[u8],
    issuer: &RsaPrivateKey,
    ca: bool,
    serial: u8,
) -> Result<Vec<u8>, DeviceError> {
    const SHA256_RSA: &[u8] = &[
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
    ];
    let algorithm = seq(&[SHA256_RSA, &[0x05, 0x00]]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let validity = seq(&[&utc_time(now - 86_400), &utc_time(now + 10 * 365 * 86_400)]);
    let empty_name = seq(&[]);
    let basic = if ca {
        seq(&[&[0x01, 0x01, 0xff]])
    } else {
        seq(&[])
    };
    let basic_ext = seq(&[
        &[0x06, 0x03, 0x55, 0x1d, 0x13],
        &[0x01, 0x01, 0xff],
        &tlv(0x04, &basic),
    ]);
    let mut extensions = vec![basic_ext];
    if !ca {
        // digitalSignature and keyEncipherment.
        let usage = [0x03, 0x02, 0x05, 0xa0];
        extensions.push(seq(&[
            &[0x06, 0x03, 0x55, 0x1d, 0x0f],
            &[0x01, 0x01, 0xff],
            &tlv(0x04, &usage),
        ]));
    }
    let ext_refs: Vec<&[u8]> = extensions.iter().map(Vec::as_slice).collect();
    let tbs = seq(&[
        &tlv(0xa0, &[0x02, 0x01, 0x02]),
        &[0x02, 0x01, serial],
        &algorithm,
        &empty_name,
        &validity,
        &empty_name,
        spki,
        &tlv(0xa3, &seq(&ext_refs)),
    ]);
    let signer = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(issuer.clone());
    let signature = signer
        .try_sign(&tbs)
        .map_err(|e| DeviceError::Protocol(format!("signing: {e}")))?
        .to_vec();
    let mut bits = vec![0u8];
    bits.extend(signature);
    Ok(seq(&[&tbs, &algorithm, &tlv(0x03, &bits)]))
}

/// A new RSA-2048 key and its public key as lockdown gives it (PKCS#1 PEM), for a device.
#[cfg(feature = "test-double")]
pub(crate) fn device_key() -> Result<(Vec<u8>, Vec<u8>), DeviceError> {
    let key = RsaPrivateKey::new(&mut rand_core::OsRng, 2048)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    let public = rsa::pkcs1::EncodeRsaPublicKey::to_pkcs1_pem(&key.to_public_key(), LineEnding::LF)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    let der = key
        .to_pkcs8_der()
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    Ok((der.as_bytes().to_vec(), public.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(utc_time(0)[2..], *b"700101000000Z");
        assert_eq!(utc_time(1_798_761_600)[2..], *b"270101000000Z");
    }

    #[test]
    fn a_record_round_trips_and_its_certificates_parse() {
        let (_, public) = device_key().expect("device key");
        let r = PairRecord::generate(&public, "BUID").expect("record");
        assert_eq!(PairRecord::from_plist(&r.to_plist()).expect("parse"), r);
        for pem in [
            &r.root_certificate,
            &r.host_certificate,
            &r.device_certificate,
        ] {
            let der = pem_to_der(pem).expect("pem");
            let parsed = rustls::pki_types::CertificateDer::from(der);
            assert!(parsed.len() > 500);
        }
        assert!(private_key_der(&r.host_private_key).is_ok());
    }
}
