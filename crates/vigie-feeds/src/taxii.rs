//! A TAXII 2.1 client: discovery, API roots, collections, and objects with pagination and
//! `added_after`, over basic or token authentication. It pulls STIX indicators into the
//! station's feed store: one stored bundle per collection, grown with what was added since
//! the last pull.

use crate::download::{host_id, http_agent, read_body, FetchError};
use crate::outcome::Outcome;
use serde_json::{json, Value};
use std::time::Duration;
use vigie_core::Timestamp;
use vigie_indicators::FeedStore;

/// The TAXII 2.1 media type.
const TAXII: &str = "application/taxii+json;version=2.1";
/// Objects asked for per page.
const PAGE: usize = 500;
/// Most pages followed in one pull (a runaway `more` cannot loop forever).
const MAX_PAGES: usize = 10_000;

/// How to authenticate to a TAXII server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No authentication.
    None,
    /// HTTP basic authentication.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// A bearer token.
    Token(String),
}

/// A readable collection of an API root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Collection id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Whether objects can be read.
    pub can_read: bool,
    /// Whether objects can be added.
    pub can_write: bool,
}

/// A page-by-page read of a collection: the objects and the last date-added seen.
#[derive(Debug, Default)]
pub struct Pulled {
    /// STIX objects.
    pub objects: Vec<Value>,
    /// The `X-TAXII-Date-Added-Last` of the last page, for the next `added_after`.
    pub last_added: Option<String>,
}

/// A client for one TAXII 2.1 server.
#[derive(Debug)]
pub struct TaxiiClient {
    agent: ureq::Agent,
    discovery: String,
    auth: Auth,
}

fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Percent-encodes a query value.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl TaxiiClient {
    /// A client for the server whose discovery address is `discovery` (e.g. `https://host/taxii2/`).
    pub fn new(discovery: &str, auth: Auth, timeout: Duration) -> Self {
        TaxiiClient {
            agent: http_agent(timeout, false),
            discovery: discovery.to_owned(),
            auth,
        }
    }

    fn authorization(&self) -> Option<String> {
        match &self.auth {
            Auth::None => None,
            Auth::Basic { user, password } => Some(format!(
                "Basic {}",
                base64(format!("{user}:{password}").as_bytes())
            )),
            Auth::Token(t) => Some(format!("Bearer {t}")),
        }
    }

    /// GETs a TAXII resource: its JSON body and its date-added-last header.
    fn get(&self, url: &str) -> Result<(Value, Option<String>), FetchError> {
        let err = |detail: String| FetchError::Transfer {
            url: url.to_owned(),
            detail,
        };
        let mut req = self.agent.get(url).header("Accept", TAXII);
        if let Some(a) = self.authorization() {
            req = req.header("Authorization", &a);
        }
        let mut resp = req.call().map_err(|e| err(e.to_string()))?;
        let status = resp.status().as_u16();
        let last = resp
            .headers()
            .get("X-TAXII-Date-Added-Last")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = read_body(&mut resp).map_err(|e| err(e.to_string()))?;
        if status != 200 {
            return Err(err(format!("HTTP {status}")));
        }
        let v = serde_json::from_slice(&body).map_err(|e| err(format!("not TAXII JSON: {e}")))?;
        Ok((v, last))
    }

    /// The API roots the server announces (absolute addresses).
    pub fn api_roots(&self) -> Result<Vec<String>, FetchError> {
        let (d, _) = self.get(&self.discovery)?;
        let mut roots: Vec<String> = d
            .get("api_roots")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|r| self.absolute(r))
            .collect();
        if roots.is_empty() {
            if let Some(def) = d.get("default").and_then(Value::as_str) {
                roots.push(self.absolute(def));
            }
        }
        Ok(roots)
    }

    fn absolute(&self, url: &str) -> String {
        let url = if url.starts_with("http://") || url.starts_with("https://") {
            url.to_owned()
        } else {
            // A relative root: resolve against the discovery address's origin.
            let origin_end = self
                .discovery
                .find("://")
                .map(|i| i + 3)
                .and_then(|i| self.discovery[i..].find('/').map(|j| i + j))
                .unwrap_or(self.discovery.len());
            format!(
                "{}/{}",
                &self.discovery[..origin_end],
                url.trim_start_matches('/')
            )
        };
        if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        }
    }

    /// The collections of an API root.
    pub fn collections(&self, api_root: &str) -> Result<Vec<Collection>, FetchError> {
        let (v, _) = self.get(&format!("{api_root}collections/"))?;
        Ok(v.get("collections")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| {
                Some(Collection {
                    id: c.get("id")?.as_str()?.to_owned(),
                    title: c
                        .get("title")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    can_read: c.get("can_read").and_then(Value::as_bool).unwrap_or(false),
                    can_write: c.get("can_write").and_then(Value::as_bool).unwrap_or(false),
                })
            })
            .collect())
    }

    /// Every object of a collection added after `added_after` (all when `None`), page by page.
    pub fn objects(
        &self,
        api_root: &str,
        collection: &str,
        added_after: Option<&str>,
    ) -> Result<Pulled, FetchError> {
        let mut pulled = Pulled::default();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut url = format!("{api_root}collections/{collection}/objects/?limit={PAGE}");
            if let Some(a) = added_after {
                url.push_str(&format!("&added_after={}", encode(a)));
            }
            if let Some(n) = &next {
                url.push_str(&format!("&next={}", encode(n)));
            }
            let (page, last) = self.get(&url)?;
            pulled.objects.extend(
                page.get("objects")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            );
            if last.is_some() {
                pulled.last_added = last;
            }
            let more = page.get("more").and_then(Value::as_bool).unwrap_or(false);
            next = page.get("next").and_then(Value::as_str).map(str::to_owned);
            if !more || next.is_none() {
                return Ok(pulled);
            }
        }
        Ok(pulled)
    }

    /// Adds STIX objects to a collection (for sharing sightings).
    pub fn add_objects(
        &self,
        api_root: &str,
        collection: &str,
        objects: &[Value],
    ) -> Result<(), FetchError> {
        let url = format!("{api_root}collections/{collection}/objects/");
        let err = |detail: String| FetchError::Transfer {
            url: url.clone(),
            detail,
        };
        let mut req = self
            .agent
            .post(&url)
            .header("Accept", TAXII)
            .header("Content-Type", TAXII);
        if let Some(a) = self.authorization() {
            req = req.header("Authorization", &a);
        }
        let body =
            serde_json::to_vec(&json!({ "objects": objects })).map_err(|e| err(e.to_string()))?;
        let resp = req.send(&body[..]).map_err(|e| err(e.to_string()))?;
        match resp.status().as_u16() {
            200..=299 => Ok(()),
            s => Err(err(format!("HTTP {s}"))),
        }
    }
}

/// Pulls every readable collection of every API root into the store, as
/// `taxii-<host>/<collection id>.stix2`, asking only for what was added since the last pull.
pub fn pull_taxii(
    store: &FeedStore,
    client: &TaxiiClient,
    now: Timestamp,
) -> Vec<(String, Outcome)> {
    let host = host_id(&client.discovery, "server");
    let mut out = vec![];
    let roots = match client.api_roots() {
        Ok(r) => r,
        Err(e) => return vec![(format!("taxii-{host}"), Outcome::Failed(e))],
    };
    for root in roots {
        let collections = match client.collections(&root) {
            Ok(c) => c,
            Err(e) => {
                out.push((format!("taxii-{host}"), Outcome::Failed(e)));
                continue;
            }
        };
        for c in collections.into_iter().filter(|c| c.can_read) {
            let id = format!("taxii-{host}/{}.stix2", c.id);
            let previous = store.read(&id).ok().flatten();
            let cursor = previous.as_ref().and_then(|(f, _)| f.commit.clone());
            let outcome = match client.objects(&root, &c.id, cursor.as_deref()) {
                Err(e) => Outcome::Failed(e),
                Ok(p) if p.objects.is_empty() && previous.is_some() => Outcome::Unchanged,
                Ok(p) => {
                    // Previous objects, replaced by newer versions of the same id.
                    let mut objects: Vec<Value> = previous
                        .as_ref()
                        .and_then(|(_, bytes)| serde_json::from_slice::<Value>(bytes).ok())
                        .and_then(|b| b.get("objects").and_then(Value::as_array).cloned())
                        .unwrap_or_default();
                    let new_ids: std::collections::HashSet<&str> = p
                        .objects
                        .iter()
                        .filter_map(|o| o.get("id").and_then(Value::as_str))
                        .collect();
                    objects.retain(|o| {
                        o.get("id")
                            .and_then(Value::as_str)
                            .is_none_or(|i| !new_ids.contains(i))
                    });
                    objects.extend(p.objects.iter().cloned());
                    let bundle = json!({ "type": "bundle", "id": format!("bundle--{}", c.id), "objects": objects });
                    let bytes = serde_json::to_vec_pretty(&bundle).unwrap_or_default();
                    let title = if c.title.is_empty() {
                        c.id.clone()
                    } else {
                        c.title.clone()
                    };
                    let name = format!("TAXII {host} — {title}");
                    let source = format!("{root}collections/{}/", c.id);
                    match store.put(
                        &id,
                        Some(&name),
                        &source,
                        p.last_added.as_deref().or(cursor.as_deref()),
                        &bytes,
                        now,
                        false,
                    ) {
                        Ok(f) => Outcome::Stored(f),
                        Err(e) => Outcome::Refused(e),
                    }
                }
            };
            out.push((id, outcome));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_query_encoding() {
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(
            encode("2026-01-01T00:00:00.000Z"),
            "2026-01-01T00%3A00%3A00.000Z"
        );
    }

    #[test]
    fn relative_api_roots_resolve_against_the_server() {
        let c = TaxiiClient::new(
            "https://taxii.example/taxii2/",
            Auth::None,
            Duration::from_secs(1),
        );
        assert_eq!(c.absolute("/api1/"), "https://taxii.example/api1/");
        assert_eq!(
            c.absolute("https://other.example/root"),
            "https://other.example/root/"
        );
    }
}
