//! Writes a report's blocks from the case file: a page in plain words, the findings one by
//! one, next steps, a timeline, the technical annex and the chain of custody. Every finding
//! is re-translated from its stored messages, so a check made in French is reported in
//! English, and the reverse.

use crate::guidance::Guidance;
use crate::model::{Block, Report};
use crate::sections::{self, Sources};
use crate::settings::{Audience, ReportSettings};
use vigie_case::{CaseError, CaseStore};
use vigie_core::{Catalog, Localized, Message, Timestamp};
use vigie_station::{stored_check, stored_checks};

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

impl Localized for ReportError {
    fn message(&self) -> Message {
        match self {
            ReportError::Case(e) => e.message(),
            ReportError::Unknown(r) => Message::new("report-error-unknown").arg("reference", r),
        }
    }
}

/// Reads what the report of `scope` rests on.
fn load(store: &CaseStore, scope: &Scope) -> Result<Sources, ReportError> {
    let (reference, scans) = match scope {
        Scope::Case(r) => {
            let case = store.find(r).map_err(|e| match e {
                CaseError::NoCase(_) => ReportError::Unknown(r.clone()),
                other => other.into(),
            })?;
            (r.clone(), stored_checks(store, case)?)
        }
        Scope::Scan(id) => match stored_check(store, *id)? {
            Some((r, rec)) => (r, vec![(*id, rec)]),
            None => return Err(ReportError::Unknown(id.to_string())),
        },
    };
    let case = store.find(&reference)?;
    Ok(Sources {
        summary: store.summary(&reference)?,
        evidence: store.evidence(case)?,
        custody: store.audit_for_case(case)?,
        locker: store.locker(case)?,
        interview: store
            .interview(case)?
            .map(|v| crate::Interview::from_json(&v))
            .unwrap_or_default(),
        answers: store.answers(case)?,
        station_key: store.made_station_fingerprint()?,
        audit_head: store.audit_head()?,
        reference,
        scans,
    })
}

/// Writes the report of `scope` for `settings`' audience.
pub fn build(
    store: &CaseStore,
    scope: &Scope,
    cat: &Catalog,
    guidance: &Guidance,
    settings: &ReportSettings,
    now: Timestamp,
) -> Result<Report, ReportError> {
    let src = load(store, scope)?;
    if settings.audience == Audience::Person {
        return Ok(sections::person(cat, guidance, settings, &src).made_visible());
    }
    let mut b = vec![Block::Para(
        cat.text(
            &Message::new("report-generated")
                .arg("when", now.to_string())
                .arg("version", env!("CARGO_PKG_VERSION"))
                .arg("opened", &src.summary.created),
        ),
    )];
    if let Scope::Scan(id) = scope {
        b.push(Block::Para(cat.text(
            &Message::new("report-one-check").arg("id", id.to_string()),
        )));
    }
    sections::plain(&mut b, cat, &src);
    sections::findings(&mut b, cat, &src);
    if !src.locker.is_empty() {
        sections::locker(&mut b, cat, guidance, &src);
    }
    sections::next_steps(&mut b, guidance, cat, &src, &settings.country);
    sections::signature(&mut b, cat, settings, now);
    sections::timeline(&mut b, cat, guidance, &src);
    sections::annex(&mut b, cat, &src);
    sections::custody(&mut b, cat, guidance, &src);
    let reference = src.reference;
    let report = Report {
        lang: cat.lang().code(),
        title: cat.text(&Message::new("report-title").arg("reference", &reference)),
        running_head: cat.text(&Message::new("report-running-head").arg("reference", &reference)),
        reference,
        page_word: cat.key("report-page"),
        blocks: b,
    };
    Ok(report.made_visible())
}
