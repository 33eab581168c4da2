//! The lookup indexes of an indicator set, and how each kind of indicator is normalised
//! into one: names (matched with their sub-domains), addresses, networks by prefix length,
//! and exact values by kind.

use crate::model::IndicatorKind;
use crate::normalize::{normalize_domain, normalize_hash, normalize_url};
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::net::IpAddr;

/// How the values of a kind are normalised.
enum Form {
    /// A domain name, or what a feed wrote as one (a URL, an address).
    Domain,
    /// A top-level domain.
    TopLevel,
    /// An address, or a network when written with a prefix length.
    Address,
    /// A URL.
    Url,
    /// A hexadecimal hash.
    Hash,
    /// An identifier compared without case.
    Lowercase,
    /// A value compared as written.
    AsWritten,
}

/// The form of each kind.
fn form_of(kind: IndicatorKind) -> Form {
    use IndicatorKind as K;
    match kind {
        K::Domain | K::DynamicDns | K::Nameserver => Form::Domain,
        K::SuspiciousTld => Form::TopLevel,
        K::Ipv4 | K::Ipv6 | K::Cidr => Form::Address,
        K::Url => Form::Url,
        K::AppCertSha1
        | K::AppCertSha256
        | K::AppCertMd5
        | K::X509Sha1
        | K::X509Sha256
        | K::X509Md5
        | K::FileSha256
        | K::FileSha1
        | K::FileMd5
        | K::Jarm => Form::Hash,
        K::Email | K::AppId | K::ConfigurationProfile | K::AndroidProperty => Form::Lowercase,
        K::FileName
        | K::FilePath
        | K::ProcessName
        | K::AppCertOrganization
        | K::AppCertCommonNamePattern => Form::AsWritten,
    }
}

/// Where an indicator is looked up.
pub(super) enum Key {
    /// A name, matched with its sub-domains.
    Name(String),
    /// One address.
    Address(IpAddr),
    /// A network.
    Network(ipnet::IpNet),
    /// A value matched exactly, within its kind.
    Exact(IndicatorKind, String),
}

/// An indicator's value, normalised: the kind it is stored as, the value, and its key.
pub(super) struct Normalized {
    pub(super) kind: IndicatorKind,
    pub(super) value: String,
    pub(super) key: Key,
}

/// A value matched exactly within its kind.
fn exact(kind: IndicatorKind, value: String) -> Normalized {
    Normalized {
        kind,
        value: value.clone(),
        key: Key::Exact(kind, value),
    }
}

/// Normalises a value of `kind` (trimmed, not empty), or says why it cannot be one. A
/// "domain" that is really a URL or an address is stored as such.
pub(super) fn normalize(kind: IndicatorKind, raw: &str) -> Result<Normalized, &'static str> {
    match form_of(kind) {
        Form::Domain if raw.contains("://") => normalize(IndicatorKind::Url, raw),
        Form::Domain if raw.parse::<IpAddr>().is_ok() => address(raw),
        Form::Domain => {
            let d = normalize_domain(raw).ok_or("not a valid domain name")?;
            if kind == IndicatorKind::Nameserver {
                return Ok(exact(kind, d));
            }
            Ok(Normalized {
                kind,
                value: d.clone(),
                key: Key::Name(d),
            })
        }
        Form::TopLevel => {
            let d = normalize_domain(raw).ok_or("not a valid top-level domain")?;
            Ok(Normalized {
                kind,
                value: d.clone(),
                key: Key::Name(d),
            })
        }
        Form::Address => address(raw),
        Form::Url => Ok(exact(kind, normalize_url(raw).ok_or("not a valid URL")?)),
        Form::Hash => {
            let h = normalize_hash(raw);
            if h.is_empty() || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err("not a hexadecimal hash");
            }
            Ok(exact(kind, h))
        }
        Form::Lowercase => Ok(exact(kind, raw.to_lowercase())),
        Form::AsWritten => Ok(exact(kind, raw.to_owned())),
    }
}

/// An address, or a network when written with a prefix length.
fn address(raw: &str) -> Result<Normalized, &'static str> {
    if raw.contains('/') {
        let net = raw
            .parse::<ipnet::IpNet>()
            .map_err(|_| "not a valid network (CIDR)")?;
        return Ok(Normalized {
            kind: IndicatorKind::Cidr,
            value: net.trunc().to_string(),
            key: Key::Network(net),
        });
    }
    let ip = raw
        .parse::<IpAddr>()
        .map_err(|_| "not a valid IP address")?;
    let kind = if ip.is_ipv4() {
        IndicatorKind::Ipv4
    } else {
        IndicatorKind::Ipv6
    };
    Ok(Normalized {
        kind,
        value: ip.to_string(),
        key: Key::Address(ip),
    })
}

/// An observed value of an exact-match kind, as its indicators are indexed.
pub(super) fn normalize_query(kind: IndicatorKind, value: &str) -> String {
    match form_of(kind) {
        Form::Hash => normalize_hash(value),
        Form::Lowercase => value.trim().trim_end_matches('.').to_lowercase(),
        Form::Domain if kind == IndicatorKind::Nameserver => {
            value.trim().trim_end_matches('.').to_lowercase()
        }
        _ => value.to_owned(),
    }
}

/// An IPv4 address masked to its first `len` bits.
fn mask_v4(addr: u32, len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        addr & (u32::MAX << (32 - u32::from(len)))
    }
}

/// An IPv6 address masked to its first `len` bits.
fn mask_v6(addr: u128, len: u8) -> u128 {
    if len == 0 {
        0
    } else {
        addr & (u128::MAX << (128 - u32::from(len)))
    }
}

/// Networks of one address family: prefix length → network address → indicators.
type Networks<A> = BTreeMap<u8, HashMap<A, Vec<u32>>>;

/// Files indicator `id` under a network (its address masked to `len` bits).
fn file_network<A: Eq + Hash>(nets: &mut Networks<A>, len: u8, network: A, id: u32) {
    nets.entry(len)
        .or_default()
        .entry(network)
        .or_default()
        .push(id);
}

/// The indicators of the longest network holding an address (`masked(len)`: the address
/// masked to `len` bits).
fn longest_network<A: Eq + Hash>(
    nets: &Networks<A>,
    masked: impl Fn(u8) -> A,
) -> Option<&Vec<u32>> {
    nets.iter()
        .rev()
        .find_map(|(len, by_address)| by_address.get(&masked(*len)))
}

/// Indicator numbers by key.
#[derive(Debug, Default)]
pub(super) struct Index {
    /// Normalised domain → indicators (domains, dynamic-DNS providers, suspicious TLDs).
    names: HashMap<String, Vec<u32>>,
    /// Single addresses.
    ips: HashMap<IpAddr, Vec<u32>>,
    /// Networks: prefix length → network address → indicators. Probed longest prefix first.
    cidrs_v4: Networks<u32>,
    cidrs_v6: Networks<u128>,
    /// Every other kind: (kind, normalised value) → indicators.
    exact: HashMap<(IndicatorKind, String), Vec<u32>>,
}

impl Index {
    /// Files indicator `id` under `key`.
    pub(super) fn insert(&mut self, key: Key, id: u32) {
        match key {
            Key::Name(d) => self.names.entry(d).or_default().push(id),
            Key::Address(ip) => self.ips.entry(ip).or_default().push(id),
            Key::Network(net) => {
                let len = net.prefix_len();
                match net.network() {
                    IpAddr::V4(a) => {
                        file_network(&mut self.cidrs_v4, len, mask_v4(a.into(), len), id)
                    }
                    IpAddr::V6(a) => {
                        file_network(&mut self.cidrs_v6, len, mask_v6(a.into(), len), id)
                    }
                }
            }
            Key::Exact(kind, v) => self.exact.entry((kind, v)).or_default().push(id),
        }
    }

    /// The indicators filed under a normalised name (not its parents).
    pub(super) fn name(&self, name: &str) -> Option<&[u32]> {
        self.names.get(name).map(Vec::as_slice)
    }

    /// The indicators of an address: the address itself, else the longest network holding it.
    pub(super) fn address(&self, ip: IpAddr) -> Option<&[u32]> {
        if let Some(ids) = self.ips.get(&ip) {
            return Some(ids);
        }
        let ids = match ip {
            IpAddr::V4(a) => longest_network(&self.cidrs_v4, |len| mask_v4(a.into(), len)),
            IpAddr::V6(a) => longest_network(&self.cidrs_v6, |len| mask_v6(a.into(), len)),
        };
        ids.map(Vec::as_slice)
    }

    /// The indicators of `kind` with this normalised value.
    pub(super) fn exact(&self, kind: IndicatorKind, value: String) -> Option<&[u32]> {
        self.exact.get(&(kind, value)).map(Vec::as_slice)
    }
}
