//! From packets to observations: flows, stream reassembly and protocol dispatch.
//!
//! An [`Observer`] takes packets one at a time and emits [`Observation`]s as soon as they
//! can be made (a DNS query at its packet, an SNI once the ClientHello is whole, a flow's
//! summary when it ends), so the same code serves a capture file and a live interface.
//! Memory depends on the number of live flows, never on the capture size: flows expire,
//! tables are capped, and only the first kilobytes of each TCP direction are reassembled.
//!
//! The observer keeps the flows and hands each packet's payload to its protocol: DNS, TLS,
//! QUIC and HTTP each keep their own state beside their parser.

mod flow;
mod shared;
mod tcp;

use crate::capture::Packet;
use crate::decode::{self, Decode, Decoded, SkipReason, Transport};
use crate::defrag::Defragmenter;
use crate::observation::{Emitter, Endpoint, Observation, Observed, ObserverStats, Proto};
use crate::{dhcp, dns, quic};
use flow::{Flow, FlowKey};
use shared::Shared;
use std::collections::HashMap;
use std::net::IpAddr;
use tcp::Segment;
use vigie_core::Timestamp;

/// Most concurrent flows; beyond, the least recently seen are ended early.
const MAX_FLOWS: usize = 65_536;
/// Capture time between two looks for idle flows.
const SWEEP_EVERY_NS: i64 = 5_000_000_000;

/// Turns packets into observations.
#[derive(Debug, Default)]
pub struct Observer {
    /// Live flows. The hasher is seeded at random per process, so crafted traffic cannot
    /// aim at collisions.
    flows: HashMap<FlowKey, Flow, foldhash::fast::RandomState>,
    defrag: Defragmenter,
    shared: Shared,
    last_sweep: Timestamp,
}

impl Observer {
    /// A new observer.
    pub fn new() -> Self {
        Self::default()
    }

    /// What was read so far.
    pub fn stats(&self) -> &ObserverStats {
        &self.shared.stats
    }

    /// Reads one packet; observations go to `sink` as soon as they are made.
    pub fn push(&mut self, pkt: &Packet<'_>, sink: &mut dyn FnMut(Observation)) {
        let stats = &mut self.shared.stats;
        stats.packets += 1;
        stats.bytes += pkt.data.len() as u64;
        stats.first_ts.get_or_insert(pkt.ts);
        stats.last_ts = Some(pkt.ts);
        if pkt.ts.0.saturating_sub(self.last_sweep.0) > SWEEP_EVERY_NS
            || self.flows.len() > MAX_FLOWS
        {
            self.sweep(pkt.ts, sink);
        }
        match decode::decode_link(pkt.link, pkt.data) {
            Decode::Packet(d) => self.packet(&d, pkt, sink),
            Decode::Fragment(f) => {
                self.shared.stats.fragments += 1;
                if let Some(r) = self.defrag.push(&f, pkt.ts) {
                    self.shared.stats.reassembled += 1;
                    let len = u32::try_from(r.payload.len()).unwrap_or(u32::MAX);
                    let (src, dst, depth) = (r.src, r.dst, r.tunnel_depth);
                    match decode::decode_transport(src, dst, r.proto, &r.payload, len, depth) {
                        Decode::Packet(d) => self.packet(&d, pkt, sink),
                        Decode::Skip(reason) => self.count_skip(reason),
                        Decode::Fragment(_) => self.shared.stats.damaged += 1,
                    }
                }
            }
            Decode::Skip(reason) => self.count_skip(reason),
        }
    }

    fn count_skip(&mut self, reason: SkipReason) {
        let stats = &mut self.shared.stats;
        match reason {
            SkipReason::NotIp => stats.not_ip += 1,
            SkipReason::UnknownLink => stats.unknown_link += 1,
            SkipReason::Damaged | SkipReason::TooDeep => stats.damaged += 1,
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
        self.shared.free_all_streams();
    }

    /// Ends the flows idle for too long and, while the table is over its cap, the least
    /// recently seen tenth.
    fn sweep(&mut self, now: Timestamp, sink: &mut dyn FnMut(Observation)) {
        self.last_sweep = now;
        let mut ended: Vec<FlowKey> = self
            .flows
            .iter()
            .filter(|(_, f)| f.expired(now))
            .map(|(k, _)| *k)
            .collect();
        if self.flows.len() - ended.len() > MAX_FLOWS {
            let mut by_age: Vec<(Timestamp, FlowKey)> = self
                .flows
                .iter()
                .map(|(k, f)| (f.summary.last_ts, *k))
                .collect();
            by_age.sort_unstable_by_key(|(t, _)| *t);
            let extra = by_age.len() / 10;
            self.shared.stats.flows_evicted += extra as u64;
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

    /// Frees a flow's buffers and observes its summary.
    fn end_flow(&mut self, mut f: Flow, sink: &mut dyn FnMut(Observation)) {
        if let Some(t) = f.tcp.as_mut() {
            t.free(&mut self.shared);
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

    /// Counts an IP packet in its flow and hands its payload to the flow's protocol.
    fn packet(&mut self, d: &Decoded<'_>, pkt: &Packet<'_>, sink: &mut dyn FnMut(Observation)) {
        let shared = &mut self.shared;
        shared.stats.ip_packets += 1;
        if d.tunnel_depth > 0 {
            shared.stats.tunneled += 1;
        }
        let (proto, src, dst, bytes, tcp_flags) = flow_terms(d);
        let flow = self
            .flows
            .entry(FlowKey::new(src, dst, proto))
            .or_insert_with(|| {
                shared.stats.flows += 1;
                Flow::open(proto, src, dst, tcp_flags, pkt, &shared.dns)
            });
        let from_client = flow.count(src, pkt, bytes);
        let mut emit = Emitter::new(pkt, src, dst, sink);
        match d.transport {
            Transport::Udp { payload, .. } => udp(flow, from_client, payload, shared, &mut emit),
            Transport::Tcp {
                seq,
                flags,
                payload,
                ..
            } => {
                if let Some(t) = flow.tcp.as_mut() {
                    let seg = Segment {
                        from_client,
                        seq,
                        flags,
                        payload,
                    };
                    t.segment(&seg, shared, &mut flow.summary, &mut emit);
                }
            }
            Transport::Other { .. } => quoted_dns(d, pkt, shared, sink),
        }
    }
}

/// A packet's sender and receiver.
fn endpoints(src: IpAddr, dst: IpAddr, sport: u16, dport: u16) -> (Endpoint, Endpoint) {
    (
        Endpoint {
            ip: src,
            port: sport,
        },
        Endpoint {
            ip: dst,
            port: dport,
        },
    )
}

/// What a packet's flow is made of: protocol, sender and receiver, the bytes it counts
/// (payload, or the IP payload for other protocols) and its TCP flags.
fn flow_terms(d: &Decoded<'_>) -> (Proto, Endpoint, Endpoint, u64, Option<u8>) {
    let (proto, sport, dport, bytes, tcp_flags) = match d.transport {
        Transport::Tcp {
            sport,
            dport,
            flags,
            payload,
            ..
        } => (Proto::Tcp, sport, dport, payload.len() as u64, Some(flags)),
        Transport::Udp {
            sport,
            dport,
            payload,
        } => (Proto::Udp, sport, dport, payload.len() as u64, None),
        Transport::Other { proto, .. } => {
            (Proto::Other(proto), 0, 0, u64::from(d.ip_payload_len), None)
        }
    };
    let (src, dst) = endpoints(d.src, d.dst, sport, dport);
    (proto, src, dst, bytes, tcp_flags)
}

/// A UDP datagram of a flow: a device joining (DHCP), DNS, or a client's QUIC Initials.
fn udp(
    flow: &mut Flow,
    from_client: bool,
    payload: &[u8],
    shared: &mut Shared,
    emit: &mut Emitter<'_>,
) {
    if dhcp::observe_datagram(payload, emit) {
        return;
    }
    if let Some(via) = dns::dns_via(emit.src.port).or(dns::dns_via(emit.dst.port)) {
        if dns::observe_message(payload, via, &mut shared.dns, &mut shared.stats, emit) {
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
    q.read(payload, &mut shared.stats, &mut flow.summary, emit);
}

/// An ICMP error quotes the packet it answers: a DNS query there is still a query.
fn quoted_dns(
    d: &Decoded<'_>,
    pkt: &Packet<'_>,
    shared: &mut Shared,
    sink: &mut dyn FnMut(Observation),
) {
    let Some(Decode::Packet(inner)) =
        decode::icmp_quoted(d).map(|q| decode::decode_ip(q, d.tunnel_depth + 1))
    else {
        return;
    };
    let Transport::Udp {
        sport,
        dport,
        payload,
    } = inner.transport
    else {
        return;
    };
    if let Some(via) = dns::dns_via(dport).or(dns::dns_via(sport)) {
        let (src, dst) = endpoints(inner.src, inner.dst, sport, dport);
        let mut emit = Emitter::new(pkt, src, dst, sink);
        dns::observe_message(payload, via, &mut shared.dns, &mut shared.stats, &mut emit);
    }
}
