//! From packets to observations: flows, stream reassembly and protocol dispatch.
//!
//! An [`Observer`] takes packets one at a time and emits [`Observation`]s as soon as they
//! can be made (a DNS query at its packet, an SNI once the ClientHello is whole, a flow's
//! summary when it ends), so the same code serves a capture file and a live interface.
//! Memory depends on the number of live flows, never on the capture size: flows expire,
//! tables are capped, and only the first kilobytes of each TCP direction are reassembled.

use crate::capture::Packet;
use crate::decode::{self, Decode, Decoded, SkipReason, Transport};
use crate::defrag::Defragmenter;
use crate::observation::Emitter;
pub use crate::observation::{Endpoint, FlowSummary, Observation, Observed, ObserverStats, Proto};
use crate::reassembly::RangeBuffer;
use crate::{dns, http, quic, tls};
use std::collections::HashMap;
use vigie_core::Timestamp;

/// Bytes of the client direction of a TCP stream reassembled (enough for a ClientHello or
/// the first requests).
const CLIENT_STREAM_CAP: usize = 16 * 1024;
/// Bytes of the server direction reassembled (enough for ServerHello and certificates).
const SERVER_STREAM_CAP: usize = 32 * 1024;
/// Most concurrent flows; beyond, the least recently seen are ended early.
pub const MAX_FLOWS: usize = 65_536;
/// Memory allowed for stream buffers in total; beyond, new streams are counted, not inspected.
const STREAM_BUDGET: usize = 64 * 1024 * 1024;
/// Idle time after which a flow ends (capture time).
const TCP_IDLE_NS: i64 = 300_000_000_000;
const TCP_CLOSED_IDLE_NS: i64 = 10_000_000_000;
const UDP_IDLE_NS: i64 = 120_000_000_000;
const SWEEP_EVERY_NS: i64 = 5_000_000_000;

#[derive(Debug)]
struct Stream {
    base: Option<u32>,
    buf: Option<RangeBuffer>,
}

impl Stream {
    fn new() -> Self {
        Stream {
            base: None,
            buf: None,
        }
    }
}

#[derive(Debug, Default)]
struct TcpState {
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

#[derive(Debug)]
struct Flow {
    summary: FlowSummary,
    tcp: Option<Box<TcpState>>,
    quic: Option<Box<quic::QuicState>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct FlowKey {
    lo: Endpoint,
    hi: Endpoint,
    proto: Proto,
}

impl FlowKey {
    fn new(a: Endpoint, b: Endpoint, proto: Proto) -> Self {
        if a <= b {
            FlowKey {
                lo: a,
                hi: b,
                proto,
            }
        } else {
            FlowKey {
                lo: b,
                hi: a,
                proto,
            }
        }
    }
}

/// Turns packets into observations.
#[derive(Debug, Default)]
pub struct Observer {
    /// Live flows. The hasher is seeded at random per process, so crafted traffic cannot
    /// aim at collisions.
    flows: HashMap<FlowKey, Flow, foldhash::fast::RandomState>,
    ctx: Ctx,
    last_sweep: Timestamp,
}

/// What every flow's processing shares: reassembly, names learnt, counters, memory in use.
#[derive(Debug, Default)]
struct Ctx {
    defrag: Defragmenter,
    dns: dns::DnsCache,
    stats: ObserverStats,
    stream_bytes: usize,
    /// Certificates recently summarised.
    certs: tls::CertCache,
}

impl Observer {
    /// A new observer.
    pub fn new() -> Self {
        Self::default()
    }

    /// What was read so far.
    pub fn stats(&self) -> &ObserverStats {
        &self.ctx.stats
    }

    /// Reads one packet; observations go to `sink` as soon as they are made.
    pub fn push(&mut self, pkt: &Packet<'_>, sink: &mut dyn FnMut(Observation)) {
        self.ctx.stats.packets += 1;
        self.ctx.stats.bytes += pkt.data.len() as u64;
        if self.ctx.stats.first_ts.is_none() {
            self.ctx.stats.first_ts = Some(pkt.ts);
        }
        self.ctx.stats.last_ts = Some(pkt.ts);
        if pkt.ts.0.saturating_sub(self.last_sweep.0) > SWEEP_EVERY_NS
            || self.flows.len() > MAX_FLOWS
        {
            self.sweep(pkt.ts, sink);
        }
        match decode::decode_link(pkt.link, pkt.data) {
            Decode::Packet(d) => self.packet(&d, pkt, sink),
            Decode::Fragment(f) => {
                self.ctx.stats.fragments += 1;
                if let Some(r) = self.ctx.defrag.push(&f, pkt.ts) {
                    self.ctx.stats.reassembled += 1;
                    let len = u32::try_from(r.payload.len()).unwrap_or(u32::MAX);
                    match decode::decode_transport(
                        r.src,
                        r.dst,
                        r.proto,
                        &r.payload,
                        len,
                        r.tunnel_depth,
                    ) {
                        Decode::Packet(d) => self.packet(&d, pkt, sink),
                        Decode::Skip(reason) => self.count_skip(reason),
                        Decode::Fragment(_) => self.ctx.stats.damaged += 1,
                    }
                }
            }
            Decode::Skip(reason) => self.count_skip(reason),
        }
    }

    fn count_skip(&mut self, reason: SkipReason) {
        match reason {
            SkipReason::NotIp => self.ctx.stats.not_ip += 1,
            SkipReason::UnknownLink => self.ctx.stats.unknown_link += 1,
            SkipReason::Damaged | SkipReason::TooDeep => self.ctx.stats.damaged += 1,
        }
    }

    /// Ends every flow (end of a capture file, or of a live check); their summaries go to `sink`.
    pub fn finish(&mut self, sink: &mut dyn FnMut(Observation)) {
        let mut all: Vec<(FlowKey, Flow)> = self.flows.drain().collect();
        all.sort_by_key(|(_, f)| f.summary.first_frame);
        for (_, mut f) in all {
            f.summary.open_at_end = true;
            self.end_flow(f, sink);
        }
        self.ctx.stream_bytes = 0;
    }

    fn sweep(&mut self, now: Timestamp, sink: &mut dyn FnMut(Observation)) {
        self.last_sweep = now;
        let mut ended: Vec<FlowKey> = self
            .flows
            .iter()
            .filter(|(_, f)| {
                let idle = now.0.saturating_sub(f.summary.last_ts.0);
                let limit = match (&f.tcp, f.summary.proto) {
                    (Some(t), _) if t.rst || (t.fin_client && t.fin_server) => TCP_CLOSED_IDLE_NS,
                    (_, Proto::Tcp) => TCP_IDLE_NS,
                    _ => UDP_IDLE_NS,
                };
                idle > limit
            })
            .map(|(k, _)| *k)
            .collect();
        if self.flows.len() - ended.len() > MAX_FLOWS {
            // Still too many: end the least recently seen tenth.
            let mut by_age: Vec<(Timestamp, FlowKey)> = self
                .flows
                .iter()
                .map(|(k, f)| (f.summary.last_ts, *k))
                .collect();
            by_age.sort_unstable_by_key(|(t, _)| *t);
            let extra = by_age.len() / 10;
            self.ctx.stats.flows_evicted += extra as u64;
            ended.extend(by_age.into_iter().take(extra).map(|(_, k)| k));
        }
        ended.sort_by_key(|k| self.flows.get(k).map_or(0, |f| f.summary.first_frame));
        ended.dedup();
        for k in ended {
            if let Some(f) = self.flows.remove(&k) {
                self.end_flow(f, sink);
            }
        }
    }

    fn end_flow(&mut self, mut f: Flow, sink: &mut dyn FnMut(Observation)) {
        if let Some(t) = f.tcp.as_mut() {
            for (s, cap) in [
                (&mut t.client, CLIENT_STREAM_CAP),
                (&mut t.server, SERVER_STREAM_CAP),
            ] {
                if s.as_mut().and_then(|s| s.buf.take()).is_some() {
                    self.ctx.stream_bytes = self.ctx.stream_bytes.saturating_sub(cap);
                }
            }
        }
        let s = f.summary;
        sink(Observation {
            ts: s.first_ts,
            frame: s.first_frame,
            src: s.client,
            dst: s.server,
            what: Observed::Flow {
                name: s.name().map(str::to_owned),
                flow: Box::new(s),
            },
        });
    }

    fn packet(&mut self, d: &Decoded<'_>, pkt: &Packet<'_>, sink: &mut dyn FnMut(Observation)) {
        self.ctx.stats.ip_packets += 1;
        if d.tunnel_depth > 0 {
            self.ctx.stats.tunneled += 1;
        }
        let (proto, sport, dport, payload) = match d.transport {
            Transport::Tcp {
                sport,
                dport,
                payload,
                ..
            } => (Proto::Tcp, sport, dport, payload),
            Transport::Udp {
                sport,
                dport,
                payload,
            } => (Proto::Udp, sport, dport, payload),
            Transport::Other { proto, .. } => (Proto::Other(proto), 0, 0, &[][..]),
        };
        let src = Endpoint {
            ip: d.src,
            port: sport,
        };
        let dst = Endpoint {
            ip: d.dst,
            port: dport,
        };
        let key = FlowKey::new(src, dst, proto);
        let ctx = &mut self.ctx;
        let flow = self.flows.entry(key).or_insert_with(|| {
            let syn_ack =
                matches!(d.transport, Transport::Tcp { flags, .. } if flags & 0x12 == 0x12);
            let syn = matches!(d.transport, Transport::Tcp { flags, .. } if flags & 0x12 == 0x02);
            // The opener is the client; without a handshake, guess from the ports.
            let (client, server) = if syn_ack || (sport < 1024 && dport >= 1024 && !syn) {
                (dst, src)
            } else {
                (src, dst)
            };
            ctx.stats.flows += 1;
            Flow {
                summary: FlowSummary {
                    proto,
                    client,
                    server,
                    first_frame: pkt.frame,
                    first_ts: pkt.ts,
                    dns_name: ctx.dns.name_of(server.ip),
                    ..FlowSummary::default()
                },
                tcp: (proto == Proto::Tcp).then(Box::default),
                quic: None,
            }
        });
        let from_client = flow.summary.client == src;
        {
            let s = &mut flow.summary;
            s.last_frame = pkt.frame;
            s.last_ts = pkt.ts;
            s.packets += 1;
            let n = if proto == Proto::Tcp || proto == Proto::Udp {
                payload.len() as u64
            } else {
                u64::from(d.ip_payload_len)
            };
            if from_client {
                s.bytes_up += n;
            } else {
                s.bytes_down += n;
            }
        }
        match d.transport {
            Transport::Udp { payload, .. } => {
                ctx.udp(flow, from_client, src, dst, payload, pkt, sink)
            }
            Transport::Tcp {
                seq,
                flags,
                payload,
                ..
            } => ctx.tcp(flow, from_client, src, dst, seq, flags, payload, pkt, sink),
            Transport::Other { .. } => {
                // An ICMP error quotes the packet it answers: a DNS query there is still a query.
                if let Some(Decode::Packet(inner)) =
                    decode::icmp_quoted(d).map(|q| decode::decode_ip(q, d.tunnel_depth + 1))
                {
                    if let Transport::Udp {
                        sport,
                        dport,
                        payload,
                    } = inner.transport
                    {
                        if let Some(via) = dns::dns_via(dport).or(dns::dns_via(sport)) {
                            let (isrc, idst) = (
                                Endpoint {
                                    ip: inner.src,
                                    port: sport,
                                },
                                Endpoint {
                                    ip: inner.dst,
                                    port: dport,
                                },
                            );
                            let mut emit = Emitter::new(pkt, isrc, idst, sink);
                            dns::observe_message(
                                payload,
                                via,
                                &mut ctx.dns,
                                &mut ctx.stats,
                                &mut emit,
                            );
                        }
                    }
                }
            }
        }
    }
}

impl Ctx {
    #[allow(clippy::too_many_arguments)]
    fn udp(
        &mut self,
        flow: &mut Flow,
        from_client: bool,
        src: Endpoint,
        dst: Endpoint,
        payload: &[u8],
        pkt: &Packet<'_>,
        sink: &mut dyn FnMut(Observation),
    ) {
        if let Some(via) = dns::dns_via(src.port).or(dns::dns_via(dst.port)) {
            let mut emit = Emitter::new(pkt, src, dst, sink);
            if dns::observe_message(payload, via, &mut self.dns, &mut self.stats, &mut emit) {
                flow.summary.dns = true;
                return;
            }
        }
        if !from_client || !quic::starts_long_header(payload) {
            return;
        }
        let q = flow
            .quic
            .get_or_insert_with(|| Box::new(quic::QuicState::new()));
        let mut emit = Emitter::new(pkt, src, dst, sink);
        q.read(payload, &mut self.stats, &mut flow.summary, &mut emit);
    }

    fn new_stream_buffer(&mut self, cap: usize) -> Option<RangeBuffer> {
        if self.stream_bytes + cap > STREAM_BUDGET {
            self.stats.streams_over_budget += 1;
            return None;
        }
        self.stream_bytes += cap;
        Some(RangeBuffer::new(cap))
    }

    #[allow(clippy::too_many_arguments)]
    fn tcp(
        &mut self,
        flow: &mut Flow,
        from_client: bool,
        src: Endpoint,
        dst: Endpoint,
        seq: u32,
        flags: u8,
        payload: &[u8],
        pkt: &Packet<'_>,
        sink: &mut dyn FnMut(Observation),
    ) {
        let Some(mut t) = flow.tcp.take() else { return };
        if flags & 0x04 != 0 {
            t.rst = true;
        }
        if flags & 0x01 != 0 {
            if from_client {
                t.fin_client = true;
            } else {
                t.fin_server = true;
            }
        }
        let cap = if from_client {
            CLIENT_STREAM_CAP
        } else {
            SERVER_STREAM_CAP
        };
        let slot_is_new = if from_client {
            t.client.is_none()
        } else {
            t.server.is_none()
        };
        if slot_is_new {
            let mut s = Stream::new();
            s.buf = self.new_stream_buffer(cap);
            if from_client {
                t.client = Some(s);
            } else {
                t.server = Some(s);
            }
        }
        let stream = if from_client {
            t.client.as_mut()
        } else {
            t.server.as_mut()
        };
        let Some(stream) = stream else {
            flow.tcp = Some(t);
            return;
        };
        if flags & 0x02 != 0 {
            stream.base = Some(seq.wrapping_add(1));
        }
        let mut grew = false;
        if !payload.is_empty() {
            let base = *stream.base.get_or_insert(seq);
            let off = seq.wrapping_sub(base);
            if from_client {
                t.http.segment_at(off as usize, payload);
            }
            if let Some(buf) = stream.buf.as_mut() {
                if off < 0x8000_0000 {
                    grew = buf.insert(u64::from(off), payload);
                }
            } else if from_client && off > 0 {
                // Beyond the reassembled window: requests that start a segment are still read.
                let mut emit = Emitter::new(pkt, src, dst, sink);
                http::observe_segment(payload, &mut self.stats, &mut flow.summary, &mut emit);
            }
        }
        if grew {
            if from_client {
                self.client_stream(flow, &mut t, src, dst, pkt, sink);
            } else {
                self.server_stream(flow, &mut t, src, dst, pkt, sink);
            }
        }
        flow.tcp = Some(t);
    }

    fn client_stream(
        &mut self,
        flow: &mut Flow,
        t: &mut TcpState,
        src: Endpoint,
        dst: Endpoint,
        pkt: &Packet<'_>,
        sink: &mut dyn FnMut(Observation),
    ) {
        let Some(buf) = t.client.as_mut().and_then(|s| s.buf.take()) else {
            return;
        };
        let data = buf.contiguous();
        let mut keep = false;
        if dns::dns_via(dst.port).is_some() {
            let mut emit = Emitter::new(pkt, src, dst, sink);
            keep |= t.dns_client.read(
                data,
                &mut self.dns,
                &mut self.stats,
                &mut flow.summary,
                &mut emit,
            );
        }
        let mut emit = Emitter::new(pkt, src, dst, sink);
        keep |= t
            .http
            .read(data, &mut self.stats, &mut flow.summary, &mut emit);
        keep |= t
            .tls_client
            .read(data, &mut self.stats, &mut flow.summary, &mut emit);
        if keep && !buf.is_full() {
            if let Some(s) = t.client.as_mut() {
                s.buf = Some(buf);
            }
        } else {
            self.stream_bytes = self.stream_bytes.saturating_sub(CLIENT_STREAM_CAP);
        }
    }

    fn server_stream(
        &mut self,
        flow: &mut Flow,
        t: &mut TcpState,
        src: Endpoint,
        dst: Endpoint,
        pkt: &Packet<'_>,
        sink: &mut dyn FnMut(Observation),
    ) {
        let Some(buf) = t.server.as_mut().and_then(|s| s.buf.take()) else {
            return;
        };
        let data = buf.contiguous();
        let mut keep = false;
        if dns::dns_via(src.port).is_some() {
            let mut emit = Emitter::new(pkt, src, dst, sink);
            keep |= t.dns_server.read(
                data,
                &mut self.dns,
                &mut self.stats,
                &mut flow.summary,
                &mut emit,
            );
        }
        if !t.tls_server.is_done() {
            let mut emit = Emitter::new(pkt, src, dst, sink);
            keep = t.tls_server.read(
                data,
                &mut self.certs,
                &mut self.stats,
                &mut flow.summary,
                &mut emit,
            ) || dns::dns_via(src.port).is_some();
        }
        if keep && !buf.is_full() {
            if let Some(s) = t.server.as_mut() {
                s.buf = Some(buf);
            }
        } else {
            self.stream_bytes = self.stream_bytes.saturating_sub(SERVER_STREAM_CAP);
        }
    }
}
