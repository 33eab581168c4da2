//! TinyCheck's JSON import format: `{"iocs": [{"type", "tag", "tlp", "value"}]}`.

use crate::model::{IndicatorKind, IndicatorRole};
use crate::set::IndicatorSet;
use serde_json::Value;
use vigie_core::ThreatCategory;

pub(crate) fn load(set: &mut IndicatorSet, src: usize, text: &str) -> Result<(), String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let iocs = doc
        .get("iocs")
        .and_then(Value::as_array)
        .ok_or("no \"iocs\" array")?;
    for ioc in iocs {
        let ty = ioc.get("type").and_then(Value::as_str).unwrap_or_default();
        let tag = ioc.get("tag").and_then(Value::as_str).unwrap_or_default();
        let Some(value) = ioc.get("value").and_then(Value::as_str) else {
            set.add_unsupported(src, &ioc.to_string(), "entry without a value");
            continue;
        };
        let category = match tag.to_ascii_lowercase().as_str() {
            "stalkerware" => ThreatCategory::Stalkerware,
            "tracker" | "watchware" => ThreatCategory::Watchware,
            _ => ThreatCategory::Spyware,
        };
        let kind = match ty {
            "domain" => IndicatorKind::Domain,
            "ip4addr" => IndicatorKind::Ipv4,
            "ip6addr" => IndicatorKind::Ipv6,
            "cidr" => IndicatorKind::Cidr,
            "sha1cert" => IndicatorKind::X509Sha1,
            "freedns" => IndicatorKind::DynamicDns,
            "tld" => IndicatorKind::SuspiciousTld,
            "ns" => IndicatorKind::Nameserver,
            "jarm" => IndicatorKind::Jarm,
            other => {
                set.add_unsupported(
                    src,
                    &format!("{other}: {value}"),
                    "unknown TinyCheck indicator type",
                );
                continue;
            }
        };
        let role = if kind == IndicatorKind::Domain
            || kind == IndicatorKind::Ipv4
            || kind == IndicatorKind::Ipv6
        {
            IndicatorRole::C2
        } else {
            IndicatorRole::Indicator
        };
        set.add(kind, value, role, None, category, src);
    }
    Ok(())
}
