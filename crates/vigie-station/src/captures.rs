//! The network check of capture files or streams, as the command line and the app run it:
//! each capture read once, observations to the rules (and, for a stored check, the values
//! kept for retro-checks), then one [`NetworkResult`].

use crate::check::NetworkResult;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::Ordering;
use vigie_core::Message;
use vigie_indicators::IndicatorSet;
use vigie_net::{CaptureError, CaptureReader, NetScan, Observation, Observed};

/// Most observed values kept per check for retro-checks.
const MAX_OBSERVED: usize = 100_000;

/// The values of an observation worth re-checking when feeds change: (kind, value).
pub(crate) fn observed_keys(o: &Observation, out: &mut BTreeSet<(String, String)>) {
    if out.len() >= MAX_OBSERVED {
        return;
    }
    let mut add = |k: &str, v: &str| {
        out.insert((k.to_owned(), v.to_ascii_lowercase()));
    };
    match &o.what {
        Observed::DnsQuery { name, .. }
        | Observed::TlsSni { name, .. }
        | Observed::QuicSni { name, .. }
        | Observed::HttpHost { name, .. } => add("domain", name),
        Observed::DnsAnswer {
            answer: Some(a), ..
        } if a.parse::<std::net::IpAddr>().is_ok() => add("ip", a),
        Observed::TlsCert { cert, .. } => {
            add("x509_sha1", &cert.sha1);
            add("x509_sha256", &cert.sha256);
        }
        Observed::Flow { flow, .. } if vigie_net::is_public(flow.server.ip) => {
            add("ip", &flow.server.ip.to_string())
        }
        _ => {}
    }
}

/// SHA-256 of a file, read in pieces.
pub fn file_sha256(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Some(hex::encode(h.finalize()))
}

/// A network check over one or more captures.
pub struct CaptureCheck<'a> {
    scan: NetScan<'a>,
    observed: Option<BTreeSet<(String, String)>>,
    unreadable: Vec<(String, Message)>,
}

impl<'a> CaptureCheck<'a> {
    /// A check against `iocs`; with `retro`, the values later feeds are matched against are
    /// kept (a check that will be stored).
    pub fn new(iocs: &'a IndicatorSet, retro: bool) -> Self {
        CaptureCheck {
            scan: NetScan::new(iocs),
            observed: retro.then(BTreeSet::new),
            unreadable: vec![],
        }
    }

    /// Reads the capture in `reader` (pcap or pcapng, maybe gzip-compressed), named `name`;
    /// `progress` is told, now and then, how many bytes were read. Damage part-way is not an
    /// error: what was read counts, and the capture's summary says why it stopped.
    pub fn read(&mut self, name: &str, reader: CaptureReader, progress: &mut dyn FnMut(u64)) {
        let counter = reader.progress_counter();
        let mut seen = 0u64;
        let observed = &mut self.observed;
        let mut tick = |o: &Observation| {
            if let Some(kept) = observed.as_mut() {
                observed_keys(o, kept);
            }
            seen += 1;
            if seen % 256 == 0 {
                progress(counter.load(Ordering::Relaxed));
            }
        };
        self.scan.scan_reader(name, reader, &mut tick);
    }

    /// Reads the capture file at `path`; one that cannot be opened is an error.
    pub fn read_file(
        &mut self,
        path: &Path,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), CaptureError> {
        let reader = CaptureReader::open(path)?;
        self.read(&path.display().to_string(), reader, progress);
        Ok(())
    }

    /// Reads a capture arriving as a stream (an upload); one that is not a capture is noted
    /// in [`CaptureCheck::unreadable`] and the check goes on.
    pub fn read_stream(&mut self, name: &str, stream: impl Read + Send + 'static) {
        match CaptureReader::from_reader(stream) {
            Ok(r) => self.read(name, r, &mut |_| {}),
            Err(e) => self
                .unreadable
                .push((name.to_owned(), vigie_core::Localized::message(&e))),
        }
    }

    /// Streams that were not captures, with why.
    pub fn unreadable(&self) -> &[(String, Message)] {
        &self.unreadable
    }

    /// The result; `sources` are what was read, with SHA-256 where known.
    pub fn finish(self, sources: Vec<(String, Option<String>)>) -> NetworkResult {
        NetworkResult {
            live: false,
            verdict: self.scan.verdict(),
            captures: self.scan.captures().to_vec(),
            stats: self.scan.stats().clone(),
            devices: crate::makers::with_makers(self.scan.devices()),
            observed: self.observed.unwrap_or_default(),
            sources,
        }
    }
}
