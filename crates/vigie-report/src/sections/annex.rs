//! The technical annex (the tool, each check with its device, sources and feeds, every
//! evidence file with its SHA-256) and the chain of custody.

use super::{kind_name, Sources};
use crate::guidance::Guidance;
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
    b.push(Block::Subheading(t("report-evidence-title")));
    b.push(Block::Table {
        headers: vec![
            t("report-col-file"),
            t("report-col-added"),
            t("report-col-size"),
            "SHA-256".into(),
        ],
        rows: src
            .evidence
            .iter()
            .map(|e| {
                let sha = e.sha256.clone().unwrap_or_default();
                vec![e.name.clone(), e.added.clone(), e.size.to_string(), sha]
            })
            .collect(),
    });
}

/// The device a check read, as the annex names it.
fn device_line(cat: &Catalog, r: &ScanRecord) -> Option<String> {
    let msg = match &r.details {
        CheckDetails::Network(_) => return None,
        CheckDetails::Android(a) => {
            let d = &a.device;
            let or_empty = |v: &Option<String>| v.clone().unwrap_or_default();
            Message::new("report-device")
                .arg("manufacturer", or_empty(&d.manufacturer))
                .arg("model", or_empty(&d.model))
                .arg("android", or_empty(&d.android_version))
                .arg("patch", or_empty(&d.security_patch))
        }
        CheckDetails::Ios(i) => {
            let fact = |k: &str| i.device.get(k).cloned().unwrap_or_default();
            Message::new("report-device-ios")
                .arg("model", fact("Product Type"))
                .arg("version", fact("Product Version"))
                .arg("build", fact("Build Version"))
                .arg("serial", fact("Serial Number"))
                .arg("udid", fact("Unique Identifier"))
                .arg("backup", fact("Last Backup Date"))
        }
    };
    Some(cat.text(&msg))
}

/// Writes the chain of custody.
pub(crate) fn custody(b: &mut Vec<Block>, cat: &Catalog, guidance: &Guidance, src: &Sources) {
    let t = |key: &str| cat.key(key);
    b.push(Block::Heading(t("report-custody-title")));
    b.push(Block::Para(t("report-custody-intro")));
    b.push(Block::Table {
        headers: vec![
            "#".into(),
            t("report-col-when-utc"),
            t("report-col-who"),
            t("report-col-event"),
            t("report-col-object"),
            "SHA-256".into(),
        ],
        rows: src
            .custody
            .iter()
            .map(|e| {
                vec![
                    e.seq.to_string(),
                    e.at.clone(),
                    e.actor.clone().unwrap_or_default(),
                    e.action.clone(),
                    e.object.clone().unwrap_or_default(),
                    e.sha256.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    });
    b.push(Block::Para(cat.text(
        &Message::new("report-guidance-origin").arg("origin", &guidance.origin),
    )));
}
