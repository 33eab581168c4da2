//! Network rules: indicator matches on every observed name, address, URL and certificate,
//! then heuristics in the spirit of TinyCheck's and SpyGuard's (dynamic DNS, abused TLDs,
//! self-signed and free certificates, TLS or HTTP on unusual ports, addresses never resolved,
//! plain-HTTP uploads, large uploads, regular "beaconing", Tor), with an allow-list of the
//! platforms' own services so that an ordinary phone raises no alarm.
//!
//! Each finding has a stable rule id, a severity, translatable title and explanation, the
//! matched indicator with its source, and evidence pointing at packets.

mod beaconing;
mod finding;
mod heuristics;
pub mod ids;
mod indicators;
mod thresholds;

pub use heuristics::is_public;
pub use thresholds::Thresholds;

use crate::cert::CertInfo;
use crate::lists::HeuristicLists;
use crate::observation::{FlowSummary, Observation, Observed};
use beaconing::Beacons;
use finding::{flow_evidence, packet_evidence};
use heuristics::Heuristics;
use std::net::IpAddr;
use vigie_core::{Evidence, Finding, FindingSet};
use vigie_indicators::IndicatorSet;

/// Most subjects listed per heuristic rule; further occurrences are only counted.
const MAX_SUBJECTS_PER_RULE: usize = 256;
/// Most subjects listed per indicator rule.
const MAX_IOC_SUBJECTS: usize = 4096;

/// How many subjects a rule lists.
fn subjects_cap(rule: &str) -> usize {
    if rule.starts_with("NET-IOC-") {
        MAX_IOC_SUBJECTS
    } else {
        MAX_SUBJECTS_PER_RULE
    }
}

/// Applies the rules to observations and flows of one or more captures.
#[derive(Debug)]
pub struct NetRules<'a> {
    iocs: &'a IndicatorSet,
    heuristics: Heuristics,
    /// Findings, with a cap on subjects per rule (memory stays bounded).
    findings: FindingSet,
    beacons: Beacons,
}

impl<'a> NetRules<'a> {
    /// Rules over `iocs`, with the built-in lists and default thresholds.
    pub fn new(iocs: &'a IndicatorSet) -> Self {
        Self::with(iocs, HeuristicLists::default(), Thresholds::default())
    }

    /// Rules with explicit lists and thresholds.
    pub fn with(iocs: &'a IndicatorSet, lists: HeuristicLists, thresholds: Thresholds) -> Self {
        NetRules {
            iocs,
            heuristics: Heuristics::new(lists, thresholds),
            findings: FindingSet::capped(subjects_cap),
            beacons: Beacons::default(),
        }
    }

    /// Applies the rules to one observation from capture `source`.
    pub fn observe(&mut self, source: &str, o: &Observation) {
        let evidence = |detail: String| packet_evidence(source, o, detail);
        match &o.what {
            Observed::DnsQuery { name, .. } => {
                self.name(name, "dns", &|| evidence(format!("dns_query {name}")));
            }
            Observed::DnsAnswer {
                name,
                query,
                answer,
                ..
            } => self.dns_answer(name, query.as_deref(), answer.as_deref(), &evidence),
            Observed::TlsSni { name, .. } => {
                self.name(name, "tls", &|| evidence(format!("tls_sni {name}")));
            }
            Observed::QuicSni { name, .. } => {
                self.name(name, "quic", &|| evidence(format!("quic_sni {name}")));
            }
            Observed::HttpHost { name, url, .. } => {
                let e = || evidence(format!("http_host {name}"));
                match name.parse::<IpAddr>() {
                    Ok(ip) => indicators::ip(self.iocs, &mut self.findings, ip, "http", &e),
                    Err(_) => self.name(name, "http", &e),
                }
                if let Some(u) = url {
                    indicators::url(self.iocs, &mut self.findings, u, &e);
                }
            }
            Observed::TlsCert { cert, .. } => self.certificate(source, o, cert),
            Observed::Flow { flow, .. } => self.flow(source, flow),
            Observed::TlsClientHello { .. } | Observed::DhcpDevice(_) => {}
        }
    }

    /// The rules on one name seen `how` in the traffic: indicators, then heuristics.
    fn name(&mut self, name: &str, how: &str, evidence: &dyn Fn() -> Evidence) {
        if name.is_empty() || name.ends_with(".local") || name.ends_with(".arpa") {
            return;
        }
        indicators::domain(self.iocs, &mut self.findings, name, how, evidence);
        self.heuristics
            .name(self.iocs, &mut self.findings, name, evidence);
    }

    /// A DNS answer: the question's name, the record's name, and the address or name given.
    fn dns_answer(
        &mut self,
        name: &str,
        query: Option<&str>,
        answer: Option<&str>,
        evidence: &dyn Fn(String) -> Evidence,
    ) {
        if let Some(q) = query.filter(|q| *q != name) {
            self.name(q, "dns", &|| evidence(format!("dns_answer {q}")));
        }
        let e = || evidence(format!("dns_answer {name} {}", answer.unwrap_or("")));
        self.name(name, "dns", &e);
        match answer.map(|a| (a, a.parse::<IpAddr>())) {
            Some((_, Ok(ip))) => indicators::ip(self.iocs, &mut self.findings, ip, "dns", &e),
            Some((a, Err(_))) => {
                self.name(a, "dns", &|| evidence(format!("dns_answer {name} -> {a}")));
            }
            None => {}
        }
    }

    /// A server certificate: its hashes against the indicators, the names it was issued
    /// for, then the certificate heuristics.
    fn certificate(&mut self, source: &str, o: &Observation, cert: &CertInfo) {
        let label = cert
            .common_name
            .clone()
            .or_else(|| cert.sans.first().cloned())
            .unwrap_or_else(|| o.src.ip.to_string());
        let e = || packet_evidence(source, o, format!("tls_cert {label} sha1={}", cert.sha1));
        indicators::certificate(self.iocs, &mut self.findings, &label, cert, &e);
        let mut names: Vec<String> = cert.sans.iter().take(32).cloned().collect();
        if let Some(cn) = &cert.common_name {
            names.push(cn.clone());
        }
        for n in &names {
            if let Ok(ip) = n.parse::<IpAddr>() {
                indicators::ip(self.iocs, &mut self.findings, ip, "tls", &e);
            } else if !n.contains('*') || n.starts_with("*.") {
                self.name(n.trim_start_matches("*."), "cert", &e);
            }
        }
        self.heuristics
            .certificate(&mut self.findings, &label, &names, cert, &e);
    }

    /// A flow that ended: indicators on its server (with the connection's evidence), then,
    /// for a public server not allow-listed, the flow heuristics and the beaconing record.
    fn flow(&mut self, source: &str, f: &FlowSummary) {
        let server = f.server.ip;
        let name = f.name().map(str::to_owned);
        let subject = name.clone().unwrap_or_else(|| server.to_string());
        let e = || {
            let detail = format!("flow {}", f.name().unwrap_or(""));
            flow_evidence(source, f, detail.trim_end().to_owned())
        };
        if f.packets > 0 {
            indicators::ip(self.iocs, &mut self.findings, server, "connection", &e);
        }
        for n in [&f.sni, &f.http_host, &f.dns_name].into_iter().flatten() {
            let Some(severity) = indicators::domain_severity(self.iocs, n) else {
                continue;
            };
            match self.findings.get_mut(ids::IOC_DOMAIN, n) {
                Some(found) => {
                    found.severity = found.severity.max(severity);
                    found.add_occurrence(Some(e()));
                }
                None => self.name(n, "connection", &e),
            }
        }
        if !is_public(server) || name.as_deref().is_some_and(|n| self.heuristics.allowed(n)) {
            return;
        }
        self.heuristics.flow(&mut self.findings, f, &subject, &e);
        if f.bytes_up + f.bytes_down > 0 {
            self.beacons.connection(subject, f.first_ts, &e);
        }
    }

    /// Occurrences not listed because a rule already lists its maximum of subjects: (rule, count).
    pub fn unlisted(&self) -> Vec<(String, u64)> {
        self.findings.unlisted()
    }

    /// The findings so far, in the order they were first raised, with the beaconing check
    /// over all flows seen.
    pub fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self.findings.as_slice().to_vec();
        let media = |name: &str| self.heuristics.media(name);
        out.extend(self.beacons.findings(&self.heuristics.thresholds, &media));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_messages_in_every_language() {
        let rules = [
            ids::IOC_DOMAIN,
            ids::IOC_IP,
            ids::IOC_URL,
            ids::IOC_CERT,
            ids::DYNDNS,
            ids::SUSPICIOUS_TLD,
            ids::TLS_SELF_SIGNED,
            ids::TLS_FREE_CERT,
            ids::TLS_IP_CERT,
            ids::TLS_NONSTANDARD_PORT,
            ids::HTTP_PLAIN,
            ids::HTTP_NONSTANDARD_PORT,
            ids::HTTP_UPLOAD,
            ids::UNRESOLVED_IP,
            ids::LARGE_UPLOAD,
            ids::BEACONING,
            ids::TOR,
            ids::NONSTANDARD_PORT,
            ids::ENCRYPTED_DNS,
        ];
        for ftl in [
            include_str!("../../locales/en.ftl"),
            include_str!("../../locales/fr.ftl"),
        ] {
            for rule in rules {
                let f = finding::finding(rule, vigie_core::Severity::Low, "x", &[]);
                for key in [f.title.key, f.explanation.key] {
                    assert!(
                        ftl.lines().any(|l| l.starts_with(&format!("{key} ="))),
                        "{key} is missing"
                    );
                }
            }
        }
    }
}
