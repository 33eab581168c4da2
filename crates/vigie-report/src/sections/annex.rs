//! The technical annex (the tool, each check with its device, sources and feeds, every
//! evidence file with its SHA-256) and the chain of custody.

use super::{kind_name, Sources};
use crate::model::Block;
use vigie_core::{Catalog, Message};
use vigie_station::{CheckDetails, ScanRecord};

/// Writes the annex.
pub(crate) fn annex(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    let t = |key: &str| cat.key(key);
    b.push(Block::PageBreak);
    b.push(Block::Heading(t("report-annex-title")));
    b.push(Block::Para(cat.text(
        &Message::new("report-tool").arg("version", env!("CARGO_PKG_VERSION")),
    )));
    for (id, r) in &src.scans {
        b.push(Block::Subheading(
            cat.text(
                &Message::new("report-annex-check")
                    .arg("id", id.to_string())
                    .arg("kind", kind_name(cat, r))
                    .arg("made", r.made.to_string())
                    .arg("version", &r.tool_version),
            ),
        ));
        if let Some(device) = device_line(cat, r) {
            b.push(Block::Para(device));
        }
        if let CheckDetails::Network(n) = &r.details {
            for d in &n.devices {
                b.push(Block::Para(joined_device(cat, d)));
            }
        }
        b.push(Block::Table {
            headers: vec![t("report-col-source"), "SHA-256".into()],
            rows: r
                .sources
                .iter()
                .map(|(n, h)| vec![n.clone(), h.clone().unwrap_or_default()])
                .collect(),
        });
        b.push(Block::Table {
            headers: vec![t("report-col-feed"), "SHA-256".into()],
            rows: r
                .feeds
                .iter()
                .map(|f| vec![f.name.clone(), f.sha256.clone()])
                .collect(),
        });
    }
    evidence_table(b, cat, src);
}

/// The case's evidence files. A file a check read is listed once, with that check above
/// (same name and SHA-256), unless it was withdrawn, which is said here.
fn evidence_table(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    let t = |key: &str| cat.key(key);
    let read_by_checks = |e: &vigie_case::EvidenceInfo| {
        src.scans.iter().any(|(_, r)| {
            r.sources
                .iter()
                .any(|(n, h)| n == &e.name && h.is_some() && h == &e.sha256)
        })
    };
    let (above, listed): (Vec<_>, Vec<_>) = src
        .evidence
        .iter()
        .partition(|e| e.withdrawn.is_none() && read_by_checks(e));
    b.push(Block::Subheading(t("report-evidence-title")));
    if !above.is_empty() {
        let m = Message::new("report-evidence-with-checks").arg("count", above.len().to_string());
        b.push(Block::Para(cat.text(&m)));
    }
    if listed.is_empty() {
        return;
    }
    b.push(Block::Table {
        headers: vec![
            t("report-col-file"),
            t("report-col-added"),
            t("report-col-size"),
            "SHA-256".into(),
        ],
        rows: listed
            .iter()
            .map(|e| {
                let sha = e.sha256.clone().unwrap_or_default();
                let added = super::custody::utc_seconds(&e.added);
                vec![evidence_name(cat, e), added, e.size.to_string(), sha]
            })
            .collect(),
    });
}

/// An evidence file's name, with who withdrew it and why when it was.
fn evidence_name(cat: &Catalog, e: &vigie_case::EvidenceInfo) -> String {
    match &e.withdrawn {
        Some(w) => {
            let m = Message::new("report-evidence-withdrawn")
                .arg("when", cat.date(&w.when))
                .arg("by", super::custody::who(cat, w.by.as_deref()))
                .arg("reason", &w.reason);
            format!("{} — {}", e.name, cat.text(&m))
        }
        None if e.interrupted => {
            format!("{} — {}", e.name, cat.key("report-evidence-interrupted"))
        }
        None => e.name.clone(),
    }
}

/// The device a check read, as the annex names it: only what was read (a field the
/// phone did not give is left out, not written empty).
fn device_line(cat: &Catalog, r: &ScanRecord) -> Option<String> {
    let facts: Vec<(&str, Option<String>)> = match &r.details {
        CheckDetails::Network(_) => return None,
        CheckDetails::Android(a) => {
            let d = &a.device;
            let name = [&d.manufacturer, &d.model]
                .iter()
                .filter_map(|v| v.as_deref())
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                ("report-device-name", Some(name)),
                ("report-device-android", d.android_version.clone()),
                ("report-device-patch", d.security_patch.clone()),
                ("report-device-serial", d.serial.clone()),
            ]
        }
        CheckDetails::Ios(i) => {
            let fact = |k: &str| i.device.get(k).cloned();
            vec![
                ("report-device-name", fact("Product Type")),
                ("report-device-ios", fact("Product Version")),
                ("report-device-build", fact("Build Version")),
                ("report-device-serial", fact("Serial Number")),
                ("report-device-udid", fact("Unique Identifier")),
                ("report-device-backup", fact("Last Backup Date")),
            ]
        }
    };
    let parts: Vec<String> = facts
        .into_iter()
        .filter_map(|(key, v)| v.filter(|v| !v.trim().is_empty()).map(|v| (key, v)))
        .map(|(key, v)| cat.text(&Message::new(key).arg("value", v)))
        .collect();
    (!parts.is_empty()).then(|| {
        let line = Message::new("report-device").arg("facts", parts.join(", "));
        cat.text(&line)
    })
}

/// A device the traffic shows joining the network: what ties a capture to a phone.
fn joined_device(cat: &Catalog, d: &vigie_station::JoinedDevice) -> String {
    let line = Message::new("report-joined")
        .arg("facts", vigie_station::joined_text(cat, d))
        .arg("when", d.first_seen.to_string())
        .arg("source", &d.source);
    cat.text(&line)
}
