//! Echap's `ioc.yaml` / `watchware.yaml` schema: one entry per app with its names, type,
//! packages, signing certificates, websites, distribution sites and C2 servers.

use crate::model::{IndicatorKind, IndicatorRole};
use crate::set::IndicatorSet;
use serde_yaml_ng::{Mapping, Value};
use vigie_core::ThreatCategory;

/// Credit required by the feed's licence.
pub(crate) const CREDIT: &str = "Echap — stalkerware-indicators (CC-BY 4.0)";

/// The strings (or numbers) of a list or of a single value.
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

/// The list fields of an app entry: key, kind of indicator and role.
const LIST_FIELDS: &[(&str, IndicatorKind, IndicatorRole)] = &[
    ("packages", IndicatorKind::AppId, IndicatorRole::Indicator),
    (
        "ios_bundles",
        IndicatorKind::AppId,
        IndicatorRole::Indicator,
    ),
    (
        "certificates",
        IndicatorKind::AppCertSha1,
        IndicatorRole::Indicator,
    ),
    ("websites", IndicatorKind::Domain, IndicatorRole::Website),
    (
        "distribution",
        IndicatorKind::Domain,
        IndicatorRole::Distribution,
    ),
    (
        "certificate_organizations",
        IndicatorKind::AppCertOrganization,
        IndicatorRole::Indicator,
    ),
    (
        "certificate_cname_re",
        IndicatorKind::AppCertCommonNamePattern,
        IndicatorRole::Indicator,
    ),
];

/// The other keys of an app entry that are read; any other key is reported as unsupported.
const OTHER_KEYS: &[&str] = &["name", "names", "type", "c2"];

/// Loads an Echap YAML feed (`file_name` tells a watchware list from a stalkerware one).
pub(crate) fn load(
    set: &mut IndicatorSet,
    src: usize,
    text: &str,
    file_name: &str,
) -> Result<(), String> {
    let doc: Value = super::yaml::parse(text)?;
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
        load_app(set, src, map, default_category);
    }
    Ok(())
}

/// One app entry: its indicators, and what of it is not read.
fn load_app(set: &mut IndicatorSet, src: usize, map: &Mapping, default_category: ThreatCategory) {
    let get = |k: &str| map.get(Value::String(k.to_owned()));
    let Some(name) = get("name").and_then(Value::as_str).map(str::trim) else {
        set.add_unsupported(
            src,
            &format!("{:?}", map.keys().next()),
            "app entry without a name",
        );
        return;
    };
    let category = match get("type").and_then(Value::as_str) {
        Some("watchware") => ThreatCategory::Watchware,
        Some("stalkerware") => ThreatCategory::Stalkerware,
        _ => default_category,
    };
    let add = |set: &mut IndicatorSet, kind, role, values: Vec<String>| {
        for v in values {
            set.add(kind, &v, role, Some(name), category, src);
        }
    };
    for (key, kind, role) in LIST_FIELDS {
        add(set, *kind, *role, strings(get(key)));
    }
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
        if !OTHER_KEYS.contains(&key) && !LIST_FIELDS.iter().any(|(f, _, _)| *f == key) {
            set.add_unsupported(
                src,
                &format!("{name}: {key}"),
                "unknown field in the Echap schema",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeedFormat, Source};

    #[test]
    fn reads_apps_and_reports_unknown_fields() {
        let yaml = "- name : Spy\n  names: [Spy, SpyPro]\n  type: stalkerware\n  packages: [com.spy]\n  certificates: [AABB]\n  websites: [spy.com]\n  c2:\n    ip: [1.2.3.4]\n    domains: [c2.spy.net]\n  color: blue\n- name: Watch\n  type: watchware\n  c2:\n    ips: ['2001:db8::1']\n";
        let mut set = IndicatorSet::new();
        let src = set.add_source(Source::for_test("t", FeedFormat::EchapYaml));
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
