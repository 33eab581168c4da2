//! A MISP client for the events API: published events are pulled with
//! `POST /events/restSearch` (page by page) and each stored as one feed.

use crate::download::{host_id, http_agent, read_body, FetchError};
use crate::outcome::Outcome;
use crate::sightings::Sighting;
use serde_json::{json, Value};
use std::time::Duration;
use vigie_core::Timestamp;
use vigie_indicators::FeedStore;

/// Events asked for per page.
const PAGE: usize = 100;
/// Most pages followed in one pull.
const MAX_PAGES: usize = 1000;

/// A client for one MISP instance.
#[derive(Debug)]
pub struct MispClient {
    agent: ureq::Agent,
    url: String,
    key: String,
}

impl MispClient {
    /// POSTs a JSON body with the automation key; returns the status and the body.
    fn post_json(&self, url: &str, body: &Value) -> Result<(u16, Vec<u8>), FetchError> {
        let err = |detail: String| FetchError::Transfer {
            url: url.to_owned(),
            detail,
        };
        let mut resp = self
            .agent
            .post(url)
            .header("Authorization", &self.key)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .send(body.to_string().as_bytes())
            .map_err(|e| err(e.to_string()))?;
        let status = resp.status().as_u16();
        let bytes = read_body(&mut resp).map_err(|e| err(e.to_string()))?;
        Ok((status, bytes))
    }

    /// A client for the MISP instance at `url` with the automation key `key`.
    pub fn new(url: &str, key: &str, timeout: Duration) -> Self {
        MispClient {
            agent: http_agent(timeout, false),
            url: url.trim_end_matches('/').to_owned(),
            key: key.to_owned(),
        }
    }

    /// Every published event (page by page), as MISP returns them (`{"Event": {...}}`).
    pub fn events(&self) -> Result<Vec<Value>, FetchError> {
        let url = format!("{}/events/restSearch", self.url);
        let err = |detail: String| FetchError::Transfer {
            url: url.clone(),
            detail,
        };
        let mut events = vec![];
        for page in 1..=MAX_PAGES {
            let body =
                json!({ "returnFormat": "json", "published": true, "limit": PAGE, "page": page });
            let (status, bytes) = self.post_json(&url, &body)?;
            if status != 200 {
                return Err(err(format!("HTTP {status}")));
            }
            let v: Value =
                serde_json::from_slice(&bytes).map_err(|e| err(format!("not MISP JSON: {e}")))?;
            let batch = v
                .get("response")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let n = batch.len();
            events.extend(batch);
            if n < PAGE {
                break;
            }
        }
        Ok(events)
    }
}

impl MispClient {
    /// Records anonymous sightings (`POST /sightings/add`): the indicator value, the day, and
    /// the station's department as the source. Returns how many were accepted.
    pub fn add_sightings(&self, sightings: &[Sighting]) -> Result<usize, FetchError> {
        let url = format!("{}/sightings/add", self.url);
        let err = |detail: String| FetchError::Transfer {
            url: url.clone(),
            detail,
        };
        let mut accepted = 0;
        for s in sightings {
            let day = s
                .day_start_unix()
                .ok_or_else(|| err(format!("bad day {}", s.day)))?;
            let body = json!({ "value": s.value, "source": format!("vigie-{}", s.department), "timestamp": day.to_string(), "type": "0" });
            let (status, _) = self.post_json(&url, &body)?;
            match status {
                200..=299 => accepted += 1,
                s => return Err(err(format!("HTTP {s}"))),
            }
        }
        Ok(accepted)
    }
}

/// Pulls the published events of a MISP instance into the store, one feed per event
/// (`misp-<host>/<event uuid>.json`).
pub fn pull_misp(store: &FeedStore, client: &MispClient, now: Timestamp) -> Vec<(String, Outcome)> {
    let host = host_id(&client.url, "misp");
    let events = match client.events() {
        Ok(e) => e,
        Err(e) => return vec![(format!("misp-{host}"), Outcome::Failed(e))],
    };
    let mut out = vec![];
    for (i, ev) in events.iter().enumerate() {
        let event = ev.get("Event").unwrap_or(ev);
        let uuid = event
            .get("uuid")
            .and_then(Value::as_str)
            .map_or_else(|| format!("event-{i}"), str::to_owned);
        let id = format!("misp-{host}/{uuid}.json");
        if store.read(&id).ok().flatten().is_some_and(|(f, _)| {
            f.commit.as_deref() == event.get("timestamp").and_then(Value::as_str)
        }) {
            out.push((id, Outcome::Unchanged));
            continue;
        }
        let info = event.get("info").and_then(Value::as_str).unwrap_or(&uuid);
        let name = format!("MISP {host} — {info}");
        let bytes = serde_json::to_vec_pretty(&json!({ "Event": event })).unwrap_or_default();
        let source = format!("{}/events/view/{uuid}", client.url);
        let version = event.get("timestamp").and_then(Value::as_str);
        let outcome = match store.put(&id, Some(&name), &source, version, &bytes, now, false) {
            Ok(f) => Outcome::Stored(f),
            Err(e) => Outcome::Refused(e),
        };
        out.push((id, outcome));
    }
    out
}
