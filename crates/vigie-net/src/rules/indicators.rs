//! Indicator matches: every name, address, URL and certificate observed, against the
//! indicator feeds. The most serious match is reported, with the indicator and its source.

use super::finding::{explaining, finding};
use super::ids;
use crate::cert::CertInfo;
use std::net::IpAddr;
use vigie_core::{Evidence, Finding, FindingSet, Severity, ThreatCategory};
use vigie_indicators::{Indicator, IndicatorKind, IndicatorRole, IndicatorSet};

/// How serious a match is: watchware less than spyware, a product's website or download
/// page less than the servers it reports to.
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

/// The finding of `rule` on `subject` for the indicator `ind`: both messages get the
/// indicator's app (or its value) as `app`, with `args`.
fn matched(
    iocs: &IndicatorSet,
    ind: &Indicator,
    rule: &str,
    severity: Severity,
    subject: &str,
    args: &[(&str, &str)],
) -> Finding {
    let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
    let mut args = args.to_vec();
    args.push(("app", &app));
    finding(rule, severity, subject, &args).with_indicator(Some(iocs.reference(ind)))
}

/// The severity of the most serious domain indicator matching `name`, if any.
pub(super) fn domain_severity(iocs: &IndicatorSet, name: &str) -> Option<Severity> {
    best(&iocs.match_domain(name)).map(severity_for)
}

/// Domain indicators on a name seen `how` (`dns`, `tls`, `quic`, `http`, `cert`,
/// `connection`).
pub(super) fn domain(
    iocs: &IndicatorSet,
    findings: &mut FindingSet,
    name: &str,
    how: &str,
    evidence: &dyn Fn() -> Evidence,
) {
    let matches = iocs.match_domain(name);
    let Some(ind) = best(&matches) else { return };
    let role = match ind.role {
        IndicatorRole::Website => "website",
        IndicatorRole::Distribution => "distribution",
        _ => "server",
    };
    let args = [
        ("name", name),
        ("category", ind.category.as_str()),
        ("role", role),
    ];
    let f = matched(iocs, ind, ids::IOC_DOMAIN, severity_for(ind), name, &args);
    findings.raise(explaining(f, "how", how), Some(evidence()));
}

/// IP and network indicators on an address seen `how`.
pub(super) fn ip(
    iocs: &IndicatorSet,
    findings: &mut FindingSet,
    ip: IpAddr,
    how: &str,
    evidence: &dyn Fn() -> Evidence,
) {
    let matches = iocs.match_ip(ip);
    let Some(ind) = best(&matches) else { return };
    let ip = ip.to_string();
    let args = [("ip", ip.as_str()), ("category", ind.category.as_str())];
    let f = matched(iocs, ind, ids::IOC_IP, severity_for(ind), &ip, &args);
    findings.raise(explaining(f, "how", how), Some(evidence()));
}

/// URL indicators on an HTTP request's URL.
pub(super) fn url(
    iocs: &IndicatorSet,
    findings: &mut FindingSet,
    url: &str,
    evidence: &dyn Fn() -> Evidence,
) {
    let matches = iocs.match_url(url);
    let Some(ind) = best(&matches) else { return };
    let f = matched(
        iocs,
        ind,
        ids::IOC_URL,
        severity_for(ind),
        url,
        &[("url", url)],
    );
    findings.raise(f, Some(evidence()));
}

/// Certificate-hash indicators on a server certificate named `label`.
pub(super) fn certificate(
    iocs: &IndicatorSet,
    findings: &mut FindingSet,
    label: &str,
    cert: &CertInfo,
    evidence: &dyn Fn() -> Evidence,
) {
    for (kind, hash) in [
        (IndicatorKind::X509Sha1, &cert.sha1),
        (IndicatorKind::X509Sha256, &cert.sha256),
    ] {
        let matches = iocs.match_exact(kind, hash);
        if let Some(ind) = best(&matches) {
            let f = matched(
                iocs,
                ind,
                ids::IOC_CERT,
                Severity::High,
                hash,
                &[("name", label)],
            );
            findings.raise(f, Some(evidence()));
        }
    }
}
