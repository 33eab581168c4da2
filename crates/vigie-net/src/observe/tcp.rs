//! A TCP flow's two directions: the first kilobytes of each are put back in order, and the
//! protocols found in them (DNS, HTTP, TLS) read as the streams grow.

use super::shared::Shared;
use crate::observation::{Emitter, FlowSummary};
use crate::reassembly::RangeBuffer;
use crate::{dns, http, tls};

/// Bytes of the client direction of a TCP stream reassembled (enough for a ClientHello or
/// the first requests).
const CLIENT_STREAM_CAP: usize = 16 * 1024;
/// Bytes of the server direction reassembled (enough for ServerHello and certificates).
const SERVER_STREAM_CAP: usize = 32 * 1024;

/// TCP flag bits.
const FIN: u8 = 0x01;
const SYN: u8 = 0x02;
const RST: u8 = 0x04;

/// One TCP segment of a flow.
#[derive(Clone, Copy, Debug)]
pub(super) struct Segment<'a> {
    /// Sent by the flow's client.
    pub(super) from_client: bool,
    /// Sequence number.
    pub(super) seq: u32,
    /// TCP flags.
    pub(super) flags: u8,
    /// Payload.
    pub(super) payload: &'a [u8],
}

/// One direction of a TCP flow.
#[derive(Debug)]
struct Stream {
    /// Sequence number of the stream's first byte.
    base: Option<u32>,
    /// The stream's first bytes, while they are of interest and the budget allows.
    buf: Option<RangeBuffer>,
}

/// A TCP flow's streams, the protocols read in them, and how it ended.
#[derive(Debug, Default)]
pub(super) struct TcpState {
    client: Option<Stream>,
    server: Option<Stream>,
    http: http::RequestScan,
    tls_client: tls::ClientHelloScan,
    tls_server: tls::ServerHelloScan,
    dns_client: dns::TcpFraming,
    dns_server: dns::TcpFraming,
    fin_client: bool,
    fin_server: bool,
    rst: bool,
}

impl TcpState {
    /// Whether the flow was reset or closed both ways.
    pub(super) fn is_closed(&self) -> bool {
        self.rst || (self.fin_client && self.fin_server)
    }

    /// Reads one segment: its flags, and its payload into its direction's stream.
    pub(super) fn segment(
        &mut self,
        seg: &Segment<'_>,
        shared: &mut Shared,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) {
        self.rst |= seg.flags & RST != 0;
        if seg.flags & FIN != 0 {
            if seg.from_client {
                self.fin_client = true;
            } else {
                self.fin_server = true;
            }
        }
        let (slot, cap) = if seg.from_client {
            (&mut self.client, CLIENT_STREAM_CAP)
        } else {
            (&mut self.server, SERVER_STREAM_CAP)
        };
        let stream = slot.get_or_insert_with(|| Stream {
            base: None,
            buf: shared.stream_buffer(cap),
        });
        if seg.flags & SYN != 0 {
            stream.base = Some(seg.seq.wrapping_add(1));
        }
        if seg.payload.is_empty() {
            return;
        }
        let offset = seg.seq.wrapping_sub(*stream.base.get_or_insert(seg.seq));
        if seg.from_client {
            self.http.segment_at(offset as usize, seg.payload);
        }
        let grew = match stream.buf.as_mut() {
            Some(buf) => offset < 0x8000_0000 && buf.insert(u64::from(offset), seg.payload),
            None => {
                if seg.from_client && offset > 0 {
                    // Beyond the reassembled window: requests that start a segment are still read.
                    http::observe_segment(seg.payload, &mut shared.stats, summary, emit);
                }
                false
            }
        };
        if grew {
            self.stream_grew(seg.from_client, shared, summary, emit);
        }
    }

    /// Reads what a stream that grew holds: DNS, and HTTP requests and the TLS ClientHello
    /// from the client, or the TLS server's hello and certificate from the server.
    fn stream_grew(
        &mut self,
        from_client: bool,
        shared: &mut Shared,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) {
        let (slot, cap) = if from_client {
            (&mut self.client, CLIENT_STREAM_CAP)
        } else {
            (&mut self.server, SERVER_STREAM_CAP)
        };
        let Some(buf) = slot.as_mut().and_then(|s| s.buf.take()) else {
            return;
        };
        let data = buf.contiguous();
        let stats = &mut shared.stats;
        let keep = if from_client {
            let dns = dns::dns_via(emit.dst.port).is_some()
                && self
                    .dns_client
                    .read(data, &mut shared.dns, stats, summary, emit);
            let http = self.http.read(data, stats, summary, emit);
            let tls = self.tls_client.read(data, stats, summary, emit);
            dns | http | tls
        } else {
            let dns_port = dns::dns_via(emit.src.port).is_some();
            let dns = dns_port
                && self
                    .dns_server
                    .read(data, &mut shared.dns, stats, summary, emit);
            if self.tls_server.is_done() {
                dns
            } else {
                let certs = &mut shared.certs;
                self.tls_server.read(data, certs, stats, summary, emit) || dns_port
            }
        };
        let slot = if from_client {
            &mut self.client
        } else {
            &mut self.server
        };
        keep_or_free(slot, buf, keep, cap, shared);
    }

    /// Frees the buffers still held (the flow ends).
    pub(super) fn free(&mut self, shared: &mut Shared) {
        for (slot, cap) in [
            (&mut self.client, CLIENT_STREAM_CAP),
            (&mut self.server, SERVER_STREAM_CAP),
        ] {
            if slot.as_mut().and_then(|s| s.buf.take()).is_some() {
                shared.free_stream(cap);
            }
        }
    }
}

/// Puts a stream's buffer back while it is still wanted and not full; else frees it.
fn keep_or_free(
    slot: &mut Option<Stream>,
    buf: RangeBuffer,
    keep: bool,
    cap: usize,
    shared: &mut Shared,
) {
    match slot {
        Some(stream) if keep && !buf.is_full() => stream.buf = Some(buf),
        _ => shared.free_stream(cap),
    }
}
