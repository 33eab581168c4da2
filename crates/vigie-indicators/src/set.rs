//! The indicator set: every loaded indicator, indexed for constant-time lookups.

use crate::model::{Indicator, IndicatorKind, IndicatorRole, Source, Unsupported};
use crate::normalize::{normalize_domain, normalize_hash, normalize_url};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;

/// Indicators from any number of feeds, with indexes for lookups.
#[derive(Debug, Default)]
pub struct IndicatorSet {
    indicators: Vec<Indicator>,
    sources: Vec<Source>,
    unsupported: Vec<Unsupported>,
    /// Normalised domain → indicators (domains, dynamic-DNS providers, suspicious TLDs).
    names: HashMap<String, Vec<u32>>,
    /// Single addresses.
    ips: HashMap<IpAddr, Vec<u32>>,
    /// Networks: prefix length → network address → indicators. Probed longest prefix first.
    cidrs_v4: BTreeMap<u8, HashMap<u32, Vec<u32>>>,
    cidrs_v6: BTreeMap<u8, HashMap<u128, Vec<u32>>>,
    /// Every other kind: (kind, normalised value) → indicators.
    exact: HashMap<(IndicatorKind, String), Vec<u32>>,
    /// Files a folder load passed over, with the reason.
    pub(crate) skipped_files: Vec<(String, String)>,
}

/// Counts for one source, for `vigie iocs check` and reports.
#[derive(Clone, Debug, Serialize)]
pub struct SourceSummary {
    /// The source.
    pub source: Source,
    /// Indicators loaded, per kind.
    pub counts: BTreeMap<IndicatorKind, usize>,
    /// Total indicators loaded.
    pub total: usize,
    /// Entries that could not be used.
    pub unsupported: usize,
}

fn mask_v4(addr: u32, len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        addr & (u32::MAX << (32 - u32::from(len)))
    }
}

fn mask_v6(addr: u128, len: u8) -> u128 {
    if len == 0 {
        0
    } else {
        addr & (u128::MAX << (128 - u32::from(len)))
    }
}

impl IndicatorSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a source and returns its index.
    pub fn add_source(&mut self, source: Source) -> usize {
        self.sources.push(source);
        self.sources.len() - 1
    }

    /// Records something a feed holds that could not be used.
    pub fn add_unsupported(&mut self, source: usize, entry: &str, reason: &str) {
        let mut entry = entry.trim().to_owned();
        if entry.len() > 200 {
            let mut cut = 200;
            while !entry.is_char_boundary(cut) {
                cut -= 1;
            }
            entry.truncate(cut);
            entry.push('…');
        }
        self.unsupported.push(Unsupported {
            source,
            entry,
            reason: reason.to_owned(),
        });
    }

    /// Adds one indicator, normalising its value. A value that cannot be normalised for its
    /// kind (a domain with spaces, an address that does not parse) is recorded as unsupported.
    /// Returns false when the value was rejected.
    pub fn add(
        &mut self,
        kind: IndicatorKind,
        raw_value: &str,
        role: IndicatorRole,
        app: Option<&str>,
        category: vigie_core::ThreatCategory,
        source: usize,
    ) -> bool {
        let raw = raw_value.trim();
        if raw.is_empty() {
            return false;
        }
        let id = u32::try_from(self.indicators.len()).unwrap_or(u32::MAX);
        let value = match kind {
            IndicatorKind::Domain | IndicatorKind::DynamicDns | IndicatorKind::Nameserver => {
                // A "domain" that is really a URL or an address goes to that index.
                if raw.contains("://") {
                    return self.add(IndicatorKind::Url, raw, role, app, category, source);
                }
                if let Ok(ip) = raw.parse::<IpAddr>() {
                    let k = if ip.is_ipv4() {
                        IndicatorKind::Ipv4
                    } else {
                        IndicatorKind::Ipv6
                    };
                    return self.add(k, raw, role, app, category, source);
                }
                let Some(d) = normalize_domain(raw) else {
                    self.add_unsupported(source, raw, "not a valid domain name");
                    return false;
                };
                if kind != IndicatorKind::Nameserver {
                    self.names.entry(d.clone()).or_default().push(id);
                } else {
                    self.exact.entry((kind, d.clone())).or_default().push(id);
                }
                d
            }
            IndicatorKind::SuspiciousTld => {
                let Some(d) = normalize_domain(raw) else {
                    self.add_unsupported(source, raw, "not a valid top-level domain");
                    return false;
                };
                self.names.entry(d.clone()).or_default().push(id);
                d
            }
            IndicatorKind::Ipv4 | IndicatorKind::Ipv6 | IndicatorKind::Cidr => {
                if raw.contains('/') {
                    let Ok(net) = raw.parse::<ipnet::IpNet>() else {
                        self.add_unsupported(source, raw, "not a valid network (CIDR)");
                        return false;
                    };
                    let len = net.prefix_len();
                    match net.network() {
                        IpAddr::V4(a) => self
                            .cidrs_v4
                            .entry(len)
                            .or_default()
                            .entry(mask_v4(u32::from(a), len))
                            .or_default()
                            .push(id),
                        IpAddr::V6(a) => self
                            .cidrs_v6
                            .entry(len)
                            .or_default()
                            .entry(mask_v6(u128::from(a), len))
                            .or_default()
                            .push(id),
                    }
                    let value = net.trunc().to_string();
                    self.indicators.push(Indicator {
                        value,
                        kind: IndicatorKind::Cidr,
                        role,
                        app: app.map(str::to_owned),
                        category,
                        source,
                    });
                    return true;
                }
                let Ok(ip) = raw.parse::<IpAddr>() else {
                    self.add_unsupported(source, raw, "not a valid IP address");
                    return false;
                };
                self.ips.entry(ip).or_default().push(id);
                let kind = if ip.is_ipv4() {
                    IndicatorKind::Ipv4
                } else {
                    IndicatorKind::Ipv6
                };
                self.indicators.push(Indicator {
                    value: ip.to_string(),
                    kind,
                    role,
                    app: app.map(str::to_owned),
                    category,
                    source,
                });
                return true;
            }
            IndicatorKind::Url => {
                let Some(u) = normalize_url(raw) else {
                    self.add_unsupported(source, raw, "not a valid URL");
                    return false;
                };
                self.exact.entry((kind, u.clone())).or_default().push(id);
                u
            }
            IndicatorKind::AppCertSha1
            | IndicatorKind::AppCertSha256
            | IndicatorKind::AppCertMd5
            | IndicatorKind::X509Sha1
            | IndicatorKind::X509Sha256
            | IndicatorKind::X509Md5
            | IndicatorKind::FileSha256
            | IndicatorKind::FileSha1
            | IndicatorKind::FileMd5
            | IndicatorKind::Jarm => {
                let h = normalize_hash(raw);
                if h.is_empty() || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                    self.add_unsupported(source, raw, "not a hexadecimal hash");
                    return false;
                }
                self.exact.entry((kind, h.clone())).or_default().push(id);
                h
            }
            IndicatorKind::Email
            | IndicatorKind::AppId
            | IndicatorKind::ConfigurationProfile
            | IndicatorKind::AndroidProperty => {
                let v = raw.to_lowercase();
                self.exact.entry((kind, v.clone())).or_default().push(id);
                v
            }
            IndicatorKind::FileName
            | IndicatorKind::FilePath
            | IndicatorKind::ProcessName
            | IndicatorKind::AppCertOrganization
            | IndicatorKind::AppCertCommonNamePattern => {
                let v = raw.to_owned();
                self.exact.entry((kind, v.clone())).or_default().push(id);
                v
            }
        };
        self.indicators.push(Indicator {
            value,
            kind,
            role,
            app: app.map(str::to_owned),
            category,
            source,
        });
        true
    }

    /// All indicators.
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// All sources.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Entries that could not be used.
    pub fn unsupported(&self) -> &[Unsupported] {
        &self.unsupported
    }

    /// Files passed over while loading folders, with the reason (formats not read, exports
    /// that repeat a folder's main feed, files listed in an index but absent).
    pub fn skipped_files(&self) -> &[(String, String)] {
        &self.skipped_files
    }

    /// Number of indicators.
    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    /// True when no indicator is loaded.
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    /// The source of an indicator.
    pub fn source_of(&self, ind: &Indicator) -> Option<&Source> {
        self.sources.get(ind.source)
    }

    fn resolve(&self, ids: &[u32]) -> Vec<&Indicator> {
        ids.iter()
            .filter_map(|&i| self.indicators.get(i as usize))
            .collect()
    }

    /// What a finding says about a matched indicator: its value and kind, its app, its
    /// source with credit, its category.
    pub fn reference(&self, ind: &Indicator) -> vigie_core::IndicatorRef {
        vigie_core::IndicatorRef {
            value: ind.value.clone(),
            kind: ind.kind.as_str().to_owned(),
            app: ind.app.clone(),
            source: self
                .source_of(ind)
                .map_or_else(String::new, |s| s.name.clone()),
            category: ind.category,
        }
    }

    /// Indicators matching a name: the most specific indicator domain that equals the name or
    /// one of its parent domains (so `a.evil.com` matches `evil.com`). Case, a trailing dot and
    /// IDNA form do not matter. Costs one hash probe per label.
    pub fn match_domain(&self, name: &str) -> Vec<&Indicator> {
        self.match_name_list(name, IndicatorKind::Domain)
    }

    /// The entries of a name-based kind (domains, dynamic-DNS providers, suspicious TLDs)
    /// covering a name: the most specific of the name itself and its parent domains.
    pub fn match_name_list(&self, name: &str, kind: IndicatorKind) -> Vec<&Indicator> {
        let Some(name) = lower_name(name) else {
            return vec![];
        };
        let mut rest: &str = &name;
        loop {
            if let Some(ids) = self.names.get(rest) {
                let found: Vec<&Indicator> = self
                    .resolve(ids)
                    .into_iter()
                    .filter(|i| i.kind == kind)
                    .collect();
                if !found.is_empty() {
                    return found;
                }
            }
            match rest.split_once('.') {
                Some((_, parent)) if !parent.is_empty() => rest = parent,
                _ => return vec![],
            }
        }
    }

    /// Indicators matching an address: the address itself, then the longest network holding it.
    pub fn match_ip(&self, ip: IpAddr) -> Vec<&Indicator> {
        if let Some(ids) = self.ips.get(&ip) {
            return self.resolve(ids);
        }
        match ip {
            IpAddr::V4(a) => {
                let a = u32::from(a);
                for (len, nets) in self.cidrs_v4.iter().rev() {
                    if let Some(ids) = nets.get(&mask_v4(a, *len)) {
                        return self.resolve(ids);
                    }
                }
            }
            IpAddr::V6(a) => {
                let a = u128::from(a);
                for (len, nets) in self.cidrs_v6.iter().rev() {
                    if let Some(ids) = nets.get(&mask_v6(a, *len)) {
                        return self.resolve(ids);
                    }
                }
            }
        }
        vec![]
    }

    /// Indicators whose full URL equals this URL (after normalisation).
    pub fn match_url(&self, url: &str) -> Vec<&Indicator> {
        match normalize_url(url) {
            Some(u) => self.match_exact_normalized(IndicatorKind::Url, u),
            None => vec![],
        }
    }

    /// Indicators of an exact-match kind (hashes, app ids, e-mails, processes, ...).
    pub fn match_exact(&self, kind: IndicatorKind, value: &str) -> Vec<&Indicator> {
        let v = match kind {
            IndicatorKind::AppCertSha1
            | IndicatorKind::AppCertSha256
            | IndicatorKind::AppCertMd5
            | IndicatorKind::X509Sha1
            | IndicatorKind::X509Sha256
            | IndicatorKind::X509Md5
            | IndicatorKind::FileSha256
            | IndicatorKind::FileSha1
            | IndicatorKind::FileMd5
            | IndicatorKind::Jarm => normalize_hash(value),
            IndicatorKind::Email
            | IndicatorKind::AppId
            | IndicatorKind::ConfigurationProfile
            | IndicatorKind::AndroidProperty
            | IndicatorKind::Nameserver => value.trim().trim_end_matches('.').to_lowercase(),
            _ => value.to_owned(),
        };
        self.match_exact_normalized(kind, v)
    }

    fn match_exact_normalized(&self, kind: IndicatorKind, value: String) -> Vec<&Indicator> {
        self.exact
            .get(&(kind, value))
            .map(|ids| self.resolve(ids))
            .unwrap_or_default()
    }

    /// Indicators matching a value as a check records what it observed: `domain`, `ip`,
    /// `url`, `x509_sha1`, `x509_sha256`, `app_id`, `app_cert_sha1`, `app_cert_sha256`,
    /// `file_sha256`, `process_name`, `email`, `file_path`, `configuration_profile`. Used to
    /// re-check past checks when feeds change.
    pub fn match_observed(&self, kind: &str, value: &str) -> Vec<&Indicator> {
        match kind {
            "domain" => self.match_domain(value),
            "ip" => value
                .parse::<IpAddr>()
                .map(|ip| self.match_ip(ip))
                .unwrap_or_default(),
            "url" => self.match_url(value),
            "x509_sha1" => self.match_exact(IndicatorKind::X509Sha1, value),
            "x509_sha256" => self.match_exact(IndicatorKind::X509Sha256, value),
            "app_id" => self.match_exact(IndicatorKind::AppId, value),
            "app_cert_sha1" => self.match_exact(IndicatorKind::AppCertSha1, value),
            "app_cert_sha256" => self.match_exact(IndicatorKind::AppCertSha256, value),
            "file_sha256" => self.match_exact(IndicatorKind::FileSha256, value),
            "process_name" => self.match_exact(IndicatorKind::ProcessName, value),
            "email" => self.match_exact(IndicatorKind::Email, value),
            "file_path" => self.match_exact(IndicatorKind::FilePath, value),
            "configuration_profile" => self.match_exact(IndicatorKind::ConfigurationProfile, value),
            _ => vec![],
        }
    }

    /// Counts per source and kind.
    pub fn summaries(&self) -> Vec<SourceSummary> {
        let mut out: Vec<SourceSummary> = self
            .sources
            .iter()
            .map(|s| SourceSummary {
                source: s.clone(),
                counts: BTreeMap::new(),
                total: 0,
                unsupported: 0,
            })
            .collect();
        for i in &self.indicators {
            if let Some(s) = out.get_mut(i.source) {
                *s.counts.entry(i.kind).or_default() += 1;
                s.total += 1;
            }
        }
        for u in &self.unsupported {
            if let Some(s) = out.get_mut(u.source) {
                s.unsupported += 1;
            }
        }
        out
    }

    /// Moves every indicator, source and unsupported entry of `other` into this set.
    pub fn merge(&mut self, other: IndicatorSet) {
        let offset = self.sources.len();
        self.sources.extend(other.sources);
        self.skipped_files.extend(other.skipped_files);
        for u in other.unsupported {
            self.unsupported.push(Unsupported {
                source: u.source + offset,
                ..u
            });
        }
        for i in other.indicators {
            self.add(
                i.kind,
                &i.value,
                i.role,
                i.app.as_deref(),
                i.category,
                i.source + offset,
            );
        }
    }
}

/// Lowercases a name for lookup and strips a trailing dot; borrows nothing when it can't.
fn lower_name(name: &str) -> Option<std::borrow::Cow<'_, str>> {
    let name = name.trim_end_matches('.');
    if name.is_empty() {
        return None;
    }
    if !name.is_ascii() {
        normalize_domain(name).map(std::borrow::Cow::Owned)
    } else if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Some(std::borrow::Cow::Owned(name.to_ascii_lowercase()))
    } else {
        Some(std::borrow::Cow::Borrowed(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FeedFormat;
    use vigie_core::ThreatCategory::Stalkerware;

    fn set() -> IndicatorSet {
        let mut s = IndicatorSet::new();
        let src = s.add_source(Source {
            name: "test".into(),
            path: "t".into(),
            format: FeedFormat::PlainList,
            sha256: String::new(),
        });
        let c2 = IndicatorRole::C2;
        s.add(
            IndicatorKind::Domain,
            "Evil.COM.",
            c2,
            Some("Spy"),
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::Domain,
            "deep.sub.evil.com",
            c2,
            Some("Deep"),
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::Domain,
            "bücher.example",
            c2,
            None,
            Stalkerware,
            src,
        );
        s.add(IndicatorKind::Ipv4, "10.1.2.3", c2, None, Stalkerware, src);
        s.add(
            IndicatorKind::Cidr,
            "192.0.2.0/24",
            c2,
            None,
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::Cidr,
            "2001:db8::/32",
            c2,
            None,
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::Url,
            "http://Evil.com/x",
            c2,
            None,
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::AppCertSha1,
            "AB:CD",
            c2,
            None,
            Stalkerware,
            src,
        );
        s.add(
            IndicatorKind::Domain,
            "not a domain",
            c2,
            None,
            Stalkerware,
            src,
        );
        s
    }

    #[test]
    fn domain_matches_itself_and_subdomains_only() {
        let s = set();
        assert_eq!(s.match_domain("evil.com")[0].app.as_deref(), Some("Spy"));
        assert_eq!(
            s.match_domain("A.B.EVIL.com.")[0].app.as_deref(),
            Some("Spy")
        );
        assert_eq!(
            s.match_domain("x.deep.sub.evil.com")[0].app.as_deref(),
            Some("Deep")
        );
        assert!(s.match_domain("notevil.com").is_empty());
        assert!(s.match_domain("evil.com.org").is_empty());
        assert!(s.match_domain("com").is_empty());
        assert!(!s.match_domain("xn--bcher-kva.example").is_empty());
        assert!(!s.match_domain("WWW.Bücher.example").is_empty());
        assert_eq!(s.unsupported().len(), 1);
    }

    #[test]
    fn ips_networks_urls_hashes() {
        let s = set();
        assert_eq!(
            s.match_ip("10.1.2.3".parse().unwrap_or(IpAddr::from([0; 4])))
                .len(),
            1
        );
        assert!(s
            .match_ip("10.1.2.4".parse().unwrap_or(IpAddr::from([0; 4])))
            .is_empty());
        assert_eq!(
            s.match_ip(IpAddr::from([192, 0, 2, 77]))[0].value,
            "192.0.2.0/24"
        );
        let v6: IpAddr = "2001:db8:1::5".parse().unwrap_or(IpAddr::from([0; 4]));
        assert_eq!(s.match_ip(v6).len(), 1);
        assert_eq!(s.match_url("HTTP://evil.com:80/x").len(), 1);
        assert!(s.match_url("http://evil.com/y").is_empty());
        assert_eq!(s.match_exact(IndicatorKind::AppCertSha1, "abcd").len(), 1);
    }
}
