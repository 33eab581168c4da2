//! Echap's `ioc.yaml` / `watchware.yaml` schema: one entry per app with its names, type,
//! packages, signing certificates, websites, distribution sites and C2 servers.

use crate::{IndicatorKind, IndicatorRole, IndicatorSet};
use serde_yaml_ng::Value;
use vigie_core::ThreatCategory;

/// Credit required by the feed's licence.
pub(crate) const CREDIT: &str = "Echap — stalkerware-indicators (CC-BY 4.0)";

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

/// Keys of an app entry that are read; any other key is reported as unsupported.
const KNOWN_KEYS: &[&str] = &[
    "name",
    "names",
    "type",
    "packages",
    "ios_bundles",
    "certificates",
    "websites",
    "distribution",
    "c2",
    "certificate_organizations",
    "certificate_cname_re",
];

pub(crate) fn load(
    set: &mut IndicatorSet,
    src: usize,
    text: &str,
    file_name: &str,
) -> Result<(), String> {
    let doc: Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    let Value::Sequence(apps) = doc else {
        return Err("expected a list of apps".into());
    };
    let default_category = if file_name.to_ascii_lowercase().contains("watchware") {
        ThreatCategory::Watchware
    } else {
        ThreatCategory::Stalkerware
    };
    for app in &apps {
        let Value::Mapping(map) = app else {
            set.add_unsupported(src, &format!("{app:?}"), "entry is not a mapping");
            continue;
        };
        let get = |k: &str| map.get(Value::String(k.to_owned()));
        let Some(name) = get("name").and_then(Value::as_str).map(str::trim) else {
            set.add_unsupported(
                src,
                &format!("{:?}", map.keys().next()),
                "app entry without a name",
            );
            continue;
        };
        let category = match get("type").and_then(Value::as_str) {
            Some("watchware") => ThreatCategory::Watchware,
            Some("stalkerware") => ThreatCategory::Stalkerware,
            _ => default_category,
        };
        let app_name = Some(name);
        let add = |set: &mut IndicatorSet, kind, role, vals: Vec<String>| {
            for v in vals {
                set.add(kind, &v, role, app_name, category, src);
            }
        };
        add(
            set,
            IndicatorKind::AppId,
            IndicatorRole::Indicator,
            strings(get("packages")),
        );
        add(
            set,
            IndicatorKind::AppId,
            IndicatorRole::Indicator,
            strings(get("ios_bundles")),
        );
        add(
            set,
            IndicatorKind::AppCertSha1,
            IndicatorRole::Indicator,
            strings(get("certificates")),
        );
        add(
            set,
            IndicatorKind::Domain,
            IndicatorRole::Website,
            strings(get("websites")),
        );
        add(
            set,
            IndicatorKind::Domain,
            IndicatorRole::Distribution,
            strings(get("distribution")),
        );
        add(
            set,
            IndicatorKind::AppCertOrganization,
            IndicatorRole::Indicator,
            strings(get("certificate_organizations")),
        );
        add(
            set,
            IndicatorKind::AppCertCommonNamePattern,
            IndicatorRole::Indicator,
            strings(get("certificate_cname_re")),
        );
        if let Some(Value::Mapping(c2)) = get("c2") {
            for (k, v) in c2 {
                match k.as_str() {
                    Some("ips") | Some("ip") => add(
                        set,
                        IndicatorKind::Ipv4,
                        IndicatorRole::C2,
                        strings(Some(v)),
                    ),
                    Some("domains") | Some("domain") => add(
                        set,
                        IndicatorKind::Domain,
                        IndicatorRole::C2,
                        strings(Some(v)),
                    ),
                    other => set.add_unsupported(
                        src,
                        &format!("{name}: c2.{}", other.unwrap_or("?")),
                        "unknown C2 field",
                    ),
                }
            }
        }
        for k in map.keys() {
            let key = k.as_str().unwrap_or_default();
            if !KNOWN_KEYS.contains(&key) {
                set.add_unsupported(
                    src,
                    &format!("{name}: {key}"),
                    "unknown field in the Echap schema",
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FeedFormat, Source};

    #[test]
    fn reads_apps_and_reports_unknown_fields() {
        let yaml = "- name : Spy\n  names: [Spy, SpyPro]\n  type: stalkerware\n  packages: [com.spy]\n  certificates: [AABB]\n  websites: [spy.com]\n  c2:\n    ip: [1.2.3.4]\n    domains: [c2.spy.net]\n  color: blue\n- name: Watch\n  type: watchware\n  c2:\n    ips: ['2001:db8::1']\n";
        let mut set = IndicatorSet::new();
        let src = set.add_source(Source {
            name: "t".into(),
            path: "t".into(),
            format: FeedFormat::EchapYaml,
            sha256: String::new(),
        });
        load(&mut set, src, yaml, "ioc.yaml").expect("valid yaml");
        assert_eq!(set.len(), 6);
        let c2 = set.match_domain("x.c2.spy.net");
        assert_eq!(c2[0].role, IndicatorRole::C2);
        assert_eq!(c2[0].app.as_deref(), Some("Spy"));
        let w = set.match_ip("2001:db8::1".parse().expect("ip"));
        assert_eq!(w[0].category, ThreatCategory::Watchware);
        assert_eq!(set.unsupported().len(), 1);
        assert!(set.unsupported()[0].entry.contains("color"));
    }
}
