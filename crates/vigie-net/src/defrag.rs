//! IPv4 and IPv6 fragment reassembly, bounded in memory and time.

use crate::decode::Fragment;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use vigie_core::Timestamp;

/// Largest datagram reassembled (the IP maximum).
const MAX_DATAGRAM: u32 = 65_535;
/// Most datagrams waiting for fragments at once; the oldest is dropped beyond.
const MAX_PENDING: usize = 1024;
/// A datagram whose fragments do not all arrive within this time is dropped.
const TIMEOUT_NS: i64 = 30_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    src: IpAddr,
    dst: IpAddr,
    id: u32,
    proto: u8,
}

#[derive(Debug)]
struct Pending {
    data: Vec<u8>,
    /// Received byte ranges, unsorted, [start, end).
    ranges: Vec<(u32, u32)>,
    total: Option<u32>,
    first_seen: Timestamp,
    depth: u8,
}

impl Pending {
    /// Places a fragment ending at `end`; the datagram's length once every byte of it is here.
    fn add(&mut self, f: &Fragment<'_>, end: u32) -> Option<u32> {
        if (self.data.len() as u32) < end {
            self.data.resize(end as usize, 0);
        }
        self.data[f.offset as usize..end as usize].copy_from_slice(f.payload);
        self.ranges.push((f.offset, end));
        if !f.more {
            self.total = Some(end);
        }
        let total = self.total?;
        self.ranges.sort_unstable();
        let mut covered = 0;
        for &(s, e) in &self.ranges {
            if s > covered {
                return None;
            }
            covered = covered.max(e);
        }
        (covered >= total).then_some(total)
    }
}

/// A reassembled datagram.
#[derive(Debug)]
pub(crate) struct Reassembled {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// Protocol of the payload.
    pub proto: u8,
    /// The whole IP payload.
    pub payload: Vec<u8>,
    /// Tunnel layers removed to reach it.
    pub tunnel_depth: u8,
}

/// Collects fragments until a datagram is whole.
#[derive(Debug, Default)]
pub(crate) struct Defragmenter {
    pending: HashMap<Key, Pending>,
    order: VecDeque<(Key, Timestamp)>,
    /// Datagrams dropped incomplete (timeout, overflow, inconsistent sizes).
    pub dropped: u64,
}

impl Defragmenter {
    fn expire(&mut self, now: Timestamp) {
        while let Some(&(key, seen)) = self.order.front() {
            let stale = now.0.saturating_sub(seen.0) > TIMEOUT_NS;
            let exists = self.pending.get(&key).is_some_and(|p| p.first_seen == seen);
            if !exists {
                self.order.pop_front();
            } else if stale || self.pending.len() > MAX_PENDING {
                self.order.pop_front();
                self.pending.remove(&key);
                self.dropped += 1;
            } else {
                break;
            }
        }
    }

    /// Adds a fragment; returns the datagram once all of it has arrived.
    pub(crate) fn push(&mut self, f: &Fragment<'_>, ts: Timestamp) -> Option<Reassembled> {
        self.expire(ts);
        let key = Key {
            src: f.src,
            dst: f.dst,
            id: f.id,
            proto: f.proto,
        };
        let len = u32::try_from(f.payload.len()).ok()?;
        let end = f.offset.checked_add(len)?;
        if end > MAX_DATAGRAM {
            self.dropped += 1;
            self.pending.remove(&key);
            return None;
        }
        let entry = self.pending.entry(key).or_insert_with(|| Pending {
            data: Vec::new(),
            ranges: Vec::new(),
            total: None,
            first_seen: ts,
            depth: f.tunnel_depth,
        });
        if entry.ranges.is_empty() {
            self.order.push_back((key, entry.first_seen));
        }
        if entry.ranges.len() >= 256 {
            // Too many pieces for a real datagram: drop it.
            self.pending.remove(&key);
            self.dropped += 1;
            return None;
        }
        let total = entry.add(f, end)?;
        let mut done = self.pending.remove(&key)?;
        done.data.truncate(total as usize);
        Some(Reassembled {
            src: f.src,
            dst: f.dst,
            proto: f.proto,
            payload: done.data,
            tunnel_depth: done.depth,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn frag(offset: u32, more: bool, payload: &[u8]) -> Fragment<'_> {
        let a = IpAddr::V4(Ipv4Addr::LOCALHOST);
        Fragment {
            src: a,
            dst: a,
            id: 9,
            proto: 17,
            offset,
            more,
            payload,
            tunnel_depth: 0,
        }
    }

    #[test]
    fn reassembles_out_of_order_and_bounds() {
        let mut d = Defragmenter::default();
        assert!(d.push(&frag(8, false, b"world!!!"), Timestamp(0)).is_none());
        let r = d
            .push(&frag(0, true, b"hello, w"), Timestamp(1))
            .expect("complete");
        assert_eq!(r.payload, b"hello, wworld!!!");
        assert!(d
            .push(&frag(65_530, false, &[0; 10]), Timestamp(2))
            .is_none());
        assert!(d.push(&frag(0, true, b"aaaaaaaa"), Timestamp(3)).is_none());
        assert!(d
            .push(&frag(8, false, b"late"), Timestamp(TIMEOUT_NS * 2))
            .is_none());
        assert!(d.dropped >= 2);
    }
}
