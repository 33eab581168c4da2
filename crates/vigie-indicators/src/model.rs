//! The normalised indicator model.

use serde::Serialize;
use vigie_core::ThreatCategory;

/// What an indicator's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A domain name; matches itself and all its subdomains.
    Domain,
    /// A full URL.
    Url,
    /// One IPv4 address.
    Ipv4,
    /// One IPv6 address.
    Ipv6,
    /// An IPv4 or IPv6 network (CIDR).
    Cidr,
    /// An e-mail address.
    Email,
    /// An app identifier: Android package name or iOS bundle id.
    AppId,
    /// SHA-1 of an app's signing certificate.
    AppCertSha1,
    /// SHA-256 of an app's signing certificate.
    AppCertSha256,
    /// MD5 of an app's signing certificate.
    AppCertMd5,
    /// Organisation named in an app's signing certificate.
    AppCertOrganization,
    /// Regular expression on an app signing certificate's common name.
    AppCertCommonNamePattern,
    /// SHA-1 of a TLS (X.509) certificate.
    X509Sha1,
    /// SHA-256 of a TLS (X.509) certificate.
    X509Sha256,
    /// MD5 of a TLS (X.509) certificate.
    X509Md5,
    /// SHA-256 of a file (e.g. an APK).
    FileSha256,
    /// SHA-1 of a file.
    FileSha1,
    /// MD5 of a file.
    FileMd5,
    /// A file name.
    FileName,
    /// A file path.
    FilePath,
    /// A process name.
    ProcessName,
    /// An iOS configuration profile identifier.
    ConfigurationProfile,
    /// An Android system property name.
    AndroidProperty,
    /// A dynamic-DNS or free-DNS provider's domain (heuristic list).
    DynamicDns,
    /// A top-level domain often abused (heuristic list).
    SuspiciousTld,
    /// A name server associated with abuse.
    Nameserver,
    /// A JARM TLS server fingerprint.
    Jarm,
}

impl IndicatorKind {
    /// The snake_case name used in JSON and reports.
    pub fn as_str(self) -> &'static str {
        use IndicatorKind::*;
        match self {
            Domain => "domain",
            Url => "url",
            Ipv4 => "ipv4",
            Ipv6 => "ipv6",
            Cidr => "cidr",
            Email => "email",
            AppId => "app_id",
            AppCertSha1 => "app_cert_sha1",
            AppCertSha256 => "app_cert_sha256",
            AppCertMd5 => "app_cert_md5",
            AppCertOrganization => "app_cert_organization",
            AppCertCommonNamePattern => "app_cert_common_name_pattern",
            X509Sha1 => "x509_sha1",
            X509Sha256 => "x509_sha256",
            X509Md5 => "x509_md5",
            FileSha256 => "file_sha256",
            FileSha1 => "file_sha1",
            FileMd5 => "file_md5",
            FileName => "file_name",
            FilePath => "file_path",
            ProcessName => "process_name",
            ConfigurationProfile => "configuration_profile",
            AndroidProperty => "android_property",
            DynamicDns => "dynamic_dns",
            SuspiciousTld => "suspicious_tld",
            Nameserver => "nameserver",
            Jarm => "jarm",
        }
    }
}

/// What part an indicator plays for its app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorRole {
    /// A command-and-control server: where a spy app sends what it collects.
    C2,
    /// The vendor's public website.
    Website,
    /// Where the app is downloaded from.
    Distribution,
    /// Any other indicator (hashes, packages, feed entries without a role).
    Indicator,
}

/// The format of a feed file.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    /// Echap's `ioc.yaml` / `watchware.yaml` schema.
    EchapYaml,
    /// A STIX 2.1 bundle.
    Stix2,
    /// MVT's `indicators.yaml` index of STIX bundles.
    MvtIndex,
    /// TinyCheck's JSON import format.
    TinyCheckJson,
    /// A MISP event (JSON).
    MispEvent,
    /// A CSV export (Echap `samples.csv`, `network.csv`).
    Csv,
    /// One indicator per line (domains, addresses, hashes, hosts file).
    PlainList,
}

/// One indicator, normalised, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Normalised value (lowercase domain in ASCII form, lowercase hex hash, ...).
    pub value: String,
    /// What the value is.
    pub kind: IndicatorKind,
    /// Its role for the app.
    pub role: IndicatorRole,
    /// The app or campaign it belongs to, when the feed names one.
    pub app: Option<String>,
    /// The kind of threat.
    pub category: ThreatCategory,
    /// Index of its [`Source`] in the set.
    pub source: usize,
}

/// A feed file that was loaded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Source {
    /// Human name with credit, e.g. `Echap — stalkerware-indicators (CC-BY 4.0)`.
    pub name: String,
    /// The file it was read from.
    pub path: String,
    /// Its format.
    pub format: FeedFormat,
    /// SHA-256 of the bytes loaded, lowercase hexadecimal: which version of the feed a
    /// verdict used.
    pub sha256: String,
}

/// Something a feed holds that Vigie could not use, kept so that it is reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unsupported {
    /// Index of the [`Source`] it came from.
    pub source: usize,
    /// The entry as written (pattern, type, line), shortened if long.
    pub entry: String,
    /// Why it was not used.
    pub reason: String,
}

#[cfg(test)]
impl Source {
    /// A source named `name` in `format`, with no file behind it.
    pub(crate) fn for_test(name: &str, format: FeedFormat) -> Source {
        Source {
            name: name.into(),
            path: "t".into(),
            format,
            sha256: String::new(),
        }
    }
}
