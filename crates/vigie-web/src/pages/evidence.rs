//! A case's evidence files: the table on the case page (name, when added, size, SHA-256,
//! what it is and its state), keeping a raw capture past retention, and withdrawing a file
//! added by mistake (kept, named as withdrawn by whom and why, left out of exports).

use crate::app::Shared;
use crate::auth::Session;
use crate::extract::Posted;
use crate::html::{csrf_field, esc, seg};
use crate::respond::{case_error, error_page};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vigie_case::{CaseError, CaseStore, EvidenceId, EvidenceInfo, EvidenceKind};
use vigie_core::{Catalog, Message, Timestamp};

/// The case's evidence files with their SHA-256 and what can be done with each.
pub(crate) fn table(cat: &Catalog, s: &Session, evidence: &[EvidenceInfo], days: u32) -> String {
    let mut body = format!("<h2>{}</h2>", esc(&cat.key("web-evidence-title")));
    if evidence.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-evidence-none"))));
        return body;
    }
    body.push_str(&format!(
        "<table class=\"evidence\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>SHA-256</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&cat.key("web-evidence-col-file")),
        esc(&cat.key("web-evidence-col-added")),
        esc(&cat.key("web-evidence-col-size")),
        esc(&cat.key("web-evidence-col-kind")),
        esc(&cat.key("web-evidence-col-state")),
    ));
    for e in evidence {
        let size = Message::new("web-evidence-size").arg("bytes", e.size.to_string());
        let class = if e.withdrawn.is_some() {
            " class=\"withdrawn\""
        } else {
            ""
        };
        body.push_str(&format!(
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}{}</td></tr>",
            esc(&e.name),
            esc(&cat.date(&e.added)),
            esc(&cat.text(&size)),
            esc(e.sha256.as_deref().unwrap_or("…")),
            esc(&cat.key(&format!("web-evidence-kind-{}", e.kind.as_str()))),
            esc(&state(cat, e, days)),
            actions(cat, s, e)
        ));
    }
    body.push_str("</tbody></table>");
    body
}

/// What has become of an item, in words.
fn state(cat: &Catalog, e: &EvidenceInfo, days: u32) -> String {
    if let Some(w) = &e.withdrawn {
        let by = vigie_report::operator_words(cat, w.by.as_deref());
        let m = Message::new("web-evidence-withdrawn")
            .arg("when", cat.date(&w.when))
            .arg("by", by)
            .arg("reason", &w.reason);
        return cat.text(&m);
    }
    if e.interrupted {
        cat.key("web-evidence-interrupted")
    } else if e.content_purged.is_some() {
        cat.key("web-evidence-purged")
    } else if e.keep {
        cat.key("web-evidence-kept")
    } else if e.kind == EvidenceKind::Capture {
        cat.text(&Message::new("web-evidence-retention").arg("days", days.to_string()))
    } else {
        String::new()
    }
}

/// Keeping a raw capture past retention, and withdrawing an item (with a reason).
fn actions(cat: &Catalog, s: &Session, e: &EvidenceInfo) -> String {
    if e.withdrawn.is_some() {
        return String::new();
    }
    let id = e.id.0;
    let mut out = String::new();
    if e.kind == EvidenceKind::Capture && !e.keep && e.content_purged.is_none() {
        out.push_str(&format!(
            "<form method=\"post\" action=\"/evidence/{id}/keep\" class=\"inline\">{}<button type=\"submit\">{}</button></form>",
            csrf_field(s),
            esc(&cat.key("web-evidence-keep"))
        ));
    }
    out.push_str(&format!(
        "<details class=\"withdraw\"><summary>{}</summary><form method=\"post\" action=\"/evidence/{id}/withdraw\">{}<p class=\"hint\">{}</p><label for=\"withdraw-reason-{id}\">{}</label><input name=\"reason\" id=\"withdraw-reason-{id}\" required maxlength=\"500\"><button type=\"submit\" id=\"withdraw-{id}\">{}</button></form></details>",
        esc(&cat.key("web-evidence-withdraw")),
        csrf_field(s),
        esc(&cat.key("web-evidence-withdraw-hint")),
        esc(&cat.key("web-evidence-withdraw-reason")),
        esc(&cat.key("web-evidence-withdraw-button"))
    ));
    out
}

/// The reference of the case an item belongs to.
fn case_of(st: &CaseStore, id: EvidenceId) -> Result<Option<String>, CaseError> {
    let (case, _) = st.evidence_item(id)?;
    let refs = st.case_ids()?;
    Ok(refs.into_iter().find(|(c, _)| *c == case).map(|(_, r)| r))
}

/// Back to the case page once an item has been changed.
fn back_to_case(done: Result<Option<String>, CaseError>, cat: &Catalog, s: &Session) -> Response {
    match done {
        Ok(Some(r)) => Redirect::to(&format!("/cases/{}", seg(&r))).into_response(),
        Ok(None) => Redirect::to("/cases").into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// Keeps a raw capture as evidence past the retention period.
pub(crate) async fn keep(State(app): Shared, Path(id): Path<i64>, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let id = EvidenceId(id);
    let done = app.with_store(Some(&s.operator), |st| {
        st.keep_evidence(id, Timestamp::now())?;
        case_of(st, id)
    });
    back_to_case(done, cat, s)
}

/// Withdraws an item added by mistake: the reason is required; the item stays in the case
/// file and its custody log, and exports leave it out.
pub(crate) async fn withdraw(State(app): Shared, Path(id): Path<i64>, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let reason = p.form.get("reason").map(|r| r.trim()).unwrap_or_default();
    if reason.is_empty() {
        let m = Message::new("case-error-no-reason");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    let id = EvidenceId(id);
    let done = app.with_store(Some(&s.operator), |st| {
        st.withdraw_evidence(id, reason, Timestamp::now())?;
        case_of(st, id)
    });
    back_to_case(done, cat, s)
}
