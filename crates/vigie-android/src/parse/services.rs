//! One `dumpsys` service each: accessibility, device_policy and appops.

use super::text::indent;
use crate::model::AppOpUse;

/// Enabled accessibility services from `dumpsys accessibility` (both the older
/// `enabled services: { 0 : pkg/cls }` and the Android 14 `Enabled services:{{pkg/cls}}`).
pub fn dumpsys_accessibility(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let lower = line.trim().to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("enabled services:") else {
            continue;
        };
        let original = &line.trim()["enabled services:".len()..];
        if rest.contains("{{") || rest.trim_start().starts_with("{{") {
            for part in original.split(['{', '}', ',']) {
                let c = part.trim();
                if c.contains('/') {
                    out.push(c.to_owned());
                }
            }
        } else if rest.trim() == "{" {
            for l in lines.by_ref() {
                let t = l.trim();
                if t.starts_with('}') {
                    break;
                }
                if let Some((_, c)) = t.split_once(':') {
                    let c = c.trim();
                    if c.contains('/') {
                        out.push(c.to_owned());
                    }
                }
            }
        }
    }
    out.dedup();
    out
}

/// Active device administrators from `dumpsys device_policy`.
pub fn dumpsys_device_policy(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: Option<usize> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("Enabled Device Admins") {
            depth = Some(indent(line));
            continue;
        }
        if let Some(d) = depth {
            if t.is_empty() || indent(line) <= d {
                depth = None;
                continue;
            }
            if indent(line) == d + 2 {
                if let Some(c) = t.strip_suffix(':') {
                    if c.contains('/') {
                        out.push(c.to_owned());
                    }
                }
            }
        }
    }
    out
}

/// Operations whose mode matters by itself (not only their use).
const MODE_OPS: &[&str] = &["REQUEST_INSTALL_PACKAGES"];

/// Who holds the operations whose mode matters by itself (`REQUEST_INSTALL_PACKAGES`), from
/// `dumpsys appops`: (package, op, mode).
pub fn dumpsys_appops_modes(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut package: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(p) = t.strip_prefix("Package ").and_then(|r| r.strip_suffix(':')) {
            package = Some(p);
        } else if t.starts_with("Uid ") {
            package = None;
        } else if let Some(p) = package {
            let name = t.split([' ', ':', '(']).next().unwrap_or_default();
            if MODE_OPS.contains(&name) {
                let mode = t
                    .split_once('(')
                    .and_then(|(_, r)| r.split(')').next())
                    .or_else(|| t.split_once("mode=").map(|(_, m)| m.trim()))
                    .unwrap_or_default();
                out.push((p.to_owned(), name.to_owned(), mode.to_owned()));
            }
        }
    }
    out
}

/// Sensitive operations recently used, from `dumpsys appops`.
pub fn dumpsys_appops(text: &str) -> Vec<AppOpUse> {
    let mut out = Vec::new();
    let mut package: Option<&str> = None;
    let mut op: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(p) = t.strip_prefix("Package ").and_then(|r| r.strip_suffix(':')) {
            package = Some(p);
            op = None;
        } else if t.starts_with("Uid ") {
            package = None;
            op = None;
        } else if let Some(rest) = t.strip_prefix("Access:") {
            let (Some(p), Some(o)) = (package, op) else {
                continue;
            };
            let rest = rest.trim();
            let Some(close) = rest.find(']') else {
                continue;
            };
            let state = rest[..close]
                .trim_start_matches('[')
                .split('-')
                .next()
                .unwrap_or_default();
            let when: String = rest[close + 1..]
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(AppOpUse {
                package: p.to_owned(),
                op: o.to_owned(),
                state: state.to_owned(),
                when,
            });
        } else if t.ends_with("):") || t.contains(": mode=") {
            let name = t.split([' ', ':', '(']).next().unwrap_or_default();
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                op = Some(name);
            }
        }
    }
    out
}
