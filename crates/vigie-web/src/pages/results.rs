//! A stored check's own result page: the verdict first, then the details, whatever kind of
//! check made it. A live check's page goes there once the check is stored.

use crate::app::Shared;
use crate::extract::Operator;
use crate::extract::Posted;
use crate::html::{esc, seg};
use crate::respond::{case_error, error_page, page};
use crate::views;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use vigie_case::{CaseError, PersonAnswer, PersonSays};
use vigie_core::{Message, Timestamp};

/// The result of stored check `id`.
pub(crate) async fn page_of(
    State(app): Shared,
    op: Operator,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let stored = app.with_store(None, |st| {
        let (reference, record) =
            vigie_station::stored_check(st, id)?.ok_or(CaseError::NoScan(id))?;
        let answers = st.answers(st.find(&reference)?)?;
        Ok((reference, record, answers))
    });
    let (reference, record, answers) = match stored {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let back = format!(
        "<p><a class=\"button\" id=\"back-to-case\" href=\"/cases/{}\">{}</a></p>",
        seg(&reference),
        esc(&cat.key("web-back-case"))
    );
    let answers = views::answers::section(cat, s, id, &record.verdict.findings, &answers);
    let notice = q
        .get("msg")
        .filter(|m| m.starts_with("web-"))
        .map(|m| crate::html::notice("ok", &cat.key(m)))
        .unwrap_or_default();
    let body = format!(
        "{notice}{}{answers}{back}",
        views::check_result(cat, &record)
    );
    let title = Message::new("web-result-title")
        .arg("kind_keys", record.kind.title_key())
        .arg("reference", &reference)
        .arg("made", record.made.to_string());
    page(
        cat,
        &cat.text(&title),
        Some(s),
        &format!("/results/{id}"),
        &body,
    )
}

/// Records the person's answer on one thing check `id` flagged, then shows the check again.
pub(crate) async fn answer(State(app): Shared, Path(id): Path<i64>, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let field = |name: &str| p.form.get(name).map(|v| v.trim()).unwrap_or_default();
    let says = PersonSays::from_name(field("says"));
    let (subject, note) = (field("subject"), field("note"));
    if says.is_none() && note.is_empty() {
        let m = Message::new("web-answer-empty");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    let saved = app.with_store(Some(&s.operator), |st| {
        let (reference, record) =
            vigie_station::stored_check(st, id)?.ok_or(CaseError::NoScan(id))?;
        if !record.verdict.findings.iter().any(|f| f.subject == subject) {
            return Ok(false);
        }
        let answer = PersonAnswer {
            scan: id,
            subject: subject.to_owned(),
            says,
            note: note.to_owned(),
            recorded: Timestamp::now(),
        };
        st.save_answer(st.find(&reference)?, &answer)?;
        Ok(true)
    });
    match saved {
        Ok(true) => Redirect::to(&format!("/results/{id}#answers")).into_response(),
        Ok(false) => {
            let m = Message::new("web-answer-not-flagged");
            error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m)
        }
        Err(e) => case_error(cat, Some(s), &e),
    }
}
