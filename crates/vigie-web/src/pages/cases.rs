//! Cases: the list, opening one, its page (checks, retro-check matches, evidence files,
//! phone backups kept), closing it after a confirmation, reopening it and purging it
//! (administrators).

use crate::app::{CaseRef, Shared};
use crate::extract::{Operator, Posted};
use crate::html::{self, csrf_field, esc, seg};
use crate::respond::{case_error, error_page, forbidden, page};
use crate::views;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use vigie_case::{DeviceBackupInfo, RetroMatch};
use vigie_core::{Catalog, Message, Timestamp};

/// The cases, and the form that opens one.
pub(crate) async fn list(State(app): Shared, op: Operator) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let list = match app.with_store(None, |st| st.cases()) {
        Ok(l) => l,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let mut body = format!(
        "<form method=\"post\" action=\"/cases\" class=\"card\">{}<label>{}<input name=\"reference\" id=\"reference\" required placeholder=\"{}\"></label><p class=\"hint\">{}</p><button type=\"submit\" id=\"new-case\">{}</button></form>",
        csrf_field(s),
        esc(&cat.key("web-case-reference")),
        esc(&cat.key("web-case-reference-example")),
        esc(&cat.key("web-case-reference-hint")),
        esc(&cat.key("web-case-open"))
    );
    if list.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-cases-none"))));
    } else {
        body.push_str(&format!(
            "<table class=\"cases\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&cat.key("web-case-reference")),
            esc(&cat.key("web-case-opened")),
            esc(&cat.key("web-case-checks")),
            esc(&cat.key("web-case-state"))
        ));
        for c in &list {
            let state = if c.closed.is_some() {
                "web-case-closed"
            } else {
                "web-case-open-state"
            };
            body.push_str(&format!(
                "<tr><td><a href=\"/cases/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                seg(&c.reference),
                esc(&c.reference),
                esc(&cat.date(&c.created)),
                c.scans,
                esc(&cat.key(state))
            ));
        }
        body.push_str("</tbody></table>");
    }
    page(cat, &cat.key("web-cases-title"), Some(s), "/cases", &body)
}

/// Opens a case (or goes to it when it exists).
pub(crate) async fn open(State(app): Shared, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let reference = p
        .form
        .get("reference")
        .map(|r| r.trim().to_owned())
        .unwrap_or_default();
    if reference.is_empty() || reference.len() > 100 {
        let m = Message::new("web-case-reference-invalid");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    match app.with_store(Some(&s.operator), |st| {
        st.case(&reference, Timestamp::now())
    }) {
        Ok(_) => {
            let then = match p.form.get("then").map(String::as_str) {
                Some("check") => "/check",
                _ => "",
            };
            Redirect::to(&format!("/cases/{}{then}", seg(&reference))).into_response()
        }
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// A case's page.
pub(crate) async fn show(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let loaded = app.with_store(None, |st| {
        let summary = st.summary(&reference)?;
        let id = st.find(&reference)?;
        Ok((
            summary,
            vigie_station::stored_checks(st, id)?,
            st.evidence(id)?,
            st.retro_matches(id)?,
            st.device_backups(id)?,
            st.answers(id)?,
        ))
    });
    let (summary, scans, evidence, retro, backups, answers) = match loaded {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let r = seg(&reference);
    let mut body = String::new();
    if let Some(m) = q.get("msg").filter(|m| m.starts_with("web-")) {
        body.push_str(&html::notice("ok", &cat.key(m)));
    }
    body.push_str(&views::case_verdict(cat, &scans));
    if summary.closed.is_some() {
        body.push_str(&html::notice("info", &cat.key("web-case-is-closed")));
    } else {
        body.push_str(&actions(cat, &r));
    }
    body.push_str(&crate::pages::reports::case_tools(cat, s, &reference));
    body.push_str(&format!("<h2>{}</h2>", esc(&cat.key("web-case-checks"))));
    if scans.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-case-no-checks"))));
    }
    for (id, scan) in views::by_seriousness(&scans) {
        body.push_str(&views::check_section(cat, *id, scan, &answers));
    }
    body.push_str(&retro_html(cat, &retro));
    body.push_str(&super::evidence::table(
        cat,
        s,
        &evidence,
        app.retention_days,
    ));
    body.push_str(&backups_html(cat, &backups));
    body.push_str(&case_forms(cat, s, &r, summary.closed.is_none()));
    let title = cat.text(&Message::new("web-case-title").arg("reference", &reference));
    page(cat, &title, Some(s), &format!("/cases/{r}"), &body)
}

/// What can be done in an open case: a phone checked (each way a tile), the locker.
fn actions(cat: &Catalog, r: &str) -> String {
    format!(
        "{}<p><a class=\"button\" id=\"open-locker\" href=\"/cases/{r}/locker\">{}</a></p>",
        super::check::ways(cat, r),
        esc(&cat.key("web-locker-open"))
    )
}

/// Indicators that later feeds found in the case's past checks.
fn retro_html(cat: &Catalog, retro: &[RetroMatch]) -> String {
    if retro.is_empty() {
        return String::new();
    }
    let items: String = retro
        .iter()
        .map(|m| {
            let app = m
                .indicator
                .2
                .clone()
                .unwrap_or_else(|| m.indicator.0.clone());
            let msg = Message::new("retro-match-web")
                .arg("made", &m.scan_made)
                .arg("app", app)
                .arg("value", &m.observed.1)
                .arg("source", &m.indicator.3);
            format!("<li>{}</li>", esc(&cat.text(&msg)))
        })
        .collect();
    format!(
        "<h2>{}</h2><ul class=\"retro\">{items}</ul>",
        esc(&cat.key("web-retro-title"))
    )
}

/// The phone backups kept in the case, complete with their digest or interrupted.
fn backups_html(cat: &Catalog, backups: &[DeviceBackupInfo]) -> String {
    if backups.is_empty() {
        return String::new();
    }
    let mut body = format!(
        "<h2>{}</h2><table class=\"evidence\" id=\"device-backups\"><tbody>",
        esc(&cat.key("web-backups-title"))
    );
    for b in backups {
        let state = match (&b.finished, &b.digest) {
            (Some(done), Some(digest)) => cat.text(
                &Message::new("web-backup-complete")
                    .arg("made", done)
                    .arg("sha", digest),
            ),
            _ => cat.key("web-backup-interrupted"),
        };
        let files = Message::new("web-backup-files").arg("count", b.files.to_string());
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} B</td><td>{}</td></tr>",
            esc(&b.label),
            esc(&cat.date(&b.started)),
            esc(&cat.text(&files)),
            b.bytes,
            esc(&state)
        ));
    }
    body.push_str("</tbody></table>");
    body
}

/// Closing the case (while open, after a confirmation page), reopening it and purging it
/// (administrators).
fn case_forms(cat: &Catalog, s: &crate::auth::Session, r: &str, open: bool) -> String {
    let mut body = String::new();
    if open {
        body.push_str(&format!(
            "<a class=\"button\" href=\"/cases/{r}/close\" id=\"close-case\">{}</a>",
            esc(&cat.key("web-case-close"))
        ));
    } else if s.admin {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/cases/{r}/reopen\" class=\"inline\">{}<button type=\"submit\" id=\"reopen-case\">{}</button></form>",
            csrf_field(s),
            esc(&cat.key("web-case-reopen"))
        ));
    }
    if s.admin {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/cases/{r}/purge\" class=\"inline danger\">{}<label class=\"choice\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> {}</label><button type=\"submit\">{}</button></form>",
            csrf_field(s),
            esc(&cat.key("web-case-purge-confirm")),
            esc(&cat.key("web-case-purge"))
        ));
    }
    body
}

/// Asks before closing a case: what closing does, and who can undo it.
pub(crate) async fn close_page(op: Operator, Path(reference): CaseRef) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let r = seg(&reference);
    let ask = Message::new("web-case-close-ask").arg("reference", &reference);
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"/cases/{r}/close\" class=\"card\">{}<div class=\"actions\"><button type=\"submit\" id=\"close-confirm\">{}</button><a class=\"button secondary\" href=\"/cases/{r}\">{}</a></div></form>",
        esc(&cat.text(&ask)),
        csrf_field(s),
        esc(&cat.key("web-case-close-yes")),
        esc(&cat.key("web-cancel"))
    );
    let title = cat.key("web-case-close");
    page(cat, &title, Some(s), &format!("/cases/{r}"), &body)
}

/// Reopens a closed case (administrators), logged with their name.
pub(crate) async fn reopen(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    if !s.admin {
        return forbidden(cat);
    }
    match app.with_store(Some(&s.operator), |st| {
        st.reopen(&reference, Timestamp::now())
    }) {
        Ok(()) => Redirect::to(&format!("/cases/{}", seg(&reference))).into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// Closes a case: it stays readable, and no new check is offered in it.
pub(crate) async fn close(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    match app.with_store(Some(&s.operator), |st| {
        st.close(&reference, Timestamp::now())
    }) {
        Ok(()) => Redirect::to(&format!("/cases/{}", seg(&reference))).into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// Purges a case and everything in it (administrators, confirmed).
pub(crate) async fn purge(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    if !s.admin || p.form.get("confirm").map(String::as_str) != Some("yes") {
        return forbidden(cat);
    }
    match app.with_store(Some(&s.operator), |st| {
        st.purge(&reference, Timestamp::now())
    }) {
        Ok(()) => Redirect::to("/cases").into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}
