//! The Android check in the station app: choose the phone (with the guide to USB debugging),
//! follow the acquisition on a progress bar, then read the apps sorted by risk, each with why
//! it was flagged and since when it is installed.

use crate::handlers::{
    case_error, error_page, now, require, require_post, with_store, Fields, Shared,
};
use crate::html::{self, csrf_field, esc, seg};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use vigie_android::{AdbClient, AndroidDevice};
use vigie_core::Localized;
use vigie_core::{Catalog, Evidence, Finding, Message, Severity};
use vigie_station::{AndroidCheck, AndroidResult};

/// An Android check started from the app.
#[derive(Debug)]
pub(crate) struct AndroidRun {
    case_ref: String,
    check: AndroidCheck,
}

fn client() -> AdbClient {
    AdbClient::new(&vigie_android::server_address())
}

/// The phone to check: the devices the adb server sees, and how to get one to show.
pub(crate) async fn form(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let devices = tokio::task::block_in_place(|| client().devices());
    let mut body = format!(
        "<p>{}</p><p class=\"notice info\">{}</p>",
        esc(&cat.key("web-android-intro")),
        esc(&cat.key("adb-guide"))
    );
    match devices {
        Err(e) => body.push_str(&html::notice("error", &cat.text(&e.message()))),
        Ok(list) if list.is_empty() => {
            body.push_str(&html::notice("error", &cat.key("adb-error-no-device")))
        }
        Ok(list) => {
            let mut options = String::new();
            for (i, d) in list.iter().enumerate() {
                let ready = d.state == "device";
                let note = if ready {
                    String::new()
                } else {
                    cat.text(&Message::new("adb-error-unauthorized").arg("serial", &d.serial))
                };
                options.push_str(&format!(
                    "<label class=\"device\"><input type=\"radio\" name=\"serial\" value=\"{}\"{}{}> {} <span class=\"meta\">{}</span> {}</label>",
                    esc(&d.serial),
                    if ready { "" } else { " disabled" },
                    if ready && i == 0 { " checked" } else { "" },
                    esc(&d.serial),
                    esc(&d.details),
                    esc(&note)
                ));
            }
            body.push_str(&format!(
                "<form method=\"post\" action=\"/cases/{}/android\" class=\"card\">{}{options}<button type=\"submit\" id=\"android-go\">{}</button></form>",
                seg(&reference),
                csrf_field(&s),
                esc(&cat.key("web-android-go"))
            ));
        }
    }
    let title = cat.text(&Message::new("web-android-title").arg("reference", &reference));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{}/android", seg(&reference)),
        &body,
    ))
    .into_response()
}

/// Starts reading the chosen phone.
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
    let Some(serial) = f.get("serial").filter(|v| !v.is_empty()).cloned() else {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("adb-error-no-device"),
        );
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
            "android-check-started",
            Some(format!("cases:{}", case.0)),
            now(),
        )
    }) {
        return case_error(&cat, Some(&s), &e);
    }
    let check = AndroidCheck::start(
        client(),
        serial,
        app.store.clone(),
        case,
        iocs,
        cat.lang(),
        Some(s.operator.clone()),
    );
    let id = app.next_check.fetch_add(1, Ordering::SeqCst);
    if let Ok(mut runs) = app.android.lock() {
        runs.insert(
            id,
            AndroidRun {
                case_ref: reference,
                check,
            },
        );
    }
    Redirect::to(&format!("/android/{id}")).into_response()
}

/// Where the acquisition stands, for the progress bar.
pub(crate) async fn state(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let (cat, _) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let progress = app
        .android
        .lock()
        .ok()
        .and_then(|runs| runs.get(&id).map(|r| r.check.progress()));
    match progress {
        Some(p) => {
            let step = cat.text(
                &Message::new("adb-step")
                    .arg("step", &p.step)
                    .arg("done", p.done.to_string())
                    .arg("total", p.total.to_string()),
            );
            axum::Json(serde_json::json!({
                "done": p.done, "total": p.total, "step": step, "finished": p.finished,
            }))
            .into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The check's page: a progress bar while it runs, then the result.
pub(crate) async fn page(State(app): Shared, headers: HeaderMap, Path(id): Path<u64>) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut runs = match app.android.lock() {
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
        "android",
        id,
        &progress,
        &run.case_ref,
        Some("web-android-wait"),
        "web-android-saved",
        result,
    );
    let title = cat.text(&Message::new("web-android-title").arg("reference", &run.case_ref));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/android/{id}"),
        &body,
    ))
    .into_response()
}

fn severity_label(cat: &Catalog, s: Severity) -> String {
    cat.key(&format!("severity-{}", s.as_str()))
}

pub(crate) fn finding_html(cat: &Catalog, f: &Finding) -> String {
    let evidence: String = f
        .evidence
        .iter()
        .map(|e| match e {
            Evidence::RawOutput {
                name,
                sha256,
                detail,
            } => format!(
                "<li>{} — {} <span class=\"hash\">{}</span></li>",
                esc(name),
                esc(detail),
                esc(sha256)
            ),
            Evidence::Record {
                file,
                locator,
                detail,
            } => format!("<li>{} {} — {}</li>", esc(file), esc(locator), esc(detail)),
            Evidence::Packets { source, detail, .. } => {
                format!("<li>{} — {}</li>", esc(source), esc(detail))
            }
        })
        .collect();
    format!(
        "<li class=\"finding sev-{}\"><strong>[{}] {}</strong><p>{}</p><p class=\"meta\">{}</p><ul class=\"evidence\">{evidence}</ul></li>",
        f.severity.as_str(),
        esc(&severity_label(cat, f.severity)),
        esc(&cat.text(&f.title)),
        esc(&cat.text(&f.explanation)),
        esc(&f.rule)
    )
}

/// The apps sorted by risk (most serious finding first, then name), each with its findings,
/// installer and install date; then what concerns the phone as a whole.
fn result_html(cat: &Catalog, r: &AndroidResult) -> String {
    let device: &AndroidDevice = &r.device;
    let mut by_subject: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &r.verdict.findings {
        by_subject.entry(f.subject.as_str()).or_default().push(f);
    }
    let mut apps: Vec<(&str, Option<Severity>)> = device
        .packages
        .values()
        .filter(|p| !p.system || by_subject.contains_key(p.name.as_str()))
        .map(|p| {
            let risk = by_subject
                .get(p.name.as_str())
                .and_then(|fs| fs.iter().map(|f| f.severity).max());
            (p.name.as_str(), risk)
        })
        .collect();
    // Apps seen only through an access they hold are listed too.
    for subject in by_subject.keys() {
        if subject.contains('.')
            && !device.packages.contains_key(*subject)
            && by_subject[subject]
                .iter()
                .any(|f| f.rule.starts_with("AND-IOC"))
        {
            apps.push((
                subject,
                by_subject[subject].iter().map(|f| f.severity).max(),
            ));
        }
    }
    apps.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut out = format!(
        "<p class=\"headline\">{}</p><h2>{}</h2><ol class=\"apps\" id=\"apps\">",
        esc(&cat.key(r.verdict.headline_key())),
        esc(&cat.key("web-android-apps"))
    );
    for (name, risk) in &apps {
        let p = device.packages.get(*name);
        let since = p
            .and_then(|p| p.first_install.clone())
            .unwrap_or_else(|| "—".into());
        let installer = p
            .and_then(|p| p.installer.clone())
            .unwrap_or_else(|| "—".into());
        let data = device
            .network_use
            .get(*name)
            .map(|(rx, tx)| {
                format!(
                    "<p class=\"meta\">{}</p>",
                    esc(&cat.text(
                        &Message::new("web-android-data")
                            .arg("received", format!("{:.1}", *rx as f64 / 1e6))
                            .arg("sent", format!("{:.1}", *tx as f64 / 1e6))
                    ))
                )
            })
            .unwrap_or_default();
        let findings: String = by_subject
            .get(name)
            .map(|fs| fs.iter().map(|f| finding_html(cat, f)).collect())
            .unwrap_or_default();
        let level = risk.map_or("none", Severity::as_str);
        let label = risk.map_or_else(
            || cat.key("web-android-no-sign"),
            |s| severity_label(cat, s),
        );
        out.push_str(&format!(
            "<li class=\"app sev-{level}\"><details{}><summary><strong>{}</strong> — {} <span class=\"meta\">{}</span></summary><p class=\"meta\">{}</p>{data}<ol class=\"findings\">{findings}</ol></details></li>",
            if risk.is_some_and(|s| s >= Severity::Medium) { " open" } else { "" },
            esc(name),
            esc(&label),
            esc(&cat.text(&Message::new("web-android-since").arg("since", &since))),
            esc(&cat.text(&Message::new("web-android-installer").arg("installer", &installer))),
        ));
    }
    out.push_str("</ol>");
    let phone: String = r
        .verdict
        .findings
        .iter()
        .filter(|f| !apps.iter().any(|(n, _)| *n == f.subject))
        .map(|f| finding_html(cat, f))
        .collect();
    if !phone.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2><ol class=\"findings\">{phone}</ol>",
            esc(&cat.key("web-android-phone"))
        ));
    }
    out.push_str(&format!(
        "<h2>{}</h2><ul>{}</ul><h2>{}</h2><ul>{}</ul><p class=\"notice info\">{}</p><p class=\"notice info\">{}</p>",
        esc(&cat.key("label-checked")),
        r.verdict
            .coverage
            .checked
            .iter()
            .map(|m| format!("<li>{}</li>", esc(&cat.text(m))))
            .collect::<String>(),
        esc(&cat.key("label-not-checked")),
        r.verdict
            .coverage
            .not_checked
            .iter()
            .map(|m| format!("<li>{}</li>", esc(&cat.text(m))))
            .collect::<String>(),
        esc(&cat.key("verdict-keep-evidence-web")),
        esc(&cat.key("android-advice-after"))
    ));
    out
}
