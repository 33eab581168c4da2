//! Responses every page shares: a page in the layout, the error pages, downloads.

use crate::auth::Session;
use crate::html::{self, esc};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use vigie_case::CaseError;
use vigie_core::{Catalog, Localized, Message};

/// A whole page in the layout (see [`layout`]), as the answer.
pub(crate) fn page(
    cat: &Catalog,
    title: &str,
    session: Option<&Session>,
    path: &str,
    body: &str,
) -> Response {
    Html(layout(cat, title, session, path, body)).into_response()
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

/// A whole page: header with navigation, language switch and logout, then `body`.
fn layout(cat: &Catalog, title: &str, session: Option<&Session>, path: &str, body: &str) -> String {
    let lang = cat.lang().code();
    let other = if lang == "fr" { "en" } else { "fr" };
    let other_label = cat.key("web-lang-other");
    let mut nav = String::new();
    if let Some(s) = session {
        nav.push_str(&format!(
            "<a href=\"/check\" id=\"nav-check\">{}</a><a href=\"/cases\">{}</a>",
            esc(&cat.key("web-nav-check")),
            esc(&cat.key("web-nav-cases"))
        ));
        nav.push_str(&format!(
            "<a href=\"/hotspot\">{}</a>",
            esc(&cat.key("web-nav-hotspot"))
        ));
        nav.push_str(&format!(
            "<a href=\"/station\">{}</a>",
            esc(&cat.key("web-nav-station"))
        ));
        if s.admin {
            nav.push_str(&format!(
                "<a href=\"/operators\">{}</a>",
                esc(&cat.key("web-nav-operators"))
            ));
        }
        nav.push_str(&format!(
            "<form method=\"post\" action=\"/logout\" class=\"inline\">{}<button type=\"submit\" id=\"logout\">{}</button></form><span class=\"who\">{}</span>",
            html::csrf_field(s),
            esc(&cat.key("web-logout")),
            esc(&s.operator)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} — Vigie</title><link rel=\"stylesheet\" href=\"/assets/app.css\"><script src=\"/assets/app.js\" defer></script></head><body><a class=\"skip\" href=\"#content\">{skip}</a><header><a class=\"brand\" href=\"/\">Vigie</a><nav>{nav}<a id=\"lang\" href=\"/lang?to={other}&amp;back={back}\" hreflang=\"{other}\">{other_label}</a></nav></header><main id=\"content\" tabindex=\"-1\"><h1>{title}</h1>{body}</main><footer>{footer}</footer></body></html>",
        title = esc(title),
        back = html::seg(path),
        other_label = esc(&other_label),
        footer = esc(&cat.key("web-footer")),
        skip = esc(&cat.key("web-skip-link")),
    )
}
