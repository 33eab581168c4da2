//! STIX 2.1 bundles as MVT and its indicator index publish them.
//!
//! Indicators are read from their `pattern`: one comparison (`[domain-name:value = 'x']`) or
//! several joined by `OR`, each becoming one indicator. The app or campaign is the malware
//! object the indicator "indicates". Patterns Vigie cannot evaluate (`AND`, `FOLLOWEDBY`,
//! operators other than `=`, unknown object paths) are reported as unsupported.

use crate::{IndicatorKind, IndicatorRole, IndicatorSet};
use serde_json::Value;
use std::collections::HashMap;
use vigie_core::ThreatCategory;

/// One `path = 'value'` comparison of a pattern.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Comparison {
    pub path: String,
    pub value: String,
}

/// Parses a STIX pattern into the comparisons joined by `OR`. Returns an error naming what is
/// not supported (other operators, `AND`, qualifiers).
pub(crate) fn parse_pattern(pattern: &str) -> Result<Vec<Comparison>, String> {
    let b = pattern.as_bytes();
    let mut i = 0;
    let mut out = vec![];
    let skip = |i: &mut usize| {
        while *i < b.len()
            && (b[*i].is_ascii_whitespace() || matches!(b[*i], b'[' | b']' | b'(' | b')'))
        {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        if i >= b.len() {
            break;
        }
        // Object path, possibly with quoted segments: file:hashes.'SHA-256'
        let start = i;
        while i < b.len()
            && !b[i].is_ascii_whitespace()
            && !matches!(b[i], b'=' | b'!' | b'<' | b'>')
        {
            if b[i] == b'\'' {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    i += 1;
                }
            }
            i += 1;
        }
        let path = pattern
            .get(start..i.min(b.len()))
            .unwrap_or_default()
            .to_owned();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let op_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'\'' {
            i += 1;
        }
        let op = pattern.get(op_start..i).unwrap_or_default();
        if op != "=" {
            return Err(format!("operator '{op}' is not supported"));
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'\'' {
            return Err("expected a quoted value".into());
        }
        i += 1;
        let mut value = String::new();
        let mut closed = false;
        let mut chars = pattern[i..].char_indices();
        while let Some((off, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                '\'' => {
                    i += off + 1;
                    closed = true;
                    break;
                }
                _ => value.push(c),
            }
        }
        if !closed {
            return Err("unterminated value".into());
        }
        out.push(Comparison { path, value });
        skip(&mut i);
        if i >= b.len() {
            break;
        }
        let rest = &pattern[i..];
        if let Some(r) = rest.strip_prefix("OR") {
            i = pattern.len() - r.len();
            continue;
        }
        let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        return Err(format!(
            "'{word}' is not supported (only OR-combined comparisons)"
        ));
    }
    if out.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(out)
}

/// Maps a STIX object path to an indicator kind.
pub(crate) fn kind_of_path(path: &str, value: &str) -> Option<IndicatorKind> {
    let p = path.to_ascii_lowercase().replace(['\'', '"'], "");
    let hash = |alg: &str| -> Option<&'static str> {
        match alg.replace('-', "").as_str() {
            "md5" => Some("md5"),
            "sha1" => Some("sha1"),
            "sha256" => Some("sha256"),
            _ => None,
        }
    };
    Some(match p.as_str() {
        "domain-name:value" => IndicatorKind::Domain,
        "url:value" => IndicatorKind::Url,
        "ipv4-addr:value" | "ipv6-addr:value" if value.contains('/') => IndicatorKind::Cidr,
        "ipv4-addr:value" => IndicatorKind::Ipv4,
        "ipv6-addr:value" => IndicatorKind::Ipv6,
        "email-addr:value" => IndicatorKind::Email,
        "process:name" => IndicatorKind::ProcessName,
        "app:id" => IndicatorKind::AppId,
        "file:name" => IndicatorKind::FileName,
        "file:path" => IndicatorKind::FilePath,
        "configuration-profile:id" => IndicatorKind::ConfigurationProfile,
        "android-property:name" => IndicatorKind::AndroidProperty,
        _ => {
            if let Some(alg) = p.strip_prefix("app:cert.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::AppCertMd5,
                    "sha1" => IndicatorKind::AppCertSha1,
                    _ => IndicatorKind::AppCertSha256,
                }
            } else if let Some(alg) = p.strip_prefix("file:hashes.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::FileMd5,
                    "sha1" => IndicatorKind::FileSha1,
                    _ => IndicatorKind::FileSha256,
                }
            } else if let Some(alg) = p.strip_prefix("x509-certificate:hashes.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::X509Md5,
                    "sha1" => IndicatorKind::X509Sha1,
                    _ => IndicatorKind::X509Sha256,
                }
            } else {
                return None;
            }
        }
    })
}

pub(crate) fn load(
    set: &mut IndicatorSet,
    src: usize,
    text: &str,
    index_name: Option<&str>,
) -> Result<(), String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let objects = doc
        .get("objects")
        .and_then(Value::as_array)
        .ok_or("no \"objects\" array")?;
    let mut malware: HashMap<&str, &str> = HashMap::new();
    let mut indicates: HashMap<&str, &str> = HashMap::new();
    for o in objects {
        let ty = o.get("type").and_then(Value::as_str).unwrap_or_default();
        let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
        match ty {
            "malware" | "tool" | "campaign" | "intrusion-set" => {
                if let Some(name) = o.get("name").and_then(Value::as_str) {
                    malware.insert(id, name);
                }
            }
            "relationship"
                if o.get("relationship_type").and_then(Value::as_str) == Some("indicates") =>
            {
                if let (Some(s), Some(t)) = (
                    o.get("source_ref").and_then(Value::as_str),
                    o.get("target_ref").and_then(Value::as_str),
                ) {
                    indicates.insert(s, t);
                }
            }
            _ => {}
        }
    }
    let sole_malware = if malware.len() == 1 {
        malware.values().next().copied()
    } else {
        None
    };
    let stalkerware_named = |s: &str| s.to_ascii_lowercase().contains("stalkerware");
    let category = match index_name {
        Some(n) if stalkerware_named(n) => ThreatCategory::Stalkerware,
        Some(_) => ThreatCategory::MercenarySpyware,
        None if malware.values().any(|m| stalkerware_named(m)) => ThreatCategory::Stalkerware,
        None => ThreatCategory::Spyware,
    };
    for o in objects
        .iter()
        .filter(|o| o.get("type").and_then(Value::as_str) == Some("indicator"))
    {
        let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
        let Some(pattern) = o.get("pattern").and_then(Value::as_str) else {
            set.add_unsupported(src, id, "indicator without a pattern");
            continue;
        };
        if let Some(pt) = o.get("pattern_type").and_then(Value::as_str) {
            if pt != "stix" {
                set.add_unsupported(
                    src,
                    pattern,
                    &format!("pattern type '{pt}' is not supported"),
                );
                continue;
            }
        }
        let app = indicates
            .get(id)
            .and_then(|m| malware.get(m))
            .copied()
            .or(sole_malware);
        match parse_pattern(pattern) {
            Ok(comparisons) => {
                for c in comparisons {
                    match kind_of_path(&c.path, &c.value) {
                        Some(kind) => {
                            set.add(kind, &c.value, IndicatorRole::Indicator, app, category, src);
                        }
                        None => set.add_unsupported(
                            src,
                            &format!("{} = '{}'", c.path, c.value),
                            &format!("object path '{}' is not supported", c.path),
                        ),
                    }
                }
            }
            Err(why) => set.add_unsupported(src, pattern, &why),
        }
    }
    Ok(())
}

/// Where an entry of MVT's `indicators.yaml` index is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexLocation {
    /// A file in a GitHub repository.
    Github {
        /// Repository owner.
        owner: String,
        /// Repository name.
        repo: String,
        /// Branch.
        branch: String,
        /// Path of the bundle in the repository.
        path: String,
    },
    /// A plain download address.
    Url(String),
}

/// One entry of MVT's `indicators.yaml` index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The entry's name (campaign or source).
    pub name: String,
    /// Where its bundle is published.
    pub location: IndexLocation,
}

/// Reads MVT's `indicators.yaml` index. Entries without a location are left out.
pub fn mvt_index(text: &str) -> Vec<IndexEntry> {
    let Ok(doc) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text) else {
        return vec![];
    };
    let Some(list) = doc.get("indicators").and_then(|v| v.as_sequence()) else {
        return vec![];
    };
    let text_of =
        |v: &serde_yaml_ng::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
    list.iter()
        .filter_map(|e| {
            let name = text_of(e, "name").unwrap_or_else(|| "MVT indicators".to_owned());
            let location = match e.get("github") {
                Some(g) => IndexLocation::Github {
                    owner: text_of(g, "owner")?,
                    repo: text_of(g, "repo")?,
                    branch: text_of(g, "branch").unwrap_or_else(|| "main".to_owned()),
                    path: text_of(g, "path")?,
                },
                None => IndexLocation::Url(text_of(e, "download_url")?),
            };
            Some(IndexEntry { name, location })
        })
        .collect()
}

/// Entries of an MVT index as (path of the bundle relative to the index's folder, name).
/// Only entries hosted in the index's own repository resolve to a local file.
pub(crate) fn index_entries(text: &str) -> Vec<(String, String)> {
    mvt_index(text)
        .into_iter()
        .map(|e| match e.location {
            IndexLocation::Github { path, .. } => (path, e.name),
            IndexLocation::Url(url) => (url.rsplit('/').next().unwrap_or(&url).to_owned(), e.name),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_and_or_patterns() {
        let one = parse_pattern("[domain-name:value = 'evil.com']").expect("valid");
        assert_eq!(
            one,
            vec![Comparison {
                path: "domain-name:value".into(),
                value: "evil.com".into()
            }]
        );
        let two = parse_pattern("[ipv4-addr:value = '1.2.3.4' OR url:value = 'http://x/\\'q']")
            .expect("valid");
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].value, "http://x/'q");
        let hash = parse_pattern("[file:hashes.'SHA-256' = 'ab']").expect("valid");
        assert_eq!(
            kind_of_path(&hash[0].path, "ab"),
            Some(IndicatorKind::FileSha256)
        );
        let split = parse_pattern("[domain-name:value = 'a.com'] OR [domain-name:value = 'b.com']")
            .expect("valid");
        assert_eq!(split.len(), 2);
    }

    #[test]
    fn rejects_what_it_cannot_evaluate() {
        assert!(parse_pattern("[a:b = 'x' AND c:d = 'y']").is_err());
        assert!(parse_pattern("[a:b LIKE 'x%']").is_err());
        assert!(parse_pattern("[a:b = 'x").is_err());
        assert!(parse_pattern("").is_err());
        assert_eq!(kind_of_path("software:name", "x"), None);
        assert_eq!(
            kind_of_path("app:cert.sha256", "x"),
            Some(IndicatorKind::AppCertSha256)
        );
        assert_eq!(
            kind_of_path("ipv4-addr:value", "1.2.0.0/16"),
            Some(IndicatorKind::Cidr)
        );
    }
}
