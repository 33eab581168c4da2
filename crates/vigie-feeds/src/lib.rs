//! Vigie's feed clients: `vigie iocs update` downloads the Echap feed and every STIX bundle
//! listed in MVT's indicator index into the station's [`FeedStore`].
//!
//! Downloads have a connect and an overall timeout, are retried, and are size-limited; each
//! feed goes through [`FeedStore::put`], so a failed, partial, garbage or shrunken download
//! never leaves the station with fewer indicators than before: the stored version is kept
//! and the outcome says why.

pub mod misp;
pub mod sightings;
pub mod taxii;

use std::time::Duration;
use vigie_core::Localized;
use vigie_core::{Message, Timestamp};
use vigie_indicators::{mvt_index, FeedStore, IndexLocation, Pins, StoreError, StoredFeed};

/// Largest feed downloaded (real feeds are a few MiB).
pub const MAX_FEED_BYTES: u64 = 64 * 1024 * 1024;

/// Where feeds come from, and how patiently.
#[derive(Debug, Clone)]
pub struct UpdateConfig {
    /// Base address of the Echap feed files (`ioc.yaml`, `watchware.yaml`, `samples.csv`).
    pub echap_base: String,
    /// Address of MVT's `indicators.yaml` index.
    pub mvt_index: String,
    /// Base address for files of GitHub repositories (`{base}/{owner}/{repo}/{branch}/{path}`).
    pub github_raw: String,
    /// Base address of the GitHub API, asked for each repository's current commit (recorded
    /// with the feeds); `None` to skip.
    pub github_api: Option<String>,
    /// The GitHub repository of the Echap feed: (owner, repository, branch).
    pub echap_repo: (String, String, String),
    /// Time allowed for one whole download.
    pub timeout: Duration,
    /// Further attempts after a failed download.
    pub retries: u32,
    /// Wait before the first retry (doubled at each further one).
    pub backoff: Duration,
    /// Accept versions with fewer indicators than the stored ones.
    pub allow_fewer: bool,
    /// Feeds that must carry a valid signature (fetched from the feed's address + `.sig`).
    pub pins: Pins,
}

impl Default for UpdateConfig {
    fn default() -> Self {
        UpdateConfig {
            echap_base: "https://raw.githubusercontent.com/AssoEchap/stalkerware-indicators/master"
                .into(),
            mvt_index:
                "https://raw.githubusercontent.com/mvt-project/mvt-indicators/main/indicators.yaml"
                    .into(),
            github_raw: "https://raw.githubusercontent.com".into(),
            github_api: Some("https://api.github.com".into()),
            echap_repo: (
                "AssoEchap".into(),
                "stalkerware-indicators".into(),
                "master".into(),
            ),
            timeout: Duration::from_secs(60),
            retries: 2,
            backoff: Duration::from_secs(2),
            allow_fewer: false,
            pins: Pins::none(),
        }
    }
}

/// The Echap files fetched, stored under the same ids as `vigie iocs import` of its folder.
const ECHAP_FILES: &[&str] = &["ioc.yaml", "watchware.yaml", "samples.csv"];

/// Why a download failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The server could not be reached, answered with an error, or the transfer broke.
    #[error("{url}: {detail}")]
    Transfer {
        /// The address.
        url: String,
        /// What happened.
        detail: String,
    },
    /// The feed is larger than any real one.
    #[error("{url}: larger than {limit} bytes")]
    TooLarge {
        /// The address.
        url: String,
        /// The limit.
        limit: u64,
    },
}

/// What an update did with one feed.
#[derive(Debug)]
pub enum Outcome {
    /// Stored (new, or a new version).
    Stored(StoredFeed),
    /// Downloaded but refused by the store; the stored version is kept.
    Refused(StoreError),
    /// Not downloaded; the stored version is kept.
    Failed(FetchError),
    /// Nothing new at the source.
    Unchanged,
}

impl From<taxii::PullOutcome> for Outcome {
    fn from(p: taxii::PullOutcome) -> Self {
        match p {
            taxii::PullOutcome::Stored(f) => Outcome::Stored(f),
            taxii::PullOutcome::Unchanged => Outcome::Unchanged,
            taxii::PullOutcome::Refused(e) => Outcome::Refused(e),
            taxii::PullOutcome::Failed(e) => Outcome::Failed(e),
        }
    }
}

impl Outcome {
    /// True when the feed was stored.
    pub fn is_stored(&self) -> bool {
        matches!(self, Outcome::Stored(_) | Outcome::Unchanged)
    }

    /// A translatable message for a failure (keys in the command line's translation files).
    pub fn failure_message(&self) -> Option<Message> {
        match self {
            Outcome::Stored(_) | Outcome::Unchanged => None,
            Outcome::Refused(e) => Some(e.message()),
            Outcome::Failed(FetchError::Transfer { url, detail }) => Some(
                Message::new("update-error-transfer")
                    .arg("url", url)
                    .arg("detail", detail),
            ),
            Outcome::Failed(FetchError::TooLarge { url, limit }) => Some(
                Message::new("update-error-too-large")
                    .arg("url", url)
                    .arg("limit", limit.to_string()),
            ),
        }
    }
}

/// An HTTP agent with Vigie's user agent and time limits. With `statuses_as_errors` false,
/// error statuses are returned as responses (the TAXII and MISP clients read them).
pub(crate) fn http_agent(timeout: Duration, statuses_as_errors: bool) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(15))))
        .http_status_as_error(statuses_as_errors)
        .user_agent(concat!("vigie/", env!("CARGO_PKG_VERSION")))
        .build();
    config.into()
}

/// The host (and port) of an address, usable in a feed id: `cti.example.org_8443`.
pub(crate) fn host_id(url: &str, fallback: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split('/')
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or(fallback)
        .replace(':', "_")
}

fn fetch_once(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, FetchError> {
    let transfer = |e: ureq::Error| match e {
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url: url.to_owned(),
            limit: MAX_FEED_BYTES,
        },
        other => FetchError::Transfer {
            url: url.to_owned(),
            detail: other.to_string(),
        },
    };
    let mut response = agent.get(url).call().map_err(transfer)?;
    response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
        .map_err(transfer)
}

/// Downloads `url`, retrying with a doubling wait. A too-large feed is not retried.
pub fn fetch(agent: &ureq::Agent, cfg: &UpdateConfig, url: &str) -> Result<Vec<u8>, FetchError> {
    let mut wait = cfg.backoff;
    let mut attempt = 0;
    loop {
        match fetch_once(agent, url) {
            Ok(bytes) => return Ok(bytes),
            Err(e @ FetchError::TooLarge { .. }) => return Err(e),
            Err(e) if attempt >= cfg.retries => return Err(e),
            Err(_) => {
                attempt += 1;
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
        }
    }
}

/// The current commit of a GitHub repository's branch, when the API answers (best effort:
/// no commit is recorded otherwise).
fn github_commit(
    agent: &ureq::Agent,
    api: &str,
    owner: &str,
    repo: &str,
    branch: &str,
) -> Option<String> {
    let url = format!(
        "{}/repos/{owner}/{repo}/commits/{branch}",
        api.trim_end_matches('/')
    );
    let mut resp = agent
        .get(&url)
        .header("Accept", "application/vnd.github+json")
        .call()
        .ok()?;
    let body = resp
        .body_mut()
        .with_config()
        .limit(4 * 1024 * 1024)
        .read_to_vec()
        .ok()?;
    let v: serde_json::Value = serde_json::from_slice(&body).ok()?;
    let sha = v.get("sha")?.as_str()?;
    (sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit())).then(|| sha.to_owned())
}

/// Updates the Echap files (when `echap`), then every bundle of MVT's index (when `mvt`;
/// except Echap's own, fetched directly). Returns, per feed id, what happened; an
/// unreachable index is one failed outcome, not an error, so that the Echap feed still updates.
pub fn update(
    store: &FeedStore,
    cfg: &UpdateConfig,
    now: Timestamp,
    echap: bool,
    mvt: bool,
) -> Vec<(String, Outcome)> {
    let agent = http_agent(cfg.timeout, true);
    let mut out = vec![];
    let mut commits: std::collections::HashMap<(String, String, String), Option<String>> =
        std::collections::HashMap::new();
    let mut commit_of = |owner: &str, repo: &str, branch: &str| -> Option<String> {
        let api = cfg.github_api.as_deref()?;
        commits
            .entry((owner.to_owned(), repo.to_owned(), branch.to_owned()))
            .or_insert_with(|| github_commit(&agent, api, owner, repo, branch))
            .clone()
    };
    let (eo, er, eb) = &cfg.echap_repo;
    let echap_commit = if echap { commit_of(eo, er, eb) } else { None };
    let mut store_one = |id: String, name: Option<&str>, url: String, commit: Option<String>| {
        let outcome = match fetch(&agent, cfg, &url) {
            Ok(bytes) => {
                // A pinned feed's detached signature sits beside it.
                let signature = if cfg.pins.covers(&id) {
                    fetch(&agent, cfg, &format!("{url}.sig")).ok()
                } else {
                    None
                };
                match cfg
                    .pins
                    .check(&id, &bytes, signature.as_deref())
                    .and_then(|()| {
                        store.put(
                            &id,
                            name,
                            &url,
                            commit.as_deref(),
                            &bytes,
                            now,
                            cfg.allow_fewer,
                        )
                    }) {
                    Ok(feed) => Outcome::Stored(feed),
                    Err(e) => Outcome::Refused(e),
                }
            }
            Err(e) => Outcome::Failed(e),
        };
        out.push((id, outcome));
    };
    for f in ECHAP_FILES.iter().filter(|_| echap) {
        store_one(
            format!("echap/{f}"),
            None,
            format!("{}/{f}", cfg.echap_base.trim_end_matches('/')),
            echap_commit.clone(),
        );
    }
    if !mvt {
        return out;
    }
    let index = match fetch(&agent, cfg, &cfg.mvt_index) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.push((
                "mvt-indicators/indicators.yaml".to_owned(),
                Outcome::Failed(e),
            ));
            return out;
        }
    };
    for entry in mvt_index(&String::from_utf8_lossy(&index)) {
        let (url, path, commit) = match &entry.location {
            IndexLocation::Github { owner, repo, .. }
                if owner.eq_ignore_ascii_case("AssoEchap") && repo == "stalkerware-indicators" =>
            {
                continue
            }
            IndexLocation::Github {
                owner,
                repo,
                branch,
                path,
            } => (
                format!(
                    "{}/{owner}/{repo}/{branch}/{path}",
                    cfg.github_raw.trim_end_matches('/')
                ),
                path.clone(),
                commit_of(owner, repo, branch),
            ),
            IndexLocation::Url(u) => (u.clone(), u.clone(), None),
        };
        // The same id as an import of the index's folder: `<folder>/<file>`.
        let mut parts = path.rsplit('/');
        let file = parts.next().unwrap_or("bundle.stix2");
        let folder = parts.next().unwrap_or("mvt-indicators");
        store_one(format!("{folder}/{file}"), Some(&entry.name), url, commit);
    }
    out
}
