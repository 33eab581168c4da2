//! `vigie serve`: the station app.

use crate::env::{Env, Said};
use crate::feeds;
use anyhow::{anyhow, Result};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use vigie_core::{Localized, Message};

/// Opens the case file (or leaves it to the unlock page when no passphrase is given), then
/// serves the app on `listen` until the process is stopped.
pub fn serve(
    env: &Env,
    listen: SocketAddr,
    allow_remote: bool,
    retention_days: u32,
) -> Result<ExitCode> {
    let (cat, data_dir) = (&env.cat, env.data_dir.as_path());
    vigie_web::check_listen(listen, allow_remote).said(cat)?;
    // Without a passphrase (a service started at boot) the app asks for it on its first page.
    let store = match env.given_passphrase()? {
        Some(pass) => Some(env.open_store_with(&pass)?),
        None => {
            say!("{}", cat.key("web-locked-at-start"));
            None
        }
    };
    let unit = env.settings()?.unit;
    let feed_dir = feeds::store_dir(data_dir);
    let loader: vigie_web::FeedLoader = Arc::new(move || {
        vigie_indicators::FeedStore::new(&feed_dir)
            .load()
            .map_err(|e| e.message())
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = vigie_web::listen(listen)
            .map_err(|e| anyhow!(cat.text(&vigie_web::WebError::Listen(listen, e).message())))?;
        let bound = listener.local_addr()?;
        say!(
            "{}",
            cat.text(&Message::new("web-serving").arg("url", format!("http://{bound}/")))
        );
        let config = vigie_web::WebConfig {
            store,
            store_path: env.store_path(),
            run_dir: data_dir.join("run"),
            retention_days,
            feeds: loader,
            idle_timeout: std::time::Duration::from_secs(30 * 60),
            guidance_dir: data_dir.join("guidance"),
            country: std::env::var("VIGIE_COUNTRY").unwrap_or_else(|_| "FR".into()),
            unit,
            hosts: std::env::var("VIGIE_HOSTS")
                .unwrap_or_default()
                .split(',')
                .map(|h| h.trim().to_owned())
                .filter(|h| !h.is_empty())
                .collect(),
        };
        vigie_web::serve(config, listener).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
