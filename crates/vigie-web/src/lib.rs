//! The station app: a local web app for operators, served by `vigie serve`.
//!
//! Server-rendered pages (French by default, English one click away), a little JavaScript
//! for live updates (server-sent events), every asset embedded in the binary. Operators log
//! in (Argon2id passwords in the case file, expiring sessions, CSRF tokens, login rate
//! limiting); every action goes to the case file's audit log. Loopback only unless remote
//! access is asked for explicitly.

#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod app;
mod auth;
mod extract;
mod hosts;
mod html;
mod pages;
mod respond;
mod routes;
mod runs;
mod server;

pub use server::listen;
mod upload;
mod views;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use vigie_case::CaseStore;
use vigie_core::Message;
use vigie_indicators::IndicatorSet;

vigie_core::locales!("Translation resources of the app's pages.");

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A non-loopback address without `--allow-remote`.
    #[error("{0} is not a loopback address; remote access must be allowed explicitly")]
    RemoteNotAllowed(SocketAddr),
    /// The address could not be listened on.
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
}

impl vigie_core::Localized for WebError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            WebError::RemoteNotAllowed(a) => {
                Message::new("web-error-remote").arg("address", a.to_string())
            }
            WebError::Listen(a, e) => Message::new("web-error-listen")
                .arg("address", a.to_string())
                .arg("detail", e.to_string()),
        }
    }
}

/// Refuses a non-loopback address unless remote access was asked for.
pub fn check_listen(addr: SocketAddr, allow_remote: bool) -> Result<(), WebError> {
    if addr.ip().is_loopback() || allow_remote {
        Ok(())
    } else {
        Err(WebError::RemoteNotAllowed(addr))
    }
}

/// Loads the indicator feeds a check uses (the station's stored feeds), or says why not.
pub type FeedLoader = Arc<dyn Fn() -> Result<IndicatorSet, Message> + Send + Sync>;

/// What the app needs to run.
pub struct WebConfig {
    /// The case file, already open; `None` to ask its passphrase on the unlock page (a
    /// service started at boot, which has no one to type it).
    pub store: Option<CaseStore>,
    /// Where the case file is (opened, or created at first start, from the unlock page).
    pub store_path: PathBuf,
    /// Where hotspot files go.
    pub run_dir: PathBuf,
    /// Raw captures of live checks are purged after this many days unless kept.
    pub retention_days: u32,
    /// The feeds for checks.
    pub feeds: FeedLoader,
    /// Session idle timeout.
    pub idle_timeout: std::time::Duration,
    /// Where an organisation's own guidance files (next steps of reports) may be.
    pub guidance_dir: PathBuf,
    /// Country whose helplines reports give (FR, BE, ...).
    pub country: String,
    /// The station's unit or organisation, named in reports.
    pub unit: Option<String>,
    /// Names the station answers to besides its addresses and `localhost` (`VIGIE_HOSTS`).
    pub hosts: Vec<String>,
}

/// Serves the app on `listener` until the process ends. Raw captures older than the
/// retention period are purged at start and every hour.
pub async fn serve(config: WebConfig, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = Arc::new(app::App::new(config));
    let maintenance = app.clone();
    tokio::spawn(async move {
        loop {
            let app = maintenance.clone();
            let _ = tokio::task::spawn_blocking(move || pages::live::maintenance(&app)).await;
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
    server::serve(listener, routes::router(app)).await
}
