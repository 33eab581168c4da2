//! Routes and pages.

use crate::auth::{self, Session};
use crate::html::{self, csrf_field, esc, page, seg};
use crate::App;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, SyncSender};
use std::sync::Arc;
use std::time::Duration;
use vigie_case::{CaseError, CaseId, CaseStore, EvidenceKind};
use vigie_core::Localized;
use vigie_core::{Catalog, Lang, Message};
use vigie_indicators::IndicatorSet;
use vigie_station::{CaptureEvidence, LiveCheck, LiveSnapshot};

pub(crate) type Shared = State<Arc<App>>;
pub(crate) type Fields = Form<HashMap<String, String>>;

const SESSION_COOKIE: &str = "vigie_session";
const LANG_COOKIE: &str = "vigie_lang";
/// Shortest password accepted for an operator.
const MIN_PASSWORD: usize = 10;
/// Suggested duration of a live check, in minutes.
const SUGGESTED_MINUTES: u64 = 15;
/// Largest upload accepted at once (a folder of captures).
const MAX_UPLOAD: usize = 64 * 1024 * 1024 * 1024;

static CSS: &str = include_str!("../assets/app.css");
static JS: &str = include_str!("../assets/app.js");

/// A live check started from the app.
pub(crate) struct RunningCheck {
    case_ref: String,
    case: CaseId,
    operator: String,
    lang: Lang,
    iocs: Arc<IndicatorSet>,
    check: Option<LiveCheck>,
    evidence: Option<CaptureEvidence>,
    last: LiveSnapshot,
    saved: Option<Result<(), String>>,
}

pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/setup", get(setup_page).post(setup))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/lang", get(switch_lang))
        .route("/cases", get(cases_page).post(new_case))
        .route("/cases/{reference}", get(case_page))
        .route(
            "/cases/{reference}/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route("/cases/{reference}/close", post(close_case))
        .route("/cases/{reference}/purge", post(purge_case))
        .route("/cases/{reference}/live", get(live_form).post(live_start))
        .route("/checks/{id}", get(check_page))
        .route("/checks/{id}/events", get(check_events))
        .route("/checks/{id}/state", get(check_state))
        .route("/checks/{id}/stop", post(check_stop))
        .route("/evidence/{id}/keep", post(keep_evidence))
        .route(
            "/cases/{reference}/android",
            get(crate::android::form).post(crate::android::start),
        )
        .route("/android/{id}", get(crate::android::page))
        .route(
            "/cases/{reference}/ios",
            get(crate::ios::form).post(crate::ios::start),
        )
        .route("/ios/{id}", get(crate::ios::page))
        .route("/ios/{id}/state", get(crate::ios::state))
        .route(
            "/cases/{reference}/interview",
            get(crate::reports::interview_form).post(crate::reports::interview_save),
        )
        .route(
            "/cases/{reference}/locker",
            get(crate::locker::page)
                .post(crate::locker::add_files)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD)),
        )
        .route(
            "/cases/{reference}/locker/link",
            post(crate::locker::add_link),
        )
        .route(
            "/cases/{reference}/locker/drafts",
            get(crate::locker::drafts),
        )
        .route(
            "/cases/{reference}/locker/hashes",
            get(crate::locker::hashes),
        )
        .route("/locker/{id}/image", get(crate::locker::image))
        .route("/locker/{id}/preview", get(crate::locker::preview))
        .route("/cases/{reference}/report", post(crate::reports::report))
        .route("/cases/{reference}/export", post(crate::reports::export))
        .route("/android/{id}/state", get(crate::android::state))
        .route("/operators", get(operators_page).post(add_operator))
        .route("/hotspot", get(hotspot_page))
        .route("/hotspot/start", post(hotspot_start))
        .route("/hotspot/stop", post(hotspot_stop))
        .route(
            "/assets/app.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS) }),
        )
        .route(
            "/assets/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    JS,
                )
            }),
        )
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

async fn security_headers(mut r: Response) -> Response {
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // "same-origin", not "no-referrer": with the latter, browsers send `Origin: null` on the
    // app's own form posts, which the origin check must refuse. Nothing goes to other sites.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

// ---------------------------------------------------------------- request context

fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| auth::cookie(c, LANG_COOKIE))
        .and_then(|l| l.parse().ok())
        .unwrap_or(Lang::Fr)
}

fn catalog(lang: Lang) -> Catalog {
    vigie_station::catalog(
        lang,
        &[
            crate::LOCALES,
            vigie_hotspot::LOCALES,
            vigie_report::LOCALES,
        ],
    )
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|c| auth::cookie(c, SESSION_COOKIE))
        .map(str::to_owned)
}

/// The request's catalog and session.
fn ctx(app: &App, headers: &HeaderMap) -> (Catalog, Option<Session>) {
    let cat = catalog(lang_of(headers));
    let session = session_token(headers).and_then(|t| app.sessions.get(&t));
    (cat, session)
}

/// Runs `f` on the case file as `actor` (blocking work, off the async threads).
pub(crate) fn with_store<T>(
    app: &App,
    actor: Option<&str>,
    f: impl FnOnce(&mut CaseStore) -> Result<T, CaseError>,
) -> Result<T, CaseError> {
    tokio::task::block_in_place(|| {
        let mut s = app
            .store
            .lock()
            .map_err(|_| CaseError::Io("case file lock".into()))?;
        s.set_actor(actor);
        let r = f(&mut s);
        s.set_actor(None);
        r
    })
}

fn no_operators(app: &App) -> bool {
    with_store(app, None, |s| s.operators().map(|o| o.is_empty())).unwrap_or(false)
}

/// The session, or the page to go to instead (setup on first start, else login). The
/// redirect is returned as is: handlers pass it straight back.
#[allow(clippy::result_large_err)]
pub(crate) fn require(app: &App, headers: &HeaderMap) -> Result<(Catalog, Session), Response> {
    let (cat, session) = ctx(app, headers);
    match session {
        Some(s) => Ok((cat, s)),
        None if no_operators(app) => Err(Redirect::to("/setup").into_response()),
        None => Err(Redirect::to("/login").into_response()),
    }
}

/// A POST is accepted only with the session's CSRF token, and from this app's own pages.
pub(crate) fn csrf_ok(session: &Session, headers: &HeaderMap, token: Option<&String>) -> bool {
    let same_origin = match (
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest == host),
        (Some(_), None) => false,
        (None, _) => true,
    };
    same_origin && token.is_some_and(|t| auth::same(t, &session.csrf))
}

/// The session of a form post whose CSRF token and origin check, or the page to send
/// instead (login, setup, or refused).
#[allow(clippy::result_large_err)]
pub(crate) fn require_post(
    app: &App,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<(Catalog, Session), Response> {
    let (cat, s) = require(app, headers)?;
    if csrf_ok(&s, headers, form.get("csrf")) {
        Ok((cat, s))
    } else {
        Err(forbidden(&cat))
    }
}

pub(crate) fn forbidden(cat: &Catalog) -> Response {
    (
        StatusCode::FORBIDDEN,
        Html(page(
            cat,
            &cat.key("web-forbidden-title"),
            None,
            "/",
            &html::notice("error", &cat.key("web-forbidden")),
        )),
    )
        .into_response()
}

pub(crate) fn error_page(
    cat: &Catalog,
    session: Option<&Session>,
    status: StatusCode,
    msg: &Message,
) -> Response {
    (
        status,
        Html(page(
            cat,
            &cat.key("web-error-title"),
            session,
            "/",
            &format!(
                "{}<p><a href=\"/cases\">{}</a></p>",
                html::notice("error", &cat.text(msg)),
                esc(&cat.key("web-back-cases"))
            ),
        )),
    )
        .into_response()
}

pub(crate) fn case_error(cat: &Catalog, session: Option<&Session>, e: &CaseError) -> Response {
    let status = match e {
        CaseError::NoCase(_) | CaseError::NoEvidence(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    error_page(cat, session, status, &e.message())
}

pub(crate) fn now() -> vigie_core::Timestamp {
    vigie_station::now()
}

// ---------------------------------------------------------------- setup, login

async fn home(State(app): Shared, headers: HeaderMap) -> Response {
    match require(&app, &headers) {
        Ok(_) => Redirect::to("/cases").into_response(),
        Err(r) => r,
    }
}

fn credentials_form(cat: &Catalog, action: &str, button: &str, extra: &str) -> String {
    format!(
        "<form method=\"post\" action=\"{action}\" class=\"card\">{extra}<label>{}<input name=\"name\" id=\"name\" autocomplete=\"username\" required></label><label>{}<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label><button type=\"submit\" id=\"submit\">{}</button></form>",
        esc(&cat.key("web-operator-name")),
        esc(&cat.key("web-password")),
        esc(button)
    )
}

async fn setup_page(State(app): Shared, headers: HeaderMap) -> Response {
    let (cat, _) = ctx(&app, &headers);
    if !no_operators(&app) {
        return Redirect::to("/login").into_response();
    }
    let body = format!(
        "<p>{}</p>{}",
        esc(&cat.key("web-setup-intro")),
        credentials_form(&cat, "/setup", &cat.key("web-setup-button"), "")
    );
    Html(page(
        &cat,
        &cat.key("web-setup-title"),
        None,
        "/setup",
        &body,
    ))
    .into_response()
}

async fn setup(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (cat, _) = ctx(&app, &headers);
    // Only the very first account is made here; later ones by an administrator.
    if !no_operators(&app) {
        return Redirect::to("/login").into_response();
    }
    let name = f.get("name").map(|s| s.trim()).unwrap_or_default();
    let password = f.get("password").map(String::as_str).unwrap_or_default();
    if name.is_empty() || password.chars().count() < MIN_PASSWORD {
        let body = format!(
            "{}{}",
            html::notice(
                "error",
                &cat.text(
                    &Message::new("web-password-short").arg("count", MIN_PASSWORD.to_string())
                )
            ),
            credentials_form(&cat, "/setup", &cat.key("web-setup-button"), "")
        );
        return (
            StatusCode::BAD_REQUEST,
            Html(page(
                &cat,
                &cat.key("web-setup-title"),
                None,
                "/setup",
                &body,
            )),
        )
            .into_response();
    }
    match with_store(&app, Some(name), |s| {
        s.add_operator(name, password, true, now())
    }) {
        Ok(_) => Redirect::to("/login").into_response(),
        Err(e) => case_error(&cat, None, &e),
    }
}

async fn login_page(State(app): Shared, headers: HeaderMap) -> Response {
    let (cat, _) = ctx(&app, &headers);
    if no_operators(&app) {
        return Redirect::to("/setup").into_response();
    }
    let body = credentials_form(&cat, "/login", &cat.key("web-login-button"), "");
    Html(page(
        &cat,
        &cat.key("web-login-title"),
        None,
        "/login",
        &body,
    ))
    .into_response()
}

async fn login(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Fields,
) -> Response {
    let (cat, _) = ctx(&app, &headers);
    let ip = peer.ip();
    if !app.limiter.allowed(ip) {
        let body = html::notice("error", &cat.key("web-login-limited"));
        return (
            StatusCode::TOO_MANY_REQUESTS,
            Html(page(
                &cat,
                &cat.key("web-login-title"),
                None,
                "/login",
                &body,
            )),
        )
            .into_response();
    }
    let name = f
        .get("name")
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let password = f.get("password").cloned().unwrap_or_default();
    let operator = with_store(&app, None, |s| s.operator(&name)).ok().flatten();
    // The password is checked even for unknown names, so that timing tells nothing.
    let ok = match &operator {
        Some(op) => tokio::task::block_in_place(|| op.check_password(&password)),
        None => {
            let _ = vigie_case::hash_password(&password);
            false
        }
    };
    match operator.filter(|_| ok) {
        Some(op) => {
            app.limiter.succeeded(ip);
            let _ = with_store(&app, Some(&op.name), |s| {
                s.log("login", Some(format!("operators:{}", op.id)), now())
            });
            let token = app.sessions.open(&op.name, op.admin);
            (
                [(
                    header::SET_COOKIE,
                    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"),
                )],
                Redirect::to("/cases"),
            )
                .into_response()
        }
        None => {
            app.limiter.failed(ip);
            let _ = with_store(&app, Some(&name), |s| s.log("login-failed", None, now()));
            let body = format!(
                "{}{}",
                html::notice("error", &cat.key("web-login-failed")),
                credentials_form(&cat, "/login", &cat.key("web-login-button"), "")
            );
            (
                StatusCode::UNAUTHORIZED,
                Html(page(
                    &cat,
                    &cat.key("web-login-title"),
                    None,
                    "/login",
                    &body,
                )),
            )
                .into_response()
        }
    }
}

async fn logout(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (cat, session) = ctx(&app, &headers);
    if let Some(s) = session {
        if !csrf_ok(&s, &headers, f.get("csrf")) {
            return forbidden(&cat);
        }
        let _ = with_store(&app, Some(&s.operator), |st| st.log("logout", None, now()));
        if let Some(t) = session_token(&headers) {
            app.sessions.close(&t);
        }
    }
    (
        [(
            header::SET_COOKIE,
            format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
        )],
        Redirect::to("/login"),
    )
        .into_response()
}

async fn switch_lang(Query(q): Query<HashMap<String, String>>) -> Response {
    let lang: Lang = q.get("to").and_then(|l| l.parse().ok()).unwrap_or(Lang::Fr);
    // Only paths of this app: never an address elsewhere.
    let back = q
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//"))
        .cloned()
        .unwrap_or_else(|| "/".into());
    (
        [(
            header::SET_COOKIE,
            format!(
                "{LANG_COOKIE}={}; Path=/; SameSite=Strict; Max-Age=31536000",
                lang.code()
            ),
        )],
        Redirect::to(&back),
    )
        .into_response()
}

// ---------------------------------------------------------------- cases

async fn cases_page(State(app): Shared, headers: HeaderMap) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let list = match with_store(&app, None, |st| st.cases()) {
        Ok(l) => l,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let mut body = format!(
        "<form method=\"post\" action=\"/cases\" class=\"card\">{}<label>{}<input name=\"reference\" id=\"reference\" required placeholder=\"{}\"></label><p class=\"hint\">{}</p><button type=\"submit\" id=\"new-case\">{}</button></form>",
        csrf_field(&s),
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
            body.push_str(&format!(
                "<tr><td><a href=\"/cases/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                seg(&c.reference),
                esc(&c.reference),
                esc(&c.created),
                c.scans,
                esc(&cat.key(if c.closed.is_some() {
                    "web-case-closed"
                } else {
                    "web-case-open-state"
                }))
            ));
        }
        body.push_str("</tbody></table>");
    }
    Html(page(
        &cat,
        &cat.key("web-cases-title"),
        Some(&s),
        "/cases",
        &body,
    ))
    .into_response()
}

async fn new_case(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let reference = f
        .get("reference")
        .map(|r| r.trim().to_owned())
        .unwrap_or_default();
    if reference.is_empty() || reference.len() > 100 {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("web-case-reference-invalid"),
        );
    }
    match with_store(&app, Some(&s.operator), |st| st.case(&reference, now())) {
        Ok(_) => Redirect::to(&format!("/cases/{}", seg(&reference))).into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

/// Findings stored in a scan's verdict document.
fn stored_findings(verdict: &serde_json::Value) -> Vec<(String, String, String, String)> {
    verdict
        .get("findings")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .map(|f| {
            let s = |k: &str| {
                f.get(k)
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            (s("severity"), s("title"), s("explanation"), s("rule"))
        })
        .collect()
}

async fn case_page(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let loaded = with_store(&app, None, |st| {
        let summary = st.summary(&reference)?;
        let id = st.find(&reference)?;
        Ok((
            summary,
            st.scans(id)?,
            st.evidence(id)?,
            st.retro_matches(id)?,
            st.device_backups(id)?,
        ))
    });
    let (summary, scans, evidence, retro, backups) = match loaded {
        Ok(v) => v,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let r = seg(&reference);
    let mut body = String::new();
    if let Some(m) = q.get("msg").filter(|m| m.starts_with("web-")) {
        body.push_str(&html::notice("ok", &cat.key(m)));
    }
    if summary.closed.is_some() {
        body.push_str(&html::notice("info", &cat.key("web-case-is-closed")));
    } else {
        body.push_str(&format!(
            "<div class=\"actions\"><a class=\"button\" id=\"start-live\" href=\"/cases/{r}/live\">{}</a><a class=\"button\" id=\"start-android\" href=\"/cases/{r}/android\">{}</a><a class=\"button\" id=\"start-ios\" href=\"/cases/{r}/ios\">{}</a><a class=\"button\" id=\"open-locker\" href=\"/cases/{r}/locker\">{}</a><form method=\"post\" action=\"/cases/{r}/import?csrf={}\" enctype=\"multipart/form-data\" class=\"card\" id=\"import-form\"><label>{}<input type=\"file\" name=\"files\" id=\"import-files\" multiple required></label><button type=\"submit\" id=\"import\">{}</button></form></div>",
            esc(&cat.key("web-live-start")),
            esc(&cat.key("web-android-start")),
            esc(&cat.key("web-ios-start")),
            esc(&cat.key("web-locker-open")),
            esc(&s.csrf),
            esc(&cat.key("web-import-label")),
            esc(&cat.key("web-import-button"))
        ));
    }
    body.push_str(&crate::reports::case_tools(&cat, &s, &reference));
    body.push_str(&format!("<h2>{}</h2>", esc(&cat.key("web-case-checks"))));
    if scans.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-case-no-checks"))));
    }
    for scan in scans.iter().rev() {
        let headline = scan
            .verdict
            .get("headline")
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default();
        body.push_str(&format!(
            "<section class=\"scan\"><h3>{} — {}</h3><p class=\"headline\">{}</p>",
            esc(&cat.key(&format!("check-kind-{}", scan.kind))),
            esc(&cat.date(&scan.made)),
            esc(headline)
        ));
        let found = stored_findings(&scan.verdict);
        if found.is_empty() {
            body.push_str(&format!("<p>{}</p>", esc(&cat.key("label-no-findings"))));
        } else {
            body.push_str("<ol class=\"findings\">");
            for (sev, title, expl, rule) in found {
                body.push_str(&format!(
                    "<li class=\"finding sev-{}\"><strong>[{}] {}</strong><p>{}</p><p class=\"meta\">{}</p></li>",
                    esc(&sev),
                    esc(&cat.key(&format!("severity-{sev}"))),
                    esc(&title),
                    esc(&expl),
                    esc(&rule)
                ));
            }
            body.push_str("</ol>");
        }
        let feeds: Vec<String> = scan
            .feeds
            .iter()
            .map(|(n, h)| format!("{n} ({})", &h[..h.len().min(12)]))
            .collect();
        body.push_str(&format!(
            "<p class=\"meta\">{}{}{}</p><p class=\"notice info\">{}</p></section>",
            esc(&cat.key("web-feeds-used")),
            esc(&cat.key("label-sep")),
            esc(&feeds.join("; ")),
            esc(&cat.key("verdict-not-proof"))
        ));
    }
    if !retro.is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2><ul class=\"retro\">",
            esc(&cat.key("web-retro-title"))
        ));
        for m in &retro {
            let msg = Message::new("retro-match-web")
                .arg("made", &m.scan_made)
                .arg(
                    "app",
                    m.indicator
                        .2
                        .clone()
                        .unwrap_or_else(|| m.indicator.0.clone()),
                )
                .arg("value", &m.observed.1)
                .arg("source", &m.indicator.3);
            body.push_str(&format!("<li>{}</li>", esc(&cat.text(&msg))));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!("<h2>{}</h2>", esc(&cat.key("web-evidence-title"))));
    if evidence.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-evidence-none"))));
    } else {
        body.push_str("<table class=\"evidence\"><tbody>");
        for e in &evidence {
            let state = if e.content_purged.is_some() {
                cat.key("web-evidence-purged")
            } else if e.keep {
                cat.key("web-evidence-kept")
            } else if e.kind == EvidenceKind::Capture {
                cat.text(
                    &Message::new("web-evidence-retention")
                        .arg("days", app.retention_days.to_string()),
                )
            } else {
                String::new()
            };
            let keep = if e.kind == EvidenceKind::Capture && !e.keep && e.content_purged.is_none() {
                format!(
                    "<form method=\"post\" action=\"/evidence/{}/keep\" class=\"inline\">{}<button type=\"submit\">{}</button></form>",
                    e.id.0,
                    csrf_field(&s),
                    esc(&cat.key("web-evidence-keep"))
                )
            } else {
                String::new()
            };
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{} B</td><td><code>{}</code></td><td>{}</td><td>{}{}</td></tr>",
                esc(&e.name),
                esc(&e.added),
                e.size,
                esc(e.sha256.as_deref().unwrap_or("…")),
                esc(&cat.key(&format!("web-evidence-kind-{}", e.kind.as_str()))),
                esc(&state),
                keep
            ));
        }
        body.push_str("</tbody></table>");
    }
    if !backups.is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2><table class=\"evidence\" id=\"device-backups\"><tbody>",
            esc(&cat.key("web-backups-title"))
        ));
        for b in &backups {
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
    }
    if summary.closed.is_none() {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/cases/{r}/close\" class=\"inline\">{}<button type=\"submit\" id=\"close-case\">{}</button></form>",
            csrf_field(&s),
            esc(&cat.key("web-case-close"))
        ));
    }
    if s.admin {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/cases/{r}/purge\" class=\"inline danger\">{}<label><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> {}</label><button type=\"submit\">{}</button></form>",
            csrf_field(&s),
            esc(&cat.key("web-case-purge-confirm")),
            esc(&cat.key("web-case-purge"))
        ));
    }
    let title = cat.text(&Message::new("web-case-title").arg("reference", &reference));
    Html(page(&cat, &title, Some(&s), &format!("/cases/{r}"), &body)).into_response()
}

async fn close_case(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match with_store(&app, Some(&s.operator), |st| st.close(&reference, now())) {
        Ok(()) => Redirect::to(&format!("/cases/{}", seg(&reference))).into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

async fn purge_case(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Fields,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &headers, f.get("csrf"))
        || !s.admin
        || f.get("confirm").map(String::as_str) != Some("yes")
    {
        return forbidden(&cat);
    }
    match with_store(&app, Some(&s.operator), |st| st.purge(&reference, now())) {
        Ok(()) => Redirect::to("/cases").into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

async fn keep_evidence(
    State(app): Shared,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let id = vigie_case::EvidenceId(id);
    let done = with_store(&app, Some(&s.operator), |st| {
        st.keep_evidence(id, now())?;
        let (case, _) = st.evidence_item(id)?;
        let refs = st.case_ids()?;
        Ok(refs.into_iter().find(|(c, _)| *c == case).map(|(_, r)| r))
    });
    match done {
        Ok(Some(r)) => Redirect::to(&format!("/cases/{}", seg(&r))).into_response(),
        Ok(None) => Redirect::to("/cases").into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

// ---------------------------------------------------------------- import

/// Bytes arriving over a channel, read as a stream (the upload, as it is stored).
struct ChannelReader {
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for ChannelReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            match self.rx.recv() {
                Ok(b) => {
                    self.buf = b;
                    self.pos = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// What the scanning thread returns for an import.
struct ImportScan {
    verdict: vigie_core::Verdict,
    captures: Vec<vigie_net::scan::CaptureSummary>,
    stats: vigie_net::observe::ObserverStats,
    observed: BTreeSet<(String, String)>,
    unreadable: Vec<(String, Message)>,
}

async fn import(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    mut multipart: Multipart,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &headers, q.get("csrf")) {
        return forbidden(&cat);
    }
    let case = match with_store(&app, None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let iocs = match tokio::task::block_in_place(|| (app.feeds)()) {
        Ok(set) => Arc::new(set),
        Err(m) => return error_page(&cat, Some(&s), StatusCode::SERVICE_UNAVAILABLE, &m),
    };
    let started = now();
    // Each file goes to the case file and, at the same time, to the check: one pass.
    let (files_tx, files_rx) = std::sync::mpsc::channel::<(String, ChannelReader)>();
    let scan_iocs = iocs.clone();
    let scanner = std::thread::spawn(move || {
        let mut scan = vigie_net::NetScan::new(&scan_iocs);
        let mut observed = BTreeSet::new();
        let mut unreadable = vec![];
        for (name, reader) in files_rx {
            match vigie_net::CaptureReader::from_reader(reader) {
                Ok(r) => {
                    scan.scan_reader(&name, r, &mut |o| {
                        vigie_station::observed_keys(o, &mut observed)
                    });
                }
                Err(e) => unreadable.push((name, e.message())),
            }
        }
        ImportScan {
            verdict: scan.verdict(),
            captures: scan.captures().to_vec(),
            stats: scan.stats().clone(),
            observed,
            unreadable,
        }
    });
    let mut sources = vec![];
    let mut failure: Option<Message> = None;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                failure = Some(Message::new("web-import-interrupted").arg("detail", e.to_string()));
                break;
            }
        };
        let Some(name) = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned())
        else {
            continue;
        };
        if name.is_empty() {
            continue;
        }
        let (tx, rx): (SyncSender<Vec<u8>>, _) = std::sync::mpsc::sync_channel(8);
        let _ = files_tx.send((
            name.clone(),
            ChannelReader {
                rx,
                buf: vec![],
                pos: 0,
            },
        ));
        let mut writer = match with_store(&app, Some(&s.operator), |st| {
            st.begin_evidence(case, &name, EvidenceKind::Import, now())
        }) {
            Ok(w) => w,
            Err(e) => {
                failure = Some(e.message());
                break;
            }
        };
        loop {
            match field.chunk().await {
                Ok(Some(bytes)) => {
                    if let Err(e) =
                        with_store(&app, None, |st| st.write_evidence(&mut writer, &bytes))
                    {
                        failure = Some(e.message());
                        break;
                    }
                    // A file that is not a capture stops being read; it is still stored.
                    let _ = tokio::task::block_in_place(|| tx.send(bytes.to_vec()));
                }
                Ok(None) => break,
                Err(e) => {
                    failure =
                        Some(Message::new("web-import-interrupted").arg("detail", e.to_string()));
                    break;
                }
            }
        }
        drop(tx);
        match with_store(&app, Some(&s.operator), |st| {
            st.finish_evidence(writer, now())
        }) {
            Ok(info) => sources.push((name, info.sha256)),
            Err(e) => failure = Some(e.message()),
        }
        if failure.is_some() {
            break;
        }
    }
    drop(files_tx);
    let Ok(result) = tokio::task::block_in_place(|| scanner.join()) else {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::INTERNAL_SERVER_ERROR,
            &Message::new("web-import-failed"),
        );
    };
    if let Some(m) = failure {
        return error_page(&cat, Some(&s), StatusCode::BAD_REQUEST, &m);
    }
    if result.captures.is_empty() {
        let detail = result
            .unreadable
            .iter()
            .map(|(n, m)| format!("{n}: {}", cat.text(m)))
            .collect::<Vec<_>>()
            .join("; ");
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("web-import-no-capture").arg("detail", detail),
        );
    }
    let doc = vigie_station::verdict_value(
        &cat,
        &result.verdict,
        &result.captures,
        &iocs,
        &result.stats,
    );
    let record = vigie_station::network_record(started, &iocs, sources, doc, result.observed);
    match with_store(&app, Some(&s.operator), |st| {
        st.add_scan(case, &record, now())
    }) {
        Ok(_) => {
            Redirect::to(&format!("/cases/{}?msg=web-import-done", seg(&reference))).into_response()
        }
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

// ---------------------------------------------------------------- live checks

async fn live_form(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let interfaces = vigie_live::interfaces();
    let preferred = q.get("interface").cloned();
    let mut options = String::new();
    for i in &interfaces {
        let selected = if preferred.as_deref() == Some(i.name.as_str()) {
            " selected"
        } else {
            ""
        };
        let kind = if i.wireless {
            cat.key("web-interface-wifi")
        } else {
            String::new()
        };
        options.push_str(&format!(
            "<option value=\"{n}\"{selected}>{n} {kind} {}</option>",
            esc(&i.addresses.join(", ")),
            n = esc(&i.name),
            kind = esc(&kind)
        ));
    }
    let body = format!(
        "<p>{}</p><ul class=\"advice\"><li>{}</li><li>{}</li><li>{}</li></ul><form method=\"post\" action=\"/cases/{}/live\" class=\"card\">{}<label>{}<select name=\"interface\" id=\"interface\">{options}</select></label><label>{}<input type=\"number\" name=\"minutes\" id=\"minutes\" min=\"1\" max=\"240\" value=\"{SUGGESTED_MINUTES}\"></label><button type=\"submit\" id=\"start\">{}</button></form>",
        esc(&cat.key("web-live-intro")),
        esc(&cat.key("web-live-advice-unlocked")),
        esc(&cat.key("web-live-advice-apps")),
        esc(&cat.text(&Message::new("web-live-advice-duration").arg("minutes", SUGGESTED_MINUTES.to_string()))),
        seg(&reference),
        csrf_field(&s),
        esc(&cat.key("web-live-interface")),
        esc(&cat.key("web-live-minutes")),
        esc(&cat.key("web-live-go"))
    );
    let title = cat.text(&Message::new("web-live-title").arg("reference", &reference));
    Html(page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{}/live", seg(&reference)),
        &body,
    ))
    .into_response()
}

async fn live_start(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let interface = f.get("interface").cloned().unwrap_or_default();
    let minutes: u64 = f
        .get("minutes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(SUGGESTED_MINUTES)
        .clamp(1, 240);
    let case = match with_store(&app, None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let iocs = match tokio::task::block_in_place(|| (app.feeds)()) {
        Ok(set) => Arc::new(set),
        Err(m) => return error_page(&cat, Some(&s), StatusCode::SERVICE_UNAVAILABLE, &m),
    };
    let capture = match vigie_live::LiveCapture::open(&interface) {
        Ok(c) => c,
        Err(e) => return error_page(&cat, Some(&s), StatusCode::BAD_REQUEST, &e.message()),
    };
    let id = app.next_check.fetch_add(1, Ordering::SeqCst);
    let name = format!("live-{interface}-{}.pcap", now());
    let store = app.store.clone();
    let started = tokio::task::block_in_place(|| {
        if let Ok(mut st) = store.lock() {
            st.set_actor(Some(&s.operator));
            let r = st.log(
                "live-check-started",
                Some(format!("cases:{}", case.0)),
                now(),
            );
            st.set_actor(None);
            r?;
        }
        CaptureEvidence::start(store.clone(), case, &name)
    });
    let (evidence, sink) = match started {
        Ok(v) => v,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let check = LiveCheck::start(
        capture,
        iocs.clone(),
        Some(Duration::from_secs(minutes * 60)),
        sink,
    );
    if let Ok(mut checks) = app.checks.lock() {
        checks.insert(
            id,
            RunningCheck {
                case_ref: reference,
                case,
                operator: s.operator.clone(),
                lang: cat.lang(),
                iocs,
                check: Some(check),
                evidence: Some(evidence),
                last: LiveSnapshot::default(),
                saved: None,
            },
        );
    }
    Redirect::to(&format!("/checks/{id}")).into_response()
}

/// Ends a check (asked, or finished by itself) and stores it in its case; idempotent.
fn finalize(app: &App, id: u64) {
    let taken = app.checks.lock().ok().and_then(|mut c| {
        let rc = c.get_mut(&id)?;
        Some((
            rc.check.take()?,
            rc.evidence.take(),
            rc.case,
            rc.lang,
            rc.iocs.clone(),
            rc.operator.clone(),
        ))
    });
    let Some((check, evidence, case, lang, iocs, operator)) = taken else {
        return;
    };
    let outcome = check.stop();
    let cat = catalog(lang);
    let info = evidence.map(CaptureEvidence::finish).transpose();
    let saved = info.and_then(|info| {
        if let Ok(mut st) = app.store.lock() {
            st.set_actor(Some(&operator));
        }
        let r = vigie_station::store_live(
            &app.store,
            case,
            &cat,
            &iocs,
            &outcome,
            info.flatten().as_ref(),
        );
        if let Ok(mut st) = app.store.lock() {
            st.set_actor(None);
        }
        r
    });
    if let Ok(mut c) = app.checks.lock() {
        if let Some(rc) = c.get_mut(&id) {
            rc.last.findings = outcome.verdict.findings.clone();
            rc.last.finished = true;
            rc.saved = Some(saved.map(|_| ()).map_err(|e| cat.text(&e.message())));
        }
    }
}

/// Background work: checks that ended by themselves are stored; raw captures past the
/// retention period are purged (hourly).
pub(crate) fn maintenance(app: &App) {
    let done: Vec<u64> = app
        .checks
        .lock()
        .map(|c| {
            c.iter()
                .filter(|(_, rc)| rc.check.as_ref().is_some_and(LiveCheck::is_finished))
                .map(|(id, _)| *id)
                .collect()
        })
        .unwrap_or_default();
    for id in done {
        finalize(app, id);
    }
    static LAST: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);
    let due = LAST
        .lock()
        .map(|mut l| {
            let due = l.is_none_or(|t| t.elapsed() >= Duration::from_secs(3600));
            if due {
                *l = Some(std::time::Instant::now());
            }
            due
        })
        .unwrap_or(false);
    if due {
        let n = now();
        let cutoff =
            vigie_core::Timestamp(n.0 - i64::from(app.retention_days) * 86_400 * 1_000_000_000);
        if let Ok(mut st) = app.store.lock() {
            let _ = st.purge_raw_captures(cutoff, n);
        }
    }
}

/// The state of a check as the page shows it, in `cat`'s language.
fn check_json(app: &App, id: u64, cat: &Catalog) -> Option<serde_json::Value> {
    let mut checks = app.checks.lock().ok()?;
    let rc = checks.get_mut(&id)?;
    let snap = match &rc.check {
        Some(c) => {
            rc.last = c.snapshot();
            rc.last.clone()
        }
        None => rc.last.clone(),
    };
    let findings: Vec<serde_json::Value> = snap
        .findings
        .iter()
        .map(|f| {
            serde_json::json!({
                "severity": f.severity.as_str(),
                "severity_label": cat.key(&format!("severity-{}", f.severity.as_str())),
                "title": cat.text(&f.title),
                "explanation": cat.text(&f.explanation),
                "rule": f.rule,
            })
        })
        .collect();
    let verdict = vigie_core::Verdict::new(snap.findings.clone(), vigie_core::Coverage::default());
    Some(serde_json::json!({
        "elapsed": snap.elapsed_secs,
        "elapsed_text": vigie_net::scan::human_duration(snap.elapsed_secs as i64),
        "packets": snap.packets,
        "bytes": snap.bytes,
        "services": snap.services,
        "findings": findings,
        "headline": cat.key(verdict.headline_key()),
        "finished": rc.check.is_none(),
        "stopped": snap.stopped.as_ref().map(|m| cat.text(m)),
        "saved": rc.saved.as_ref().map(|r| r.is_ok()),
        "save_error": rc.saved.as_ref().and_then(|r| r.clone().err()),
        "case_url": format!("/cases/{}", seg(&rc.case_ref)),
    }))
}

async fn check_page(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(state) = check_json(&app, id, &cat) else {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::NOT_FOUND,
            &Message::new("web-check-unknown"),
        );
    };
    let case_url = state["case_url"].as_str().unwrap_or("/cases").to_owned();
    let body = format!(
        "<div id=\"live\" data-events=\"/checks/{id}/events\" data-i18n-services=\"{}\" data-i18n-none=\"{}\"><p class=\"timer\">{} <span id=\"elapsed\">0 s</span> — <span id=\"packets\">0</span> {}</p><p id=\"headline\" class=\"headline\"></p><p id=\"stopped\" class=\"notice error\" hidden></p><h2>{}</h2><ol id=\"findings\" class=\"findings\"></ol><h2>{}</h2><ul id=\"services\" class=\"services\"></ul><form method=\"post\" action=\"/checks/{id}/stop\" id=\"stop-form\">{}<button type=\"submit\" id=\"stop\">{}</button></form><p id=\"saved\" class=\"notice ok\" hidden>{} <a href=\"{}\">{}</a></p><p class=\"notice info\">{}</p></div>",
        esc(&cat.key("web-live-services")),
        esc(&cat.key("label-no-findings")),
        esc(&cat.key("web-live-elapsed")),
        esc(&cat.key("web-live-packets")),
        esc(&cat.key("label-findings")),
        esc(&cat.key("web-live-services")),
        csrf_field(&s),
        esc(&cat.key("web-live-stop")),
        esc(&cat.key("web-live-saved")),
        esc(&case_url),
        esc(&cat.key("web-back-case")),
        esc(&cat.key("verdict-keep-evidence-web"))
    );
    Html(page(
        &cat,
        &cat.key("web-live-running"),
        Some(&s),
        &format!("/checks/{id}"),
        &body,
    ))
    .into_response()
}

async fn check_state(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let (cat, _) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match check_json(&app, id, &cat) {
        Some(v) => axum::Json(v).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn check_events(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let lang = match require(&app, &headers) {
        Ok((cat, _)) => cat.lang(),
        Err(r) => return r,
    };
    let stream = futures_util::stream::unfold((app, false), move |(app, done)| async move {
        if done {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let state = check_json(&app, id, &catalog(lang))?;
        let finished = state["saved"].is_boolean();
        let event = Event::default().json_data(&state).ok()?;
        Some((Ok::<_, std::convert::Infallible>(event), (app, finished)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

async fn check_stop(
    State(app): Shared,
    headers: HeaderMap,
    Path(id): Path<u64>,
    Form(f): Fields,
) -> Response {
    if let Err(r) = require_post(&app, &headers, &f) {
        return r;
    }
    tokio::task::block_in_place(|| finalize(&app, id));
    Redirect::to(&format!("/checks/{id}")).into_response()
}

// ---------------------------------------------------------------- operators

async fn operators_page(State(app): Shared, headers: HeaderMap) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !s.admin {
        return forbidden(&cat);
    }
    let list = with_store(&app, None, |st| st.operators()).unwrap_or_default();
    let mut body = String::from("<ul>");
    for o in &list {
        body.push_str(&format!(
            "<li>{}{}</li>",
            esc(&o.name),
            if o.admin {
                format!(" ({})", esc(&cat.key("web-operator-admin")))
            } else {
                String::new()
            }
        ));
    }
    body.push_str("</ul>");
    body.push_str(&credentials_form(
        &cat,
        "/operators",
        &cat.key("web-operator-add"),
        &format!(
            "{}<label><input type=\"checkbox\" name=\"admin\" value=\"yes\"> {}</label>",
            csrf_field(&s),
            esc(&cat.key("web-operator-admin"))
        ),
    ));
    Html(page(
        &cat,
        &cat.key("web-operators-title"),
        Some(&s),
        "/operators",
        &body,
    ))
    .into_response()
}

async fn add_operator(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &headers, f.get("csrf")) || !s.admin {
        return forbidden(&cat);
    }
    let name = f
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let password = f.get("password").cloned().unwrap_or_default();
    if name.is_empty() || password.chars().count() < MIN_PASSWORD {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("web-password-short").arg("count", MIN_PASSWORD.to_string()),
        );
    }
    let admin = f.get("admin").map(String::as_str) == Some("yes");
    match with_store(&app, Some(&s.operator), |st| {
        st.add_operator(&name, &password, admin, now())
    }) {
        Ok(_) => Redirect::to("/operators").into_response(),
        Err(e) => error_page(&cat, Some(&s), StatusCode::BAD_REQUEST, &e.message()),
    }
}

// ---------------------------------------------------------------- hotspot

async fn hotspot_page(State(app): Shared, headers: HeaderMap) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let running = app
        .hotspot
        .lock()
        .ok()
        .and_then(|h| h.as_ref().map(|h| h.config().clone()));
    let body = match running {
        Some(c) => format!(
            "<p>{}</p><div class=\"qr\">{}</p></div>{}<form method=\"post\" action=\"/hotspot/stop\">{}<button type=\"submit\">{}</button></form><p><a class=\"button\" href=\"/cases\">{}</a></p>",
            esc(&cat.text(&Message::new("hotspot-join").arg("ssid", &c.ssid).arg("password", &c.password))),
            // The SVG is made by the QR encoder from our own settings, not from input.
            c.qr_svg(),
            if c.uplink.is_none() { html::notice("info", &cat.key("hotspot-captive")) } else { String::new() },
            csrf_field(&s),
            esc(&cat.key("web-hotspot-stop")),
            esc(&cat.text(&Message::new("web-hotspot-then").arg("interface", &c.interface)))
        ),
        None => {
            let mut wifi = String::new();
            let mut uplinks = format!("<option value=\"\">{}</option>", esc(&cat.key("web-hotspot-no-uplink")));
            for i in vigie_live::interfaces() {
                if i.wireless {
                    wifi.push_str(&format!("<option>{}</option>", esc(&i.name)));
                }
                uplinks.push_str(&format!("<option>{}</option>", esc(&i.name)));
            }
            if wifi.is_empty() {
                html::notice("info", &cat.key("web-hotspot-no-wifi"))
            } else {
                format!(
                    "<p>{}</p><form method=\"post\" action=\"/hotspot/start\" class=\"card\">{}<label>{}<select name=\"interface\">{wifi}</select></label><label>{}<select name=\"uplink\">{uplinks}</select></label><button type=\"submit\">{}</button></form>",
                    esc(&cat.key("web-hotspot-intro")),
                    csrf_field(&s),
                    esc(&cat.key("web-hotspot-interface")),
                    esc(&cat.key("web-hotspot-uplink")),
                    esc(&cat.key("web-hotspot-start"))
                )
            }
        }
    };
    Html(page(
        &cat,
        &cat.key("web-hotspot-title"),
        Some(&s),
        "/hotspot",
        &body,
    ))
    .into_response()
}

async fn hotspot_start(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let interface = f.get("interface").cloned().unwrap_or_default();
    let uplink = f.get("uplink").filter(|u| !u.is_empty()).cloned();
    let config = vigie_hotspot::HotspotConfig::random(&interface, uplink.as_deref());
    let started =
        tokio::task::block_in_place(|| vigie_hotspot::Hotspot::start(config, &app.run_dir));
    match started {
        Ok(h) => {
            let _ = with_store(&app, Some(&s.operator), |st| {
                st.log("hotspot-started", None, now())
            });
            if let Ok(mut slot) = app.hotspot.lock() {
                *slot = Some(h);
            }
            Redirect::to("/hotspot").into_response()
        }
        Err(e) => error_page(&cat, Some(&s), StatusCode::BAD_REQUEST, &e.message()),
    }
}

async fn hotspot_stop(State(app): Shared, headers: HeaderMap, Form(f): Fields) -> Response {
    let (_, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let h = app.hotspot.lock().ok().and_then(|mut h| h.take());
    if let Some(h) = h {
        tokio::task::block_in_place(|| h.stop());
        let _ = with_store(&app, Some(&s.operator), |st| {
            st.log("hotspot-stopped", None, now())
        });
    }
    Redirect::to("/hotspot").into_response()
}
