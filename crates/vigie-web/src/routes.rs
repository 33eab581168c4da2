//! Every address of the app, the headers every answer carries, and the embedded assets.

use crate::app::App;
use crate::pages::{
    account, cases, check, devices, evidence, hotspot, import, live, locker, reports, results,
    station, unlock,
};
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

/// Largest upload accepted at once (a folder of captures).
const MAX_UPLOAD: usize = 64 * 1024 * 1024 * 1024;

/// Largest form accepted by the pages open to anyone (first start, login).
const MAX_ACCOUNT_FORM: usize = 16 * 1024;

static CSS: &str = include_str!("../assets/app.css");
static JS: &str = include_str!("../assets/app.js");

/// The app's routes.
pub(crate) fn router(app: Arc<App>) -> Router {
    let uploads = DefaultBodyLimit::max(MAX_UPLOAD);
    let forms = DefaultBodyLimit::max(MAX_ACCOUNT_FORM);
    Router::new()
        .route("/", get(account::home))
        .route("/unlock", get(unlock::page_of).post(unlock::unlock))
        .route(
            "/setup",
            get(account::setup_page).post(account::setup).layer(forms),
        )
        .route(
            "/login",
            get(account::login_page).post(account::login).layer(forms),
        )
        .route("/logout", post(account::logout))
        .route("/lang", get(account::switch_lang))
        .route(
            "/operators",
            get(account::operators_page).post(account::add_operator),
        )
        .route("/check", get(check::start))
        .route("/cases", get(cases::list).post(cases::open))
        .route("/cases/{reference}/check", get(check::ways_page))
        .route("/cases/{reference}", get(cases::show))
        .route(
            "/cases/{reference}/close",
            get(cases::close_page).post(cases::close),
        )
        .route("/cases/{reference}/reopen", post(cases::reopen))
        .route("/cases/{reference}/purge", post(cases::purge))
        .route("/evidence/{id}/keep", post(evidence::keep))
        .route("/evidence/{id}/withdraw", post(evidence::withdraw))
        .route(
            "/cases/{reference}/import",
            get(check::import_page).post(import::import).layer(uploads),
        )
        .route("/cases/{reference}/live", get(live::form).post(live::start))
        .route("/results/{id}", get(results::page_of))
        .route("/results/{id}/answer", post(results::answer))
        .route("/checks/{id}", get(live::page_of))
        .route("/checks/{id}/events", get(live::events))
        .route("/checks/{id}/state", get(live::state))
        .route("/checks/{id}/stop", post(live::stop))
        .route(
            "/cases/{reference}/android",
            get(devices::android_form).post(devices::android_start),
        )
        .route(
            "/cases/{reference}/ios",
            get(devices::ios_form).post(devices::ios_start),
        )
        .route("/android/{id}", get(devices::page_of))
        .route("/android/{id}/state", get(devices::state))
        .route("/ios/{id}", get(devices::page_of))
        .route("/ios/{id}/state", get(devices::state))
        .route(
            "/cases/{reference}/interview",
            get(reports::interview_form).post(reports::interview_save),
        )
        .route("/cases/{reference}/report", post(reports::report))
        .route(
            "/cases/{reference}/export",
            get(reports::export_page).post(reports::export),
        )
        .route(
            "/cases/{reference}/locker",
            get(locker::page_of).post(locker::add_files).layer(uploads),
        )
        .route("/cases/{reference}/locker/link", post(locker::add_link))
        .route("/cases/{reference}/locker/drafts", get(locker::drafts))
        .route("/cases/{reference}/locker/hashes", get(locker::hashes))
        .route("/locker/{id}/image", get(locker::image))
        .route("/locker/{id}/preview", get(locker::preview))
        .route("/hotspot", get(hotspot::page_of))
        .route("/station", get(station::page_of))
        .route("/hotspot/start", post(hotspot::start))
        .route("/hotspot/stop", post(hotspot::stop))
        .route("/assets/app.css", get(|| async { asset("text/css", CSS) }))
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript", JS) }),
        )
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            unlock::require_unlocked,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::hosts::require_known_host,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

/// An embedded asset.
fn asset(kind: &str, body: &'static str) -> ([(header::HeaderName, String); 1], &'static str) {
    (
        [(header::CONTENT_TYPE, format!("{kind}; charset=utf-8"))],
        body,
    )
}

/// Headers every answer carries: nothing is loaded from elsewhere, nothing framed, nothing
/// cached.
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
