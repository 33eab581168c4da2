//! How results are shown: text for people, JSON for machines.

use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};
use vigie_core::Localized;
use vigie_core::{Catalog, Finding, FindingView, Message, Verdict};
use vigie_indicators::{IndicatorSet, StoreError, StoredFeed};
use vigie_net::Observed;
use vigie_station::{ScanRecord, StoredDocument};

vigie_core::locales!("Translation resources of the command line.");

/// Prints a verdict for people.
pub fn verdict_text(out: &mut dyn Write, cat: &Catalog, v: &Verdict) -> io::Result<()> {
    let sep = cat.key("label-sep");
    writeln!(
        out,
        "{}{sep}{}",
        cat.key("label-verdict"),
        cat.key(v.headline_key())
    )?;
    writeln!(out)?;
    if v.findings.is_empty() {
        writeln!(out, "{}", cat.key("label-no-findings"))?;
    } else {
        writeln!(out, "{} ({})", cat.key("label-findings"), v.findings.len())?;
        for (i, f) in v.findings.iter().enumerate() {
            finding_text(out, cat, i + 1, f)?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}{}", cat.key("label-checked"), sep.trim_end())?;
    for m in &v.coverage.checked {
        writeln!(out, "  - {}", cat.text(m))?;
    }
    writeln!(out, "{}{}", cat.key("label-not-checked"), sep.trim_end())?;
    for m in &v.coverage.not_checked {
        writeln!(out, "  - {}", cat.text(m))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", cat.key("verdict-not-proof"))?;
    if v.needs_attention() {
        writeln!(out, "{}", cat.key("verdict-keep-evidence"))?;
    }
    Ok(())
}

/// One finding for people: severity and title, explanation, rule, indicator and its
/// source, how often it was seen, and its first evidence.
fn finding_text(out: &mut dyn Write, cat: &Catalog, n: usize, f: &Finding) -> io::Result<()> {
    let v = FindingView::new(cat, f);
    let sep = cat.key("label-sep");
    let label = |k: &str| format!("   {}{sep}", cat.key(k));
    writeln!(out)?;
    writeln!(out, "{n}. [{}] {}", v.label, v.title)?;
    writeln!(out, "   {}", v.explanation)?;
    writeln!(out, "{}{}", label("label-rule"), v.rule)?;
    if let Some(i) = &v.indicator {
        let source = format!("{}{sep}{}", cat.key("label-source"), i.source);
        let indicator = label("label-indicator");
        writeln!(out, "{indicator}{} ({}) — {source}", i.value, i.kind)?;
        if let Some((app, category)) = &i.app {
            writeln!(out, "{}{app} — {category}", label("label-app"))?;
        }
    }
    writeln!(out, "{}{}×", label("label-occurrences"), v.occurrences)?;
    for e in v.evidence.iter().take(3) {
        writeln!(out, "{}{e}", label("label-evidence"))?;
    }
    if v.evidence.len() > 3 {
        let more =
            Message::new("label-more-evidence").arg("count", (v.evidence.len() - 3).to_string());
        writeln!(out, "   … {}", cat.text(&more))?;
    }
    Ok(())
}

/// One line of text for an observation.
pub fn observation_line(out: &mut dyn Write, o: &vigie_net::Observation) -> io::Result<()> {
    let (kind, name) = match &o.what {
        Observed::DnsQuery { name, .. } => ("dns_query", name.clone()),
        Observed::DnsAnswer { name, answer, .. } => (
            "dns_answer",
            format!("{name} {}", answer.as_deref().unwrap_or("-")),
        ),
        Observed::TlsSni { name, ja4, .. } => ("tls_sni", format!("{name} {ja4}")),
        Observed::TlsClientHello { ja4, .. } => ("tls_client_hello", ja4.clone()),
        Observed::QuicSni { name, ja4, .. } => ("quic_sni", format!("{name} {ja4}")),
        Observed::TlsCert { name, cert, .. } => (
            "tls_cert",
            format!("{} {}", name.as_deref().unwrap_or("-"), cert.sha1),
        ),
        Observed::HttpHost { name, method, .. } => ("http_host", format!("{method} {name}")),
        Observed::DhcpDevice(d) => (
            "dhcp_device",
            format!(
                "{} {} {}",
                d.mac,
                d.hostname.as_deref().unwrap_or("-"),
                d.vendor_class.as_deref().unwrap_or("-")
            ),
        ),
        Observed::Flow { name, flow } => (
            "flow",
            format!(
                "{} {} up={} down={}",
                flow.proto,
                name.as_deref().unwrap_or("-"),
                flow.bytes_up,
                flow.bytes_down
            ),
        ),
    };
    writeln!(
        out,
        "{:>7} {} {kind:<16} {} -> {} {name}",
        o.frame, o.ts, o.src, o.dst
    )
}

/// Prints what feeds hold, for people.
pub fn iocs_text(
    out: &mut dyn Write,
    cat: &Catalog,
    set: &IndicatorSet,
    failures: &[String],
) -> io::Result<()> {
    for s in set.summaries() {
        writeln!(
            out,
            "{} — {} ({:?})",
            s.source.name, s.source.path, s.source.format
        )?;
        let counts: Vec<String> = s
            .counts
            .iter()
            .map(|(k, n)| format!("{}: {n}", k.as_str()))
            .collect();
        writeln!(
            out,
            "  {}",
            cat.text(
                &Message::new("iocs-loaded")
                    .arg("count", s.total.to_string())
                    .arg("kinds", counts.join(", "))
            )
        )?;
        if s.unsupported > 0 {
            writeln!(
                out,
                "  {}",
                cat.text(&Message::new("iocs-unsupported").arg("count", s.unsupported.to_string()))
            )?;
        }
    }
    let unsupported = set.unsupported();
    for u in unsupported.iter().take(20) {
        let src = set.sources().get(u.source).map_or("?", |s| s.path.as_str());
        writeln!(out, "  ! {src}: {} — {}", u.entry, u.reason)?;
    }
    if unsupported.len() > 20 {
        writeln!(
            out,
            "  ! … {}",
            cat.text(
                &Message::new("label-more-evidence")
                    .arg("count", (unsupported.len() - 20).to_string())
            )
        )?;
    }
    for (p, why) in set.skipped_files() {
        writeln!(out, "  {} {p}: {why}", cat.key("iocs-skipped"))?;
    }
    for f in failures {
        writeln!(out, "  ✗ {f}")?;
    }
    writeln!(
        out,
        "{}",
        cat.text(
            &Message::new("iocs-total")
                .arg("count", set.len().to_string())
                .arg("sources", set.sources().len().to_string())
        )
    )
}

/// Prints what feeds hold, for machines.
pub fn iocs_json(out: &mut dyn Write, set: &IndicatorSet, failures: &[String]) -> io::Result<()> {
    let doc = json!({
        "total": set.len(),
        "sources": set.summaries(),
        "unsupported": set.unsupported(),
        "skipped_files": set.skipped_files().iter().map(|(p, w)| json!({"path": p, "reason": w})).collect::<Vec<_>>(),
        "errors": failures,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// One line per feed of an import: stored, or refused and why.
pub fn import_line(
    out: &mut dyn Write,
    cat: &Catalog,
    id: &str,
    r: &Result<StoredFeed, StoreError>,
) -> io::Result<()> {
    match r {
        Ok(f) => {
            let m = Message::new("iocs-imported")
                .arg("id", id)
                .arg("count", f.count.to_string())
                .arg("sha", short(&f.sha256));
            writeln!(out, "✓ {}", cat.text(&m))
        }
        Err(e) => writeln!(out, "✗ {}", cat.text(&e.message())),
    }
}

fn short(sha: &str) -> &str {
    sha.get(..12).unwrap_or(sha)
}

/// Days after which a stored feed is called old.
const STALE_DAYS: i64 = 30;

/// The stored feeds, for people.
pub fn feeds_text(
    out: &mut dyn Write,
    cat: &Catalog,
    feeds: &[StoredFeed],
    now: vigie_core::Timestamp,
) -> io::Result<()> {
    if feeds.is_empty() {
        return writeln!(out, "{}", cat.key("iocs-none"));
    }
    for f in feeds {
        let days = f.age_days(now);
        writeln!(out, "{} — {}", f.id, f.name)?;
        let line = Message::new("iocs-feed-line")
            .arg("count", f.count.to_string())
            .arg("kind", format!("{:?}", f.kind))
            .arg("retrieved", &f.retrieved)
            .arg("days", days.to_string())
            .arg("sha", short(&f.sha256))
            .arg("source", &f.source);
        writeln!(out, "  {}", cat.text(&line))?;
        if days > STALE_DAYS {
            writeln!(
                out,
                "  ⚠ {}",
                cat.text(&Message::new("iocs-stale").arg("days", days.to_string()))
            )?;
        }
    }
    Ok(())
}

/// One stored feed in `iocs list --format json`.
#[derive(Serialize)]
struct JsonStoredFeed<'a> {
    #[serde(flatten)]
    feed: &'a StoredFeed,
    age_days: i64,
    stale: bool,
}

/// The stored feeds, for machines: an array, one object per feed.
pub fn feeds_json(
    out: &mut dyn Write,
    feeds: &[StoredFeed],
    now: vigie_core::Timestamp,
) -> io::Result<()> {
    let list: Vec<JsonStoredFeed<'_>> = feeds
        .iter()
        .map(|f| JsonStoredFeed {
            feed: f,
            age_days: f.age_days(now),
            stale: f.age_days(now) > STALE_DAYS,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// The cases, for people or machines.
pub fn cases_list(
    out: &mut dyn Write,
    cat: &Catalog,
    cases: &[vigie_case::CaseSummary],
    json: bool,
) -> io::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, cases)?;
        return writeln!(out);
    }
    if cases.is_empty() {
        return writeln!(out, "{}", cat.key("case-none"));
    }
    for c in cases {
        let m = Message::new("case-line")
            .arg("reference", &c.reference)
            .arg("created", &c.created)
            .arg("scans", c.scans.to_string());
        writeln!(out, "{}", cat.text(&m))?;
    }
    Ok(())
}

/// A retro-check match, in a sentence.
pub fn retro_line(cat: &Catalog, reference: &str, m: &vigie_case::RetroMatch) -> String {
    let app = m
        .indicator
        .2
        .clone()
        .unwrap_or_else(|| m.indicator.0.clone());
    cat.text(
        &Message::new("retro-match")
            .arg("reference", reference)
            .arg("made", &m.scan_made)
            .arg("app", app)
            .arg("value", &m.observed.1)
            .arg("source", &m.indicator.3),
    )
}

/// What `vigie case show` shows of a case.
pub struct CaseContents {
    /// Its checks, by number.
    pub scans: Vec<(i64, ScanRecord)>,
    /// Indicators that later feeds found in them.
    pub retro: Vec<vigie_case::RetroMatch>,
    /// Its evidence files.
    pub evidence: Vec<vigie_case::EvidenceInfo>,
    /// The person's answers on what the checks flagged (the latest on each thing).
    pub answers: Vec<vigie_case::PersonAnswer>,
}

/// One case's checks, re-translated from what each stored, with the person's answers.
pub fn case_show(
    out: &mut dyn Write,
    cat: &Catalog,
    reference: &str,
    contents: &CaseContents,
    json: bool,
) -> io::Result<()> {
    let CaseContents {
        scans,
        retro,
        evidence,
        answers,
    } = contents;
    if json {
        let docs: Vec<StoredDocument<'_>> = scans
            .iter()
            .map(|(id, r)| StoredDocument::new(cat, *id, r))
            .collect();
        let doc = json!({
            "reference": reference,
            "scans": docs,
            "retro_matches": retro,
            "evidence": evidence,
            "answers": answers,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        return writeln!(out);
    }
    let title = Message::new("case-title").arg("reference", reference);
    writeln!(out, "{}", cat.text(&title))?;
    for (id, s) in scans {
        let m = Message::new("case-scan-line")
            .arg("made", s.made.to_string())
            .arg("kind", cat.key(&s.kind.label_key()))
            .arg("findings", s.verdict.findings.len().to_string());
        writeln!(out, "- {}", cat.text(&m))?;
        writeln!(out, "  {}", cat.key(s.verdict.headline_key()))?;
        for (name, sha) in &s.sources {
            writeln!(out, "  {name} (SHA-256 {})", sha.as_deref().unwrap_or("-"))?;
        }
        for f in &s.feeds {
            let m = Message::new("case-feed-line")
                .arg("name", &f.name)
                .arg("sha", short(&f.sha256));
            writeln!(out, "  {}", cat.text(&m))?;
        }
        for a in answers.iter().filter(|a| a.scan == *id) {
            writeln!(out, "  {} — {}", a.subject, cat.text(&a.message()))?;
        }
    }
    if !retro.is_empty() {
        writeln!(out, "{}", cat.key("case-retro-title"))?;
        for m in retro {
            writeln!(out, "- {}", retro_line(cat, reference, m))?;
        }
    }
    if !evidence.is_empty() {
        writeln!(out, "{}", cat.key("case-evidence-title"))?;
        for e in evidence {
            writeln!(out, "- {}", evidence_line(cat, e))?;
        }
    }
    Ok(())
}

/// An evidence file as `vigie case show` lists it: its number, name and SHA-256, and
/// whether it was withdrawn.
fn evidence_line(cat: &Catalog, e: &vigie_case::EvidenceInfo) -> String {
    let line = Message::new("case-evidence-line")
        .arg("id", e.id.0.to_string())
        .arg("name", &e.name)
        .arg("sha", e.sha256.as_deref().map(short).unwrap_or("-"));
    match &e.withdrawn {
        Some(w) => {
            let by = vigie_report::operator_words(cat, w.by.as_deref());
            let m = Message::new("case-evidence-withdrawn")
                .arg("when", cat.date(&w.when))
                .arg("by", by)
                .arg("reason", &w.reason);
            format!("{} — {}", cat.text(&line), cat.text(&m))
        }
        None if e.interrupted => {
            format!(
                "{} — {}",
                cat.text(&line),
                cat.key("case-evidence-interrupted")
            )
        }
        None => cat.text(&line),
    }
}

/// What a verification found.
pub fn verify_report(
    out: &mut dyn Write,
    cat: &Catalog,
    r: &vigie_case::VerifyReport,
) -> io::Result<()> {
    let m = Message::new("case-verify-summary")
        .arg("entries", r.entries.to_string())
        .arg("rows", r.rows.to_string());
    writeln!(out, "{}", cat.text(&m))?;
    for n in &r.notes {
        writeln!(out, "· {}", cat.text(n))?;
    }
    if r.problems.is_empty() {
        return writeln!(out, "{}", cat.key("case-verify-ok"));
    }
    for p in &r.problems {
        writeln!(out, "✗ {}", cat.text(p))?;
    }
    Ok(())
}
