//! Writes a report's blocks from the case file: a page in plain words, the findings one by
//! one, next steps, a timeline, the technical annex and the chain of custody.

use crate::guidance::Guidance;
use crate::model::{Block, Report};
use serde_json::Value;
use vigie_case::{CaseError, CaseStore, ScanRecord};
use vigie_core::{Catalog, Message, Timestamp};

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A whole case, by its reference.
    Case(String),
    /// One check, by its id.
    Scan(i64),
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The case file said no.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// No case with this reference and no check with this id.
    #[error("no case or check {0}")]
    Unknown(String),
}

impl vigie_core::Localized for ReportError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            ReportError::Case(e) => e.message(),
            ReportError::Unknown(r) => Message::new("report-error-unknown").arg("reference", r),
        }
    }
}

/// A message stored in a verdict document (`{"key": ..., "args": {...}}`).
fn stored_message(v: &Value) -> Option<Message> {
    let mut m = Message::new(v.get("key")?.as_str()?);
    if let Some(args) = v.get("args").and_then(Value::as_object) {
        for (k, a) in args {
            m = m.arg(k, a.as_str().unwrap_or_default());
        }
    }
    Some(m)
}

/// A text of a stored finding, in the report's language when its message was kept.
fn stored_text(cat: &Catalog, f: &Value, field: &str) -> String {
    f.get(format!("{field}_message"))
        .and_then(stored_message)
        .map(|m| cat.text(&m))
        .unwrap_or_else(|| f[field].as_str().unwrap_or_default().to_owned())
}

fn s(v: &Value) -> String {
    match v {
        Value::String(t) => t.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn level_of(verdict: &Value) -> String {
    verdict["verdict"]
        .as_str()
        .unwrap_or("nothing_found")
        .to_owned()
}

fn level_rank(level: &str) -> u8 {
    match level {
        "known_spyware" => 3,
        "suspicious" => 2,
        "unusual" => 1,
        _ => 0,
    }
}

fn evidence_line(cat: &Catalog, e: &Value) -> String {
    let text = match e["type"].as_str().unwrap_or_default() {
        "packets" => Message::new("report-evidence-packets")
            .arg("source", s(&e["source"]))
            .arg("first", s(&e["first_frame"]))
            .arg("last", s(&e["last_frame"]))
            .arg("flow", s(&e["flow"]))
            .arg("detail", s(&e["detail"])),
        "record" => Message::new("report-evidence-record")
            .arg("file", s(&e["file"]))
            .arg("locator", s(&e["locator"]))
            .arg("detail", s(&e["detail"])),
        _ => Message::new("report-evidence-output")
            .arg("name", s(&e["name"]))
            .arg("sha256", s(&e["sha256"]))
            .arg("detail", s(&e["detail"])),
    };
    cat.text(&text)
}

fn finding_block(cat: &Catalog, f: &Value) -> Block {
    let level = f["severity"].as_str().unwrap_or("info").to_owned();
    let mut details = Vec::new();
    if let Some(i) = f.get("indicator").filter(|i| !i.is_null()) {
        details.push(
            cat.text(
                &Message::new("report-indicator")
                    .arg("value", s(&i["value"]))
                    .arg("kind", s(&i["kind"]))
                    .arg("app", s(&i["app"]))
                    .arg("source", s(&i["source"])),
            ),
        );
    }
    details.push(cat.text(&Message::new("report-rule").arg("rule", s(&f["rule"]))));
    for e in f["evidence"].as_array().into_iter().flatten() {
        details.push(evidence_line(cat, e));
    }
    Block::Finding {
        label: cat.key(&format!("severity-{level}")),
        level,
        title: stored_text(cat, f, "title"),
        body: stored_text(cat, f, "explanation"),
        details,
    }
}

fn coverage_lines(cat: &Catalog, verdict: &Value, which: &str) -> Vec<String> {
    let messages = verdict["coverage"]["messages"][which].as_array();
    match messages {
        Some(list) => list
            .iter()
            .filter_map(stored_message)
            .map(|m| cat.text(&m))
            .collect(),
        None => verdict["coverage"][which]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect(),
    }
}

/// The evidence locker's part of a report: each item by its description and fingerprints
/// (what was told apart from what the file records), then the chronology as told.
fn locker_blocks(
    b: &mut Vec<Block>,
    cat: &Catalog,
    guidance: &Guidance,
    reference: &str,
    locker: &[vigie_case::LockerItem],
) {
    let t = |key: &str| cat.key(key);
    let field = |key: &str, value: &str| {
        cat.text(
            &Message::new("report-locker-field")
                .arg("label", t(key))
                .arg("value", value),
        )
    };
    let kind_name = |k: vigie_case::LockerKind| t(&format!("ncii-kind-{}", k.as_str()));
    b.push(Block::PageBreak);
    b.push(Block::Heading(t("report-locker-title")));
    b.push(Block::Para(t("report-locker-intro")));
    for item in locker {
        let e = &item.entry;
        let d = &e.description;
        let mut title = format!(
            "#{} {} — {}",
            item.id.0,
            kind_name(d.kind),
            e.file_name.as_deref().unwrap_or(&d.link)
        );
        if e.sensitive {
            title.push_str(&format!(" ({})", t("ncii-sensitive")));
        }
        b.push(Block::Subheading(title));
        let told = [
            ("report-locker-seen-at", &d.seen_at),
            ("report-locker-place", &d.place),
            ("report-locker-posted-by", &d.posted_by),
            ("report-locker-link", &d.link),
            ("report-locker-note", &d.note),
        ];
        for (key, value) in told {
            if !value.trim().is_empty() {
                b.push(Block::Bullet(field(key, value)));
            }
        }
        let mut file = vec![field("report-locker-added", &cat.date(&item.added))];
        if let Some(f) = &e.facts {
            file.push(format!("SHA-256 {}", f.sha256));
            if let Some(h) = &f.pdq {
                file.push(format!(
                    "PDQ {} ({} {})",
                    h.pdq,
                    t("ncii-quality"),
                    h.quality
                ));
            }
            file.push(format!("MD5 {}", f.md5));
            if let Some(m) = &e.file_modified {
                file.push(field("report-locker-file-date", m));
            }
            if let Some(x) = &f.exif {
                if let Some(taken) = &x.taken {
                    file.push(field("report-locker-exif-taken", taken));
                }
                if let Some(device) = &x.device {
                    file.push(field("report-locker-exif-device", device));
                }
            }
        }
        b.push(Block::Para(format!(
            "{} {}",
            t("report-locker-file-says"),
            file.join(" · ")
        )));
    }
    let chronology = crate::takedown(guidance, reference, locker, &kind_name);
    b.push(Block::Subheading(
        guidance
            .text("takedown-chronology", &[])
            .unwrap_or_else(|| t("report-locker-chronology")),
    ));
    b.push(Block::Table {
        headers: vec![
            "#".into(),
            t("report-locker-seen-at"),
            t("report-locker-place"),
            t("report-locker-posted-by"),
            t("report-locker-what"),
        ],
        rows: chronology
            .chronology
            .iter()
            .map(|r| {
                vec![
                    r.item.to_string(),
                    r.when.clone(),
                    r.place.clone(),
                    r.who.clone(),
                    r.what.clone(),
                ]
            })
            .collect(),
    });
    if let Some(legal) = guidance.text("takedown-legal", &[]) {
        b.push(Block::Para(legal));
    }
}

/// Writes the report of `scope`. `country` picks the helplines of the next steps.
pub fn build(
    store: &CaseStore,
    scope: &Scope,
    cat: &Catalog,
    guidance: &Guidance,
    country: &str,
    now: Timestamp,
) -> Result<Report, ReportError> {
    let (reference, scans): (String, Vec<(i64, ScanRecord)>) = match scope {
        Scope::Case(r) => {
            let case = store.find(r).map_err(|e| match e {
                CaseError::NoCase(_) => ReportError::Unknown(r.clone()),
                other => other.into(),
            })?;
            (r.clone(), store.scans_with_ids(case)?)
        }
        Scope::Scan(id) => match store.scan_by_id(*id)? {
            Some((r, rec)) => (r, vec![(*id, rec)]),
            None => return Err(ReportError::Unknown(id.to_string())),
        },
    };
    let case = store.find(&reference)?;
    let summary = store.summary(&reference)?;
    let evidence = store.evidence(case)?;
    let custody = store.audit_for_case(case)?;
    let locker = store.locker(case)?;
    let t = |key: &str| cat.key(key);
    let kind = |k: &str| cat.key(&format!("check-kind-{k}"));
    let mut b = Vec::new();

    b.push(Block::Para(
        cat.text(
            &Message::new("report-generated")
                .arg("when", now.to_string())
                .arg("version", env!("CARGO_PKG_VERSION"))
                .arg("opened", &summary.created),
        ),
    ));
    if let Scope::Scan(id) = scope {
        b.push(Block::Para(cat.text(
            &Message::new("report-one-check").arg("id", id.to_string()),
        )));
    }
    // 1. In plain words.
    b.push(Block::Heading(t("report-plain-title")));
    b.push(Block::Para(t("report-intro")));
    b.push(Block::Subheading(t("report-checked-title")));
    if scans.is_empty() {
        b.push(Block::Para(t("report-no-checks")));
    }
    for (_, r) in &scans {
        let sources: Vec<String> = r.sources.iter().map(|(n, _)| n.clone()).collect();
        b.push(Block::Bullet(
            cat.text(
                &Message::new("report-check-line")
                    .arg("kind", kind(&r.kind))
                    .arg("made", &r.made)
                    .arg("sources", sources.join(", ")),
            ),
        ));
    }
    let overall = scans
        .iter()
        .map(|(_, r)| level_of(&r.verdict))
        .max_by_key(|l| level_rank(l))
        .unwrap_or_else(|| "nothing_found".into());
    b.push(Block::Subheading(t("report-found-title")));
    b.push(Block::Strong(t(&format!(
        "verdict-{}",
        overall.replace('_', "-")
    ))));
    for (_, r) in &scans {
        let n = r.verdict["findings"].as_array().map_or(0, Vec::len);
        b.push(Block::Bullet(
            cat.text(
                &Message::new("report-found-line")
                    .arg("kind", kind(&r.kind))
                    .arg("made", &r.made)
                    .arg(
                        "headline",
                        t(&format!(
                            "verdict-{}",
                            level_of(&r.verdict).replace('_', "-")
                        )),
                    )
                    .arg("count", n.to_string()),
            ),
        ));
    }
    // What the person said (the interview checklist), when it was gone through.
    let interview = store
        .interview(case)?
        .map(|v| crate::Interview::from_json(&v))
        .unwrap_or_default();
    if !interview.answers.is_empty() {
        b.push(Block::Subheading(t("report-interview-title")));
        for (q, a, note) in &interview.answers {
            let mut line = format!(
                "{} {}",
                t(&format!("interview-{q}")),
                t(&format!("interview-answer-{}", a.code()))
            );
            if !note.is_empty() {
                line.push_str(&format!(" — {note}"));
            }
            b.push(Block::Bullet(line));
        }
    }
    b.push(Block::Subheading(t("report-means-title")));
    b.push(Block::Para(t(&format!(
        "report-means-{}",
        overall.replace('_', "-")
    ))));
    b.push(Block::Subheading(t("report-not-mean-title")));
    b.push(Block::Para(t("verdict-not-proof")));
    let mut not_checked: Vec<String> = Vec::new();
    for (_, r) in &scans {
        for line in coverage_lines(cat, &r.verdict, "not_checked") {
            if !not_checked.contains(&line) {
                not_checked.push(line);
            }
        }
    }
    b.extend(not_checked.into_iter().map(Block::Bullet));

    // 2. The findings, one by one.
    b.push(Block::PageBreak);
    b.push(Block::Heading(t("report-findings-title")));
    let total: usize = scans
        .iter()
        .map(|(_, r)| r.verdict["findings"].as_array().map_or(0, Vec::len))
        .sum();
    if total == 0 {
        b.push(Block::Para(t("report-no-findings")));
    }
    for (_, r) in &scans {
        let findings = r.verdict["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if findings.is_empty() {
            continue;
        }
        b.push(Block::Subheading(format!(
            "{} — {}",
            kind(&r.kind),
            cat.date(&r.made)
        )));
        b.extend(findings.iter().map(|f| finding_block(cat, f)));
    }

    // The evidence locker: by fingerprint and description, never an image.
    if !locker.is_empty() {
        locker_blocks(&mut b, cat, guidance, &reference, &locker);
    }

    // 3. Next steps.
    b.push(Block::PageBreak);
    let g = |key: &str| guidance.text(key, &[]);
    b.push(Block::Heading(
        g("title").unwrap_or_else(|| t("report-next-title")),
    ));
    // What was found, and what the person said, choose the sections.
    let attention = level_rank(&overall) >= 2 || interview.yes("phone-access");
    let accounts = total > 0
        || [
            "shared-accounts",
            "location-sharing",
            "cloud-backup",
            "unknown-devices",
        ]
        .iter()
        .any(|q| interview.yes(q));
    let mut keys: Vec<String> = Vec::new();
    if attention {
        keys.extend(["before-removing", "safety-plan", "evidence"].map(String::from));
    }
    if total == 0 {
        keys.push("nothing-found".into());
    }
    if accounts {
        keys.push("accounts".into());
    }
    if interview.yes("images-shared") || !locker.is_empty() {
        keys.push("images".into());
    }
    keys.extend(["emergency-line", "who-helps"].map(String::from));
    let helplines = format!("helplines-{}", country.to_ascii_lowercase());
    keys.push(if g(&helplines).is_some() {
        helplines
    } else {
        "helplines-other".into()
    });
    keys.extend(["police-can", "police-cannot"].map(String::from));
    for k in keys {
        if let Some(text) = g(&k) {
            b.push(Block::Para(text));
        }
    }

    // 4. Timeline: what the findings date (first packets, installs), and what was done.
    b.push(Block::Heading(t("report-timeline-title")));
    let mut rows: Vec<Vec<String>> = custody
        .iter()
        .map(|e| {
            let key = format!("report-event-{}", e.action);
            let event = if cat.has(&key) {
                t(&key)
            } else {
                e.action.clone()
            };
            vec![e.at.clone(), event, e.actor.clone().unwrap_or_default()]
        })
        .collect();
    for (_, r) in &scans {
        for f in r.verdict["findings"].as_array().into_iter().flatten() {
            let title = stored_text(cat, f, "title");
            let first_seen = f["evidence"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["first_ts"].as_str())
                .min();
            if let Some(when) = first_seen {
                rows.push(vec![
                    when.to_owned(),
                    cat.text(&Message::new("report-event-seen").arg("what", &title)),
                    String::new(),
                ]);
            }
            let since = f["explanation_message"]["args"]["since"]
                .as_str()
                .filter(|v| !v.is_empty() && *v != "—");
            if let Some(when) = since {
                rows.push(vec![
                    when.to_owned(),
                    cat.text(&Message::new("report-event-installed").arg("what", s(&f["subject"]))),
                    String::new(),
                ]);
            }
        }
    }
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    rows.dedup();
    // Sorted on the recorded times; shown as people read them.
    for row in &mut rows {
        row[0] = cat.date(&row[0]);
    }
    b.push(Block::Table {
        headers: vec![
            t("report-col-when"),
            t("report-col-event"),
            t("report-col-who"),
        ],
        rows,
    });

    // 5. Technical annex.
    b.push(Block::PageBreak);
    b.push(Block::Heading(t("report-annex-title")));
    b.push(Block::Para(cat.text(
        &Message::new("report-tool").arg("version", env!("CARGO_PKG_VERSION")),
    )));
    for (id, r) in &scans {
        b.push(Block::Subheading(
            cat.text(
                &Message::new("report-annex-check")
                    .arg("id", id.to_string())
                    .arg("kind", kind(&r.kind))
                    .arg("made", &r.made)
                    .arg("version", &r.tool_version),
            ),
        ));
        let device = &r.verdict["device"];
        if device.is_object() && r.kind == "ios" {
            b.push(Block::Para(
                cat.text(
                    &Message::new("report-device-ios")
                        .arg("model", s(&device["Product Type"]))
                        .arg("version", s(&device["Product Version"]))
                        .arg("build", s(&device["Build Version"]))
                        .arg("serial", s(&device["Serial Number"]))
                        .arg("udid", s(&device["Unique Identifier"]))
                        .arg("backup", s(&device["Last Backup Date"])),
                ),
            ));
        } else if device.is_object() {
            b.push(Block::Para(
                cat.text(
                    &Message::new("report-device")
                        .arg("manufacturer", s(&device["manufacturer"]))
                        .arg("model", s(&device["model"]))
                        .arg("android", s(&device["android_version"]))
                        .arg("patch", s(&device["security_patch"])),
                ),
            ));
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
                .map(|(n, h)| vec![n.clone(), h.clone()])
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
        rows: evidence
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.added.clone(),
                    e.size.to_string(),
                    e.sha256.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    });

    // 6. Chain of custody.
    b.push(Block::Heading(t("report-custody-title")));
    b.push(Block::Para(t("report-custody-intro")));
    b.push(Block::Table {
        headers: vec![
            "#".into(),
            t("report-col-when"),
            t("report-col-who"),
            t("report-col-event"),
            t("report-col-object"),
            "SHA-256".into(),
        ],
        rows: custody
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

    Ok(Report {
        lang: cat.lang().code(),
        title: cat.text(&Message::new("report-title").arg("reference", &reference)),
        running_head: cat.text(&Message::new("report-running-head").arg("reference", &reference)),
        reference,
        page_word: t("report-page"),
        blocks: b,
    })
}
