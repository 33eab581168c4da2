//! Accounts: the first start (the administrator), logging in and out, the language, and the
//! operators an administrator adds.

use crate::app::{App, Shared};
use crate::auth::{MAX_NAME_CHARS, MAX_PASSWORD_BYTES};
use crate::extract::{
    session_token, GuestForm, GuestToken, Operator, Posted, Visitor, LANG_COOKIE, SESSION_COOKIE,
};
use crate::html::{self, csrf_field, esc};
use crate::respond::{case_error, error_page, forbidden, page};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::net::SocketAddr;
use vigie_core::{Catalog, Lang, Message, Timestamp};

/// Shortest password accepted for an operator.
const MIN_PASSWORD: usize = 10;

/// What is wrong with the name and password chosen for a new account, if anything.
fn new_account_problem(name: &str, password: &str) -> Option<Message> {
    if name.is_empty() || password.chars().count() < MIN_PASSWORD {
        return Some(Message::new("web-password-short").arg("count", MIN_PASSWORD.to_string()));
    }
    if vigie_case::is_guessable(name, password) {
        return Some(Message::new("web-password-weak"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Some(Message::new("web-name-long").arg("count", MAX_NAME_CHARS.to_string()));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        let most = MAX_PASSWORD_BYTES.to_string();
        return Some(Message::new("web-password-long").arg("count", most));
    }
    None
}

/// The home page: checking a phone (or, before that, the page to go to first).
pub(crate) async fn home(_: Operator) -> Response {
    Redirect::to("/check").into_response()
}

fn credentials_form(cat: &Catalog, action: &str, button: &str, extra: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" class=\"card\">{extra}<label>{}<input name=\"name\" id=\"name\" autocomplete=\"username\" required></label><label>{}<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label><button type=\"submit\" id=\"submit\">{}</button></form>",
        esc(&cat.key("web-operator-name")),
        esc(&cat.key("web-password")),
        esc(button)
    )
}

/// A page of the account forms, with `status`.
fn account_page(cat: &Catalog, status: StatusCode, key: &str, path: &str, body: &str) -> Response {
    (status, page(cat, &cat.key(key), None, path, body)).into_response()
}

/// The credentials form again, under what went wrong.
fn try_again(
    cat: &Catalog,
    token: &GuestToken,
    status: StatusCode,
    problem: &str,
    path: &str,
) -> Response {
    let (title, button) = match path {
        "/setup" => ("web-setup-title", "web-setup-button"),
        _ => ("web-login-title", "web-login-button"),
    };
    let body = format!(
        "{}{}",
        html::notice("error", problem),
        credentials_form(cat, path, &cat.key(button), &token.field())
    );
    account_page(cat, status, title, path, &body)
}

/// The first-start page: the administrator's account.
pub(crate) async fn setup_page(State(app): Shared, v: Visitor, t: GuestToken) -> Response {
    if !app.no_operators() {
        return Redirect::to("/login").into_response();
    }
    let cat = &v.cat;
    let body = format!(
        "<p>{}</p>{}",
        esc(&cat.key("web-setup-intro")),
        credentials_form(cat, "/setup", &cat.key("web-setup-button"), &t.field())
    );
    t.with_cookie(account_page(
        cat,
        StatusCode::OK,
        "web-setup-title",
        "/setup",
        &body,
    ))
}

/// Makes the very first account, an administrator; later ones are added by one.
pub(crate) async fn setup(State(app): Shared, v: Visitor, posted: GuestForm) -> Response {
    let (t, f) = (&posted.token, &posted.form);
    let cat = &v.cat;
    if !app.no_operators() {
        return Redirect::to("/login").into_response();
    }
    let name = f.get("name").map(|s| s.trim()).unwrap_or_default();
    let password = f.get("password").map(String::as_str).unwrap_or_default();
    if let Some(problem) = new_account_problem(name, password) {
        return try_again(
            cat,
            t,
            StatusCode::BAD_REQUEST,
            &cat.text(&problem),
            "/setup",
        );
    }
    let Some(_turn) = app.password_turns.wait().await else {
        return try_again(
            cat,
            t,
            StatusCode::SERVICE_UNAVAILABLE,
            &cat.key("web-login-busy"),
            "/setup",
        );
    };
    match app.with_store(Some(name), |s| {
        s.add_operator(name, password, true, Timestamp::now())
    }) {
        Ok(_) => Redirect::to("/login").into_response(),
        Err(e) => case_error(cat, None, &e),
    }
}

/// The login page.
pub(crate) async fn login_page(State(app): Shared, v: Visitor, t: GuestToken) -> Response {
    if app.no_operators() {
        return Redirect::to("/setup").into_response();
    }
    let cat = &v.cat;
    let body = credentials_form(cat, "/login", &cat.key("web-login-button"), &t.field());
    t.with_cookie(account_page(
        cat,
        StatusCode::OK,
        "web-login-title",
        "/login",
        &body,
    ))
}

/// The login page again, with `problem` and `status`.
fn login_refused(cat: &Catalog, status: StatusCode, key: &str) -> Response {
    let body = html::notice("error", &cat.key(key));
    account_page(cat, status, "web-login-title", "/login", &body)
}

/// A failed login: counted by the limits, logged under the name typed, and the form again.
fn failed_login(
    app: &App,
    cat: &Catalog,
    token: &GuestToken,
    ip: std::net::IpAddr,
    name: &str,
    status: StatusCode,
) -> Response {
    app.limiter.failed(ip, name);
    let _ = app.with_store(Some(name), |s| {
        s.log("login-failed", None, Timestamp::now())
    });
    try_again(cat, token, status, &cat.key("web-login-failed"), "/login")
}

/// Logs an operator in. Five failures from one address, or on one account, wait five
/// minutes; passwords are hashed a few at a time, the others wait their turn or are told
/// the station is busy.
pub(crate) async fn login(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    v: Visitor,
    posted: GuestForm,
) -> Response {
    let (cat, t, f) = (&v.cat, &posted.token, &posted.form);
    let ip = peer.ip();
    let name = f.get("name").map(|s| s.trim()).unwrap_or_default();
    let password = f.get("password").map(String::as_str).unwrap_or_default();
    // No account has a longer name or password: a failure, counted and logged (the log
    // keeps the first 200 characters), without hashing anything.
    if name.chars().count() > MAX_NAME_CHARS || password.len() > MAX_PASSWORD_BYTES {
        return failed_login(&app, cat, t, ip, name, StatusCode::BAD_REQUEST);
    }
    if !app.limiter.allowed(ip, name) {
        return login_refused(cat, StatusCode::TOO_MANY_REQUESTS, "web-login-limited");
    }
    let Some(_turn) = app.password_turns.wait().await else {
        return login_refused(cat, StatusCode::SERVICE_UNAVAILABLE, "web-login-busy");
    };
    // Attempts that waited for their turn are counted again: many at once from one place
    // get no more tries than one after the other.
    if !app.limiter.allowed(ip, name) {
        return login_refused(cat, StatusCode::TOO_MANY_REQUESTS, "web-login-limited");
    }
    let operator = app.with_store(None, |s| s.operator(name)).ok().flatten();
    // The password is checked even for unknown names, so that timing tells nothing.
    let ok = tokio::task::block_in_place(|| match &operator {
        Some(op) => op.check_password(password),
        None => {
            let _ = vigie_case::hash_password(password);
            false
        }
    });
    let Some(op) = operator.filter(|_| ok) else {
        return failed_login(&app, cat, t, ip, name, StatusCode::UNAUTHORIZED);
    };
    app.limiter.succeeded(ip, name);
    let _ = app.with_store(Some(&op.name), |s| {
        s.log(
            "login",
            Some(format!("operators:{}", op.id)),
            Timestamp::now(),
        )
    });
    let token = app.sessions.open(&op.name, op.admin);
    let cookie = format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/check")).into_response()
}

/// Logs the operator out.
pub(crate) async fn logout(
    State(app): Shared,
    v: Visitor,
    headers: HeaderMap,
    posted: Result<Posted, Response>,
) -> Response {
    match posted {
        Ok(p) => {
            let who = &p.op.session.operator;
            let _ = app.with_store(Some(who), |st| st.log("logout", None, Timestamp::now()));
            if let Some(t) = session_token(&headers) {
                app.sessions.close(&t);
            }
        }
        // A session whose form fails its checks is refused; without a session, nothing to end.
        Err(_) if v.session.is_some() => return forbidden(&v.cat),
        Err(_) => {}
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response()
}

/// Whether `back` is a path of this app and can only be read as one: it starts with one `/`,
/// and has no backslash (browsers read `/\host` as `//host`, another site) and no control
/// character (a browser drops tabs and line breaks, which could join `/` and `/host`).
fn is_local_path(back: &str) -> bool {
    back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(char::is_control)
}

/// Switches the language, then goes back to the page (only a path of this app).
pub(crate) async fn switch_lang(Query(q): Query<HashMap<String, String>>) -> Response {
    let lang: Lang = q.get("to").and_then(|l| l.parse().ok()).unwrap_or(Lang::Fr);
    let back = q
        .get("back")
        .filter(|b| is_local_path(b))
        .cloned()
        .unwrap_or_else(|| "/".into());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Strict; Max-Age=31536000",
        lang.code()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

/// The operators, and the form to add one (administrators only).
pub(crate) async fn operators_page(State(app): Shared, op: Operator) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    if !s.admin {
        return forbidden(cat);
    }
    let list = app
        .with_store(None, |st| st.operators())
        .unwrap_or_default();
    let admin = format!(" ({})", esc(&cat.key("web-operator-admin")));
    let items: String = list
        .iter()
        .map(|o| {
            format!(
                "<li>{}{}</li>",
                esc(&o.name),
                if o.admin { admin.as_str() } else { "" }
            )
        })
        .collect();
    let extra = format!(
        "{}<label><input type=\"checkbox\" name=\"admin\" value=\"yes\"> {}</label>",
        csrf_field(s),
        esc(&cat.key("web-operator-admin"))
    );
    let body = format!(
        "<ul>{items}</ul>{}",
        credentials_form(cat, "/operators", &cat.key("web-operator-add"), &extra)
    );
    page(
        cat,
        &cat.key("web-operators-title"),
        Some(s),
        "/operators",
        &body,
    )
}

/// Adds an operator (administrators only).
pub(crate) async fn add_operator(State(app): Shared, p: Posted) -> Response {
    let (cat, s, f) = (&p.op.cat, &p.op.session, &p.form);
    if !s.admin {
        return forbidden(cat);
    }
    let name = f
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let password = f.get("password").cloned().unwrap_or_default();
    if let Some(problem) = new_account_problem(&name, &password) {
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &problem);
    }
    let Some(_turn) = app.password_turns.wait().await else {
        let busy = Message::new("web-login-busy");
        return error_page(cat, Some(s), StatusCode::SERVICE_UNAVAILABLE, &busy);
    };
    let admin = f.get("admin").map(String::as_str) == Some("yes");
    match app.with_store(Some(&s.operator), |st| {
        st.add_operator(&name, &password, admin, Timestamp::now())
    }) {
        Ok(_) => Redirect::to("/operators").into_response(),
        Err(e) => error_page(
            cat,
            Some(s),
            StatusCode::BAD_REQUEST,
            &vigie_core::Localized::message(&e),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn language_switch_goes_back_only_to_this_app() {
        for ok in ["/", "/cases/VG-1?tab=checks", "/live"] {
            assert!(is_local_path(ok), "{ok}");
        }
        // `/lang?back=/%5Cevil.example` arrives decoded as `/\evil.example`.
        for evil in [
            "/\\evil.example",
            "//evil.example",
            "/\t/evil.example",
            "https://evil.example",
            "",
            "evil",
        ] {
            assert!(!is_local_path(evil), "{evil:?}");
        }
    }
}
