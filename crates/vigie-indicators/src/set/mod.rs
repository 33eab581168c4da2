//! The indicator set: every loaded indicator, indexed for constant-time lookups.

mod index;

use crate::model::{Indicator, IndicatorKind, IndicatorRole, Source, Unsupported};
use crate::normalize::{normalize_domain, normalize_url};
use index::{normalize, normalize_query, Index};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::IpAddr;

/// Indicators from any number of feeds, with indexes for lookups.
#[derive(Debug, Default)]
pub struct IndicatorSet {
    indicators: Vec<Indicator>,
    sources: Vec<Source>,
    unsupported: Vec<Unsupported>,
    /// Where each indicator is looked up.
    index: Index,
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
        let normalized = match normalize(kind, raw) {
            Ok(n) => n,
            Err(reason) => {
                self.add_unsupported(source, raw, reason);
                return false;
            }
        };
        let id = u32::try_from(self.indicators.len()).unwrap_or(u32::MAX);
        self.index.insert(normalized.key, id);
        self.indicators.push(Indicator {
            value: normalized.value,
            kind: normalized.kind,
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
            if let Some(ids) = self.index.name(rest) {
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
        self.index
            .address(ip)
            .map(|ids| self.resolve(ids))
            .unwrap_or_default()
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
        let v = normalize_query(kind, value);
        self.match_exact_normalized(kind, v)
    }

    /// Process indicators that a process name cut by the kernel (15 or 16 characters, as
    /// `ps` shows kernel threads and long names) is the start of, as MVT matches them.
    pub fn match_truncated_process(&self, name: &str) -> Vec<&Indicator> {
        if !(15..=16).contains(&name.chars().count()) {
            return vec![];
        }
        self.indicators
            .iter()
            .filter(|i| {
                i.kind == IndicatorKind::ProcessName
                    && i.value.len() > name.len()
                    && i.value.starts_with(name)
            })
            .collect()
    }

    fn match_exact_normalized(&self, kind: IndicatorKind, value: String) -> Vec<&Indicator> {
        self.index
            .exact(kind, value)
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
    use crate::model::FeedFormat;
    use vigie_core::ThreatCategory::Stalkerware;

    fn set() -> IndicatorSet {
        let mut s = IndicatorSet::new();
        let src = s.add_source(Source::for_test("test", FeedFormat::PlainList));
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
    fn a_process_name_cut_by_the_kernel_matches_the_start_of_an_indicator() {
        let mut s = IndicatorSet::new();
        let src = s.add_source(Source::for_test("test", FeedFormat::PlainList));
        let (c2, cat) = (IndicatorRole::C2, Stalkerware);
        s.add(
            IndicatorKind::ProcessName,
            "com.spyapp.monitor",
            c2,
            None,
            cat,
            src,
        );
        assert_eq!(s.match_truncated_process("com.spyapp.moni").len(), 1);
        assert!(
            s.match_truncated_process("com.spyapp").is_empty(),
            "not cut"
        );
        assert!(
            s.match_truncated_process("com.spyapp.monitor").is_empty(),
            "whole"
        );
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
