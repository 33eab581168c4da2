//! X.509 certificate summaries for the analysis: names, issuer, validity, fingerprints.

use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest as _, Sha256};
use vigie_core::Timestamp;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

/// What the analysis needs of a server certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertInfo {
    /// Subject distinguished name.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Subject common name, if any.
    pub common_name: Option<String>,
    /// Issuer organisation, if any.
    pub issuer_org: Option<String>,
    /// Issuer common name, if any.
    pub issuer_cn: Option<String>,
    /// Subject alternative names (DNS names and IP addresses).
    pub sans: Vec<String>,
    /// Start of validity.
    pub not_before: Option<Timestamp>,
    /// End of validity.
    pub not_after: Option<Timestamp>,
    /// SHA-1 of the DER certificate, lowercase hexadecimal.
    pub sha1: String,
    /// SHA-256 of the DER certificate, lowercase hexadecimal.
    pub sha256: String,
    /// Issuer and subject are the same name.
    pub self_signed: bool,
}

/// Summarises a DER certificate; `None` when it does not parse.
pub fn summarize(der: &[u8]) -> Option<CertInfo> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let cn_of = |name: &x509_parser::x509::X509Name<'_>| -> Option<String> {
        name.iter_common_name()
            .next()
            .and_then(|a| a.as_str().ok())
            .map(str::to_owned)
    };
    let org_of = |name: &x509_parser::x509::X509Name<'_>| -> Option<String> {
        name.iter_organization()
            .next()
            .and_then(|a| a.as_str().ok())
            .map(str::to_owned)
    };
    let mut sans = vec![];
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for n in &ext.value.general_names {
            match n {
                GeneralName::DNSName(d) => sans.push((*d).to_owned()),
                GeneralName::IPAddress(ip) => match ip.len() {
                    4 => sans.push(std::net::Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]).to_string()),
                    16 => {
                        let mut a = [0u8; 16];
                        a.copy_from_slice(ip);
                        sans.push(std::net::Ipv6Addr::from(a).to_string());
                    }
                    _ => {}
                },
                _ => {}
            }
            if sans.len() >= 256 {
                break;
            }
        }
    }
    let validity = cert.validity();
    Some(CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        common_name: cn_of(cert.subject()),
        issuer_org: org_of(cert.issuer()),
        issuer_cn: cn_of(cert.issuer()),
        sans,
        not_before: Some(Timestamp::from_secs_nanos(
            validity.not_before.timestamp(),
            0,
        )),
        not_after: Some(Timestamp::from_secs_nanos(
            validity.not_after.timestamp(),
            0,
        )),
        sha1: hex::encode(Sha1::digest(der)),
        sha256: hex::encode(Sha256::digest(der)),
        self_signed: cert.subject().as_raw() == cert.issuer().as_raw(),
    })
}
