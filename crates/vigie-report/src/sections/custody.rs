//! The chain of custody: every action on the case as the audit log records it, in words,
//! each naming who did it; the evidence files a check stored one after the other are one
//! line (the technical annex lists each with its SHA-256).

use super::Sources;
use crate::guidance::{Guidance, GuidanceOrigin};
use crate::model::Block;
use vigie_case::AuditEntry;
use vigie_core::{Catalog, Message};

/// One line of the chain: one entry, or a run of evidence files stored.
struct Line<'a> {
    first: &'a AuditEntry,
    last: &'a AuditEntry,
    files: usize,
}

/// Whether an entry stores an evidence file (its beginning, or its end).
fn stores_evidence(e: &AuditEntry) -> bool {
    matches!(e.action.as_str(), "evidence-started" | "evidence-stored")
}

/// The entries, with each run of evidence files stored by one person as one line.
fn condensed(entries: &[AuditEntry]) -> Vec<Line<'_>> {
    let mut lines: Vec<Line<'_>> = vec![];
    for e in entries {
        if let Some(last) = lines.last_mut() {
            let same_run =
                stores_evidence(e) && stores_evidence(last.last) && e.actor == last.first.actor;
            if same_run {
                last.last = e;
                last.files += usize::from(e.action == "evidence-stored");
                continue;
            }
        }
        let files = usize::from(e.action == "evidence-stored");
        lines.push(Line {
            first: e,
            last: e,
            files,
        });
    }
    lines
}

/// Who did it, as people read it: an operator of the app, a user of the command line, or
/// not recorded (entries of releases that did not name the command line's user).
pub fn who(cat: &Catalog, actor: Option<&str>) -> String {
    match actor {
        None => cat.key("report-who-unrecorded"),
        Some("cli") => cat.key("report-who-cli"),
        Some(a) => match a.strip_prefix("cli:") {
            Some(user) => cat.text(&Message::new("report-who-cli-user").arg("user", user)),
            None => a.to_owned(),
        },
    }
}

/// What happened, in words (the recorded code where no words exist for it).
pub(crate) fn event(cat: &Catalog, action: &str) -> String {
    let key = format!("report-event-{action}");
    if cat.has(&key) {
        cat.key(&key)
    } else {
        action.to_owned()
    }
}

/// A recorded time to the second (UTC), as the tables of the annex show it.
pub(crate) fn utc_seconds(at: &str) -> String {
    at.parse::<vigie_core::Timestamp>()
        .map(|t| t.to_seconds_string())
        .unwrap_or_else(|_| at.to_owned())
}

/// One line as the table shows it.
fn row(cat: &Catalog, l: &Line<'_>) -> Vec<String> {
    let (first, last) = (l.first, l.last);
    let single = std::ptr::eq(first, last);
    let seq = match single {
        true => first.seq.to_string(),
        false => format!("{}–{}", first.seq, last.seq),
    };
    let what = match (single, stores_evidence(first)) {
        (false, true) => {
            cat.text(&Message::new("report-event-evidence-run").arg("count", l.files.to_string()))
        }
        _ => event(cat, &first.action),
    };
    let object = match single {
        true => first.object.clone().unwrap_or_default(),
        false => format!(
            "{} … {}",
            first.object.as_deref().unwrap_or_default(),
            last.object.as_deref().unwrap_or_default()
        ),
    };
    let sha = if single { first.sha256.clone() } else { None };
    vec![
        seq,
        utc_seconds(&first.at),
        who(cat, first.actor.as_deref()),
        what,
        object,
        sha.unwrap_or_default(),
    ]
}

/// Writes the chain of custody, and where the next steps' texts came from.
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
        rows: condensed(&src.custody)
            .iter()
            .map(|l| row(cat, l))
            .collect(),
    });
    if let Some(head) = &src.audit_head {
        let said = Message::new("report-audit-head")
            .arg("seq", head.seq.to_string())
            .arg("hash", &head.hash);
        b.push(Block::Para(cat.text(&said)));
    }
    if let Some(key) = &src.station_key {
        let said = Message::new("report-station-key").arg("key", key);
        b.push(Block::Para(cat.text(&said)));
    }
    let origin = match &guidance.origin {
        GuidanceOrigin::BuiltIn => Message::new("report-guidance-builtin"),
        GuidanceOrigin::File(path) => Message::new("report-guidance-file").arg("path", path),
    };
    b.push(Block::Para(cat.text(&origin)));
}
