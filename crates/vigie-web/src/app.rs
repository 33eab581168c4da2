//! The app's state, shared by every request: the case file, sessions, the checks running,
//! the hotspot, and the settings it was started with.

use crate::auth::{LoginLimiter, PasswordTurns, Sessions};
use crate::runs::{DeviceRun, RunningCheck};
use crate::{FeedLoader, WebConfig};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use vigie_case::{CaseError, CaseId, CaseStore};
use vigie_core::{Catalog, Lang, Message};
use vigie_indicators::IndicatorSet;
use vigie_station::CaseTarget;

/// The app's state, as handlers receive it.
pub(crate) type Shared = axum::extract::State<Arc<App>>;

/// A case reference in a page's address.
pub(crate) type CaseRef = axum::extract::Path<String>;

/// The app's shared state.
pub(crate) struct App {
    /// The case file, once open: at start when its passphrase was given to the process, or
    /// when an operator types it on the unlock page.
    store: OnceLock<Arc<Mutex<CaseStore>>>,
    /// Where the case file is, to open it from the unlock page.
    pub(crate) store_path: PathBuf,
    /// Held while a passphrase is being tried on the unlock page (one at a time).
    pub(crate) unlocking: Mutex<()>,
    /// Where hotspot files go.
    pub(crate) run_dir: PathBuf,
    /// Raw captures of live checks are purged after this many days unless kept.
    pub(crate) retention_days: u32,
    feeds: FeedLoader,
    /// Open sessions.
    pub(crate) sessions: Sessions,
    /// Failed logins per address and per account.
    pub(crate) limiter: LoginLimiter,
    /// Turns for hashing a password (a few at a time).
    pub(crate) password_turns: PasswordTurns,
    /// Live checks, by id.
    pub(crate) checks: Mutex<HashMap<u64, RunningCheck>>,
    /// Device checks (Android, iPhone), by id.
    pub(crate) devices: Mutex<HashMap<u64, DeviceRun>>,
    next_check: AtomicU64,
    /// The hotspot, while it runs.
    pub(crate) hotspot: Mutex<Option<vigie_hotspot::Hotspot>>,
    /// Where an organisation's own guidance files may be.
    pub(crate) guidance_dir: PathBuf,
    /// Country whose helplines reports give.
    pub(crate) country: String,
    /// The station's unit or organisation, named in reports.
    pub(crate) unit: Option<String>,
    /// Names the station answers to besides its addresses and `localhost`.
    pub(crate) hosts: Vec<String>,
}

impl App {
    /// The state of an app started with `config`.
    pub(crate) fn new(config: WebConfig) -> App {
        App {
            store: match config.store {
                Some(st) => OnceLock::from(Arc::new(Mutex::new(st))),
                None => OnceLock::new(),
            },
            store_path: config.store_path,
            unlocking: Mutex::new(()),
            run_dir: config.run_dir,
            retention_days: config.retention_days,
            feeds: config.feeds,
            sessions: Sessions::new(config.idle_timeout),
            limiter: LoginLimiter::default(),
            password_turns: PasswordTurns::default(),
            checks: Mutex::new(HashMap::new()),
            devices: Mutex::new(HashMap::new()),
            next_check: AtomicU64::new(1),
            hotspot: Mutex::new(None),
            guidance_dir: config.guidance_dir,
            country: config.country,
            unit: config.unit,
            hosts: config.hosts,
        }
    }

    /// Whether the case file is open (its passphrase given).
    pub(crate) fn unlocked(&self) -> bool {
        self.store.get().is_some()
    }

    /// Keeps the case file opened from the unlock page; false when it was open already.
    pub(crate) fn unlock(&self, store: CaseStore) -> bool {
        self.store.set(Arc::new(Mutex::new(store))).is_ok()
    }

    /// The open case file, shared with the checks that write to it.
    pub(crate) fn store(&self) -> Result<&Arc<Mutex<CaseStore>>, CaseError> {
        self.store.get().ok_or(CaseError::Locked)
    }

    /// Case `case` of the case file, to keep a check in as `operator`.
    pub(crate) fn target(&self, case: CaseId, operator: &str) -> Result<CaseTarget, CaseError> {
        Ok(CaseTarget {
            store: self.store()?.clone(),
            case,
            operator: Some(operator.to_owned()),
        })
    }

    /// Runs `f` on the case file as `actor` (blocking work, off the async threads).
    pub(crate) fn with_store<T>(
        &self,
        actor: Option<&str>,
        f: impl FnOnce(&mut CaseStore) -> Result<T, CaseError>,
    ) -> Result<T, CaseError> {
        tokio::task::block_in_place(|| {
            let mut store = self.store()?.lock().map_err(|_| CaseError::Unavailable)?;
            let mut acting = store.acting(actor);
            f(&mut acting)
        })
    }

    /// The station's stored feeds, for a check.
    pub(crate) fn feeds(&self) -> Result<Arc<IndicatorSet>, Message> {
        tokio::task::block_in_place(|| (self.feeds)()).map(Arc::new)
    }

    /// A new id for a check started from the app.
    pub(crate) fn next_id(&self) -> u64 {
        self.next_check.fetch_add(1, Ordering::SeqCst)
    }

    /// Whether no operator exists yet (first start).
    pub(crate) fn no_operators(&self) -> bool {
        self.with_store(None, |s| s.operators().map(|o| o.is_empty()))
            .unwrap_or(false)
    }
}

/// Every translation the app's pages show, in `lang`: made once per language and shared
/// (made for each request, it cost every page both languages' parsing, and 500 logins
/// waiting at once held 850 MB of it).
pub(crate) fn catalog(lang: Lang) -> Arc<Catalog> {
    static FR: OnceLock<Arc<Catalog>> = OnceLock::new();
    static EN: OnceLock<Arc<Catalog>> = OnceLock::new();
    let made = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    made.get_or_init(|| {
        Arc::new(vigie_station::catalog(
            lang,
            &[
                crate::LOCALES,
                vigie_hotspot::LOCALES,
                vigie_report::LOCALES,
            ],
        ))
    })
    .clone()
}
