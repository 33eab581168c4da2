//! The listening side of the app, bounded so that nobody on the network can starve it: at
//! most [`connection_cap`] connections at once, below the descriptors the process may open
//! (the service raises them to 16 384), and a request's headers read within
//! [`HEADER_READ_TIMEOUT`] (an idle kept-alive connection is closed after as long), so
//! half-open connections cannot pile up.

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Most connections served at once, whatever the descriptor limit.
const MAX_CONNECTIONS: usize = 16_384;
/// Descriptors kept for everything else (the case file, captures, evidence, hostapd's).
const RESERVED_DESCRIPTORS: usize = 256;
/// Fewest connections served at once, on a system that allows very few descriptors.
const MIN_CONNECTIONS: usize = 64;
/// Time a client has to send a request's headers, and to start its next request on a
/// connection kept alive.
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest request head read (a browser's is a few KiB).
const MAX_HEADERS_BYTES: usize = 64 * 1024;

/// Connections served at once: the process's open-file limit less what is kept for
/// everything else, between [`MIN_CONNECTIONS`] and [`MAX_CONNECTIONS`]; the next ones wait
/// in the system's queue until one ends.
pub(crate) fn connection_cap() -> usize {
    let limit = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|text| open_files_limit(&text))
        .unwrap_or(1024);
    cap_for(limit)
}

/// Connections served at once under an open-file limit of `limit`.
fn cap_for(limit: usize) -> usize {
    limit
        .saturating_sub(RESERVED_DESCRIPTORS)
        .clamp(MIN_CONNECTIONS, MAX_CONNECTIONS)
}

/// The soft limit of open files in `/proc/self/limits` (`Max open files  1024  4096  files`).
fn open_files_limit(limits: &str) -> Option<usize> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()?;
    match soft {
        "unlimited" => Some(usize::MAX),
        n => n.parse().ok(),
    }
}

/// Connections the system keeps waiting to be taken: a burst of them (a page's assets, a
/// flood) past this are dropped and retried by the client a second later.
const LISTEN_BACKLOG: u32 = 4096;

/// Listens on `addr`, with room for a burst of connections waiting to be taken.
pub fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

/// Serves `router` on `listener` until the process ends.
pub(crate) async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(connection_cap()));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return Ok(());
        };
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            // Out of descriptors or a connection reset before it was taken: wait a little
            // rather than spin, and go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req.map(Body::new)
            });
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_header_size(MAX_HEADERS_BYTES)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .await;
            drop(slot);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_stays_below_the_descriptor_limit() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units\n\
                      Max open files            1024                 524288               files\n";
        assert_eq!(open_files_limit(limits), Some(1024));
        assert_eq!(
            open_files_limit("Max open files  unlimited  unlimited  files"),
            Some(usize::MAX)
        );
        assert_eq!(cap_for(1024), 768);
        assert_eq!(cap_for(100), MIN_CONNECTIONS);
        assert_eq!(cap_for(usize::MAX), MAX_CONNECTIONS);
    }
}
