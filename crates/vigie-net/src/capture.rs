//! Streaming capture reader: pcap (micro- and nanosecond, both byte orders), pcapng (several
//! interfaces, any timestamp resolution) and either one gzip-compressed.
//!
//! Memory stays bounded by the largest packet record, whatever the capture size: each record
//! is read into one reused buffer, and records claiming more than [`MAX_RECORD`] bytes are
//! rejected as damage.

use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use vigie_core::Timestamp;

/// Largest packet record or pcapng block accepted (a 256 KiB snapshot length is the usual maximum).
pub const MAX_RECORD: usize = 4 * 1024 * 1024;

/// A link-layer type (pcap LINKTYPE_* value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkType(pub u32);

impl LinkType {
    /// BSD loopback (host-order address family).
    pub const NULL: LinkType = LinkType(0);
    /// Ethernet.
    pub const ETHERNET: LinkType = LinkType(1);
    /// PPP.
    pub const PPP: LinkType = LinkType(9);
    /// Raw IP (v4 or v6 by version nibble).
    pub const RAW: LinkType = LinkType(101);
    /// 802.11 without radio header.
    pub const IEEE802_11: LinkType = LinkType(105);
    /// OpenBSD loopback (network-order address family).
    pub const LOOP: LinkType = LinkType(108);
    /// Linux cooked capture v1.
    pub const LINUX_SLL: LinkType = LinkType(113);
    /// 802.11 with a radiotap header.
    pub const RADIOTAP: LinkType = LinkType(127);
    /// Raw IPv4.
    pub const IPV4: LinkType = LinkType(228);
    /// Raw IPv6.
    pub const IPV6: LinkType = LinkType(229);
    /// Linux cooked capture v2.
    pub const LINUX_SLL2: LinkType = LinkType(276);
}

/// One packet record, borrowed from the reader's buffer.
#[derive(Debug)]
pub struct Packet<'a> {
    /// 1-based packet number in the file (as tshark and Wireshark number them).
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Link-layer type of the packet's interface.
    pub link: LinkType,
    /// Captured bytes.
    pub data: &'a [u8],
    /// Length of the packet on the wire (may exceed `data.len()` when the snapshot was cut).
    pub orig_len: u32,
}

/// Why a capture could not be read (further).
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// Reading the file failed.
    #[error("read error: {0}")]
    Io(#[from] io::Error),
    /// The file is not a pcap or pcapng capture (nor a gzip of one).
    #[error("not a pcap or pcapng capture (first bytes {0})")]
    NotACapture(String),
    /// The file ends in the middle of a record.
    #[error("the capture ends in the middle of packet {frame} (file cut short)")]
    Truncated {
        /// Number the incomplete packet would have had.
        frame: u64,
    },
    /// A record is damaged beyond recovery.
    #[error("damaged record after packet {frame}: {detail}")]
    Malformed {
        /// Last packet read correctly.
        frame: u64,
        /// What is wrong.
        detail: String,
    },
}

impl vigie_core::Localized for CaptureError {
    /// The error as a translatable message (key in the network check's translation files).
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            CaptureError::Io(e) => Message::new("capture-error-io").arg("detail", e.to_string()),
            CaptureError::NotACapture(first) => {
                Message::new("capture-error-not-a-capture").arg("detail", first)
            }
            CaptureError::Truncated { frame } => {
                Message::new("capture-error-truncated").arg("frame", frame.to_string())
            }
            CaptureError::Malformed { frame, detail } => Message::new("capture-error-malformed")
                .arg("frame", frame.to_string())
                .arg("detail", detail),
        }
    }
}

/// A reader that counts the bytes taken from the file (for progress bars).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[derive(Clone, Copy, Debug)]
struct Interface {
    link: LinkType,
    /// Timestamp units per second.
    units_per_sec: u64,
    /// Seconds added to every timestamp (if_tsoffset).
    offset_secs: i64,
}

enum Format {
    Pcap {
        big_endian: bool,
        nanos: bool,
        link: LinkType,
    },
    PcapNg {
        big_endian: bool,
        interfaces: Vec<Interface>,
    },
}

/// Reads packets one at a time from a pcap or pcapng stream.
pub struct CaptureReader {
    input: Box<dyn BufRead + Send>,
    format: Format,
    /// Records that straddle a refill of the read buffer are gathered here.
    buf: Vec<u8>,
    /// Bytes of the read buffer handed out by the last record, consumed at the next read.
    pending: usize,
    frame: u64,
    consumed: Arc<AtomicU64>,
}

/// Where the bytes of the last read are.
#[derive(Clone, Copy, Debug)]
enum Loc {
    /// In the read buffer (zero copy).
    Input(usize),
    /// Gathered into `buf`.
    Copied(usize),
}

/// Size of the read buffer.
const BUFFER: usize = 1024 * 1024;

impl std::fmt::Debug for CaptureReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaptureReader")
            .field("frame", &self.frame)
            .finish()
    }
}

fn u16_at(b: &[u8], at: usize, be: bool) -> u16 {
    let x = [
        b.get(at).copied().unwrap_or(0),
        b.get(at + 1).copied().unwrap_or(0),
    ];
    if be {
        u16::from_be_bytes(x)
    } else {
        u16::from_le_bytes(x)
    }
}

fn u32_at(b: &[u8], at: usize, be: bool) -> u32 {
    let mut x = [0u8; 4];
    for (i, v) in x.iter_mut().enumerate() {
        *v = b.get(at + i).copied().unwrap_or(0);
    }
    if be {
        u32::from_be_bytes(x)
    } else {
        u32::from_le_bytes(x)
    }
}

/// Reads exactly `buf.len()` bytes; `Ok(false)` at a clean end of input before any byte.
fn read_full(r: &mut dyn BufRead, buf: &mut [u8]) -> io::Result<bool> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) if got == 0 => return Ok(false),
            Ok(0) => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "short read")),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

impl CaptureReader {
    /// Opens a capture file (gzip-compressed or not).
    pub fn open(path: &Path) -> Result<Self, CaptureError> {
        let f = File::open(path)?;
        Self::from_reader(f)
    }

    /// Reads a capture from any byte stream (gzip-compressed or not).
    pub fn from_reader<R: Read + Send + 'static>(r: R) -> Result<Self, CaptureError> {
        let consumed = Arc::new(AtomicU64::new(0));
        let mut raw = BufReader::with_capacity(
            BUFFER,
            Counting {
                inner: r,
                count: consumed.clone(),
            },
        );
        let head = raw.fill_buf()?;
        let mut input: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(BUFFER, MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        let mut magic = [0u8; 4];
        if !read_full(&mut *input, &mut magic)
            .map_err(|_| CaptureError::NotACapture("(empty)".into()))?
        {
            return Err(CaptureError::NotACapture("(empty file)".into()));
        }
        let format = match magic {
            [0xd4, 0xc3, 0xb2, 0xa1]
            | [0x4d, 0x3c, 0xb2, 0xa1]
            | [0xa1, 0xb2, 0xc3, 0xd4]
            | [0xa1, 0xb2, 0x3c, 0x4d] => {
                let big_endian = magic[0] == 0xa1;
                let nanos = magic == [0x4d, 0x3c, 0xb2, 0xa1] || magic == [0xa1, 0xb2, 0x3c, 0x4d];
                let mut rest = [0u8; 20];
                if !read_full(&mut *input, &mut rest).unwrap_or(false) {
                    return Err(CaptureError::NotACapture("pcap header cut short".into()));
                }
                // The link type's upper bits may carry FCS information: keep the low 16.
                let link = LinkType(u32_at(&rest, 16, big_endian) & 0xffff);
                Format::Pcap {
                    big_endian,
                    nanos,
                    link,
                }
            }
            [0x0a, 0x0d, 0x0d, 0x0a] => Format::PcapNg {
                big_endian: false,
                interfaces: vec![],
            },
            other => {
                return Err(CaptureError::NotACapture(format!(
                    "{:02x} {:02x} {:02x} {:02x}",
                    other[0], other[1], other[2], other[3]
                )))
            }
        };
        let mut reader = CaptureReader {
            input,
            format,
            buf: Vec::with_capacity(65536),
            pending: 0,
            frame: 0,
            consumed,
        };
        if let Format::PcapNg { .. } = reader.format {
            // The section header's remaining bytes: length, byte-order magic, ...
            let mut hdr = [0u8; 8];
            if !read_full(&mut *reader.input, &mut hdr).unwrap_or(false) {
                return Err(CaptureError::NotACapture(
                    "pcapng section header cut short".into(),
                ));
            }
            let big_endian = match [hdr[4], hdr[5], hdr[6], hdr[7]] {
                [0x1a, 0x2b, 0x3c, 0x4d] => true,
                [0x4d, 0x3c, 0x2b, 0x1a] => false,
                _ => {
                    return Err(CaptureError::NotACapture(
                        "pcapng byte-order magic missing".into(),
                    ))
                }
            };
            let total = u32_at(&hdr, 0, big_endian) as usize;
            if !(28..=MAX_RECORD).contains(&total) || total % 4 != 0 {
                return Err(CaptureError::Malformed {
                    frame: 0,
                    detail: format!("section header length {total}"),
                });
            }
            reader.take(total - 12)?;
            reader.format = Format::PcapNg {
                big_endian,
                interfaces: vec![],
            };
        }
        Ok(reader)
    }

    /// A shared counter of the bytes read from the underlying file (compressed bytes for gzip).
    pub fn progress_counter(&self) -> Arc<AtomicU64> {
        self.consumed.clone()
    }

    /// Packets returned so far.
    pub fn frames_read(&self) -> u64 {
        self.frame
    }

    /// Makes the next `n` bytes of input available: left in the read buffer when it holds
    /// them (no copy), else gathered into `buf`. `Ok(None)` at a clean end of input; input
    /// ending part-way is `Truncated`. Read them with [`Self::bytes`].
    fn take(&mut self, n: usize) -> Result<Option<Loc>, CaptureError> {
        if self.pending > 0 {
            self.input.consume(self.pending);
            self.pending = 0;
        }
        let avail = self.input.fill_buf()?.len();
        if avail >= n {
            self.pending = n;
            return Ok(Some(Loc::Input(n)));
        }
        if avail == 0 {
            return Ok(None);
        }
        self.buf.clear();
        while self.buf.len() < n {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                return Err(CaptureError::Truncated {
                    frame: self.frame + 1,
                });
            }
            let k = chunk.len().min(n - self.buf.len());
            self.buf.extend_from_slice(&chunk[..k]);
            self.input.consume(k);
        }
        Ok(Some(Loc::Copied(n)))
    }

    /// Like [`Self::take`], inside a record: the end of input there is a truncation.
    fn take_more(&mut self, n: usize) -> Result<Loc, CaptureError> {
        self.take(n)?.ok_or(CaptureError::Truncated {
            frame: self.frame + 1,
        })
    }

    /// The bytes made available by the last [`Self::take`].
    fn bytes(&mut self, loc: Loc) -> &[u8] {
        match loc {
            // The read buffer still holds them: fill_buf returns it without reading.
            Loc::Input(n) => self
                .input
                .fill_buf()
                .ok()
                .and_then(|b| b.get(..n))
                .unwrap_or_default(),
            Loc::Copied(n) => &self.buf[..n],
        }
    }

    /// The next packet, or `None` at the end of the capture.
    pub fn next_packet(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        match self.format {
            Format::Pcap {
                big_endian,
                nanos,
                link,
            } => self.next_pcap(big_endian, nanos, link),
            Format::PcapNg { .. } => self.next_pcapng(),
        }
    }

    fn next_pcap(
        &mut self,
        be: bool,
        nanos: bool,
        link: LinkType,
    ) -> Result<Option<Packet<'_>>, CaptureError> {
        let Some(loc) = self.take(16)? else {
            return Ok(None);
        };
        let mut hdr = [0u8; 16];
        hdr.copy_from_slice(self.bytes(loc));
        let secs = i64::from(u32_at(&hdr, 0, be));
        let frac = u32_at(&hdr, 4, be);
        let incl = u32_at(&hdr, 8, be) as usize;
        let orig_len = u32_at(&hdr, 12, be);
        if incl > MAX_RECORD {
            return Err(CaptureError::Malformed {
                frame: self.frame,
                detail: format!("packet record of {incl} bytes (limit {MAX_RECORD})"),
            });
        }
        let nanos_part = if nanos {
            frac.min(999_999_999)
        } else {
            frac.min(999_999).saturating_mul(1000)
        };
        let loc = self.take_more(incl)?;
        self.frame += 1;
        let frame = self.frame;
        let data = self.bytes(loc);
        Ok(Some(Packet {
            frame,
            ts: Timestamp::from_secs_nanos(secs, nanos_part),
            link,
            data,
            orig_len,
        }))
    }

    fn next_pcapng(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        loop {
            let Format::PcapNg { big_endian: be, .. } = self.format else {
                return Ok(None);
            };
            let Some(loc) = self.take(8)? else {
                return Ok(None);
            };
            let mut hdr = [0u8; 8];
            hdr.copy_from_slice(self.bytes(loc));
            if hdr[..4] == [0x0a, 0x0d, 0x0d, 0x0a] {
                // New section: its byte order may differ.
                let loc = self.take_more(4)?;
                let big_endian = self.bytes(loc) == [0x1a, 0x2b, 0x3c, 0x4d];
                let total = u32_at(&hdr, 4, big_endian) as usize;
                if !(28..=MAX_RECORD).contains(&total) {
                    return Err(CaptureError::Malformed {
                        frame: self.frame,
                        detail: format!("section header length {total}"),
                    });
                }
                self.take_more(total - 12)?;
                self.format = Format::PcapNg {
                    big_endian,
                    interfaces: vec![],
                };
                continue;
            }
            let block_type = u32_at(&hdr, 0, be);
            let total = u32_at(&hdr, 4, be) as usize;
            if !(12..=MAX_RECORD).contains(&total) {
                return Err(CaptureError::Malformed {
                    frame: self.frame,
                    detail: format!("block of {total} bytes"),
                });
            }
            let body_len = total - 12;
            let loc = self.take_more(total - 8)?;
            match block_type {
                1 => {
                    let body = self.bytes(loc)[..body_len].to_vec();
                    self.add_interface(&body, be);
                }
                6 | 2 => {
                    // Enhanced (6) or obsolete (2) packet block.
                    if body_len < 20 {
                        continue;
                    }
                    let Format::PcapNg { interfaces, .. } = &self.format else {
                        continue;
                    };
                    let interfaces = interfaces.clone();
                    self.frame += 1;
                    let frame = self.frame;
                    let b = &self.bytes(loc)[..body_len];
                    let iface = if block_type == 6 {
                        u32_at(b, 0, be) as usize
                    } else {
                        usize::from(u16_at(b, 0, be))
                    };
                    let ts_raw = (u64::from(u32_at(b, 4, be)) << 32) | u64::from(u32_at(b, 8, be));
                    let cap = (u32_at(b, 12, be) as usize).min(b.len() - 20);
                    let orig_len = u32_at(b, 16, be);
                    let itf = interfaces.get(iface).copied().unwrap_or(Interface {
                        link: LinkType::ETHERNET,
                        units_per_sec: 1_000_000,
                        offset_secs: 0,
                    });
                    return Ok(Some(Packet {
                        frame,
                        ts: convert_ts(ts_raw, itf),
                        link: itf.link,
                        data: &b[20..20 + cap],
                        orig_len,
                    }));
                }
                3 => {
                    // Simple packet block: interface 0, no timestamp.
                    if body_len < 4 {
                        continue;
                    }
                    let Format::PcapNg { interfaces, .. } = &self.format else {
                        continue;
                    };
                    let link = interfaces.first().map_or(LinkType::ETHERNET, |i| i.link);
                    self.frame += 1;
                    let frame = self.frame;
                    let b = &self.bytes(loc)[..body_len];
                    let orig_len = u32_at(b, 0, be);
                    let cap = (orig_len as usize).min(b.len() - 4);
                    return Ok(Some(Packet {
                        frame,
                        ts: Timestamp(0),
                        link,
                        data: &b[4..4 + cap],
                        orig_len,
                    }));
                }
                _ => continue, // name resolution, statistics, custom blocks...
            }
        }
    }

    fn add_interface(&mut self, b: &[u8], be: bool) {
        let link = LinkType(u32::from(u16_at(b, 0, be)));
        let mut itf = Interface {
            link,
            units_per_sec: 1_000_000,
            offset_secs: 0,
        };
        // Options: code(2) len(2) value padded to 4.
        let mut at = 8;
        while at + 4 <= b.len() {
            let code = u16_at(b, at, be);
            let len = usize::from(u16_at(b, at + 2, be));
            let val = b.get(at + 4..at + 4 + len).unwrap_or_default();
            match code {
                0 => break,
                9 if len >= 1 => {
                    let v = val[0];
                    let exp = u32::from(v & 0x7f);
                    itf.units_per_sec = if v & 0x80 == 0 {
                        10u64.checked_pow(exp).unwrap_or(1_000_000)
                    } else {
                        1u64.checked_shl(exp).unwrap_or(1_000_000)
                    }
                    .max(1);
                }
                14 if len >= 8 => {
                    let hi = u64::from(u32_at(val, 0, be));
                    let lo = u64::from(u32_at(val, 4, be));
                    itf.offset_secs = i64::try_from((hi << 32) | lo).unwrap_or(0);
                }
                _ => {}
            }
            at += 4 + len.div_ceil(4) * 4;
        }
        if let Format::PcapNg { interfaces, .. } = &mut self.format {
            if interfaces.len() < 4096 {
                interfaces.push(itf);
            }
        }
    }
}

fn convert_ts(raw: u64, itf: Interface) -> Timestamp {
    let units = u128::from(itf.units_per_sec);
    let secs = u128::from(raw) / units;
    let rem = u128::from(raw) % units;
    let nanos = (rem * 1_000_000_000 / units) as u32;
    Timestamp::from_secs_nanos(
        i64::try_from(secs)
            .unwrap_or(i64::MAX)
            .saturating_add(itf.offset_secs),
        nanos,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::PcapWriter;

    #[test]
    fn round_trips_own_writer_and_gzip() {
        let mut w = PcapWriter::new(Vec::new(), LinkType::RAW).expect("header");
        w.write(Timestamp::from_secs_nanos(10, 5000), &[0x45, 0, 0, 20])
            .expect("write");
        w.write(Timestamp::from_secs_nanos(11, 0), &[1, 2, 3])
            .expect("write");
        let bytes = w.into_inner();
        let mut r = CaptureReader::from_reader(std::io::Cursor::new(bytes.clone())).expect("open");
        let p = r.next_packet().expect("ok").expect("packet");
        assert_eq!(
            (p.frame, p.ts, p.link, p.data.len()),
            (1, Timestamp::from_secs_nanos(10, 5000), LinkType::RAW, 4)
        );
        assert_eq!(
            r.next_packet().expect("ok").expect("packet").data,
            &[1, 2, 3]
        );
        assert!(r.next_packet().expect("ok").is_none());

        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &bytes).expect("gz");
        let mut r = CaptureReader::from_reader(std::io::Cursor::new(gz.finish().expect("gz")))
            .expect("open");
        assert_eq!(r.next_packet().expect("ok").expect("packet").frame, 1);

        // Cut in the middle of the second record.
        let mut r =
            CaptureReader::from_reader(std::io::Cursor::new(bytes[..bytes.len() - 1].to_vec()))
                .expect("open");
        assert!(r.next_packet().expect("ok").is_some());
        assert!(matches!(
            r.next_packet(),
            Err(CaptureError::Truncated { frame: 2 })
        ));
    }

    #[test]
    fn rejects_non_captures_and_huge_records() {
        assert!(matches!(
            CaptureReader::from_reader(std::io::Cursor::new(b"hello world".to_vec())),
            Err(CaptureError::NotACapture(_))
        ));
        assert!(CaptureReader::from_reader(std::io::Cursor::new(Vec::new())).is_err());
        let mut bytes = PcapWriter::new(Vec::new(), LinkType::RAW)
            .expect("header")
            .into_inner();
        bytes.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]);
        let mut r = CaptureReader::from_reader(std::io::Cursor::new(bytes)).expect("open");
        assert!(matches!(
            r.next_packet(),
            Err(CaptureError::Malformed { .. })
        ));
    }
}
