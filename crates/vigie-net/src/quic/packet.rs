//! QUIC long-header packets (versions 1 and 2) and the frames of a decrypted Initial: where
//! each packet of a datagram is, and the CRYPTO frames that carry the TLS handshake.

use crate::reader::Reader;

/// QUIC version 1 (RFC 9000).
pub const VERSION_1: u32 = 0x0000_0001;
/// QUIC version 2 (RFC 9369).
pub const VERSION_2: u32 = 0x6b33_43cf;

/// Reads a QUIC variable-length integer (its first two bits give its length).
fn varint(r: &mut Reader<'_>) -> Option<u64> {
    let len = 1usize << (r.peek()? >> 6);
    let (&first, rest) = r.take(len)?.split_first()?;
    Some(
        rest.iter()
            .fold(u64::from(first & 0x3f), |v, &b| v << 8 | u64::from(b)),
    )
}

/// Writes a QUIC variable-length integer in its shortest form.
pub(super) fn put_varint(out: &mut Vec<u8>, v: u64) {
    if v < 64 {
        out.push(v as u8);
    } else if v < 16_384 {
        out.extend_from_slice(&(v as u16 | 0x4000).to_be_bytes());
    } else if v < (1 << 30) {
        out.extend_from_slice(&(v as u32 | 0x8000_0000).to_be_bytes());
    } else {
        out.extend_from_slice(&(v | 0xc000_0000_0000_0000).to_be_bytes());
    }
}

/// The header of a long-header packet, as needed to decrypt it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongHeader<'a> {
    /// QUIC version.
    pub version: u32,
    /// Destination connection id.
    pub dcid: &'a [u8],
    /// Source connection id.
    pub scid: &'a [u8],
    /// True for an Initial packet.
    pub initial: bool,
    /// Offset of the packet number field.
    pub pn_offset: usize,
    /// Length of this packet within the datagram (header included).
    pub packet_len: usize,
}

/// A connection id: its length in one byte (at most 20), then its bytes.
fn connection_id<'a>(r: &mut Reader<'a>) -> Option<&'a [u8]> {
    let id = r.u8_prefixed()?.rest();
    (id.len() <= 20).then_some(id)
}

/// Reads the long header at the start of `d` (one packet of a possibly coalesced datagram).
pub fn long_header(d: &[u8]) -> Option<LongHeader<'_>> {
    let mut r = Reader::init(d);
    let first = r.u8()?;
    if first & 0xc0 != 0xc0 {
        return None;
    }
    let version = r.u32()?;
    let ty = (first >> 4) & 3;
    let (initial, retry) = match version {
        VERSION_1 => (ty == 0, ty == 3),
        VERSION_2 => (ty == 1, ty == 0),
        _ => return None,
    };
    let dcid = connection_id(&mut r)?;
    let scid = connection_id(&mut r)?;
    if retry {
        return Some(LongHeader {
            version,
            dcid,
            scid,
            initial: false,
            pn_offset: r.used(),
            packet_len: d.len(),
        });
    }
    if initial {
        let token_len = usize::try_from(varint(&mut r)?).ok()?;
        r.skip(token_len)?;
    }
    let len = usize::try_from(varint(&mut r)?).ok()?;
    let pn_offset = r.used();
    Some(LongHeader {
        version,
        dcid,
        scid,
        initial,
        pn_offset,
        // Cut by the capture: keep what there is; decryption will fail cleanly.
        packet_len: pn_offset.checked_add(len)?.min(d.len()),
    })
}

/// The CRYPTO frames of decrypted Initial frames: (offset, data). Stops at an unknown frame.
pub fn crypto_frames(frames: &[u8]) -> Vec<(u64, &[u8])> {
    let mut out = vec![];
    let mut r = Reader::init(frames);
    while r.any_left() {
        let Some(ty) = varint(&mut r) else {
            break;
        };
        match ty {
            0x00 | 0x01 => {} // PADDING, PING
            0x02 | 0x03 => {
                if skip_ack(&mut r, ty == 0x03).is_none() {
                    break;
                }
            }
            0x06 => {
                let Some(frame) = crypto_frame_body(&mut r) else {
                    break;
                };
                out.push(frame);
            }
            _ => break,
        }
    }
    out
}

/// Moves past an ACK frame's body (with its ECN counts for type 0x03).
fn skip_ack(r: &mut Reader<'_>, ecn: bool) -> Option<()> {
    varint(r)?; // largest acknowledged
    varint(r)?; // delay
    let ranges = varint(r)?;
    varint(r)?; // first range
    for _ in 0..ranges.min(1024) {
        varint(r)?; // gap
        varint(r)?; // range length
    }
    if ecn {
        for _ in 0..3 {
            varint(r)?;
        }
    }
    Some(())
}

/// A CRYPTO frame's body: (offset, data).
fn crypto_frame_body<'a>(r: &mut Reader<'a>) -> Option<(u64, &'a [u8])> {
    let offset = varint(r)?;
    let len = usize::try_from(varint(r)?).ok()?;
    Some((offset, r.take(len)?))
}

/// A CRYPTO frame carrying `data` at `offset` (for the test writer).
pub fn crypto_frame(offset: u64, data: &[u8]) -> Vec<u8> {
    let mut f = vec![0x06];
    put_varint(&mut f, offset);
    put_varint(&mut f, data.len() as u64);
    f.extend_from_slice(data);
    f
}
