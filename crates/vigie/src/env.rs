//! What every command works with: the operator's language, the station's data folder, its
//! feeds and its case file (the passphrase asked once, never echoed).

use crate::args::Cli;
use anyhow::{anyhow, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use vigie_case::{CaseStore, KdfParams};
use vigie_core::{Catalog, Lang, Localized, Message, Timestamp};
use vigie_indicators::IndicatorSet;
use vigie_station::CaseTarget;

/// A library's error said in the operator's language, as the command's error.
pub trait Said<T> {
    /// The result, its error said in `cat`'s language.
    fn said(self, cat: &Catalog) -> Result<T>;
}

impl<T, E: Localized> Said<T> for std::result::Result<T, E> {
    fn said(self, cat: &Catalog) -> Result<T> {
        self.map_err(|e| anyhow!(cat.say(&e)))
    }
}

/// What `DATA_DIR/station.json` says of the station: `{"unit": "Brigade de …"}`.
#[derive(Debug, Default, serde::Deserialize)]
pub struct StationSettings {
    /// The unit or organisation the station belongs to, named in reports.
    pub unit: Option<String>,
}

/// The command's surroundings.
pub struct Env {
    /// Messages in the operator's language.
    pub cat: Catalog,
    /// The station's data folder (feeds, case file, guidance).
    pub data_dir: PathBuf,
    /// The file holding the case file's passphrase, if given.
    pub passphrase_file: Option<PathBuf>,
    /// `VIGIE_PASSPHRASE`, taken out of the environment.
    env_passphrase: Option<String>,
    /// `VIGIE_SEAL_PASSPHRASE`, taken out of the environment.
    pub env_seal_passphrase: Option<String>,
}

/// The value of the environment variable `name`, removed from the environment so that no
/// program the station starts (hostapd, dnsmasq, nft, ffmpeg, adb…) inherits it. Called
/// once at start, before any other thread runs.
fn take_secret(name: &str) -> Option<String> {
    let value = std::env::var(name).ok();
    std::env::remove_var(name);
    value
}

impl Env {
    /// From the global options.
    pub fn new(cli: &Cli) -> Env {
        Env {
            cat: catalog(language(cli.lang)),
            data_dir: crate::feeds::data_dir(cli.data_dir.as_deref()),
            passphrase_file: cli.passphrase_file.clone(),
            env_passphrase: take_secret("VIGIE_PASSPHRASE"),
            env_seal_passphrase: take_secret("VIGIE_SEAL_PASSPHRASE"),
        }
    }

    /// The feeds given with `--iocs`, else the station's stored ones.
    pub fn feeds(&self, iocs: &[PathBuf]) -> Result<IndicatorSet> {
        crate::feeds::load(&self.cat, iocs, &self.data_dir)
    }

    /// The store's passphrase: `--passphrase-file`, else `VIGIE_PASSPHRASE`, else asked on
    /// the terminal (without echo). Without any of them it is an error, never an empty one.
    pub fn passphrase(&self) -> Result<String> {
        self.given_passphrase()?
            .ok_or_else(|| anyhow!(self.cat.key("case-passphrase-needed")))
    }

    /// The store's passphrase when one is given (`--passphrase-file`, `VIGIE_PASSPHRASE`, or
    /// typed on a terminal); `None` when there is no way to have it here.
    pub fn given_passphrase(&self) -> Result<Option<String>> {
        let cat = &self.cat;
        let given = if let Some(f) = &self.passphrase_file {
            let text = std::fs::read_to_string(f).map_err(|e| {
                anyhow!(cat.text(
                    &Message::new("case-passphrase-file")
                        .arg("path", f.display().to_string())
                        .arg("detail", e.to_string())
                ))
            })?;
            text.trim_end_matches(['\n', '\r']).to_owned()
        } else if let Some(p) = &self.env_passphrase {
            p.clone()
        } else if std::io::stdin().is_terminal() {
            rpassword::prompt_password(cat.key("case-passphrase-prompt"))?
        } else {
            String::new()
        };
        Ok(Some(given).filter(|g| !g.is_empty()))
    }

    /// The case file of the station (`DATA_DIR/cases.db`), created with the passphrase if
    /// new, acting for the command line's user.
    pub fn store(&self) -> Result<CaseStore> {
        Ok(self.open_store()?.for_operator(Some(&operator())))
    }

    /// The case file, acting for no one in particular (the app names its operators itself).
    pub fn open_store(&self) -> Result<CaseStore> {
        let pass = self.passphrase()?;
        self.open_store_with(&pass)
    }

    /// The case file opened with `pass` (created if new, with a passphrase long enough).
    pub fn open_store_with(&self, pass: &str) -> Result<CaseStore> {
        if !self.store_path().exists() {
            if let Some(problem) = vigie_case::passphrase_problem(pass) {
                return Err(problem).said(&self.cat);
            }
        }
        std::fs::create_dir_all(&self.data_dir)?;
        CaseStore::open(
            &self.store_path(),
            pass,
            KdfParams::standard(),
            Timestamp::now(),
        )
        .said(&self.cat)
    }

    /// Where the case file is.
    pub fn store_path(&self) -> PathBuf {
        self.data_dir.join("cases.db")
    }

    /// The case a check is kept in, when one is named: the case file is opened first, so
    /// that a wrong passphrase is said before a long check. A case that does not exist yet
    /// is opened after asking, on a terminal (a typo must not open a second case); without
    /// a terminal it is opened and standard error says so.
    pub fn target(&self, case: Option<&str>) -> Result<Option<CaseTarget>> {
        let Some(reference) = case else {
            return Ok(None);
        };
        let mut store = self.store()?;
        let id = self.case_in(&mut store, reference)?;
        Ok(Some(CaseTarget {
            store: Arc::new(Mutex::new(store)),
            case: id,
            operator: Some(operator()),
        }))
    }

    /// Case `reference` of `store`; one that does not exist yet is opened after asking on a
    /// terminal, and said on standard error.
    pub fn case_in(&self, store: &mut CaseStore, reference: &str) -> Result<vigie_case::CaseId> {
        match store.find(reference) {
            Err(vigie_case::CaseError::NoCase(_)) => {
                self.confirm_new_case(reference)?;
                let id = store.case(reference, Timestamp::now()).said(&self.cat)?;
                let m = Message::new("case-created").arg("reference", reference.trim());
                say!("{}", self.cat.text(&m));
                Ok(id)
            }
            found => found.said(&self.cat),
        }
    }

    /// On a terminal, asks before a new case is opened; refuses unless the answer is yes.
    fn confirm_new_case(&self, reference: &str) -> Result<()> {
        if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
            return Ok(());
        }
        let ask = Message::new("case-create-ask").arg("reference", reference.trim());
        let mut err = crate::shown::Shown(std::io::stderr().lock());
        write!(err, "{} ", self.cat.text(&ask))?;
        err.flush()?;
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        let yes = ["o", "oui", "y", "yes"].contains(&answer.trim().to_lowercase().as_str());
        if yes {
            Ok(())
        } else {
            let m = Message::new("case-not-created").arg("reference", reference.trim());
            Err(anyhow!(self.cat.text(&m)))
        }
    }

    /// Says on standard error that the check was kept in case `reference`.
    pub fn say_stored(&self, reference: &str) {
        let m = Message::new("case-scan-stored").arg("reference", reference);
        say!("{}", self.cat.text(&m));
    }

    /// The station's own settings (`DATA_DIR/station.json`), none when the file is absent.
    pub fn settings(&self) -> Result<StationSettings> {
        let path = self.data_dir.join("station.json");
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                let m = Message::new("sharing-error")
                    .arg("path", path.display().to_string())
                    .arg("detail", e.to_string());
                anyhow!(self.cat.text(&m))
            }),
            Err(_) => Ok(StationSettings::default()),
        }
    }

    /// Where the station keeps its guidance files.
    pub fn guidance_dir(&self) -> PathBuf {
        self.data_dir.join("guidance")
    }

    /// Whether the case file exists yet.
    pub fn has_store(&self) -> bool {
        Path::new(&self.data_dir.join("cases.db")).exists()
    }
}

/// Who the audit log names for what the command line does: `cli:` and the system user
/// (`SUDO_USER` when run through sudo), which reports show as "USER (command line)".
fn operator() -> String {
    let user = ["SUDO_USER", "USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()));
    format!("cli:{}", user.unwrap_or_else(|| "?".into()))
}

/// The language of messages: `--lang`, else `VIGIE_LANG`, else the system's locale, else French.
pub fn language(explicit: Option<Lang>) -> Lang {
    if let Some(l) = explicit {
        return l;
    }
    if let Some(l) = std::env::var("VIGIE_LANG")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return l;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Lang::from_locale(&v);
            }
        }
    }
    Lang::Fr
}

/// Every translation the command line shows.
pub fn catalog(lang: Lang) -> Catalog {
    vigie_station::catalog(
        lang,
        &[
            vigie_report::LOCALES,
            vigie_hotspot::LOCALES,
            vigie_web::LOCALES,
            crate::render::LOCALES,
            crate::help::LOCALES,
        ],
    )
}
