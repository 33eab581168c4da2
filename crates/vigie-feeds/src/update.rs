//! `vigie iocs update`: the Echap files and every STIX bundle of MVT's index, downloaded
//! (retried, size-limited, signatures checked where pinned) into the feed store.

use crate::download::{fetch_once, http_agent, FetchError};
use crate::outcome::Outcome;
use std::time::Duration;
use vigie_core::Timestamp;
use vigie_indicators::{mvt_index, FeedStore, IndexLocation, Pins};

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

/// Downloads `url`, retrying with a doubling wait. A too-large feed is not retried.
fn fetch(agent: &ureq::Agent, cfg: &UpdateConfig, url: &str) -> Result<Vec<u8>, FetchError> {
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
