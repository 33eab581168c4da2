//! A live network check: packets from an interface go through the same engine as a capture
//! file, findings and contacted services are visible while traffic flows, the traffic is
//! written (pcap) to a sink (the case file), and the check stops on request, after its
//! duration, or cleanly when the interface goes away or the sink fails (a full disk).

use crate::check::NetworkResult;
use crate::target::CaseTarget;
use std::collections::BTreeSet;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use vigie_case::CaseError;
use vigie_core::Localized;
use vigie_core::{Finding, Message, Timestamp, Verdict};
use vigie_indicators::IndicatorSet;
use vigie_live::LiveCapture;
use vigie_net::write::PcapWriter;
use vigie_net::{JoinedDevice, ObserverStats};
use vigie_net::{LinkType, NetScan, Observation, Observed};

/// How often the visible state is refreshed.
const REFRESH: Duration = Duration::from_millis(300);
/// Most services listed while a check runs.
const MAX_SERVICES: usize = 2_000;
/// Raw traffic is handed to the sink in pieces of about this size (and at each refresh).
const SINK_PIECE: usize = 256 * 1024;

/// Where the captured traffic (a pcap stream) goes; an error stops the check cleanly.
pub type TrafficSink = Box<dyn FnMut(&[u8]) -> io::Result<()> + Send>;

/// A service the device contacted (a name seen in DNS, TLS, QUIC or HTTP).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Service {
    /// The name.
    pub name: String,
    /// How it was seen first (`dns`, `tls`, `quic`, `http`).
    pub via: &'static str,
    /// When it was first seen (UTC).
    pub first_seen: String,
    /// How many times.
    pub count: u64,
}

/// What a running check shows.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LiveSnapshot {
    /// The interface.
    pub interface: String,
    /// When the check started (UTC).
    pub started: String,
    /// Seconds since the start.
    pub elapsed_secs: u64,
    /// Packets read.
    pub packets: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Contacted services, in the order first seen.
    pub services: Vec<Service>,
    /// The devices seen joining the hotspot (the phone being checked, usually).
    pub devices: Vec<JoinedDevice>,
    /// Findings so far.
    #[serde(skip)]
    pub findings: Vec<Finding>,
    /// Why the check stopped by itself, if it did.
    #[serde(skip)]
    pub stopped: Option<Message>,
    /// The check is over.
    pub finished: bool,
}

impl LiveSnapshot {
    /// What the check has seen so far, for the live page.
    fn progress(
        &mut self,
        clock: Instant,
        capture: &LiveCapture,
        seen: &Seen,
        scan: &NetScan<'_>,
        findings: Vec<Finding>,
    ) {
        self.elapsed_secs = clock.elapsed().as_secs();
        self.packets = capture.frames();
        self.bytes = capture.bytes();
        self.services.clone_from(&seen.services);
        self.devices = crate::makers::with_makers(scan.devices());
        self.findings = findings;
    }
}

/// The end of a live check.
#[derive(Debug)]
pub struct LiveOutcome {
    /// The check (its source, the interface, says why it stopped if it did by itself).
    pub result: NetworkResult,
    /// When it started.
    pub started: Timestamp,
}

/// A live check running in its own thread.
#[derive(Debug)]
pub struct LiveCheck {
    stop: Arc<AtomicBool>,
    state: Arc<Mutex<LiveSnapshot>>,
    thread: JoinHandle<LiveOutcome>,
}

impl LiveCheck {
    /// Starts checking the traffic of `capture` against `iocs`; `limit` ends it after a
    /// duration. The captured traffic goes to `sink` as a pcap stream.
    pub fn start(
        capture: LiveCapture,
        iocs: Arc<IndicatorSet>,
        limit: Option<Duration>,
        sink: TrafficSink,
    ) -> LiveCheck {
        let stop = Arc::new(AtomicBool::new(false));
        let started = Timestamp::now();
        let state = Arc::new(Mutex::new(LiveSnapshot {
            interface: capture.name().to_owned(),
            started: started.to_string(),
            ..LiveSnapshot::default()
        }));
        let (stop2, state2) = (stop.clone(), state.clone());
        let thread =
            std::thread::spawn(move || run(capture, &iocs, limit, sink, &stop2, &state2, started));
        LiveCheck {
            stop,
            state,
            thread,
        }
    }

    /// What the check shows now.
    pub fn snapshot(&self) -> LiveSnapshot {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Whether it ended by itself (duration reached, interface gone, sink failed).
    pub fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// Stops the check and returns its outcome.
    pub fn stop(self) -> LiveOutcome {
        self.stop.store(true, Ordering::SeqCst);
        match self.thread.join() {
            Ok(o) => o,
            // The engine does not panic on any input (fuzzed); should it, the check ends empty.
            Err(_) => LiveOutcome {
                result: NetworkResult {
                    live: true,
                    verdict: Verdict::new(vec![], vigie_core::Coverage::default()),
                    captures: vec![],
                    stats: ObserverStats::default(),
                    devices: vec![],
                    observed: BTreeSet::new(),
                    sources: vec![],
                },
                started: Timestamp::now(),
            },
        }
    }
}

/// Pieces of traffic waiting for the sink (about 8 MiB): beyond that, the capture waits.
const SINK_QUEUE: usize = 32;

/// The sink on its own thread, so that encryption and disk writes never hold up the capture
/// (on the 2-core development machine, the capture kept up with 99.8 % of a 1 Gbit/s replay
/// without a sink, and with 66 % when the sink ran on the capture's thread).
struct SinkThread {
    queue: Option<SyncSender<Vec<u8>>>,
    failed: Arc<Mutex<Option<io::Error>>>,
    thread: Option<JoinHandle<()>>,
}

impl SinkThread {
    fn spawn(mut sink: TrafficSink) -> SinkThread {
        let (queue, pieces) = sync_channel::<Vec<u8>>(SINK_QUEUE);
        let failed = Arc::new(Mutex::new(None));
        let slot = failed.clone();
        let thread = std::thread::spawn(move || {
            for piece in pieces {
                if let Err(e) = sink(&piece) {
                    if let Ok(mut f) = slot.lock() {
                        *f = Some(e);
                    }
                    // Leaving drops the queue's end: the capture's next hand-over fails.
                    break;
                }
            }
        });
        SinkThread {
            queue: Some(queue),
            failed,
            thread: Some(thread),
        }
    }

    /// The sink's error, once it failed.
    fn take_error(&self) -> Option<io::Error> {
        self.failed.lock().ok().and_then(|mut f| f.take())
    }

    /// Hands a piece over; waits while the queue is full.
    fn send(&self, piece: Vec<u8>) -> Result<(), io::Error> {
        match self.queue.as_ref().map(|q| q.send(piece)) {
            Some(Ok(())) => Ok(()),
            _ => Err(self
                .take_error()
                .unwrap_or_else(|| io::Error::other("the evidence writer stopped"))),
        }
    }

    /// Waits until every piece handed over is written; returns the sink's error if any.
    fn finish(&mut self) -> Option<io::Error> {
        self.queue = None;
        if let Some(t) = self.thread.take() {
            if t.join().is_err() {
                return Some(io::Error::other("the evidence writer stopped"));
            }
        }
        self.take_error()
    }
}

/// Raw traffic kept in memory until handed to the sink.
struct Recorder {
    writer: PcapWriter<Vec<u8>>,
    sink: SinkThread,
    failed: Option<io::Error>,
}

impl Recorder {
    fn flush(&mut self) {
        if self.failed.is_some() {
            return;
        }
        let buf = std::mem::replace(self.writer.get_mut(), Vec::with_capacity(SINK_PIECE * 2));
        if !buf.is_empty() {
            if let Err(e) = self.sink.send(buf) {
                self.failed = Some(e);
            }
        }
        if self.failed.is_none() {
            self.failed = self.sink.take_error();
        }
    }

    /// The last piece, then waits for the sink to write everything.
    fn finish(&mut self) {
        self.flush();
        let late = self.sink.finish();
        if self.failed.is_none() {
            self.failed = late;
        }
    }
}

/// What the check has seen: services for the screen, values for retro-checks.
#[derive(Default)]
struct Seen {
    services: Vec<Service>,
    index: std::collections::HashMap<String, usize>,
    observed: BTreeSet<(String, String)>,
}

impl Seen {
    fn add(&mut self, o: &Observation) {
        crate::captures::observed_keys(o, &mut self.observed);
        let (name, via) = match &o.what {
            Observed::DnsQuery { name, .. } => (name, "dns"),
            Observed::TlsSni { name, .. } => (name, "tls"),
            Observed::QuicSni { name, .. } => (name, "quic"),
            Observed::HttpHost { name, .. } => (name, "http"),
            _ => return,
        };
        let key = name.to_ascii_lowercase();
        match self.index.get(&key) {
            Some(&i) => self.services[i].count += 1,
            None if self.services.len() < MAX_SERVICES => {
                self.index.insert(key.clone(), self.services.len());
                self.services.push(Service {
                    name: key,
                    via,
                    first_seen: o.ts.to_string(),
                    count: 1,
                });
            }
            None => {}
        }
    }
}

fn run(
    mut capture: LiveCapture,
    iocs: &IndicatorSet,
    limit: Option<Duration>,
    sink: TrafficSink,
    stop: &AtomicBool,
    state: &Mutex<LiveSnapshot>,
    started: Timestamp,
) -> LiveOutcome {
    let source = capture.name().to_owned();
    let mut scan = NetScan::new(iocs);
    let seen = std::cell::RefCell::new(Seen::default());
    let mut on_obs = |o: &Observation| seen.borrow_mut().add(o);
    // Writing to memory cannot fail; the header is handed to the sink with the first packets.
    let (writer, failed) =
        match PcapWriter::new(Vec::with_capacity(SINK_PIECE * 2), LinkType::ETHERNET) {
            Ok(w) => (w, None),
            Err(e) => (PcapWriter::continuing(Vec::new()), Some(e)),
        };
    let mut recorder = Recorder {
        writer,
        sink: SinkThread::spawn(sink),
        failed,
    };
    let clock = Instant::now();
    let mut last_refresh = Instant::now();
    let mut stopped: Option<(String, Message)> = None;
    loop {
        if stop.load(Ordering::SeqCst) || limit.is_some_and(|l| clock.elapsed() >= l) {
            break;
        }
        match capture.next_packet() {
            Ok(Some(p)) => {
                if recorder.failed.is_none() {
                    if let Err(e) = recorder.writer.write(p.ts, p.data) {
                        recorder.failed = Some(e);
                    }
                }
                scan.push_packet(&source, &p, &mut on_obs);
            }
            Ok(None) => {}
            Err(e) => {
                stopped = Some((e.to_string(), e.message()));
                break;
            }
        }
        if recorder.writer.get_ref().len() >= SINK_PIECE {
            recorder.flush();
        }
        if let Some(e) = &recorder.failed {
            stopped = Some(sink_stopped(e));
            break;
        }
        if last_refresh.elapsed() >= REFRESH {
            last_refresh = Instant::now();
            recorder.flush();
            if let Ok(mut s) = state.lock() {
                s.progress(clock, &capture, &seen.borrow(), &scan, scan.findings());
            }
        }
    }
    recorder.finish();
    if stopped.is_none() {
        stopped = recorder.failed.as_ref().map(sink_stopped);
    }
    let summary = scan.end_live(&source, capture.frames(), stopped.clone(), &mut on_obs);
    let verdict = scan.verdict();
    if let Ok(mut s) = state.lock() {
        s.progress(
            clock,
            &capture,
            &seen.borrow(),
            &scan,
            verdict.findings.clone(),
        );
        s.stopped = stopped.map(|s| s.1);
        s.finished = true;
    }
    LiveOutcome {
        result: NetworkResult {
            live: true,
            stats: scan.stats().clone(),
            devices: crate::makers::with_makers(scan.devices()),
            verdict,
            captures: vec![summary],
            observed: seen.into_inner().observed,
            sources: vec![(format!("live:{source}"), None)],
        },
        started,
    }
}

/// Why a check stopped when its sink failed: the case file's own message where it is one.
fn sink_stopped(e: &io::Error) -> (String, Message) {
    let message = match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<vigie_case::CaseError>())
    {
        Some(case_error) => case_error.message(),
        None => Message::new("live-error-evidence").arg("detail", e.to_string()),
    };
    (e.to_string(), message)
}

/// The live check's traffic being stored in a case as a raw capture (encrypted, chunk by
/// chunk as it arrives; purged after the retention period unless kept as evidence).
#[derive(Debug, Clone)]
pub struct CaptureEvidence {
    target: CaseTarget,
    writer: Arc<Mutex<Option<vigie_case::EvidenceWriter>>>,
}

impl CaptureEvidence {
    /// Starts a raw-capture item named `name` in the target's case, and the sink that fills it.
    pub fn start(
        target: &CaseTarget,
        name: &str,
    ) -> Result<(CaptureEvidence, TrafficSink), CaseError> {
        let kind = vigie_case::EvidenceKind::Capture;
        let w = target.with(|s| s.begin_evidence(target.case, name, kind, Timestamp::now()))?;
        let ev = CaptureEvidence {
            target: target.clone(),
            writer: Arc::new(Mutex::new(Some(w))),
        };
        let sink_ev = ev.clone();
        let mut chunks = target.with(|s| s.chunk_writer())?;
        let sink: TrafficSink = Box::new(move |bytes: &[u8]| {
            let mut writer = sink_ev
                .writer
                .lock()
                .map_err(|_| io::Error::other(CaseError::Unavailable))?;
            let Some(w) = writer.as_mut() else {
                return Ok(());
            };
            // Chunks are filled (and hashed) here, then stored on a connection of their own:
            // the pages reading the case file never wait for them.
            let mut rest = bytes;
            loop {
                // The case file's own error travels inside, for its translated message.
                chunks.store_full_chunk(w).map_err(io::Error::other)?;
                if rest.is_empty() {
                    return Ok(());
                }
                rest = &rest[w.fill(rest)..];
            }
        });
        Ok((ev, sink))
    }

    /// Ends the item (after the check stopped): its SHA-256 and size are recorded.
    pub fn finish(self) -> Result<Option<vigie_case::EvidenceInfo>, CaseError> {
        let w = self
            .writer
            .lock()
            .map_err(|_| CaseError::Unavailable)?
            .take();
        match w {
            Some(w) => self
                .target
                .with(|s| s.finish_evidence(w, Timestamp::now()))
                .map(Some),
            None => Ok(None),
        }
    }
}

/// Stores a finished live check in the target's case: the interface with its capture's
/// SHA-256, the verdict, the feeds used and the observed values. Returns the check's id.
pub fn store_live(
    target: &CaseTarget,
    iocs: &IndicatorSet,
    outcome: &mut LiveOutcome,
    capture: Option<&vigie_case::EvidenceInfo>,
) -> Result<i64, CaseError> {
    let sha = capture.and_then(|e| e.sha256.clone());
    for source in &mut outcome.result.sources {
        source.1 = sha.clone();
    }
    target.store_check(&outcome.result, outcome.started, iocs)
}
