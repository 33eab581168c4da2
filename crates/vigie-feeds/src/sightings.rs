//! Anonymous sightings for the organisation's statistics (opt-in): which indicator matched, on
//! which day, in which department. Never a case reference, a device identifier, an address of
//! the device, a file name, a time of day, or anything about the person.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use vigie_core::{Evidence, Finding};

/// One anonymous sighting.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sighting {
    /// Indicator kind (`domain`, `ipv4`, ...).
    pub kind: String,
    /// Indicator value.
    pub value: String,
    /// The app or campaign the indicator belongs to.
    pub app: Option<String>,
    /// The day it was seen (`YYYY-MM-DD`, UTC).
    pub day: String,
    /// The station's department (or region).
    pub department: String,
}

impl Sighting {
    /// Seconds since the epoch at the start of the sighting's day (UTC).
    pub fn day_start_unix(&self) -> Option<i64> {
        let mut parts = self.day.splitn(3, '-').map(|p| p.parse::<i64>().ok());
        let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some((era * 146_097 + doe - 719_468) * 86_400)
    }
}

/// The sightings of a verdict's findings: one per matched indicator and day.
pub fn sightings_from_findings(findings: &[Finding], department: &str) -> Vec<Sighting> {
    let mut out = BTreeSet::new();
    for f in findings {
        let Some(ind) = &f.indicator else { continue };
        let day = f.evidence.iter().find_map(|e| match e {
            Evidence::Packets { first_ts, .. } => Some(first_ts.to_string()[..10].to_owned()),
            _ => None,
        });
        let Some(day) = day else { continue };
        out.insert(Sighting {
            kind: ind.kind.clone(),
            value: ind.value.clone(),
            app: ind.app.clone(),
            day,
            department: department.to_owned(),
        });
    }
    out.into_iter().collect()
}

/// A STIX id derived from content, so that the same sighting sent twice is one object.
fn stix_id(kind: &str, seed: &str) -> String {
    let h = Sha256::digest(seed.as_bytes());
    let x: String = h.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "{kind}--{}-{}-4{}-8{}-{}",
        &x[..8],
        &x[8..12],
        &x[13..16],
        &x[17..20],
        &x[20..32]
    )
}

fn pattern(kind: &str, value: &str) -> Option<String> {
    let path = match kind {
        "domain" => "domain-name:value",
        "ipv4" => "ipv4-addr:value",
        "ipv6" => "ipv6-addr:value",
        "url" => "url:value",
        "x509_sha1" => "x509-certificate:hashes.'SHA-1'",
        "x509_sha256" => "x509-certificate:hashes.'SHA-256'",
        "app_id" => "app:id",
        _ => return None,
    };
    Some(format!(
        "[{path} = '{}']",
        value.replace('\\', "\\\\").replace('\'', "\\'")
    ))
}

/// STIX 2.1 objects for the sightings: each indicator and its sighting.
pub fn sightings_stix_objects(sightings: &[Sighting]) -> Vec<Value> {
    let mut out = vec![];
    for s in sightings {
        let Some(pattern) = pattern(&s.kind, &s.value) else {
            continue;
        };
        let day = format!("{}T00:00:00.000Z", s.day);
        let indicator = stix_id("indicator", &format!("{}|{}", s.kind, s.value));
        out.push(json!({
            "type": "indicator", "spec_version": "2.1", "id": indicator,
            "created": day, "modified": day, "valid_from": day,
            "pattern": pattern, "pattern_type": "stix",
            "name": s.app.clone().unwrap_or_else(|| s.value.clone()),
        }));
        out.push(json!({
            "type": "sighting", "spec_version": "2.1",
            "id": stix_id("sighting", &format!("{indicator}|{}|{}", s.day, s.department)),
            "created": day, "modified": day, "first_seen": day, "last_seen": day,
            "sighting_of_ref": indicator, "count": 1,
            "x_vigie_department": s.department,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::{IndicatorRef, Message, Severity, ThreatCategory, Timestamp};

    #[test]
    fn sightings_carry_nothing_about_the_person() {
        let f = Finding {
            rule: "NET-IOC-DOMAIN".into(),
            severity: Severity::High,
            title: Message::new("t"),
            explanation: Message::new("e"),
            subject: "a.spy.example".into(),
            indicator: Some(IndicatorRef {
                value: "spy.example".into(),
                kind: "domain".into(),
                app: Some("Spy".into()),
                source: "feed".into(),
                category: ThreatCategory::Stalkerware,
            }),
            evidence: vec![Evidence::Packets {
                source: "/cases/complaint-123/phone.pcap".into(),
                first_frame: 7,
                last_frame: 9,
                first_ts: Timestamp::from_secs_nanos(1_760_000_123, 0),
                last_ts: Timestamp::from_secs_nanos(1_760_000_200, 0),
                flow: "tcp 192.168.1.20:5000 -> 203.0.113.9:443".into(),
                packets: 3,
                bytes_up: 10,
                bytes_down: 20,
                detail: "tls_sni a.spy.example".into(),
            }],
            occurrences: 1,
        };
        let s = sightings_from_findings(&[f.clone(), f], "75");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].day, "2025-10-09");
        let objects = serde_json::to_string(&sightings_stix_objects(&s)).expect("json");
        for private in [
            "complaint-123",
            "192.168.1.20",
            "a.spy.example",
            "phone.pcap",
            "08:",
        ] {
            assert!(!objects.contains(private), "{private} leaked: {objects}");
        }
        assert!(objects.contains("[domain-name:value = 'spy.example']"));
        assert!(objects.contains("\"x_vigie_department\":\"75\""));
        assert_eq!(sightings_stix_objects(&s), sightings_stix_objects(&s));
        assert_eq!(s[0].day_start_unix(), Some(1_759_968_000));
    }
}
