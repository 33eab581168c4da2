//! HTTP as the observer sees it: the requests of a client stream, one after the other, each
//! observed with its host, and the methods a flow used.

use super::request::{looks_like_request, parse_request, NotHttp, Request};
use crate::observation::{Emitter, FlowSummary, Observed, ObserverStats};

/// Most distinct methods kept in a flow's summary.
const MAX_METHODS: usize = 8;

/// Observes one request: its method is kept in the flow's summary, its host is observed.
fn observe_request(
    req: Request,
    stats: &mut ObserverStats,
    summary: &mut FlowSummary,
    emit: &mut Emitter<'_>,
) {
    stats.http_requests += 1;
    if summary.http_methods.len() < MAX_METHODS && !summary.http_methods.contains(&req.method) {
        summary.http_methods.push(req.method.clone());
    }
    if let Some(host) = req.host_name() {
        if summary.http_host.is_none() {
            summary.http_host = Some(host.to_owned());
        }
        emit.emit(Observed::HttpHost {
            name: host.to_owned(),
            method: req.method.clone(),
            url: req.url(),
            user_agent: req.user_agent.clone(),
        });
    }
}

/// Observes a request that starts a client segment beyond the reassembled part of a stream.
pub(crate) fn observe_segment(
    segment: &[u8],
    stats: &mut ObserverStats,
    summary: &mut FlowSummary,
    emit: &mut Emitter<'_>,
) {
    if looks_like_request(segment) {
        if let Ok(Some(req)) = parse_request(segment) {
            observe_request(req, stats, summary, emit);
        }
    }
}

/// Where the next request of a client stream starts: 0 until a request is found elsewhere,
/// `usize::MAX` once the stream shows it is not HTTP.
#[derive(Debug, Default)]
pub(crate) struct RequestScan {
    next: usize,
}

impl RequestScan {
    /// A client segment at `offset` of the stream: when requests were not found yet, one
    /// starting the segment past the stream's start (after a SOCKS or CONNECT handshake) is
    /// where they begin.
    pub(crate) fn segment_at(&mut self, offset: usize, segment: &[u8]) {
        if offset > 0 && self.next == 0 && looks_like_request(segment) {
            self.next = offset;
        }
    }

    /// Reads the requests of the client stream not read yet; true when more may follow
    /// (keep the stream).
    pub(crate) fn read(
        &mut self,
        stream: &[u8],
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) -> bool {
        while let Some(rest) = stream.get(self.next..).filter(|r| looks_like_request(r)) {
            match parse_request(rest) {
                Ok(Some(req)) => {
                    let body =
                        usize::try_from(req.content_length.unwrap_or(0)).unwrap_or(usize::MAX);
                    self.next = self.next.saturating_add(req.head_len).saturating_add(body);
                    observe_request(req, stats, summary, emit);
                }
                Ok(None) => return true,
                Err(NotHttp) => {
                    self.next = usize::MAX;
                    break;
                }
            }
        }
        self.next > 0 && self.next != usize::MAX
    }
}
