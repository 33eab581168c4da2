//! The names the station answers to: its addresses (any IP address, as typed in a browser),
//! `localhost`, and the names given in `VIGIE_HOSTS`. A request for any other name is
//! refused: a page of another site whose name was made to point at the station (DNS
//! rebinding) would otherwise be "the same origin" as the station's own pages.

use crate::app::App;
use crate::extract::Visitor;
use crate::respond::page;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;
use std::sync::Arc;

/// Whether `host` (a `Host` header: a name or address, and maybe a port) is one the station
/// answers to.
pub(crate) fn is_known(host: &str, names: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        // An IPv6 address, `[::1]:8470`.
        Some(rest) => match rest.split_once(']') {
            Some((address, port)) if port.is_empty() || is_port(port) => {
                return address.parse::<std::net::Ipv6Addr>().is_ok()
            }
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        },
    };
    name.parse::<IpAddr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Whether `p` is `:` and a port number.
fn is_port(p: &str) -> bool {
    p.strip_prefix(':').unwrap_or(p).parse::<u16>().is_ok()
}

/// Refuses a request whose `Host` the station does not answer to (421, with a page saying
/// to open the station at its own address).
pub(crate) async fn require_known_host(
    State(app): State<Arc<App>>,
    req: Request,
    next: Next,
) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    if is_known(host, &app.hosts) {
        return next.run(req).await;
    }
    let (mut parts, _) = req.into_parts();
    let Ok(v) = Visitor::from_request_parts(&mut parts, &app).await;
    let cat = &v.cat;
    let body = crate::html::notice("error", &cat.key("web-unknown-host"));
    let title = cat.key("web-forbidden-title");
    (
        StatusCode::MISDIRECTED_REQUEST,
        page(cat, &title, None, "/", &body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_localhost_and_given_names_only() {
        let names = vec!["vigie.local".to_owned()];
        for ok in [
            "127.0.0.1:8470",
            "127.0.0.1",
            "10.42.0.1:8470",
            "[::1]:8470",
            "[fe80::1]",
            "localhost:8470",
            "LOCALHOST",
            "vigie.local:8470",
        ] {
            assert!(is_known(ok, &names), "{ok}");
        }
        for refused in [
            "",
            "evil.example:8470",
            "127.0.0.1.evil.example",
            "localhost.evil.example:8470",
            "[::1]evil:80",
            "127.0.0.1:http",
            "vigie.local.evil.example",
        ] {
            assert!(!is_known(refused, &names), "{refused}");
        }
    }
}
