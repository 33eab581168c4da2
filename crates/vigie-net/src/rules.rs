//! Network rules: indicator matches on every observed name, address, URL and certificate,
//! then heuristics in the spirit of TinyCheck's and SpyGuard's (dynamic DNS, abused TLDs,
//! self-signed and free certificates, TLS or HTTP on unusual ports, addresses never resolved,
//! plain-HTTP uploads, large uploads, regular "beaconing", Tor), with an allow-list of the
//! platforms' own services so that an ordinary phone raises no alarm.
//!
//! Each finding has a stable rule id, a severity, translatable title and explanation, the
//! matched indicator with its source, and evidence pointing at packets.

use crate::lists::HeuristicLists;
use crate::observation::{FlowSummary, Observation, Observed, Proto};
use std::collections::HashMap;
use std::net::IpAddr;
use vigie_core::{Evidence, Finding, FindingSet, Message, Severity, ThreatCategory, Timestamp};
use vigie_indicators::{Indicator, IndicatorKind, IndicatorRole, IndicatorSet};

/// Stable rule identifiers.
pub mod ids {
    /// An observed name (DNS, SNI, HTTP Host, certificate) matches a domain indicator.
    pub const IOC_DOMAIN: &str = "NET-IOC-DOMAIN";
    /// A connection to, or a DNS answer with, an address matching an IP or network indicator.
    pub const IOC_IP: &str = "NET-IOC-IP";
    /// An HTTP request's URL matches a URL indicator.
    pub const IOC_URL: &str = "NET-IOC-URL";
    /// A server certificate matches a certificate-hash indicator.
    pub const IOC_CERT: &str = "NET-IOC-CERT";
    /// A name under a dynamic-DNS provider.
    pub const DYNDNS: &str = "NET-DYNDNS";
    /// A name under an often-abused top-level domain.
    pub const SUSPICIOUS_TLD: &str = "NET-SUSPICIOUS-TLD";
    /// A self-signed server certificate.
    pub const TLS_SELF_SIGNED: &str = "NET-TLS-SELF-SIGNED";
    /// A free, automatically issued certificate.
    pub const TLS_FREE_CERT: &str = "NET-TLS-FREE-CERT";
    /// A certificate issued for an IP address.
    pub const TLS_IP_CERT: &str = "NET-TLS-IP-CERT";
    /// TLS on a port where it is unusual.
    pub const TLS_NONSTANDARD_PORT: &str = "NET-TLS-NONSTD-PORT";
    /// Plain, unencrypted HTTP.
    pub const HTTP_PLAIN: &str = "NET-HTTP-PLAIN";
    /// HTTP on a port where it is unusual.
    pub const HTTP_NONSTANDARD_PORT: &str = "NET-HTTP-NONSTD-PORT";
    /// Data sent by POST/PUT over plain HTTP.
    pub const HTTP_UPLOAD: &str = "NET-HTTP-UPLOAD";
    /// A connection to an address no DNS answer of the capture gave.
    pub const UNRESOLVED_IP: &str = "NET-UNRESOLVED-IP";
    /// Much more data sent than received.
    pub const LARGE_UPLOAD: &str = "NET-LARGE-UPLOAD";
    /// Connections at regular intervals.
    pub const BEACONING: &str = "NET-BEACONING";
    /// Traffic with the traits of the Tor network.
    pub const TOR: &str = "NET-TOR";
    /// Connections on a high port with an unknown protocol.
    pub const NONSTANDARD_PORT: &str = "NET-NONSTD-PORT";
    /// Encrypted DNS in use: names resolved that way are invisible to the check.
    pub const ENCRYPTED_DNS: &str = "NET-ENCRYPTED-DNS";
}

/// Ports where TLS is expected.
const TLS_PORTS: &[u16] = &[
    443, 465, 563, 585, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 5223, 5228, 8443, 4433,
];
/// Ports where HTTP is expected.
const HTTP_PORTS: &[u16] = &[80, 8080, 8000, 8008, 3128];
/// High ports of ordinary services (push, STUN/TURN, VoIP, games consoles are not phones).
const KNOWN_HIGH_PORTS: &[u16] = &[
    1900, 3478, 3479, 3480, 3481, 4070, 5060, 5222, 5223, 5228, 5353, 5355, 8080, 8443, 19302,
    19303, 19305,
];

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
/// Most destinations followed for the beaconing check, and connection times kept for each.
const MAX_DESTINATIONS: usize = 4096;
const MAX_STARTS: usize = 64;

/// Thresholds of the heuristics.
#[derive(Debug, Clone)]
pub struct Thresholds {
    /// Bytes sent to one host above which a large upload is reported.
    pub large_upload_bytes: u64,
    /// Bytes sent by POST/PUT over plain HTTP above which an upload is reported.
    pub http_upload_bytes: u64,
    /// Fewest connections to one host for the beaconing check.
    pub beacon_min_connections: usize,
    /// Largest spread of the intervals (coefficient of variation) still called regular.
    pub beacon_max_variation: f64,
    /// Shortest interval considered (seconds), below which it is a burst, not a beacon.
    pub beacon_min_interval_s: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            large_upload_bytes: 1024 * 1024,
            http_upload_bytes: 64 * 1024,
            beacon_min_connections: 6,
            beacon_max_variation: 0.2,
            beacon_min_interval_s: 5.0,
        }
    }
}

/// Whether an address is on the public internet (not private, loopback, link-local, multicast...).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            !(a.is_private()
                || a.is_loopback()
                || a.is_link_local()
                || a.is_multicast()
                || a.is_broadcast()
                || a.is_unspecified()
                || a.is_documentation()
                || o[0] == 100 && (64..128).contains(&o[1])
                || o[0] >= 240
                || o[0] == 0)
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            !(a.is_loopback()
                || a.is_unspecified()
                || a.is_multicast()
                || s[0] & 0xfe00 == 0xfc00
                || s[0] & 0xffc0 == 0xfe80
                || s[0] == 0x2001 && s[1] == 0x0db8)
                && a.to_ipv4_mapped()
                    .is_none_or(|v4| is_public(IpAddr::V4(v4)))
        }
    }
}

#[derive(Debug, Default)]
struct Destination {
    starts: Vec<Timestamp>,
    first: Option<Evidence>,
    last: Option<Evidence>,
}

/// Applies the rules to observations and flows of one or more captures.
#[derive(Debug)]
pub struct NetRules<'a> {
    iocs: &'a IndicatorSet,
    lists: HeuristicLists,
    thresholds: Thresholds,
    /// Findings, with a cap on subjects per rule (memory stays bounded).
    findings: FindingSet,
    destinations: HashMap<String, Destination>,
}

fn severity_for(ind: &Indicator) -> Severity {
    match (ind.category, ind.role) {
        (ThreatCategory::Watchware, IndicatorRole::Website | IndicatorRole::Distribution) => {
            Severity::Low
        }
        (ThreatCategory::Watchware, _) => Severity::Medium,
        (_, IndicatorRole::Website | IndicatorRole::Distribution) => Severity::Medium,
        _ => Severity::High,
    }
}

/// Picks the indicator to report among several matches: most severe, then one naming an app.
fn best<'i>(matches: &[&'i Indicator]) -> Option<&'i Indicator> {
    matches.iter().copied().max_by_key(|i| {
        (
            severity_for(i),
            i.app.is_some(),
            std::cmp::Reverse(i.source),
        )
    })
}

fn packet_evidence(source: &str, o: &Observation, detail: String) -> Evidence {
    Evidence::Packets {
        source: source.to_owned(),
        first_frame: o.frame,
        last_frame: o.frame,
        first_ts: o.ts,
        last_ts: o.ts,
        flow: format!("{} -> {}", o.src, o.dst),
        packets: 1,
        bytes_up: 0,
        bytes_down: 0,
        detail,
    }
}

fn flow_evidence(source: &str, f: &FlowSummary, detail: String) -> Evidence {
    Evidence::Packets {
        source: source.to_owned(),
        first_frame: f.first_frame,
        last_frame: f.last_frame,
        first_ts: f.first_ts,
        last_ts: f.last_ts,
        flow: f.label(),
        packets: f.packets,
        bytes_up: f.bytes_up,
        bytes_down: f.bytes_down,
        detail,
    }
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
            lists,
            thresholds,
            findings: FindingSet::capped(subjects_cap),
            destinations: HashMap::new(),
        }
    }

    fn allowed(&self, name: &str) -> bool {
        self.lists.allow.contains(name)
    }

    /// Indicator and name heuristics on one name seen in the traffic.
    fn check_name(&mut self, name: &str, how: &str, evidence: &dyn Fn() -> Evidence) {
        if name.is_empty() || name.ends_with(".local") || name.ends_with(".arpa") {
            return;
        }
        let matches = self.iocs.match_domain(name);
        if let Some(ind) = best(&matches) {
            let r = self.iocs.reference(ind);
            let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
            let role = match ind.role {
                IndicatorRole::Website => "website",
                IndicatorRole::Distribution => "distribution",
                _ => "server",
            };
            let title = Message::new("net-ioc-domain-title")
                .arg("name", name)
                .arg("app", &app)
                .arg("category", ind.category.as_str())
                .arg("role", role);
            let explanation = Message::new("net-ioc-domain-explain")
                .arg("name", name)
                .arg("app", &app)
                .arg("how", how)
                .arg("role", role)
                .arg("category", ind.category.as_str());
            self.findings.raise(
                Finding::new(ids::IOC_DOMAIN, severity_for(ind), name, title, explanation)
                    .with_indicator(Some(r)),
                Some(evidence()),
            );
        }
        if self.allowed(name) {
            return;
        }
        if let Some(provider) = self.lists.doh.covering(name) {
            let provider = provider.to_owned();
            self.findings.raise(
                Finding::new(
                    ids::ENCRYPTED_DNS,
                    Severity::Info,
                    &provider,
                    Message::new("net-encrypted-dns-title").arg("name", &provider),
                    Message::new("net-encrypted-dns-explain").arg("name", &provider),
                ),
                Some(evidence()),
            );
            return;
        }
        let dyn_feed = self.iocs.match_name_list(name, IndicatorKind::DynamicDns);
        let provider = self
            .lists
            .dyndns
            .covering(name)
            .map(str::to_owned)
            .or_else(|| dyn_feed.first().map(|i| i.value.clone()));
        if let Some(provider) = provider {
            let ind = dyn_feed.first().map(|i| self.iocs.reference(i));
            self.findings.raise(
                Finding::new(
                    ids::DYNDNS,
                    Severity::Medium,
                    name,
                    Message::new("net-dyndns-title")
                        .arg("name", name)
                        .arg("provider", &provider),
                    Message::new("net-dyndns-explain")
                        .arg("name", name)
                        .arg("provider", &provider),
                )
                .with_indicator(ind),
                Some(evidence()),
            );
            return;
        }
        let tld_feed = self
            .iocs
            .match_name_list(name, IndicatorKind::SuspiciousTld);
        let tld = self
            .lists
            .tlds
            .covering(name)
            .map(str::to_owned)
            .or_else(|| tld_feed.first().map(|i| i.value.clone()));
        if let Some(tld) = tld.filter(|t| t.as_str() != name) {
            let ind = tld_feed.first().map(|i| self.iocs.reference(i));
            self.findings.raise(
                Finding::new(
                    ids::SUSPICIOUS_TLD,
                    Severity::Low,
                    name,
                    Message::new("net-suspicious-tld-title")
                        .arg("name", name)
                        .arg("tld", &tld),
                    Message::new("net-suspicious-tld-explain")
                        .arg("name", name)
                        .arg("tld", &tld),
                )
                .with_indicator(ind),
                Some(evidence()),
            );
        }
    }

    fn check_ip(&mut self, ip: IpAddr, how: &str, evidence: &dyn Fn() -> Evidence) {
        let matches = self.iocs.match_ip(ip);
        if let Some(ind) = best(&matches) {
            let r = self.iocs.reference(ind);
            let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
            let ip_s = ip.to_string();
            self.findings.raise(
                Finding::new(
                    ids::IOC_IP,
                    severity_for(ind),
                    &ip_s,
                    Message::new("net-ioc-ip-title")
                        .arg("ip", &ip_s)
                        .arg("app", &app)
                        .arg("category", ind.category.as_str()),
                    Message::new("net-ioc-ip-explain")
                        .arg("ip", &ip_s)
                        .arg("app", &app)
                        .arg("how", how)
                        .arg("category", ind.category.as_str()),
                )
                .with_indicator(Some(r)),
                Some(evidence()),
            );
        }
    }

    /// Applies the rules to one observation from capture `source`.
    pub fn observe(&mut self, source: &str, o: &Observation) {
        match &o.what {
            Observed::DnsQuery { name, .. } => {
                let e = || packet_evidence(source, o, format!("dns_query {name}"));
                self.check_name(name, "dns", &e);
            }
            Observed::DnsAnswer {
                name,
                query,
                answer,
                ..
            } => {
                if let Some(q) = query.as_deref().filter(|q| *q != name) {
                    let e = || packet_evidence(source, o, format!("dns_answer {q}"));
                    self.check_name(q, "dns", &e);
                }
                let e = || {
                    packet_evidence(
                        source,
                        o,
                        format!("dns_answer {name} {}", answer.as_deref().unwrap_or("")),
                    )
                };
                self.check_name(name, "dns", &e);
                if let Some(a) = answer {
                    if let Ok(ip) = a.parse::<IpAddr>() {
                        self.check_ip(ip, "dns", &e);
                    } else {
                        let e = || packet_evidence(source, o, format!("dns_answer {name} -> {a}"));
                        self.check_name(a, "dns", &e);
                    }
                }
            }
            Observed::TlsSni { name, .. } => {
                let e = || packet_evidence(source, o, format!("tls_sni {name}"));
                self.check_name(name, "tls", &e);
            }
            Observed::QuicSni { name, .. } => {
                let e = || packet_evidence(source, o, format!("quic_sni {name}"));
                self.check_name(name, "quic", &e);
            }
            Observed::HttpHost { name, url, .. } => {
                let e = || packet_evidence(source, o, format!("http_host {name}"));
                if let Ok(ip) = name.parse::<IpAddr>() {
                    self.check_ip(ip, "http", &e);
                } else {
                    self.check_name(name, "http", &e);
                }
                if let Some(u) = url {
                    let m = self.iocs.match_url(u);
                    if let Some(ind) = best(&m) {
                        let r = self.iocs.reference(ind);
                        let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
                        self.findings.raise(
                            Finding::new(
                                ids::IOC_URL,
                                severity_for(ind),
                                u,
                                Message::new("net-ioc-url-title")
                                    .arg("url", u)
                                    .arg("app", &app),
                                Message::new("net-ioc-url-explain")
                                    .arg("url", u)
                                    .arg("app", &app),
                            )
                            .with_indicator(Some(r)),
                            Some(e()),
                        );
                    }
                }
            }
            Observed::TlsCert { cert, .. } => self.check_cert(source, o, cert),
            Observed::Flow { flow, .. } => self.check_flow(source, flow),
            Observed::TlsClientHello { .. } => {}
        }
    }

    fn check_cert(&mut self, source: &str, o: &Observation, cert: &crate::cert::CertInfo) {
        let label = cert
            .common_name
            .clone()
            .or_else(|| cert.sans.first().cloned())
            .unwrap_or_else(|| o.src.ip.to_string());
        let e = || packet_evidence(source, o, format!("tls_cert {label} sha1={}", cert.sha1));
        for (kind, hash) in [
            (IndicatorKind::X509Sha1, &cert.sha1),
            (IndicatorKind::X509Sha256, &cert.sha256),
        ] {
            let m = self.iocs.match_exact(kind, hash);
            if let Some(ind) = best(&m) {
                let r = self.iocs.reference(ind);
                let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
                self.findings.raise(
                    Finding::new(
                        ids::IOC_CERT,
                        Severity::High,
                        hash,
                        Message::new("net-ioc-cert-title")
                            .arg("name", &label)
                            .arg("app", &app),
                        Message::new("net-ioc-cert-explain")
                            .arg("name", &label)
                            .arg("app", &app),
                    )
                    .with_indicator(Some(r)),
                    Some(e()),
                );
            }
        }
        let mut names: Vec<String> = cert.sans.iter().take(32).cloned().collect();
        if let Some(cn) = &cert.common_name {
            names.push(cn.clone());
        }
        for n in &names {
            if let Ok(ip) = n.parse::<IpAddr>() {
                self.check_ip(ip, "tls", &e);
            } else if !n.contains('*') || n.starts_with("*.") {
                self.check_name(n.trim_start_matches("*."), "cert", &e);
            }
        }
        if names
            .iter()
            .any(|n| self.allowed(n.trim_start_matches("*.")))
        {
            return;
        }
        if cert.self_signed {
            self.findings.raise(
                Finding::new(
                    ids::TLS_SELF_SIGNED,
                    Severity::Medium,
                    &label,
                    Message::new("net-tls-self-signed-title").arg("name", &label),
                    Message::new("net-tls-self-signed-explain").arg("name", &label),
                ),
                Some(e()),
            );
        } else if let Some(org) = cert
            .issuer_org
            .as_deref()
            .filter(|o| self.lists.free_cas.iter().any(|c| c == o))
        {
            let org = org.to_owned();
            self.findings.raise(
                Finding::new(
                    ids::TLS_FREE_CERT,
                    Severity::Low,
                    &label,
                    Message::new("net-tls-free-cert-title")
                        .arg("name", &label)
                        .arg("issuer", &org),
                    Message::new("net-tls-free-cert-explain")
                        .arg("name", &label)
                        .arg("issuer", &org),
                ),
                Some(e()),
            );
        }
        if !names.is_empty() && names.iter().all(|n| n.parse::<IpAddr>().is_ok()) {
            self.findings.raise(
                Finding::new(
                    ids::TLS_IP_CERT,
                    Severity::Low,
                    &label,
                    Message::new("net-tls-ip-cert-title").arg("name", &label),
                    Message::new("net-tls-ip-cert-explain").arg("name", &label),
                ),
                Some(e()),
            );
        }
    }

    fn check_flow(&mut self, source: &str, f: &FlowSummary) {
        let server = f.server.ip;
        let name = f.name().map(str::to_owned);
        let subject = name.clone().unwrap_or_else(|| server.to_string());
        let e = || {
            flow_evidence(
                source,
                f,
                format!("flow {}", f.name().unwrap_or(""))
                    .trim_end()
                    .to_owned(),
            )
        };
        // Indicator matches on the flow itself add the connection's evidence.
        if f.packets > 0 {
            self.check_ip(server, "connection", &e);
        }
        for n in [&f.sni, &f.http_host, &f.dns_name].into_iter().flatten() {
            let m = self.iocs.match_domain(n);
            if let Some(ind) = best(&m) {
                let sev = severity_for(ind);
                if let Some(found) = self.findings.get_mut(ids::IOC_DOMAIN, n) {
                    found.severity = found.severity.max(sev);
                    found.add_occurrence(Some(e()));
                } else {
                    self.check_name(n, "connection", &e);
                }
            }
        }
        if !is_public(server) || name.as_deref().is_some_and(|n| self.allowed(n)) {
            return;
        }
        if matches!(f.proto, Proto::Tcp) && f.server.port == 853 && f.bytes_up > 0 {
            let s = name.clone().unwrap_or_else(|| server.to_string());
            self.findings.raise(
                Finding::new(
                    ids::ENCRYPTED_DNS,
                    Severity::Info,
                    &s,
                    Message::new("net-encrypted-dns-title").arg("name", &s),
                    Message::new("net-encrypted-dns-explain").arg("name", &s),
                ),
                Some(e()),
            );
        }
        let port = f.server.port.to_string();
        let has_data = f.bytes_up + f.bytes_down > 0;
        if f.tls && !TLS_PORTS.contains(&f.server.port) && f.starttls.is_none() {
            self.findings.raise(
                Finding::new(
                    ids::TLS_NONSTANDARD_PORT,
                    Severity::Medium,
                    &subject,
                    Message::new("net-tls-nonstd-port-title")
                        .arg("name", &subject)
                        .arg("port", &port),
                    Message::new("net-tls-nonstd-port-explain")
                        .arg("name", &subject)
                        .arg("port", &port),
                ),
                Some(e()),
            );
        }
        if let Some(host) = &f.http_host {
            if HTTP_PORTS.contains(&f.server.port) {
                self.findings.raise(
                    Finding::new(
                        ids::HTTP_PLAIN,
                        Severity::Low,
                        host,
                        Message::new("net-http-plain-title").arg("name", host),
                        Message::new("net-http-plain-explain").arg("name", host),
                    ),
                    Some(e()),
                );
            } else {
                self.findings.raise(
                    Finding::new(
                        ids::HTTP_NONSTANDARD_PORT,
                        Severity::Medium,
                        host,
                        Message::new("net-http-nonstd-port-title")
                            .arg("name", host)
                            .arg("port", &port),
                        Message::new("net-http-nonstd-port-explain")
                            .arg("name", host)
                            .arg("port", &port),
                    ),
                    Some(e()),
                );
            }
            if f.http_methods.iter().any(|m| m == "POST" || m == "PUT")
                && f.bytes_up >= self.thresholds.http_upload_bytes
            {
                let kib = (f.bytes_up / 1024).to_string();
                self.findings.raise(
                    Finding::new(
                        ids::HTTP_UPLOAD,
                        Severity::Medium,
                        host,
                        Message::new("net-http-upload-title")
                            .arg("name", host)
                            .arg("kib", &kib),
                        Message::new("net-http-upload-explain")
                            .arg("name", host)
                            .arg("kib", &kib),
                    ),
                    Some(e()),
                );
            }
        }
        if f.bytes_up >= self.thresholds.large_upload_bytes
            && f.bytes_up > f.bytes_down.saturating_mul(2)
        {
            let mib = format!("{:.1}", f.bytes_up as f64 / 1_048_576.0);
            self.findings.raise(
                Finding::new(
                    ids::LARGE_UPLOAD,
                    Severity::Medium,
                    &subject,
                    Message::new("net-large-upload-title")
                        .arg("name", &subject)
                        .arg("mib", &mib),
                    Message::new("net-large-upload-explain")
                        .arg("name", &subject)
                        .arg("mib", &mib),
                ),
                Some(e()),
            );
        }
        let unresolved = f.sni.is_none() && f.http_host.is_none() && f.dns_name.is_none();
        if unresolved && has_data && !f.dns && matches!(f.proto, Proto::Tcp | Proto::Udp) {
            let ip_s = server.to_string();
            self.findings.raise(
                Finding::new(
                    ids::UNRESOLVED_IP,
                    Severity::Low,
                    &ip_s,
                    Message::new("net-unresolved-ip-title").arg("ip", &ip_s),
                    Message::new("net-unresolved-ip-explain").arg("ip", &ip_s),
                ),
                Some(e()),
            );
        }
        if has_data
            && f.server.port >= 1024
            && !f.tls
            && !f.quic
            && f.http_host.is_none()
            && !f.dns
            && !KNOWN_HIGH_PORTS.contains(&f.server.port)
            && matches!(f.proto, Proto::Tcp | Proto::Udp)
        {
            self.findings.raise(
                Finding::new(
                    ids::NONSTANDARD_PORT,
                    Severity::Low,
                    &subject,
                    Message::new("net-nonstd-port-title")
                        .arg("name", &subject)
                        .arg("port", &port)
                        .arg("proto", f.proto.to_string()),
                    Message::new("net-nonstd-port-explain")
                        .arg("name", &subject)
                        .arg("port", &port),
                ),
                Some(e()),
            );
        }
        if f.tls && is_tor_like(f) {
            self.findings.raise(
                Finding::new(
                    ids::TOR,
                    Severity::Medium,
                    &subject,
                    Message::new("net-tor-title").arg("name", &subject),
                    Message::new("net-tor-explain").arg("name", &subject),
                ),
                Some(e()),
            );
        }
        if has_data
            && (self.destinations.len() < MAX_DESTINATIONS
                || self.destinations.contains_key(&subject))
        {
            let d = self.destinations.entry(subject).or_default();
            if d.starts.len() < MAX_STARTS {
                d.starts.push(f.first_ts);
            }
            let ev = e();
            if d.first.is_none() {
                d.first = Some(ev.clone());
            }
            d.last = Some(ev);
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
        let mut dests: Vec<(&String, &Destination)> = self.destinations.iter().collect();
        dests.sort_by(|a, b| a.0.cmp(b.0));
        for (name, d) in dests {
            if let Some(period) = beacon_period(&d.starts, &self.thresholds) {
                let p = format!("{period:.0}");
                let n = d.starts.len().to_string();
                let mut f = Finding {
                    rule: ids::BEACONING.to_owned(),
                    severity: Severity::Medium,
                    title: Message::new("net-beaconing-title")
                        .arg("name", name)
                        .arg("seconds", &p),
                    explanation: Message::new("net-beaconing-explain")
                        .arg("name", name)
                        .arg("seconds", &p)
                        .arg("count", &n),
                    subject: name.clone(),
                    indicator: None,
                    evidence: vec![],
                    occurrences: 0,
                };
                f.add_occurrence(d.first.clone());
                f.add_occurrence(d.last.clone());
                f.occurrences = d.starts.len() as u64;
                out.push(f);
            }
        }
        out
    }
}

/// The period of regular connections, if the start times are regular enough.
fn beacon_period(starts: &[Timestamp], t: &Thresholds) -> Option<f64> {
    if starts.len() < t.beacon_min_connections {
        return None;
    }
    let mut s: Vec<f64> = starts.iter().map(|t| t.as_secs_f64()).collect();
    s.sort_by(f64::total_cmp);
    let gaps: Vec<f64> = s.windows(2).map(|w| w[1] - w[0]).collect();
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    if mean < t.beacon_min_interval_s {
        return None;
    }
    let var = gaps.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / gaps.len() as f64;
    (var.sqrt() / mean <= t.beacon_max_variation).then_some(mean)
}

/// Tor relays present random `www.<random>.net` certificates issued by a random
/// `www.<random>.com` name with no organisation, and clients send random `www.*.com` SNIs.
fn is_tor_like(f: &FlowSummary) -> bool {
    let random_www = |n: &str, tlds: &[&str]| {
        let Some(rest) = n.strip_prefix("www.") else {
            return false;
        };
        let Some((label, tld)) = rest.split_once('.') else {
            return false;
        };
        tlds.contains(&tld)
            && label.len() >= 8
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
    };
    let cert_tor = f.cert.as_ref().is_some_and(|c| {
        c.issuer_org.is_none()
            && c.common_name
                .as_deref()
                .is_some_and(|cn| random_www(cn, &["net"]))
            && c.issuer_cn
                .as_deref()
                .is_some_and(|i| random_www(i, &["com", "net"]))
            && c.common_name != c.issuer_cn
    });
    let sni_random = f
        .sni
        .as_deref()
        .is_some_and(|s| random_www(s, &["com", "net"]));
    let tor_port = matches!(f.server.port, 9001 | 9030 | 9050 | 9150);
    cert_tor || (sni_random && tor_port)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses() {
        assert!(is_public("8.8.8.8".parse().expect("ip")));
        assert!(!is_public("192.168.1.1".parse().expect("ip")));
        assert!(!is_public("100.64.0.1".parse().expect("ip")));
        assert!(!is_public("fe80::1".parse().expect("ip")));
        assert!(is_public("2a00:1450::1".parse().expect("ip")));
        assert!(!is_public("::ffff:10.0.0.1".parse().expect("ip")));
    }

    fn cert(cn: &str, issuer_cn: &str, issuer_org: Option<&str>) -> crate::cert::CertInfo {
        crate::cert::CertInfo {
            subject: format!("CN={cn}"),
            issuer: format!("CN={issuer_cn}"),
            common_name: Some(cn.into()),
            issuer_org: issuer_org.map(str::to_owned),
            issuer_cn: Some(issuer_cn.into()),
            sans: vec![],
            not_before: None,
            not_after: None,
            sha1: String::new(),
            sha256: String::new(),
            self_signed: false,
        }
    }

    #[test]
    fn tor_link_certificates_and_not_ordinary_ones() {
        let mut f = FlowSummary {
            tls: true,
            sni: Some("www.qx7bcdkfpe.com".into()),
            ..FlowSummary::default()
        };
        f.cert = Some(cert("www.m3ahsdklqe.net", "www.zz4kjdwqpaer.com", None));
        assert!(is_tor_like(&f));
        // A real site with an eight-letter name and a certificate from a real CA.
        f.sni = Some("www.lilawelt.net".into());
        f.cert = Some(cert(
            "www.lilawelt.net",
            "StartCom Class 1 Primary Intermediate Server CA",
            Some("StartCom Ltd."),
        ));
        assert!(!is_tor_like(&f));
        f.cert = None;
        f.sni = Some("www.abcdefghij.com".into());
        f.server.port = 9001;
        assert!(is_tor_like(&f));
    }

    #[test]
    fn beacons() {
        let t = Thresholds::default();
        let regular: Vec<Timestamp> = (0..8)
            .map(|i| Timestamp::from_secs_nanos(100 + i * 60, 0))
            .collect();
        assert_eq!(beacon_period(&regular, &t).map(|p| p.round()), Some(60.0));
        let irregular: Vec<Timestamp> = [0, 5, 90, 95, 400, 410, 900]
            .iter()
            .map(|s| Timestamp::from_secs_nanos(*s, 0))
            .collect();
        assert!(beacon_period(&irregular, &t).is_none());
        assert!(beacon_period(&regular[..3], &t).is_none());
    }
}
