//! The unlock page: a station started at boot has no one to type the case file's
//! passphrase, so the app asks for it (and, at first start, has it chosen and typed twice)
//! before anything else. The passphrase is never written anywhere; it is asked again after
//! each restart.

use crate::app::Shared;
use crate::extract::{GuestForm, GuestToken, Visitor};
use crate::html::{self, esc};
use crate::respond::page;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use vigie_case::{CaseError, CaseStore, KdfParams};
use vigie_core::{Catalog, Localized, Message, Timestamp};

/// Shortest passphrase chosen at first start (the command line asks the same).
const MIN_PASSPHRASE: usize = vigie_case::MIN_CASE_PASSPHRASE;

/// Until the case file is open, every page but this one (and the assets and the language
/// switch) leads here.
pub(crate) async fn require_unlocked(State(app): Shared, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let free = path == "/unlock" || path.starts_with("/assets/") || path == "/lang";
    if app.unlocked() || free {
        next.run(req).await
    } else {
        Redirect::to("/unlock").into_response()
    }
}

/// The form: the passphrase, or at first start a new one typed twice.
fn form(cat: &Catalog, token: &GuestToken, first_start: bool, problem: Option<&str>) -> String {
    let mut body = problem
        .map(|p| html::notice("error", p))
        .unwrap_or_default();
    let (intro, fields) = if first_start {
        let hint = Message::new("web-unlock-choose-hint").arg("min", MIN_PASSPHRASE.to_string());
        (
            cat.text(&hint),
            format!(
                "<label for=\"passphrase\">{}</label><input type=\"password\" name=\"passphrase\" id=\"passphrase\" autocomplete=\"new-password\" minlength=\"{MIN_PASSPHRASE}\" required autofocus><label for=\"passphrase-again\">{}</label><input type=\"password\" name=\"passphrase-again\" id=\"passphrase-again\" autocomplete=\"new-password\" required>",
                esc(&cat.key("web-unlock-new")),
                esc(&cat.key("web-unlock-again"))
            ),
        )
    } else {
        (
            cat.key("web-unlock-intro"),
            format!(
                "<label for=\"passphrase\">{}</label><input type=\"password\" name=\"passphrase\" id=\"passphrase\" autocomplete=\"current-password\" required autofocus>",
                esc(&cat.key("web-unlock-passphrase"))
            ),
        )
    };
    body.push_str(&format!(
        "<p>{}</p><form method=\"post\" action=\"/unlock\" class=\"card\">{}{fields}<button type=\"submit\" id=\"unlock\">{}</button></form>",
        esc(&intro),
        token.field(),
        esc(&cat.key("web-unlock-button"))
    ));
    body
}

/// The unlock page (the cases once the case file is open).
pub(crate) async fn page_of(State(app): Shared, v: Visitor, t: GuestToken) -> Response {
    if app.unlocked() {
        return Redirect::to("/").into_response();
    }
    let first_start = !app.store_path.exists();
    let body = form(&v.cat, &t, first_start, None);
    let title = v.cat.key("web-unlock-title");
    t.with_cookie(page(&v.cat, &title, None, "/unlock", &body).into_response())
}

/// The form again, under what went wrong.
fn again(
    cat: &Catalog,
    token: &GuestToken,
    status: StatusCode,
    first_start: bool,
    problem: &str,
) -> Response {
    let body = form(cat, token, first_start, Some(problem));
    (
        status,
        page(cat, &cat.key("web-unlock-title"), None, "/unlock", &body),
    )
        .into_response()
}

/// Opens the case file with the passphrase typed (creates it at first start).
pub(crate) async fn unlock(State(app): Shared, v: Visitor, posted: GuestForm) -> Response {
    let (cat, t, f) = (&v.cat, &posted.token, &posted.form);
    if app.unlocked() {
        return Redirect::to("/").into_response();
    }
    let first_start = !app.store_path.exists();
    let pass = f.get("passphrase").cloned().unwrap_or_default();
    if first_start {
        let again_typed = f.get("passphrase-again").map(String::as_str);
        if let Some(vigie_case::CaseError::GuessablePassphrase) =
            vigie_case::passphrase_problem(&pass)
        {
            let m = Message::new("case-error-guessable-passphrase");
            return again(cat, t, StatusCode::BAD_REQUEST, true, &cat.text(&m));
        }
        if pass.chars().count() < MIN_PASSPHRASE {
            let m = Message::new("web-unlock-short").arg("min", MIN_PASSPHRASE.to_string());
            return again(cat, t, StatusCode::BAD_REQUEST, true, &cat.text(&m));
        }
        if again_typed != Some(pass.as_str()) {
            return again(
                cat,
                t,
                StatusCode::BAD_REQUEST,
                true,
                &cat.key("web-unlock-differ"),
            );
        }
    }
    // One try at a time (each costs a memory-hard key derivation); `None` when busy.
    let trying = app.clone();
    let opened = tokio::task::spawn_blocking(move || {
        let _one = trying.unlocking.try_lock().ok()?;
        let path = &trying.store_path;
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return Some(Err(CaseError::Io(e.to_string())));
            }
        }
        Some(CaseStore::open(
            path,
            &pass,
            KdfParams::standard(),
            Timestamp::now(),
        ))
    })
    .await
    .ok()
    .flatten();
    match opened {
        Some(Ok(store)) => {
            app.unlock(store);
            Redirect::to("/").into_response()
        }
        Some(Err(CaseError::WrongPassphrase)) => {
            // A wrong passphrase costs a pause, so that guessing is slow.
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let m = CaseError::WrongPassphrase.message();
            again(cat, t, StatusCode::FORBIDDEN, first_start, &cat.text(&m))
        }
        Some(Err(e)) => {
            let status = StatusCode::INTERNAL_SERVER_ERROR;
            again(cat, t, status, first_start, &cat.text(&e.message()))
        }
        None => {
            let status = StatusCode::TOO_MANY_REQUESTS;
            again(cat, t, status, first_start, &cat.key("web-unlock-busy"))
        }
    }
}
