//! HTTP downloads: the agent (user agent, time limits), the size limit, and why a download
//! failed.

use std::time::Duration;

/// Largest feed downloaded (real feeds are a few MiB).
pub(crate) const MAX_FEED_BYTES: u64 = 64 * 1024 * 1024;

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

/// Downloads `url` once, at most [`MAX_FEED_BYTES`].
pub(crate) fn fetch_once(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, FetchError> {
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
    read_body(&mut response).map_err(transfer)
}

/// A response's body, at most [`MAX_FEED_BYTES`].
pub(crate) fn read_body(
    response: &mut ureq::http::Response<ureq::Body>,
) -> Result<Vec<u8>, ureq::Error> {
    response
        .body_mut()
        .with_config()
        .limit(MAX_FEED_BYTES)
        .read_to_vec()
}
