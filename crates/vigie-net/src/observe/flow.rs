//! One flow: its key (the same for both directions), its summary, and the state of its TCP
//! streams or QUIC connection; when it opened, and when it has been idle too long.

use super::tcp::TcpState;
use crate::capture::Packet;
use crate::dns::DnsCache;
use crate::observation::{Endpoint, FlowSummary, Proto};
use crate::quic::QuicState;
use vigie_core::Timestamp;

/// Idle time after which a TCP flow ends (capture time).
const TCP_IDLE_NS: i64 = 300_000_000_000;
/// The same, once the flow was reset or closed both ways.
const TCP_CLOSED_IDLE_NS: i64 = 10_000_000_000;
/// Idle time after which a flow of another protocol ends.
const UDP_IDLE_NS: i64 = 120_000_000_000;

/// A flow's key: its endpoints in a fixed order, so that both directions find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct FlowKey {
    lo: Endpoint,
    hi: Endpoint,
    proto: Proto,
}

impl FlowKey {
    /// The key of the flow between `a` and `b`.
    pub(super) fn new(a: Endpoint, b: Endpoint, proto: Proto) -> Self {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        FlowKey { lo, hi, proto }
    }
}

/// A live flow.
#[derive(Debug)]
pub(super) struct Flow {
    /// What it carried so far.
    pub(super) summary: FlowSummary,
    /// Its streams, for TCP.
    pub(super) tcp: Option<Box<TcpState>>,
    /// Its QUIC connection, once a client Initial was seen.
    pub(super) quic: Option<Box<QuicState>>,
}

impl Flow {
    /// The flow a packet from `src` to `dst` opens. The opener is the client; without a
    /// handshake (`tcp_flags` of a TCP packet), the ports tell. The server is named as DNS
    /// answers named its address.
    pub(super) fn open(
        proto: Proto,
        src: Endpoint,
        dst: Endpoint,
        tcp_flags: Option<u8>,
        pkt: &Packet<'_>,
        dns: &DnsCache,
    ) -> Flow {
        let syn_ack = tcp_flags.is_some_and(|f| f & 0x12 == 0x12);
        let syn = tcp_flags.is_some_and(|f| f & 0x12 == 0x02);
        let (client, server) = if syn_ack || (src.port < 1024 && dst.port >= 1024 && !syn) {
            (dst, src)
        } else {
            (src, dst)
        };
        Flow {
            summary: FlowSummary {
                proto,
                client,
                server,
                first_frame: pkt.frame,
                first_ts: pkt.ts,
                dns_name: dns.name_of(server.ip),
                ..FlowSummary::default()
            },
            tcp: (proto == Proto::Tcp).then(Box::default),
            quic: None,
        }
    }

    /// Counts a packet from `src` carrying `bytes`; true when it comes from the client.
    pub(super) fn count(&mut self, src: Endpoint, pkt: &Packet<'_>, bytes: u64) -> bool {
        let s = &mut self.summary;
        let from_client = s.client == src;
        s.last_frame = pkt.frame;
        s.last_ts = pkt.ts;
        s.packets += 1;
        if from_client {
            s.bytes_up += bytes;
        } else {
            s.bytes_down += bytes;
        }
        from_client
    }

    /// Whether the flow has been idle for longer than it may be at `now`.
    pub(super) fn expired(&self, now: Timestamp) -> bool {
        let idle = now.0.saturating_sub(self.summary.last_ts.0);
        let limit = match (&self.tcp, self.summary.proto) {
            (Some(t), _) if t.is_closed() => TCP_CLOSED_IDLE_NS,
            (_, Proto::Tcp) => TCP_IDLE_NS,
            _ => UDP_IDLE_NS,
        };
        idle > limit
    }
}
