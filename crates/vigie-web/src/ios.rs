//! The iPhone check in the station app: the backup folder (made by Finder or iTunes on this
//! machine, or on a disk plugged into it) and its password when encrypted, a progress bar,
//! then the findings, the Apple ID and profiles, and what was and was not checked.

use crate::android::finding_html;
use crate::handlers::{
    case_error, error_page, now, require, require_post, with_store, Fields, Shared,
};
use crate::html::{self, csrf_field, esc, seg};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use vigie_core::{Catalog, Message};
use vigie_station::{IosCheck, IosResult, IosSource};

/// An iPhone check started from the app.
#[derive(Debug)]
pub(crate) struct IosRun {
    case_ref: String,
    check: IosCheck,
}

/// The backup to check.
pub(crate) async fn form(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let device = format!(
        "<h2>{}</h2><p>{}</p><form method=\"post\" action=\"/cases/{}/ios\" class=\"card\">{}<input type=\"hidden\" name=\"source\" value=\"device\"><label><input type=\"checkbox\" name=\"backup\" id=\"ios-device-backup\" checked> {}</label><label>{}<input type=\"password\" name=\"password\" id=\"ios-device-password\" autocomplete=\"off\"></label><button type=\"submit\" id=\"ios-device-go\">{}</button></form>",
        esc(&cat.key("web-ios-device-title")),
        esc(&cat.key("web-ios-device-intro")),
        seg(&reference),
        csrf_field(&s),
        esc(&cat.key("web-ios-device-backup")),
        esc(&cat.key("web-ios-device-password")),
        esc(&cat.key("web-ios-device-go")),
    );
    let body = format!(
        "{device}<h2>{}</h2><p>{}</p><p class=\"notice info\">{}</p><form method=\"post\" action=\"/cases/{}/ios\" class=\"card\">{}<label>{}<input name=\"path\" id=\"ios-path\" required></label><label>{}<input type=\"password\" name=\"password\" id=\"ios-password\" autocomplete=\"off\"></label><button type=\"submit\" id=\"ios-go\">{}</button></form>",
        esc(&cat.key("web-ios-folder-title")),
        esc(&cat.key("web-ios-intro")),
        esc(&cat.key("web-ios-guide")),
        seg(&reference),
        csrf_field(&s),
        esc(&cat.key("web-ios-path")),
        esc(&cat.key("web-ios-password")),
        esc(&cat.key("web-ios-go")),
    );
    let title = cat.text(&Message::new("web-ios-title").arg("reference", &reference));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{}/ios", seg(&reference)),
        &body,
    ))
    .into_response()
}

/// Starts checking the backup.
pub(crate) async fn start(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    axum::Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let password = f.get("password").filter(|p| !p.is_empty()).cloned();
    let source = if f.get("source").map(String::as_str) == Some("device") {
        IosSource::Device(vigie_station::PhoneCheckRequest {
            udid: None,
            password,
            backup: f.contains_key("backup"),
        })
    } else {
        let Some(path) = f.get("path").map(|p| p.trim()).filter(|p| !p.is_empty()) else {
            return error_page(
                &cat,
                Some(&s),
                StatusCode::BAD_REQUEST,
                &Message::new("web-ios-no-path"),
            );
        };
        IosSource::Folder {
            path: std::path::PathBuf::from(path),
            password,
        }
    };
    let case = match with_store(&app, None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let iocs = match tokio::task::block_in_place(|| (app.feeds)()) {
        Ok(set) => Arc::new(set),
        Err(m) => return error_page(&cat, Some(&s), StatusCode::SERVICE_UNAVAILABLE, &m),
    };
    if let Err(e) = with_store(&app, Some(&s.operator), |st| {
        st.log(
            "ios-check-started",
            Some(format!("cases:{}", case.0)),
            now(),
        )
    }) {
        return case_error(&cat, Some(&s), &e);
    }
    let check = IosCheck::start(
        source,
        app.store.clone(),
        case,
        iocs,
        cat.lang(),
        Some(s.operator.clone()),
    );
    let id = app.next_check.fetch_add(1, Ordering::SeqCst);
    if let Ok(mut runs) = app.ios.lock() {
        runs.insert(
            id,
            IosRun {
                case_ref: reference,
                check,
            },
        );
    }
    Redirect::to(&format!("/ios/{id}")).into_response()
}

/// Where the check stands, for the progress bar.
pub(crate) async fn state(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    if let Err(r) = require(&app, &headers) {
        return r;
    }
    let progress = app
        .ios
        .lock()
        .ok()
        .and_then(|runs| runs.get(&id).map(|r| r.check.progress()));
    match progress {
        Some(p) => axum::Json(serde_json::json!({
            "done": p.done, "total": p.total, "step": p.step, "finished": p.finished,
        }))
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The check's page: a progress bar while it runs, then the result.
pub(crate) async fn page(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut runs = match app.ios.lock() {
        Ok(r) => r,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Some(run) = runs.get_mut(&id) else {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::NOT_FOUND,
            &Message::new("web-check-unknown"),
        );
    };
    let progress = run.check.progress();
    let result = if progress.finished && progress.error.is_none() {
        run.check.result().map(|r| result_html(&cat, r))
    } else {
        None
    };
    let body = html::device_check_body(
        &cat,
        "ios",
        id,
        &progress,
        &run.case_ref,
        None,
        "web-ios-saved",
        result,
    );
    let title = cat.text(&Message::new("web-ios-title").arg("reference", &run.case_ref));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/ios/{id}"),
        &body,
    ))
    .into_response()
}

/// The device, the findings (most serious first), the accounts and profiles, and what was
/// and was not checked.
fn result_html(cat: &Catalog, r: &IosResult) -> String {
    let device: String = [
        ("Device Name", "web-ios-device-name"),
        ("Product Type", "web-ios-device-model"),
        ("Product Version", "web-ios-device-version"),
        ("Last Backup Date", "web-ios-device-backup-date"),
    ]
    .iter()
    .filter_map(|(k, label)| r.backup.device.get(*k).map(|v| (label, v)))
    .map(|(label, v)| format!("<dt>{}</dt><dd>{}</dd>", esc(&cat.key(label)), esc(v)))
    .collect();
    let findings: String = r
        .verdict
        .findings
        .iter()
        .map(|f| finding_html(cat, f))
        .collect();
    let accounts: String = r
        .backup
        .accounts
        .iter()
        .map(|a| {
            format!(
                "<li>{} — {}</li>",
                esc(&a.user),
                esc(a.description.as_deref().unwrap_or(&a.kind))
            )
        })
        .collect();
    let list = |lines: &[Message]| -> String {
        lines
            .iter()
            .map(|m| format!("<li>{}</li>", esc(&cat.text(m))))
            .collect()
    };
    let phone = if r.backup.live.is_some() {
        let mut notes = vec![esc(&cat.key("iosdev-unchanged"))];
        if r.paired_now {
            notes.push(esc(&cat.key("iosdev-paired-now")));
        }
        notes
            .iter()
            .map(|n| format!("<p class=\"notice info\">{n}</p>"))
            .collect()
    } else {
        String::new()
    };
    format!(
        "<p class=\"headline\">{}</p>{phone}<dl class=\"device\">{device}</dl><h2>{}</h2><ol class=\"findings\" id=\"ios-findings\">{findings}</ol><h2>{}</h2><ul id=\"ios-accounts\">{accounts}</ul><h2>{}</h2><ul>{}</ul><h2>{}</h2><ul>{}</ul><p class=\"notice info\">{}</p>",
        esc(&cat.key(r.verdict.headline_key())),
        esc(&cat.key("web-ios-findings")),
        esc(&cat.key("web-ios-accounts")),
        esc(&cat.key("label-checked")),
        list(&r.verdict.coverage.checked),
        esc(&cat.key("label-not-checked")),
        list(&r.verdict.coverage.not_checked),
        esc(&cat.key("verdict-keep-evidence-web")),
    )
}
