//! Device checks from the app — an Android phone over USB, an iPhone backup folder or the
//! connected iPhone: the form, then one page for every kind that follows the check's
//! progress and, once it is stored, shows its result from the stored check.

use crate::app::{catalog, App, CaseRef, Shared};
use crate::extract::{Operator, Posted};
use crate::html::{self, csrf_field, esc, seg};
use crate::respond::{case_error, error_page, page};
use crate::runs::{Device, DeviceRun};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use vigie_core::{Catalog, Localized, Message, Timestamp};
use vigie_indicators::IndicatorSet;
use vigie_station::{CaseTarget, CheckError, MediaKind, PhoneCheckRequest, Progress, Running};

/// The phone to check: the devices the adb server sees, and how to get one to show.
pub(crate) async fn android_form(op: Operator, Path(reference): CaseRef) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let devices = tokio::task::block_in_place(vigie_station::android_devices);
    let mut body = format!(
        "<h2>{}</h2><p>{}</p><p class=\"notice info\">{}</p>",
        esc(&cat.key("web-android-usb-title")),
        esc(&cat.key("web-android-intro")),
        esc(&cat.key("adb-guide"))
    );
    match devices {
        Err(e) => body.push_str(&html::notice("error", &cat.say(&e))),
        Ok(list) if list.is_empty() => {
            body.push_str(&html::notice("info", &cat.key("adb-error-no-device")))
        }
        Ok(list) => {
            let mut options = String::new();
            for (i, d) in list.iter().enumerate() {
                let ready = d.state == "device";
                let note = match ready {
                    true => String::new(),
                    false => {
                        cat.text(&Message::new("adb-error-unauthorized").arg("serial", &d.serial))
                    }
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
                csrf_field(s),
                esc(&cat.key("web-android-go"))
            ));
        }
    }
    let action = format!("/cases/{}/android", seg(&reference));
    body.push_str(&format!(
        "<h2>{}</h2><p>{}</p>{}<form method=\"post\" action=\"{action}\" class=\"card\">{}<input type=\"hidden\" name=\"source\" value=\"dump\"><label>{}<input name=\"path\" id=\"android-dump-path\" required></label><button type=\"submit\" id=\"android-dump-go\">{}</button></form>",
        esc(&cat.key("web-android-dump-title")),
        esc(&cat.key("web-android-dump-intro")),
        media_choices(cat, s, &action, MediaKind::AndroidDump),
        csrf_field(s),
        esc(&cat.key("web-android-dump-path")),
        esc(&cat.key("web-android-dump-go"))
    ));
    let title = cat.text(&Message::new("web-android-title").arg("reference", &reference));
    page(
        cat,
        &title,
        Some(s),
        &format!("/cases/{}/android", seg(&reference)),
        &body,
    )
}

/// The backups or acquisitions of `kind` found on the station's removable media, each a
/// button that checks it (posted to `action`, as the path typed would be).
fn media_choices(cat: &Catalog, s: &crate::auth::Session, action: &str, kind: MediaKind) -> String {
    let source = match kind {
        MediaKind::AndroidDump => "dump",
        MediaKind::IosBackup => "backup",
    };
    let found = tokio::task::block_in_place(vigie_station::on_removable_media);
    let forms: String = found
        .iter()
        .filter(|m| m.kind == kind)
        .enumerate()
        .map(|(n, m)| {
            let path = m.path.to_string_lossy();
            let name = m.path.file_name().map(|f| f.to_string_lossy()).unwrap_or_default();
            let button = Message::new("web-media-check").arg("name", name.as_ref());
            format!(
                "<li><form method=\"post\" action=\"{action}\">{}<input type=\"hidden\" name=\"source\" value=\"{source}\"><input type=\"hidden\" name=\"path\" value=\"{}\"><button type=\"submit\" id=\"media-{source}-{n}\">{}</button> <span class=\"meta\">{}</span></form></li>",
                csrf_field(s),
                esc(&path),
                esc(&cat.text(&button)),
                esc(&path),
            )
        })
        .collect();
    match forms.is_empty() {
        true => String::new(),
        false => format!(
            "<p><strong>{}</strong></p><ul class=\"media\">{forms}</ul><p class=\"hint\">{}</p>",
            esc(&cat.key("web-media-found")),
            esc(&cat.key("web-media-or-type"))
        ),
    }
}

/// The backup folder, or the connected iPhone.
pub(crate) async fn ios_form(op: Operator, Path(reference): CaseRef) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let r = seg(&reference);
    let media = media_choices(cat, s, &format!("/cases/{r}/ios"), MediaKind::IosBackup);
    let body = format!(
        "<h2>{}</h2><p>{}</p><form method=\"post\" action=\"/cases/{r}/ios\" class=\"card\">{csrf}<input type=\"hidden\" name=\"source\" value=\"device\"><label><input type=\"checkbox\" name=\"backup\" id=\"ios-device-backup\" checked> {}</label><label>{}<input type=\"password\" name=\"password\" id=\"ios-device-password\" autocomplete=\"off\"></label><button type=\"submit\" id=\"ios-device-go\">{}</button></form><h2>{}</h2><p>{}</p><p class=\"notice info\">{}</p>{media}<form method=\"post\" action=\"/cases/{r}/ios\" class=\"card\">{csrf}<label>{}<input name=\"path\" id=\"ios-path\" required></label><label>{}<input type=\"password\" name=\"password\" id=\"ios-password\" autocomplete=\"off\"></label><button type=\"submit\" id=\"ios-go\">{}</button></form>",
        esc(&cat.key("web-ios-device-title")),
        esc(&cat.key("web-ios-device-intro")),
        esc(&cat.key("web-ios-device-backup")),
        esc(&cat.key("web-ios-device-password")),
        esc(&cat.key("web-ios-device-go")),
        esc(&cat.key("web-ios-folder-title")),
        esc(&cat.key("web-ios-intro")),
        esc(&cat.key("web-ios-guide")),
        esc(&cat.key("web-ios-path")),
        esc(&cat.key("web-ios-password")),
        esc(&cat.key("web-ios-go")),
        csrf = csrf_field(s),
    );
    let title = cat.text(&Message::new("web-ios-title").arg("reference", &reference));
    page(cat, &title, Some(s), &format!("/cases/{r}/ios"), &body)
}

/// What a device check needs to start: the case to keep it in and the feeds; or the page
/// saying why it cannot (handlers pass it straight back).
#[allow(clippy::result_large_err)]
fn prepare(
    app: &App,
    op: &Operator,
    reference: &str,
    started: &str,
) -> Result<(CaseTarget, Arc<IndicatorSet>), Response> {
    let (cat, s) = (&op.cat, &op.session);
    let case = app
        .with_store(None, |st| st.find(reference))
        .map_err(|e| case_error(cat, Some(s), &e))?;
    let iocs = app
        .feeds()
        .map_err(|m| error_page(cat, Some(s), StatusCode::SERVICE_UNAVAILABLE, &m))?;
    let target = app
        .target(case, &s.operator)
        .map_err(|e| case_error(cat, Some(s), &e))?;
    let object = Some(format!("cases:{}", case.0));
    tokio::task::block_in_place(|| target.with(|st| st.log(started, object, Timestamp::now())))
        .map_err(|e| case_error(cat, Some(s), &e))?;
    Ok((target, iocs))
}

/// Runs `work` in the background and sends the operator to its page.
fn launch(
    app: &App,
    device: Device,
    reference: String,
    work: impl FnOnce(&Progress) -> Result<i64, CheckError> + Send + 'static,
) -> Response {
    let running = Running::spawn(move |p| work(p).map_err(|e| e.message()));
    let id = app.next_id();
    if let Ok(mut runs) = app.devices.lock() {
        let run = DeviceRun {
            case_ref: reference,
            device,
            running,
        };
        runs.insert(id, run);
    }
    Redirect::to(&format!("/{}/{id}", device.name())).into_response()
}

/// Starts reading the chosen Android phone, or the acquisition at the path given.
pub(crate) async fn android_start(
    State(app): Shared,
    Path(reference): CaseRef,
    p: Posted,
) -> Response {
    if p.form.get("source").map(String::as_str) == Some("dump") {
        return android_dump_start(&app, reference, &p);
    }
    let Some(serial) = p.form.get("serial").filter(|v| !v.is_empty()).cloned() else {
        let m = Message::new("adb-error-no-device");
        return error_page(&p.op.cat, Some(&p.op.session), StatusCode::BAD_REQUEST, &m);
    };
    let (target, iocs) = match prepare(&app, &p.op, &reference, "android-check-started") {
        Ok(v) => v,
        Err(r) => return r,
    };
    let lang = p.op.cat.lang();
    launch(&app, Device::Android, reference, move |progress| {
        let cat = catalog(lang);
        let mut step = |done: usize, total: usize, what: &str| {
            let m = Message::new("adb-step")
                .arg("step", what)
                .arg("done", done.to_string())
                .arg("total", total.to_string());
            progress.step(done, total, &cat.text(&m))
        };
        let (_, scan) =
            vigie_station::check_android_phone(Some(&serial), &iocs, Some(&target), &mut step)?;
        scan.ok_or(CheckError::Case(vigie_case::CaseError::Unavailable))
    })
}

/// Starts checking an Android acquisition (androidqf's folder or zip) at a path on the
/// station.
fn android_dump_start(app: &App, reference: String, p: &Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let path = p.form.get("path").map(|v| v.trim()).unwrap_or_default();
    if path.is_empty() {
        let m = Message::new("web-android-no-path");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    let (target, iocs) = match prepare(app, &p.op, &reference, "android-check-started") {
        Ok(v) => v,
        Err(r) => return r,
    };
    let (path, step) = (
        std::path::PathBuf::from(path),
        cat.key("web-android-dump-step"),
    );
    launch(app, Device::Android, reference, move |progress| {
        progress.step(0, 1, &step);
        let (_, scan) = vigie_station::check_android_dump(&path, &iocs, Some(&target))?;
        scan.ok_or(CheckError::Case(vigie_case::CaseError::Unavailable))
    })
}

/// Starts checking the backup folder, or the connected iPhone.
pub(crate) async fn ios_start(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s, f) = (&p.op.cat, &p.op.session, &p.form);
    let password = f.get("password").filter(|p| !p.is_empty()).cloned();
    let device = f.get("source").map(String::as_str) == Some("device");
    let path = f
        .get("path")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    if !device && path.is_none() {
        let m = Message::new("web-ios-no-path");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    let request = PhoneCheckRequest {
        udid: None,
        password: password.clone(),
        backup: f.contains_key("backup"),
    };
    let (target, iocs) = match prepare(&app, &p.op, &reference, "ios-check-started") {
        Ok(v) => v,
        Err(r) => return r,
    };
    let lang = cat.lang();
    launch(&app, Device::Ios, reference, move |progress| {
        let cat = catalog(lang);
        let (_, scan) = match path {
            Some(path) if !device => {
                let total = vigie_station::IOS_BACKUP_STEPS;
                vigie_station::check_ios_backup(
                    std::path::Path::new(&path),
                    password.as_deref(),
                    &iocs,
                    Some(&target),
                    &mut |done, step| {
                        progress.step(done, total, &cat.key(&format!("ios-what-{step}")))
                    },
                )?
            }
            _ => {
                let mux = vigie_station::usbmux();
                let mut step =
                    |done: usize, total: usize, what: &str| progress.step(done, total, what);
                vigie_station::check_phone(mux, &request, Some(&target), &iocs, &cat, &mut step)?
            }
        };
        scan.ok_or(CheckError::Case(vigie_case::CaseError::Unavailable))
    })
}

/// Where a device check stands, for the progress bar.
pub(crate) async fn state(State(app): Shared, _: Operator, Path(id): Path<u64>) -> Response {
    let progress = app
        .devices
        .lock()
        .ok()
        .and_then(|mut runs| runs.get_mut(&id).map(|r| r.running.progress()));
    match progress {
        Some(p) => axum::Json(serde_json::json!({
            "done": p.done, "total": p.total, "step": p.step, "finished": p.finished,
        }))
        .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A device check's page: its progress while it runs, then its result, read back from the
/// case, in the page's language.
pub(crate) async fn page_of(State(app): Shared, op: Operator, Path(id): Path<u64>) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let run = app.devices.lock().ok().and_then(|mut runs| {
        let r = runs.get_mut(&id)?;
        Some((r.device, r.case_ref.clone(), r.running.progress()))
    });
    let Some((device, reference, progress)) = run else {
        let m = Message::new("web-check-unknown");
        return error_page(cat, Some(s), StatusCode::NOT_FOUND, &m);
    };
    let (wait, saved, title) = match device {
        Device::Android => (
            Some("web-android-wait"),
            "web-android-saved",
            "web-android-title",
        ),
        Device::Ios => (None, "web-ios-saved", "web-ios-title"),
    };
    if let (true, None, Some(scan)) = (progress.finished, &progress.error, progress.scan) {
        return Redirect::to(&format!("/results/{scan}?msg={saved}")).into_response();
    }
    let body = html::device_check_body(cat, device.name(), id, &progress, &reference, wait);
    let title = cat.text(&Message::new(title).arg("reference", &reference));
    page(
        cat,
        &title,
        Some(s),
        &format!("/{}/{id}", device.name()),
        &body,
    )
}
