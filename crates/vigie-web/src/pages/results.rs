//! A stored check's own result page: the verdict first, then the details, whatever kind of
//! check made it. A live check's page goes there once the check is stored.

use crate::app::Shared;
use crate::extract::Operator;
use crate::html::{esc, seg};
use crate::respond::{case_error, page};
use crate::views;
use axum::extract::{Path, State};
use axum::response::Response;
use vigie_case::CaseError;
use vigie_core::Message;

/// The result of stored check `id`.
pub(crate) async fn page_of(State(app): Shared, op: Operator, Path(id): Path<i64>) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let stored = app.with_store(None, |st| {
        vigie_station::stored_check(st, id)?.ok_or(CaseError::NoScan(id))
    });
    let (reference, record) = match stored {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let back = format!(
        "<p><a class=\"button\" id=\"back-to-case\" href=\"/cases/{}\">{}</a></p>",
        seg(&reference),
        esc(&cat.key("web-back-case"))
    );
    let body = format!("{}{back}", views::check_result(cat, &record));
    let title = Message::new("web-result-title")
        .arg("kind_keys", record.kind.label_key())
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
