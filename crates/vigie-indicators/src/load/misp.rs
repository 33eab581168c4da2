//! MISP events (JSON): attributes and objects (such as `android-app`) with typed values.

use crate::model::{IndicatorKind, IndicatorRole};
use crate::set::IndicatorSet;
use serde_json::Value;
use vigie_core::ThreatCategory;

/// Attribute types that carry no indicator (names, links, comments): read silently.
const METADATA_TYPES: &[&str] = &[
    "link", "comment", "text", "other", "datetime", "counter", "float", "boolean",
];

fn kind_of(ty: &str, relation: &str) -> Option<IndicatorKind> {
    Some(match ty {
        "domain" | "hostname" => IndicatorKind::Domain,
        "ip-dst" | "ip-src" | "ip" => IndicatorKind::Ipv4,
        "url" | "uri" | "link-url" => IndicatorKind::Url,
        "email" | "email-src" | "email-dst" => IndicatorKind::Email,
        "md5" => IndicatorKind::FileMd5,
        "sha1" if relation == "certificate" => IndicatorKind::AppCertSha1,
        "sha256" if relation == "certificate" => IndicatorKind::AppCertSha256,
        "sha1" => IndicatorKind::FileSha1,
        "sha256" => IndicatorKind::FileSha256,
        "x509-fingerprint-sha1" => IndicatorKind::X509Sha1,
        "x509-fingerprint-sha256" => IndicatorKind::X509Sha256,
        "x509-fingerprint-md5" => IndicatorKind::X509Md5,
        "text" if relation == "appid" => IndicatorKind::AppId,
        "filename" => IndicatorKind::FileName,
        "mobile-application-id" => IndicatorKind::AppId,
        _ => return None,
    })
}

fn add_attribute(
    set: &mut IndicatorSet,
    src: usize,
    a: &Value,
    app: Option<&str>,
    category: ThreatCategory,
) {
    let ty = a.get("type").and_then(Value::as_str).unwrap_or_default();
    let relation = a
        .get("object_relation")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Some(value) = a.get("value").and_then(Value::as_str) else {
        return;
    };
    if let Some(kind) = kind_of(ty, relation) {
        let role = match kind {
            IndicatorKind::Domain | IndicatorKind::Ipv4 | IndicatorKind::Url => IndicatorRole::C2,
            _ => IndicatorRole::Indicator,
        };
        set.add(kind, value, role, app, category, src);
    } else if let Some((first, second)) = ty.split_once('|') {
        // Composite attributes: "domain|ip", "ip-dst|port", "filename|sha256".
        let mut parts = value.splitn(2, '|');
        let (v1, v2) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        for (t, v) in [(first, v1), (second, v2)] {
            if let Some(kind) = kind_of(t, relation) {
                set.add(kind, v, IndicatorRole::C2, app, category, src);
            }
        }
    } else if !METADATA_TYPES.contains(&ty) {
        set.add_unsupported(
            src,
            &format!("{ty}: {value}"),
            "MISP attribute type not supported",
        );
    }
}

pub(crate) fn load(set: &mut IndicatorSet, src: usize, text: &str) -> Result<(), String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let event = doc.get("Event").unwrap_or(&doc);
    if !event.is_object() {
        return Err("expected a MISP event object".into());
    }
    let mentions_stalkerware =
        |v: &Value| v.to_string().to_ascii_lowercase().contains("stalkerware");
    let category = if event.get("info").is_some_and(mentions_stalkerware)
        || event.get("Attribute").is_some_and(mentions_stalkerware)
        || event.get("Tag").is_some_and(mentions_stalkerware)
    {
        ThreatCategory::Stalkerware
    } else {
        ThreatCategory::Spyware
    };
    for a in event
        .get("Attribute")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        add_attribute(set, src, a, None, category);
    }
    for o in event
        .get("Object")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let attrs: Vec<&Value> = o
            .get("Attribute")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .collect();
        let app = attrs
            .iter()
            .find(|a| a.get("object_relation").and_then(Value::as_str) == Some("name"))
            .and_then(|a| a.get("value").and_then(Value::as_str))
            .map(str::to_owned);
        for a in attrs {
            add_attribute(set, src, a, app.as_deref(), category);
        }
    }
    Ok(())
}
