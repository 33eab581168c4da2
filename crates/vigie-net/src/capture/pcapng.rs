//! pcapng blocks: the section header's byte order, interface descriptions (link type,
//! timestamp resolution and offset) and the three kinds of packet block.

use super::packet::LinkType;
use crate::reader::{Endian, Reader};
use std::ops::Range;
use vigie_core::Timestamp;

/// First bytes of a section header block (the same in either byte order).
pub(super) const SECTION_MAGIC: [u8; 4] = [0x0a, 0x0d, 0x0d, 0x0a];
/// Most interfaces described in one section; further descriptions are ignored.
const MAX_INTERFACES: usize = 4096;

/// The byte order a section header's byte-order magic announces.
pub(super) fn section_order(magic: &[u8]) -> Option<Endian> {
    match magic {
        [0x1a, 0x2b, 0x3c, 0x4d] => Some(Endian::Big),
        [0x4d, 0x3c, 0x2b, 0x1a] => Some(Endian::Little),
        _ => None,
    }
}

/// What an interface description says of the packets captured on it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Interface {
    /// Link type of its packets.
    pub(super) link: LinkType,
    /// Timestamp units per second.
    units_per_sec: u64,
    /// Seconds added to every timestamp (if_tsoffset).
    offset_secs: i64,
}

impl Default for Interface {
    /// A packet naming no described interface: Ethernet, microseconds.
    fn default() -> Self {
        Interface {
            link: LinkType::ETHERNET,
            units_per_sec: 1_000_000,
            offset_secs: 0,
        }
    }
}

impl Interface {
    /// Reads an interface description block's body: link type, then options.
    pub(super) fn read(body: &[u8], order: Endian) -> Interface {
        let mut r = Reader::init(body);
        let mut itf = Interface {
            link: LinkType(u32::from(r.u16_in(order).unwrap_or_default())),
            ..Interface::default()
        };
        // Reserved and snapshot length, then options: code(2) len(2) value padded to 4.
        if r.skip(6).is_none() {
            return itf;
        }
        while r.left() >= 4 {
            let (Some(code), Some(len)) = (r.u16_in(order), r.u16_in(order)) else {
                break;
            };
            let len = usize::from(len);
            let Some(value) = r.take(len) else {
                break;
            };
            match code {
                0 => break,
                9 => itf.set_resolution(value),
                14 => itf.set_offset(value, order),
                _ => {}
            }
            if r.skip(len.next_multiple_of(4) - len).is_none() {
                break;
            }
        }
        itf
    }

    /// if_tsresol: a power of ten, or of two when the high bit is set.
    fn set_resolution(&mut self, value: &[u8]) {
        let Some(&v) = value.first() else { return };
        let exp = u32::from(v & 0x7f);
        self.units_per_sec = if v & 0x80 == 0 {
            10u64.checked_pow(exp).unwrap_or(1_000_000)
        } else {
            1u64.checked_shl(exp).unwrap_or(1_000_000)
        }
        .max(1);
    }

    /// if_tsoffset: seconds, as a 64-bit integer in two 32-bit halves.
    fn set_offset(&mut self, value: &[u8], order: Endian) {
        let mut r = Reader::init(value);
        if let (Some(hi), Some(lo)) = (r.u32_in(order), r.u32_in(order)) {
            let secs = u64::from(hi) << 32 | u64::from(lo);
            self.offset_secs = i64::try_from(secs).unwrap_or(0);
        }
    }

    /// A raw timestamp in this interface's units, as a time.
    pub(super) fn time(&self, raw: u64) -> Timestamp {
        let units = u128::from(self.units_per_sec);
        let secs = u128::from(raw) / units;
        let rem = u128::from(raw) % units;
        let nanos = (rem * 1_000_000_000 / units) as u32;
        Timestamp::from_secs_nanos(
            i64::try_from(secs)
                .unwrap_or(i64::MAX)
                .saturating_add(self.offset_secs),
            nanos,
        )
    }
}

/// Adds an interface description to a section's list (bounded).
pub(super) fn describe(interfaces: &mut Vec<Interface>, itf: Interface) {
    if interfaces.len() < MAX_INTERFACES {
        interfaces.push(itf);
    }
}

/// The fields of a packet block: its interface, raw time (none in a simple packet block),
/// where the packet's bytes are in the block body, and the packet's length on the wire.
#[derive(Clone, Debug)]
pub(super) struct PacketBlock {
    /// Index of the packet's interface in the section.
    pub(super) interface: usize,
    /// Time in the interface's units.
    pub(super) raw_time: Option<u64>,
    /// Range of the captured bytes in the block body.
    pub(super) data: Range<usize>,
    /// Length of the packet on the wire.
    pub(super) orig_len: u32,
}

impl PacketBlock {
    /// Reads an enhanced (6), obsolete (2) or simple (3) packet block body; `None` for any
    /// other block, or a body too short for its block's fields.
    pub(super) fn read(block_type: u32, body: &[u8], order: Endian) -> Option<Self> {
        let mut r = Reader::init(body);
        let (interface, raw_time) = match block_type {
            6 => (r.u32_in(order)? as usize, Some(raw_time(&mut r, order)?)),
            2 => {
                let interface = usize::from(r.u16_in(order)?);
                r.skip(2)?; // drops count
                (interface, Some(raw_time(&mut r, order)?))
            }
            3 => (0, None),
            _ => return None,
        };
        let captured = match raw_time {
            Some(_) => Some(r.u32_in(order)?),
            None => None,
        };
        let orig_len = r.u32_in(order)?;
        let start = r.used();
        let len = (captured.unwrap_or(orig_len) as usize).min(r.left());
        Some(PacketBlock {
            interface,
            raw_time,
            data: start..start + len,
            orig_len,
        })
    }
}

/// A 64-bit timestamp written as two 32-bit halves, high first.
fn raw_time(r: &mut Reader<'_>, order: Endian) -> Option<u64> {
    Some(u64::from(r.u32_in(order)?) << 32 | u64::from(r.u32_in(order)?))
}
