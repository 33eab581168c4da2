//! Live checks from the app: the interface and duration chosen, the check's page updated
//! from server-sent events (contacted services and findings within a second), and, when it
//! stops or its time is up, the verdict and the raw capture stored in the case.

use crate::app::{catalog, App, CaseRef, Shared};
use crate::extract::{Operator, Posted};
use crate::html::{csrf_field, esc, seg};
use crate::respond::{case_error, error_page, page};
use crate::runs::RunningCheck;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use std::time::Duration;
use vigie_core::{Catalog, Localized, Message, Timestamp};
use vigie_station::{CaptureEvidence, LiveCheck, LiveSnapshot};

/// Suggested duration of a live check, in minutes.
const SUGGESTED_MINUTES: u64 = 15;

/// How the phone joins the station's Wi-Fi (the hotspot's QR code, or the form that starts
/// it), then the interface and duration to check.
pub(crate) async fn form(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let hotspot = app
        .hotspot
        .lock()
        .ok()
        .and_then(|h| h.as_ref().map(|h| h.config().clone()));
    let join = match &hotspot {
        Some(c) => super::hotspot::join_html(cat, c),
        None if listed_interfaces().iter().any(|i| i.wireless) => {
            super::hotspot::start_form(cat, s, Some(&reference))
        }
        None => String::new(),
    };
    let preferred = q
        .get("interface")
        .or(hotspot.as_ref().map(|c| &c.interface));
    let options: String = listed_interfaces()
        .iter()
        .map(|i| {
            let selected = match preferred == Some(&i.name) {
                true => " selected",
                false => "",
            };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                esc(&i.name),
                esc(&interface_label(cat, i))
            )
        })
        .collect();
    let advice =
        Message::new("web-live-advice-duration").arg("minutes", SUGGESTED_MINUTES.to_string());
    let body = format!(
        "{join}<p>{}</p><ul class=\"advice\"><li>{}</li><li>{}</li><li>{}</li></ul><form method=\"post\" action=\"/cases/{}/live\" class=\"card\">{}<label>{}<select name=\"interface\" id=\"interface\">{options}</select></label><label>{}<input type=\"number\" name=\"minutes\" id=\"minutes\" min=\"1\" max=\"240\" value=\"{SUGGESTED_MINUTES}\"></label><button type=\"submit\" id=\"start\">{}</button></form>",
        esc(&cat.key("web-live-intro")),
        esc(&cat.key("web-live-advice-unlocked")),
        esc(&cat.key("web-live-advice-apps")),
        esc(&cat.text(&advice)),
        seg(&reference),
        csrf_field(s),
        esc(&cat.key("web-live-interface")),
        esc(&cat.key("web-live-minutes")),
        esc(&cat.key("web-live-go"))
    );
    let title = cat.text(&Message::new("web-live-title").arg("reference", &reference));
    page(
        cat,
        &title,
        Some(s),
        &format!("/cases/{}/live", seg(&reference)),
        &body,
    )
}

/// The interfaces worth offering, those a phone can be on first: Wi-Fi, then those with an
/// address; internal ones (traffic shaping, containers, bridges of virtual machines) left out.
fn listed_interfaces() -> Vec<vigie_station::InterfaceInfo> {
    const INTERNAL: [&str; 6] = ["ifb", "veth", "docker", "br-", "virbr", "dummy"];
    let mut list: Vec<_> = vigie_station::interfaces()
        .into_iter()
        .filter(|i| !INTERNAL.iter().any(|p| i.name.starts_with(p)))
        .collect();
    list.sort_by_key(|i| (!i.wireless, i.addresses.is_empty(), !i.up, i.name.clone()));
    list
}

/// An interface as the list shows it: its name, Wi-Fi or cable, its addresses, and
/// whether it is down.
fn interface_label(cat: &Catalog, i: &vigie_station::InterfaceInfo) -> String {
    let mut parts = vec![i.name.clone()];
    parts.push(cat.key(match i.wireless {
        true => "web-interface-wifi",
        false => "web-interface-wired",
    }));
    if !i.addresses.is_empty() {
        parts.push(i.addresses.join(", "));
    }
    if !i.up {
        parts.push(cat.key("web-interface-down"));
    }
    parts.join(" — ")
}

/// Starts the check: the interface opened, the raw capture begun in the case.
pub(crate) async fn start(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s, f) = (&p.op.cat, &p.op.session, &p.form);
    let interface = f.get("interface").cloned().unwrap_or_default();
    let minutes: u64 = f
        .get("minutes")
        .and_then(|m| m.parse().ok())
        .unwrap_or(SUGGESTED_MINUTES)
        .clamp(1, 240);
    let case = match app.with_store(None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let iocs = match app.feeds() {
        Ok(set) => set,
        Err(m) => return error_page(cat, Some(s), StatusCode::SERVICE_UNAVAILABLE, &m),
    };
    let capture = match vigie_station::LiveCapture::open(&interface) {
        Ok(c) => c,
        Err(e) => return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &e.message()),
    };
    let target = match app.target(case, &s.operator) {
        Ok(t) => t,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let name = format!("live-{interface}-{}.pcap", Timestamp::now());
    let started = tokio::task::block_in_place(|| {
        let object = Some(format!("cases:{}", case.0));
        target.with(|st| st.log("live-check-started", object, Timestamp::now()))?;
        CaptureEvidence::start(&target, &name)
    });
    let (evidence, sink) = match started {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let limit = Some(Duration::from_secs(minutes * 60));
    let check = LiveCheck::start(capture, iocs.clone(), limit, sink);
    let id = app.next_id();
    if let Ok(mut checks) = app.checks.lock() {
        let run = RunningCheck {
            case_ref: reference,
            target,
            lang: cat.lang(),
            iocs,
            check: Some(check),
            evidence: Some(evidence),
            limit_secs: minutes * 60,
            last: LiveSnapshot::default(),
            saved: None,
        };
        checks.insert(id, run);
    }
    Redirect::to(&format!("/checks/{id}")).into_response()
}

/// Ends a check (asked, or finished by itself) and stores it in its case; idempotent.
pub(crate) fn finalize(app: &App, id: u64) {
    let taken = app.checks.lock().ok().and_then(|mut c| {
        let rc = c.get_mut(&id)?;
        let check = rc.check.take()?;
        Some((
            check,
            rc.evidence.take(),
            rc.target.clone(),
            rc.lang,
            rc.iocs.clone(),
        ))
    });
    let Some((check, evidence, target, lang, iocs)) = taken else {
        return;
    };
    let mut outcome = check.stop();
    let cat = catalog(lang);
    let info = evidence.map(CaptureEvidence::finish).transpose();
    let saved = info.and_then(|info| {
        vigie_station::store_live(&target, &iocs, &mut outcome, info.flatten().as_ref())
    });
    if let Ok(mut c) = app.checks.lock() {
        if let Some(rc) = c.get_mut(&id) {
            rc.last.findings = outcome.result.verdict.findings.clone();
            rc.last.finished = true;
            rc.saved = Some(saved.map_err(|e| cat.say(&e)));
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
            let ended = |rc: &RunningCheck| rc.check.as_ref().is_some_and(LiveCheck::is_finished);
            c.iter()
                .filter(|(_, rc)| ended(rc))
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
        let n = Timestamp::now();
        let cutoff = Timestamp(n.0 - i64::from(app.retention_days) * 86_400 * 1_000_000_000);
        // Off the async threads already: the case file is used directly (not before it is open).
        if let Ok(Ok(mut st)) = app.store().map(|st| st.lock()) {
            let _ = st.purge_raw_captures(cutoff, n);
        }
    }
}

/// The state of a check as the page shows it, in `cat`'s language.
fn state_json(app: &App, id: u64, cat: &Catalog) -> Option<serde_json::Value> {
    let mut checks = app.checks.lock().ok()?;
    let rc = checks.get_mut(&id)?;
    if let Some(c) = &rc.check {
        rc.last = c.snapshot();
    }
    let snap = rc.last.clone();
    let finished = rc.check.is_none();
    let level = vigie_core::Verdict::new(snap.findings.clone(), Default::default()).level;
    let headline = headline_key(&snap, level, finished);
    let early = matches!(headline, "web-live-too-early" | "web-live-ended-too-early");
    let (shown, sign) = match early {
        true => ("early", crate::views::EARLY_SIGN),
        false => (level.name(), crate::views::level_sign(level)),
    };
    let devices: Vec<String> = snap
        .devices
        .iter()
        .map(|d| vigie_station::joined_text(cat, d))
        .collect();
    Some(serde_json::json!({
        "elapsed": snap.elapsed_secs,
        "timer": timer_text(cat, &snap, rc.limit_secs, finished),
        "packets": snap.packets,
        "services": snap.services,
        "devices": devices,
        "devices_none": cat.key(match (snap.packets, finished) {
            (0, _) => "web-live-no-traffic",
            (_, false) => "web-live-no-device-yet",
            (_, true) => "web-joined-none",
        }),
        "findings": snap.findings.iter().map(|f| crate::views::finding_json(cat, f)).collect::<Vec<_>>(),
        "level": shown,
        "level_label": cat.key(&format!("web-level-{shown}")),
        "level_sign": sign,
        "headline": cat.key(headline),
        "finished": finished,
        "stopped": snap.stopped.as_ref().map(|m| cat.text(m)),
        "saved": rc.saved.as_ref().map(|r| r.is_ok()),
        "save_error": rc.saved.as_ref().and_then(|r| r.clone().err()),
        "result_url": rc.saved.as_ref().and_then(|r| r.as_ref().ok()).map(|scan| format!("/results/{scan}")),
        "case_url": format!("/cases/{}", seg(&rc.case_ref)),
    }))
}

/// Below this, a live check has not seen enough to say that nothing was found.
const TOO_EARLY_SECS: u64 = 120;

/// What the page says of the check so far: what was found; else that it is too early to
/// conclude (no traffic yet, or a short while only); else that nothing suspicious was seen
/// so far, the check going on. "Nothing found" waits for the end.
fn headline_key(
    snap: &LiveSnapshot,
    level: vigie_core::VerdictLevel,
    finished: bool,
) -> &'static str {
    let early = snap.packets == 0 || snap.elapsed_secs < TOO_EARLY_SECS;
    match (level, finished, early) {
        (vigie_core::VerdictLevel::NothingFound, false, true) => "web-live-too-early",
        (vigie_core::VerdictLevel::NothingFound, false, false) => "web-live-nothing-yet",
        (vigie_core::VerdictLevel::NothingFound, true, true) => "web-live-ended-too-early",
        (level, _, _) => level.headline_key(),
    }
}

/// "Running for 2 min 10 s — 12 min 50 s left", or "Stopped after 16 s".
fn timer_text(cat: &Catalog, snap: &LiveSnapshot, limit_secs: u64, finished: bool) -> String {
    let d = |secs: u64| vigie_station::human_duration(i64::try_from(secs).unwrap_or(i64::MAX));
    let m = match finished {
        true => Message::new("web-live-stopped-after").arg("duration", d(snap.elapsed_secs)),
        false => Message::new("web-live-running-for")
            .arg("duration", d(snap.elapsed_secs))
            .arg("left", d(limit_secs.saturating_sub(snap.elapsed_secs))),
    };
    cat.text(&m)
}

/// The check's page, updated by `app.js` from the events: the timer and countdown, the
/// phone seen joining, what the check says so far, the findings, the services contacted;
/// once stored, the result page.
pub(crate) async fn page_of(State(app): Shared, op: Operator, Path(id): Path<u64>) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let Some(state) = state_json(&app, id, cat) else {
        let m = Message::new("web-check-unknown");
        return error_page(cat, Some(s), StatusCode::NOT_FOUND, &m);
    };
    let case_url = state["case_url"].as_str().unwrap_or("/cases").to_owned();
    let text = |v: &serde_json::Value| esc(v.as_str().unwrap_or_default());
    let body = format!(
        "<div id=\"live\" data-events=\"/checks/{id}/events\" data-i18n-none=\"{}\"><p class=\"timer\" id=\"timer\" aria-live=\"polite\">{}</p><section class=\"result level-{}\" id=\"result\"><span class=\"level\"><span class=\"sign\" id=\"level-sign\" aria-hidden=\"true\">{}</span> <span id=\"level\">{}</span></span><p id=\"headline\" class=\"headline\" aria-live=\"polite\">{}</p></section><p id=\"stopped\" class=\"notice error\" hidden></p><h2>{}</h2><ul id=\"devices\" class=\"joined\"></ul><p class=\"hint\">{}</p><form method=\"post\" action=\"/checks/{id}/stop\" id=\"stop-form\">{}<button type=\"submit\" id=\"stop\">{}</button></form><h2>{}</h2><ol id=\"findings\" class=\"findings\"></ol><details><summary>{}</summary><ul id=\"services\" class=\"services\"></ul></details><p id=\"saved\" class=\"notice ok\" hidden>{} <a id=\"result-link\" href=\"{}\">{}</a></p><p class=\"notice warning\">{}</p></div>",
        esc(&cat.key("label-no-findings")),
        text(&state["timer"]),
        text(&state["level"]),
        text(&state["level_sign"]),
        text(&state["level_label"]),
        text(&state["headline"]),
        esc(&cat.key("web-live-phone")),
        esc(&cat.key("web-live-meanwhile")),
        csrf_field(s),
        esc(&cat.key("web-live-stop")),
        esc(&cat.key("label-findings")),
        esc(&cat.key("web-live-services")),
        esc(&cat.key("web-live-saved")),
        esc(&case_url),
        esc(&cat.key("web-live-see-result")),
        esc(&cat.key("verdict-keep-evidence-web"))
    );
    page(
        cat,
        &cat.key("web-live-running"),
        Some(s),
        &format!("/checks/{id}"),
        &body,
    )
}

/// The check's state, for scripts.
pub(crate) async fn state(State(app): Shared, op: Operator, Path(id): Path<u64>) -> Response {
    match state_json(&app, id, &op.cat) {
        Some(v) => axum::Json(v).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The check's state, every half second, until it is stored.
pub(crate) async fn events(State(app): Shared, op: Operator, Path(id): Path<u64>) -> Response {
    let lang = op.cat.lang();
    let stream = futures_util::stream::unfold((app, false), move |(app, done)| async move {
        if done {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let state = state_json(&app, id, &catalog(lang))?;
        let finished = state["saved"].is_boolean();
        let event = Event::default().json_data(&state).ok()?;
        Some((Ok::<_, std::convert::Infallible>(event), (app, finished)))
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// Stops the check; its page then shows it stored.
pub(crate) async fn stop(State(app): Shared, Path(id): Path<u64>, _: Posted) -> Response {
    tokio::task::block_in_place(|| finalize(&app, id));
    Redirect::to(&format!("/checks/{id}")).into_response()
}
