//! Responses every page shares: a page in the layout, the error pages, downloads.

use crate::auth::Session;
use crate::html::{self, esc};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use vigie_case::CaseError;
use vigie_core::{Catalog, Localized, Message};

/// A whole page in the layout (see [`html::page`]).
pub(crate) fn page(
    cat: &Catalog,
    title: &str,
    session: Option<&Session>,
    path: &str,
    body: &str,
) -> Response {
    Html(html::page(cat, title, session, path, body)).into_response()
}

/// The page for a refused request (a form without its token, from elsewhere, or an action
/// the operator may not do).
pub(crate) fn forbidden(cat: &Catalog) -> Response {
    let body = html::notice("error", &cat.key("web-forbidden"));
    let title = cat.key("web-forbidden-title");
    (StatusCode::FORBIDDEN, page(cat, &title, None, "/", &body)).into_response()
}

/// An error page saying `msg`, with the way back to the cases.
pub(crate) fn error_page(
    cat: &Catalog,
    session: Option<&Session>,
    status: StatusCode,
    msg: &Message,
) -> Response {
    let body = format!(
        "{}<p><a href=\"/cases\">{}</a></p>",
        html::notice("error", &cat.text(msg)),
        esc(&cat.key("web-back-cases"))
    );
    let title = cat.key("web-error-title");
    (status, page(cat, &title, session, "/", &body)).into_response()
}

/// The error page of a case file error (not found, or the file's own trouble).
pub(crate) fn case_error(cat: &Catalog, session: Option<&Session>, e: &CaseError) -> Response {
    let status = match e {
        CaseError::NoCase(_)
        | CaseError::NoEvidence(_)
        | CaseError::NoScan(_)
        | CaseError::NoLockerItem(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    error_page(cat, session, status, &e.message())
}

/// A file to download.
pub(crate) fn attachment(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// A case reference made safe for a file name.
pub(crate) fn file_stem(reference: &str) -> String {
    let safe = |c: char| if c.is_ascii_alphanumeric() { c } else { '-' };
    reference.chars().map(safe).collect()
}
