//! Built-in lists behind the heuristics (allow-list, dynamic DNS, suspicious TLDs, encrypted
//! DNS endpoints, free certificate authorities). They are data files in `data/`, embedded in
//! the binary, so that a support organisation can review and extend them.

use std::collections::HashSet;

/// A set of domains that also covers their subdomains.
#[derive(Debug, Default, Clone)]
pub struct SuffixSet {
    names: HashSet<String>,
}

impl SuffixSet {
    /// Builds the set from list text: one name per line, `#` comments.
    pub fn from_list(text: &str) -> Self {
        let names = text
            .lines()
            .map(|l| {
                l.split('#')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .trim_end_matches('.')
                    .to_ascii_lowercase()
            })
            .filter(|l| !l.is_empty())
            .collect();
        SuffixSet { names }
    }

    /// The listed entry covering `name` (itself or a parent domain), if any.
    pub fn covering<'a>(&self, name: &'a str) -> Option<&'a str> {
        let name = name.trim_end_matches('.');
        let mut rest = name;
        loop {
            if self.names.contains(rest)
                || (rest.bytes().any(|b| b.is_ascii_uppercase())
                    && self.names.contains(&rest.to_ascii_lowercase()))
            {
                return Some(rest);
            }
            rest = rest.split_once('.')?.1;
            if rest.is_empty() {
                return None;
            }
        }
    }

    /// True when `name` or a parent domain is listed.
    pub fn contains(&self, name: &str) -> bool {
        self.covering(name).is_some()
    }
}

/// The heuristics' lists.
#[derive(Debug, Clone)]
pub struct HeuristicLists {
    /// Platform and common-app services: no heuristic alarm for them.
    pub allow: SuffixSet,
    /// News, media, weather and sport services, whose apps poll: their regular connections
    /// are said calmly.
    pub media: SuffixSet,
    /// Dynamic-DNS providers.
    pub dyndns: SuffixSet,
    /// Abused top-level domains.
    pub tlds: SuffixSet,
    /// Encrypted-DNS endpoints.
    pub doh: SuffixSet,
    /// Free certificate issuers (organisation names).
    pub free_cas: Vec<String>,
}

impl Default for HeuristicLists {
    fn default() -> Self {
        HeuristicLists {
            allow: SuffixSet::from_list(include_str!("../data/allowlist.txt")),
            media: SuffixSet::from_list(include_str!("../data/media.txt")),
            dyndns: SuffixSet::from_list(include_str!("../data/dyndns.txt")),
            tlds: SuffixSet::from_list(include_str!("../data/suspicious_tlds.txt")),
            doh: SuffixSet::from_list(include_str!("../data/doh.txt")),
            free_cas: include_str!("../data/free_cas.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes() {
        let l = HeuristicLists::default();
        assert!(l.allow.contains("www.GOOGLE.com."));
        assert!(!l.allow.contains("notgoogle.com"));
        assert_eq!(l.dyndns.covering("evil.duckdns.org"), Some("duckdns.org"));
        assert!(l.tlds.contains("spy.tk"));
        assert!(l.media.contains("www.lemonde.fr"));
        assert!(l.doh.contains("dns.google"));
        assert!(l.free_cas.iter().any(|c| c == "Let's Encrypt"));
    }
}
