//! Heuristics in the spirit of TinyCheck's and SpyGuard's: names under dynamic-DNS providers
//! or abused top-level domains, encrypted DNS, self-signed, free or IP-address certificates,
//! TLS or HTTP on unusual ports, plain-HTTP uploads, large uploads, addresses never resolved,
//! unknown protocols on high ports, Tor. The platforms' own services (the allow-list) raise
//! no heuristic alarm.

use super::finding::finding;
use super::ids;
use super::thresholds::Thresholds;
use crate::cert::CertInfo;
use crate::lists::{HeuristicLists, SuffixSet};
use crate::observation::{FlowSummary, Proto};
use std::net::IpAddr;
use vigie_core::{Evidence, Finding, FindingSet, IndicatorRef, Severity};
use vigie_indicators::{IndicatorKind, IndicatorSet};

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

/// The heuristics, with their lists and thresholds.
#[derive(Debug)]
pub(super) struct Heuristics {
    lists: HeuristicLists,
    /// The thresholds they apply.
    pub(super) thresholds: Thresholds,
}

impl Heuristics {
    /// Heuristics over `lists` with `thresholds`.
    pub(super) fn new(lists: HeuristicLists, thresholds: Thresholds) -> Self {
        Heuristics { lists, thresholds }
    }

    /// Whether `name` is a news, media, weather or sport service (whose apps poll).
    pub(super) fn media(&self, name: &str) -> bool {
        self.lists.media.contains(name)
    }

    /// Whether `name` is one of the platforms' own services.
    pub(super) fn allowed(&self, name: &str) -> bool {
        self.lists.allow.contains(name)
    }

    /// Encrypted DNS, dynamic DNS and abused top-level domains, on a name seen in the traffic.
    pub(super) fn name(
        &self,
        iocs: &IndicatorSet,
        findings: &mut FindingSet,
        name: &str,
        evidence: &dyn Fn() -> Evidence,
    ) {
        if self.allowed(name) {
            return;
        }
        if let Some(provider) = self.lists.doh.covering(name) {
            let f = finding(
                ids::ENCRYPTED_DNS,
                Severity::Info,
                provider,
                &[("name", provider)],
            );
            findings.raise(f, Some(evidence()));
            return;
        }
        let dyndns = listed(iocs, &self.lists.dyndns, IndicatorKind::DynamicDns, name);
        if let Some((provider, ind)) = dyndns {
            let args = [("name", name), ("provider", provider.as_str())];
            let f = finding(ids::DYNDNS, Severity::Medium, name, &args).with_indicator(ind);
            findings.raise(f, Some(evidence()));
            return;
        }
        let tld = listed(iocs, &self.lists.tlds, IndicatorKind::SuspiciousTld, name);
        if let Some((tld, ind)) = tld.filter(|(tld, _)| tld != name) {
            let args = [("name", name), ("tld", tld.as_str())];
            let f = finding(ids::SUSPICIOUS_TLD, Severity::Low, name, &args).with_indicator(ind);
            findings.raise(f, Some(evidence()));
        }
    }

    /// Self-signed, free and IP-address certificates, for a server certificate named `label`
    /// and issued for `names`.
    pub(super) fn certificate(
        &self,
        findings: &mut FindingSet,
        label: &str,
        names: &[String],
        cert: &CertInfo,
        evidence: &dyn Fn() -> Evidence,
    ) {
        if names
            .iter()
            .any(|n| self.allowed(n.trim_start_matches("*.")))
        {
            return;
        }
        let mut raise = |f: Finding| findings.raise(f, Some(evidence()));
        let free_ca = cert
            .issuer_org
            .as_deref()
            .filter(|o| self.lists.free_cas.iter().any(|c| c == o));
        if cert.self_signed {
            raise(finding(
                ids::TLS_SELF_SIGNED,
                Severity::Medium,
                label,
                &[("name", label)],
            ));
        } else if let Some(org) = free_ca {
            let args = [("name", label), ("issuer", org)];
            raise(finding(ids::TLS_FREE_CERT, Severity::Low, label, &args));
        }
        if !names.is_empty() && names.iter().all(|n| n.parse::<IpAddr>().is_ok()) {
            raise(finding(
                ids::TLS_IP_CERT,
                Severity::Low,
                label,
                &[("name", label)],
            ));
        }
    }

    /// The heuristics on a flow to a public server that is not allow-listed, named `subject`.
    pub(super) fn flow(
        &self,
        findings: &mut FindingSet,
        f: &FlowSummary,
        subject: &str,
        evidence: &dyn Fn() -> Evidence,
    ) {
        let port = f.server.port.to_string();
        let mut raised = self.protocols(f, subject, &port);
        raised.extend(self.traffic(f, subject, &port));
        for finding in raised {
            findings.raise(finding, Some(evidence()));
        }
    }

    /// What the flow's protocols and port say: encrypted DNS, TLS or HTTP where it is unusual,
    /// plain HTTP and its uploads.
    fn protocols(&self, f: &FlowSummary, subject: &str, port: &str) -> Vec<Finding> {
        let mut out = vec![];
        if matches!(f.proto, Proto::Tcp) && f.server.port == 853 && f.bytes_up > 0 {
            out.push(finding(
                ids::ENCRYPTED_DNS,
                Severity::Info,
                subject,
                &[("name", subject)],
            ));
        }
        if f.tls && !TLS_PORTS.contains(&f.server.port) && f.starttls.is_none() {
            let args = [("name", subject), ("port", port)];
            out.push(finding(
                ids::TLS_NONSTANDARD_PORT,
                Severity::Medium,
                subject,
                &args,
            ));
        }
        if let Some(host) = &f.http_host {
            out.extend(self.http(f, host, port));
        }
        out
    }

    /// What the flow's traffic says: a large upload, an address never resolved, an unknown
    /// protocol on a high port, Tor.
    fn traffic(&self, f: &FlowSummary, subject: &str, port: &str) -> Vec<Finding> {
        let mut out = vec![];
        let up = f.bytes_up;
        if up >= self.thresholds.large_upload_bytes && up > f.bytes_down.saturating_mul(2) {
            let mib = format!("{:.1}", up as f64 / 1_048_576.0);
            let args = [("name", subject), ("mib", mib.as_str())];
            out.push(finding(ids::LARGE_UPLOAD, Severity::Medium, subject, &args));
        }
        let has_data = f.bytes_up + f.bytes_down > 0;
        let tcp_or_udp = matches!(f.proto, Proto::Tcp | Proto::Udp);
        let unresolved = f.sni.is_none() && f.http_host.is_none() && f.dns_name.is_none();
        if unresolved && has_data && !f.dns && tcp_or_udp {
            let ip = f.server.ip.to_string();
            out.push(finding(
                ids::UNRESOLVED_IP,
                Severity::Low,
                &ip,
                &[("ip", ip.as_str())],
            ));
        }
        let known = f.tls || f.quic || f.http_host.is_some() || f.dns;
        let high = f.server.port >= 1024 && !KNOWN_HIGH_PORTS.contains(&f.server.port);
        if has_data && high && !known && tcp_or_udp {
            let args = [("name", subject), ("port", port)];
            let mut unknown = finding(ids::NONSTANDARD_PORT, Severity::Low, subject, &args);
            unknown
                .title
                .args
                .insert("proto".into(), f.proto.to_string());
            out.push(unknown);
        }
        if f.tls && is_tor_like(f) {
            out.push(finding(
                ids::TOR,
                Severity::Medium,
                subject,
                &[("name", subject)],
            ));
        }
        out
    }

    /// Plain HTTP to `host` on the flow's `port`: on a port of its own or not, and uploads.
    fn http(&self, f: &FlowSummary, host: &str, port: &str) -> Vec<Finding> {
        let mut out = vec![if HTTP_PORTS.contains(&f.server.port) {
            finding(ids::HTTP_PLAIN, Severity::Low, host, &[("name", host)])
        } else {
            let args = [("name", host), ("port", port)];
            finding(ids::HTTP_NONSTANDARD_PORT, Severity::Medium, host, &args)
        }];
        if f.http_methods.iter().any(|m| m == "POST" || m == "PUT")
            && f.bytes_up >= self.thresholds.http_upload_bytes
        {
            let kib = (f.bytes_up / 1024).to_string();
            let args = [("name", host), ("kib", kib.as_str())];
            out.push(finding(ids::HTTP_UPLOAD, Severity::Medium, host, &args));
        }
        out
    }
}

/// The entry of a built-in list, or else of the feeds' names of `kind`, covering `name`; with
/// the feeds' indicator, if one matched.
fn listed(
    iocs: &IndicatorSet,
    list: &SuffixSet,
    kind: IndicatorKind,
    name: &str,
) -> Option<(String, Option<IndicatorRef>)> {
    let feed = iocs.match_name_list(name, kind);
    let entry = list
        .covering(name)
        .map(str::to_owned)
        .or_else(|| feed.first().map(|i| i.value.clone()))?;
    Some((entry, feed.first().map(|i| iocs.reference(i))))
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

    fn cert(cn: &str, issuer_cn: &str, issuer_org: Option<&str>) -> CertInfo {
        CertInfo {
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
}
