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

mod packet;
mod pcapng;

pub use packet::{LinkType, Packet};

use crate::reader::{Endian, Reader};
use pcapng::{Interface, PacketBlock};

/// Largest packet record or pcapng block accepted (a 256 KiB snapshot length is the usual maximum).
pub(crate) const MAX_RECORD: usize = 4 * 1024 * 1024;

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

/// The capture's format, and what its headers said so far.
enum Format {
    /// Classic pcap: one byte order, timestamp resolution and link type for the whole file.
    Pcap {
        order: Endian,
        nanos: bool,
        link: LinkType,
    },
    /// pcapng: the current section's byte order and interfaces.
    PcapNg {
        order: Endian,
        interfaces: Vec<Interface>,
    },
}

impl Format {
    /// A pcapng section in byte order `order`, with no interface described yet.
    fn pcapng(order: Endian) -> Self {
        Format::PcapNg {
            order,
            interfaces: vec![],
        }
    }
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

/// Reads a capture's magic number (and a pcap file's header): its format.
fn read_format(input: &mut dyn BufRead) -> Result<Format, CaptureError> {
    let mut magic = [0u8; 4];
    if !read_full(input, &mut magic).map_err(|_| CaptureError::NotACapture("(empty)".into()))? {
        return Err(CaptureError::NotACapture("(empty file)".into()));
    }
    match magic {
        [0xd4, 0xc3, 0xb2, 0xa1]
        | [0x4d, 0x3c, 0xb2, 0xa1]
        | [0xa1, 0xb2, 0xc3, 0xd4]
        | [0xa1, 0xb2, 0x3c, 0x4d] => {
            let order = if magic[0] == 0xa1 {
                Endian::Big
            } else {
                Endian::Little
            };
            let nanos = magic == [0x4d, 0x3c, 0xb2, 0xa1] || magic == [0xa1, 0xb2, 0x3c, 0x4d];
            let mut rest = [0u8; 20];
            if !read_full(input, &mut rest).unwrap_or(false) {
                return Err(CaptureError::NotACapture("pcap header cut short".into()));
            }
            // Versions, time zone, accuracy and snapshot length, then the link type, whose
            // upper bits may carry FCS information: keep the low 16.
            let mut r = Reader::init(&rest);
            let link = r.skip(16).and_then(|()| r.u32_in(order));
            let link = LinkType(link.unwrap_or_default() & 0xffff);
            Ok(Format::Pcap { order, nanos, link })
        }
        pcapng::SECTION_MAGIC => Ok(Format::pcapng(Endian::Little)),
        [a, b, c, d] => Err(CaptureError::NotACapture(format!(
            "{a:02x} {b:02x} {c:02x} {d:02x}"
        ))),
    }
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
        let format = read_format(&mut *input)?;
        let mut reader = CaptureReader {
            input,
            format,
            buf: Vec::with_capacity(65536),
            pending: 0,
            frame: 0,
            consumed,
        };
        if let Format::PcapNg { .. } = reader.format {
            reader.first_section()?;
        }
        Ok(reader)
    }

    /// Reads the rest of a pcapng file's first section header: its length, its byte order
    /// and what the reader passes over.
    fn first_section(&mut self) -> Result<(), CaptureError> {
        let mut hdr = [0u8; 8];
        if !read_full(&mut *self.input, &mut hdr).unwrap_or(false) {
            return Err(CaptureError::NotACapture(
                "pcapng section header cut short".into(),
            ));
        }
        let (length, magic) = hdr.split_at(4);
        let Some(order) = pcapng::section_order(magic) else {
            return Err(CaptureError::NotACapture(
                "pcapng byte-order magic missing".into(),
            ));
        };
        let total = Reader::init(length).u32_in(order).unwrap_or_default() as usize;
        if !(28..=MAX_RECORD).contains(&total) || total % 4 != 0 {
            return Err(self.bad_section(total));
        }
        self.take(total - 12)?;
        self.format = Format::pcapng(order);
        Ok(())
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
                return Err(self.truncated());
            }
            let k = chunk.len().min(n - self.buf.len());
            self.buf.extend_from_slice(&chunk[..k]);
            self.input.consume(k);
        }
        Ok(Some(Loc::Copied(n)))
    }

    /// Like [`Self::take`], inside a record: the end of input there is a truncation.
    fn take_more(&mut self, n: usize) -> Result<Loc, CaptureError> {
        self.take(n)?.ok_or_else(|| self.truncated())
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
            Format::Pcap { order, nanos, link } => self.next_pcap(order, nanos, link),
            Format::PcapNg { .. } => self.next_pcapng(),
        }
    }

    fn next_pcap(
        &mut self,
        order: Endian,
        nanos: bool,
        link: LinkType,
    ) -> Result<Option<Packet<'_>>, CaptureError> {
        let Some(loc) = self.take(16)? else {
            return Ok(None);
        };
        let Some(hdr) = self.bytes(loc).first_chunk::<16>() else {
            return Err(self.truncated());
        };
        let mut hdr = Reader::init(hdr);
        let (Some(secs), Some(frac), Some(incl), Some(orig_len)) = (
            hdr.u32_in(order),
            hdr.u32_in(order),
            hdr.u32_in(order),
            hdr.u32_in(order),
        ) else {
            return Err(self.truncated());
        };
        let incl = incl as usize;
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
            ts: Timestamp::from_secs_nanos(i64::from(secs), nanos_part),
            link,
            data,
            orig_len,
        }))
    }

    /// The error of a section header claiming `total` bytes.
    fn bad_section(&self, total: usize) -> CaptureError {
        CaptureError::Malformed {
            frame: self.frame,
            detail: format!("section header length {total}"),
        }
    }

    /// The error of input ending inside the next record.
    fn truncated(&self) -> CaptureError {
        CaptureError::Truncated {
            frame: self.frame + 1,
        }
    }

    fn next_pcapng(&mut self) -> Result<Option<Packet<'_>>, CaptureError> {
        loop {
            let Format::PcapNg { order, .. } = self.format else {
                return Ok(None);
            };
            let Some(loc) = self.take(8)? else {
                return Ok(None);
            };
            let Some(&hdr) = self.bytes(loc).first_chunk::<8>() else {
                return Err(self.truncated());
            };
            let (head, length) = hdr.split_at(4);
            if head == pcapng::SECTION_MAGIC {
                self.next_section(length)?;
                continue;
            }
            let block_type = Reader::init(head).u32_in(order).unwrap_or_default();
            let total = Reader::init(length).u32_in(order).unwrap_or_default() as usize;
            if !(12..=MAX_RECORD).contains(&total) {
                return Err(CaptureError::Malformed {
                    frame: self.frame,
                    detail: format!("block of {total} bytes"),
                });
            }
            let body_len = total - 12;
            let loc = self.take_more(total - 8)?;
            if block_type == 1 {
                let itf = Interface::read(self.block_body(loc, body_len), order);
                if let Format::PcapNg { interfaces, .. } = &mut self.format {
                    pcapng::describe(interfaces, itf);
                }
                continue;
            }
            // Name resolution, statistics, custom blocks... are passed over.
            let Some(block) = PacketBlock::read(block_type, self.block_body(loc, body_len), order)
            else {
                continue;
            };
            let Format::PcapNg { interfaces, .. } = &self.format else {
                continue;
            };
            let itf = interfaces.get(block.interface).copied().unwrap_or_default();
            self.frame += 1;
            let frame = self.frame;
            let data = self.block_body(loc, body_len).get(block.data);
            return Ok(Some(Packet {
                frame,
                ts: block.raw_time.map_or(Timestamp(0), |raw| itf.time(raw)),
                link: itf.link,
                data: data.unwrap_or_default(),
                orig_len: block.orig_len,
            }));
        }
    }

    /// A new section, whose header starts with `length` (in its byte order, which may differ
    /// from the previous section's).
    fn next_section(&mut self, length: &[u8]) -> Result<(), CaptureError> {
        let loc = self.take_more(4)?;
        let order = pcapng::section_order(self.bytes(loc)).unwrap_or(Endian::Little);
        let total = Reader::init(length).u32_in(order).unwrap_or_default() as usize;
        if !(28..=MAX_RECORD).contains(&total) {
            return Err(self.bad_section(total));
        }
        self.take_more(total - 12)?;
        self.format = Format::pcapng(order);
        Ok(())
    }

    /// The first `len` bytes made available by the last [`Self::take`] (a block's body,
    /// without its trailing length).
    fn block_body(&mut self, loc: Loc, len: usize) -> &[u8] {
        let bytes = self.bytes(loc);
        bytes.get(..len).unwrap_or(bytes)
    }
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

    #[test]
    fn an_interface_option_cut_short_is_passed_over() {
        // A section header, then an interface description whose last option (if_tsresol)
        // announces a value the block does not hold.
        let mut bytes = vec![
            0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
        ];
        bytes.extend_from_slice(&[0xff; 8]);
        bytes.extend_from_slice(&[28, 0, 0, 0]);
        bytes.extend_from_slice(&[1, 0, 0, 0, 24, 0, 0, 0, 1, 0, 0, 0, 0, 0, 4, 0]);
        bytes.extend_from_slice(&[9, 0, 1, 0, 24, 0, 0, 0]);
        let mut r = CaptureReader::from_reader(std::io::Cursor::new(bytes)).expect("open");
        assert!(matches!(r.next_packet(), Ok(None)));
    }
}
