//! A classic pcap writer.

use crate::capture::LinkType;
use std::io::{self, Write};
use vigie_core::Timestamp;

/// Writes a classic pcap file (microsecond timestamps, little-endian).
#[derive(Debug)]
pub struct PcapWriter<W: Write> {
    out: W,
}

impl<W: Write> PcapWriter<W> {
    /// Writes the file header for `link` and returns the writer.
    pub fn new(mut out: W, link: LinkType) -> io::Result<Self> {
        out.write_all(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0])?;
        out.write_all(&[0; 8])?;
        out.write_all(&262_144u32.to_le_bytes())?;
        out.write_all(&link.0.to_le_bytes())?;
        Ok(PcapWriter { out })
    }

    /// A writer continuing a stream whose header was already written elsewhere.
    pub fn continuing(out: W) -> Self {
        PcapWriter { out }
    }

    /// Appends one packet.
    pub fn write(&mut self, ts: Timestamp, data: &[u8]) -> io::Result<()> {
        let secs = ts.0.div_euclid(1_000_000_000);
        let micros = ts.0.rem_euclid(1_000_000_000) / 1000;
        let len = u32::try_from(data.len()).map_err(|_| io::Error::other("packet too large"))?;
        self.out
            .write_all(&u32::try_from(secs).unwrap_or(0).to_le_bytes())?;
        self.out
            .write_all(&u32::try_from(micros).unwrap_or(0).to_le_bytes())?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(data)
    }

    /// The underlying writer, to hand over what was written so far.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}
