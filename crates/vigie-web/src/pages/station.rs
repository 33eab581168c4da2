//! The station's state, as `vigie doctor` says it: what this box can do, item by item,
//! with what to do where it cannot.

use crate::app::Shared;
use crate::extract::Operator;
use crate::html::{self, esc};
use crate::respond::page;
use axum::response::IntoResponse;
use axum::response::Response;
use vigie_core::{Message, Timestamp};
use vigie_station::Health;

/// The doctor's page.
pub(crate) async fn page_of(axum::extract::State(app): Shared, op: Operator) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let data_dir = app
        .store_path
        .parent()
        .map(|d| d.to_path_buf())
        .unwrap_or_default();
    let d = tokio::task::block_in_place(|| vigie_station::diagnose(&data_dir, Timestamp::now()));
    let mut rows = String::new();
    for i in &d.items {
        let (class, sign, key) = match i.health {
            Health::Ok => ("ok", "✓", "doctor-health-ok"),
            Health::Warning => ("warning", "!", "doctor-health-warning"),
            Health::Missing => ("missing", "✗", "doctor-health-missing"),
        };
        let todo = i
            .todo
            .as_ref()
            .map(|t| format!("<p class=\"hint\">{}</p>", esc(&cat.text(t))))
            .unwrap_or_default();
        rows.push_str(&format!(
            "<li class=\"doctor-{class}\" id=\"doctor-{}\"><span class=\"label\"><span aria-hidden=\"true\">{sign}</span> {}</span> {}{todo}</li>",
            i.item,
            esc(&cat.key(key)),
            esc(&cat.text(&i.found)),
        ));
    }
    let (kind, verdict) = match d.ready() {
        true => ("ok", "doctor-ready"),
        false => ("warning", "doctor-not-ready"),
    };
    // The key exports are signed with: whoever receives one checks it against this.
    let key = app
        .with_store(Some(&s.operator), |st| {
            st.station_fingerprint(Timestamp::now())
        })
        .map(|k| {
            let said = cat.text(&Message::new("web-station-key").arg("key", &k));
            format!("<p id=\"station-key\">{}</p>", esc(&said))
        })
        .unwrap_or_default();
    let body = format!(
        "{}<ul class=\"doctor\">{rows}</ul>{key}",
        html::notice(kind, &cat.key(verdict))
    );
    page(cat, &cat.key("doctor-title"), Some(s), "/station", &body).into_response()
}
