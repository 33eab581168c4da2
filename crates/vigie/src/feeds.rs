//! Which indicator feeds a command uses: those given with `--iocs`, else the station's stored ones.

use anyhow::{anyhow, Result};
use std::path::{Path, PathBuf};
use vigie_core::Catalog;
use vigie_core::Localized;
use vigie_indicators::{load_path, FeedStore, IndicatorSet};

/// The station's data folder: `--data-dir`, `VIGIE_DATA_DIR`, or the platform's data folder.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("XDG_DATA_HOME").filter(|p| !p.is_empty()) {
        return PathBuf::from(p).join("vigie");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/vigie"),
        None => PathBuf::from("vigie-data"),
    }
}

/// Where the station keeps its feeds.
pub fn store_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("feeds")
}

/// Loads the feeds given, or the station's stored feeds (each checked against its SHA-256)
/// when none is given. A feed that cannot be read is an error: the check must not silently
/// run without it.
pub fn load(cat: &Catalog, iocs: &[PathBuf], data_dir: &Path) -> Result<IndicatorSet> {
    if iocs.is_empty() {
        return FeedStore::new(&store_dir(data_dir))
            .load()
            .map_err(|e| anyhow!(cat.text(&e.message())));
    }
    let mut set = IndicatorSet::new();
    for p in iocs {
        load_path(&mut set, p).map_err(|e| anyhow!(cat.text(&e.message())))?;
    }
    Ok(set)
}

/// The organisation's threat-intelligence servers, from `DATA_DIR/sharing.json`:
/// `{"taxii": [{"discovery": URL, "user": ..., "password": ...} | {"discovery": URL, "token": ...}]}`.
/// The station works with none.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Sharing {
    /// TAXII 2.1 servers to pull indicators from.
    #[serde(default)]
    pub taxii: Vec<TaxiiServer>,
    /// MISP instances to pull published events from.
    #[serde(default)]
    pub misp: Vec<MispServer>,
    /// Anonymous sightings for the organisation's statistics: sent only when enabled here.
    pub sightings: Option<SightingSettings>,
    /// Feeds that must be signed: `{"feeds": "<id prefix>", "public_key": "<Ed25519, hex>"}`.
    #[serde(default)]
    pub pins: Vec<Pin>,
}

/// One pinned key.
#[derive(Debug, serde::Deserialize)]
pub struct Pin {
    /// Feed id prefix (`echap/`, `intellexa_predator/`, or empty for every feed).
    #[serde(default)]
    pub feeds: String,
    /// Ed25519 public key, hexadecimal.
    pub public_key: String,
}

impl Sharing {
    /// The pinned keys, ready to check signatures.
    pub fn pins(&self, cat: &Catalog) -> Result<vigie_indicators::Pins> {
        let mut pins = vigie_indicators::Pins::none();
        for p in &self.pins {
            pins.add(&p.feeds, &p.public_key).map_err(|e| {
                anyhow!(cat.text(
                    &vigie_core::Message::new("sharing-error")
                        .arg("path", "sharing.json (pins)")
                        .arg("detail", e)
                ))
            })?;
        }
        Ok(pins)
    }
}

/// The opt-in for anonymous sightings.
#[derive(Debug, serde::Deserialize)]
pub struct SightingSettings {
    /// Must be true for anything to be sent.
    #[serde(default)]
    pub enabled: bool,
    /// The station's department (or region), the only place information sent.
    pub department: String,
}

/// One MISP instance.
#[derive(Debug, serde::Deserialize)]
pub struct MispServer {
    /// Base address.
    pub url: String,
    /// Automation key.
    pub key: String,
}

/// One TAXII 2.1 server.
#[derive(Debug, serde::Deserialize)]
pub struct TaxiiServer {
    /// Discovery address.
    pub discovery: String,
    /// Basic authentication user.
    pub user: Option<String>,
    /// Basic authentication password.
    pub password: Option<String>,
    /// Bearer token.
    pub token: Option<String>,
}

impl TaxiiServer {
    /// The authentication this server is configured with.
    pub fn auth(&self) -> vigie_feeds::Auth {
        use vigie_feeds::Auth;
        match (&self.token, &self.user, &self.password) {
            (Some(t), _, _) => Auth::Token(t.clone()),
            (None, Some(u), p) => Auth::Basic {
                user: u.clone(),
                password: p.clone().unwrap_or_default(),
            },
            _ => Auth::None,
        }
    }
}

/// Reads `DATA_DIR/sharing.json`; none configured when it is absent.
pub fn sharing(cat: &Catalog, data_dir: &Path) -> Result<Sharing> {
    let path = data_dir.join("sharing.json");
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            anyhow!(cat.text(
                &vigie_core::Message::new("sharing-error")
                    .arg("path", path.display().to_string())
                    .arg("detail", e.to_string())
            ))
        }),
        Err(_) => Ok(Sharing::default()),
    }
}

/// Shares anonymous sightings of a verdict's indicator matches with the configured TAXII
/// servers, when the settings enable it. Returns a message for the operator (what was shared,
/// or why it could not be), or `None` when sharing is off or there was nothing to share.
pub fn share_sightings(
    cat: &Catalog,
    data_dir: &Path,
    findings: &[vigie_core::Finding],
) -> Option<String> {
    let settings = match sharing(cat, data_dir) {
        Ok(s) => s,
        Err(e) => return Some(e.to_string()),
    };
    let opt_in = settings.sightings.filter(|s| s.enabled)?;
    let sightings = vigie_feeds::sightings_from_findings(findings, &opt_in.department);
    if sightings.is_empty() {
        return None;
    }
    let objects = vigie_feeds::sightings_stix_objects(&sightings);
    let mut lines = vec![];
    for server in &settings.taxii {
        let client = vigie_feeds::TaxiiClient::new(
            &server.discovery,
            server.auth(),
            std::time::Duration::from_secs(30),
        );
        let sent = client.api_roots().and_then(|roots| {
            for root in roots {
                if let Some(c) = client.collections(&root)?.into_iter().find(|c| c.can_write) {
                    return client.add_objects(&root, &c.id, &objects).map(|_| true);
                }
            }
            Ok(false)
        });
        let m = match sent {
            Ok(true) => vigie_core::Message::new("sightings-shared")
                .arg("count", sightings.len().to_string())
                .arg("server", &server.discovery),
            Ok(false) => {
                vigie_core::Message::new("sightings-no-collection").arg("server", &server.discovery)
            }
            Err(e) => vigie_core::Message::new("sightings-failed")
                .arg("server", &server.discovery)
                .arg("detail", e.to_string()),
        };
        lines.push(cat.text(&m));
    }
    for server in &settings.misp {
        let client = vigie_feeds::MispClient::new(
            &server.url,
            &server.key,
            std::time::Duration::from_secs(30),
        );
        let m = match client.add_sightings(&sightings) {
            Ok(n) => vigie_core::Message::new("sightings-shared")
                .arg("count", n.to_string())
                .arg("server", &server.url),
            Err(e) => vigie_core::Message::new("sightings-failed")
                .arg("server", &server.url)
                .arg("detail", e.to_string()),
        };
        lines.push(cat.text(&m));
    }
    Some(lines.join("\n")).filter(|l| !l.is_empty())
}
