//! The hotspot from the app: started on a Wi-Fi interface (with an uplink, or captive), its
//! name and password shown as a QR code, stopped with the machine restored.

use crate::app::Shared;
use crate::extract::{Operator, Posted};
use crate::html::{self, csrf_field, esc};
use crate::respond::{error_page, page};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vigie_core::{Catalog, Localized, Message, Timestamp};

/// The hotspot's page: how to join it while it runs, else the form that starts it.
pub(crate) async fn page_of(State(app): Shared, op: Operator) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let running = app
        .hotspot
        .lock()
        .ok()
        .and_then(|h| h.as_ref().map(|h| h.config().clone()));
    let body = match running {
        Some(c) => format!(
            "{}{}<form method=\"post\" action=\"/hotspot/stop\">{}<button type=\"submit\">{}</button></form><p><a class=\"button\" href=\"/check\">{}</a></p>",
            join_html(cat, &c),
            if c.uplink.is_none() { html::notice("info", &cat.key("hotspot-captive")) } else { String::new() },
            csrf_field(s),
            esc(&cat.key("web-hotspot-stop")),
            esc(&cat.text(&Message::new("web-hotspot-then").arg("interface", &c.interface)))
        ),
        None => start_form(cat, s, None),
    };
    page(
        cat,
        &cat.key("web-hotspot-title"),
        Some(s),
        "/hotspot",
        &body,
    )
}

/// How the phone joins the running hotspot: its name and password, and the QR code.
pub(crate) fn join_html(cat: &Catalog, c: &vigie_hotspot::HotspotConfig) -> String {
    let join = Message::new("hotspot-join")
        .arg("ssid", &c.ssid)
        .arg("password", &c.password);
    // The SVG is made by the QR encoder from our own settings, not from input.
    format!(
        "<div class=\"join\"><p>{}</p><div class=\"qr\">{}</div></div>",
        esc(&cat.text(&join)),
        c.qr_svg()
    )
}

/// The form that starts the hotspot (then going back to case `case`'s live check, when
/// given), or why it cannot start here.
pub(crate) fn start_form(cat: &Catalog, s: &crate::auth::Session, case: Option<&str>) -> String {
    let mut wifi = String::new();
    let mut uplinks = format!(
        "<option value=\"\">{}</option>",
        esc(&cat.key("web-hotspot-no-uplink"))
    );
    for i in vigie_station::interfaces() {
        if i.wireless {
            wifi.push_str(&format!("<option>{}</option>", esc(&i.name)));
        }
        uplinks.push_str(&format!("<option>{}</option>", esc(&i.name)));
    }
    if wifi.is_empty() {
        return html::notice("info", &cat.key("web-hotspot-no-wifi"));
    }
    let back = case
        .map(|c| format!("<input type=\"hidden\" name=\"case\" value=\"{}\">", esc(c)))
        .unwrap_or_default();
    format!(
        "<p>{}</p><form method=\"post\" action=\"/hotspot/start\" class=\"card\" id=\"hotspot-form\">{}{back}<label>{}<select name=\"interface\">{wifi}</select></label><label>{}<select name=\"uplink\">{uplinks}</select></label><button type=\"submit\" id=\"hotspot-start\">{}</button></form>",
        esc(&cat.key("web-hotspot-intro")),
        csrf_field(s),
        esc(&cat.key("web-hotspot-interface")),
        esc(&cat.key("web-hotspot-uplink")),
        esc(&cat.key("web-hotspot-start"))
    )
}

/// Starts the hotspot.
pub(crate) async fn start(State(app): Shared, p: Posted) -> Response {
    let (cat, s, f) = (&p.op.cat, &p.op.session, &p.form);
    let interface = f.get("interface").cloned().unwrap_or_default();
    let uplink = f.get("uplink").filter(|u| !u.is_empty()).cloned();
    let config = vigie_hotspot::HotspotConfig::random(&interface, uplink.as_deref());
    let started =
        tokio::task::block_in_place(|| vigie_hotspot::Hotspot::start(config, &app.run_dir));
    match started {
        Ok(h) => {
            let _ = app.with_store(Some(&s.operator), |st| {
                st.log("hotspot-started", None, Timestamp::now())
            });
            if let Ok(mut slot) = app.hotspot.lock() {
                *slot = Some(h);
            }
            let next = match f.get("case").filter(|c| !c.is_empty()) {
                Some(c) => format!("/cases/{}/live", html::seg(c)),
                None => "/hotspot".to_owned(),
            };
            Redirect::to(&next).into_response()
        }
        Err(e) => error_page(cat, Some(s), StatusCode::BAD_REQUEST, &e.message()),
    }
}

/// Stops the hotspot and restores the machine.
pub(crate) async fn stop(State(app): Shared, p: Posted) -> Response {
    let h = app.hotspot.lock().ok().and_then(|mut h| h.take());
    if let Some(h) = h {
        tokio::task::block_in_place(|| h.stop());
        let who = Some(p.op.session.operator.as_str());
        let _ = app.with_store(who, |st| st.log("hotspot-stopped", None, Timestamp::now()));
    }
    Redirect::to("/hotspot").into_response()
}
