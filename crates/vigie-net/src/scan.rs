//! A network check from start to verdict: captures in, observations and findings out.

use crate::capture::{CaptureError, CaptureReader, Packet};
use crate::devices::{Devices, JoinedDevice};
use crate::observation::{Observation, Observed, ObserverStats};
use crate::observe::Observer;
use crate::rules::{ids, NetRules};
use std::collections::HashSet;
use std::path::Path;
use vigie_core::{Coverage, Finding, Message, Timestamp, Verdict};
use vigie_indicators::IndicatorSet;

/// Most distinct names remembered for the coverage count.
const MAX_NAMES: usize = 100_000;

/// A duration as people read it: `45 s`, `3 min 20 s`, `1 h 05 min`.
pub fn human_duration(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..=59 => format!("{secs} s"),
        60..=3599 => format!("{} min {:02} s", secs / 60, secs % 60),
        _ => format!("{} h {:02} min", secs / 3600, (secs % 3600) / 60),
    }
}

/// What happened with one capture file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CaptureSummary {
    /// The file (as given) or interface.
    pub source: String,
    /// Packets read from it.
    pub packets: u64,
    /// Why reading stopped early, if it did (what was read before is analysed).
    pub stopped: Option<String>,
    /// The same, as a translatable message.
    #[serde(default)]
    pub stopped_message: Option<Message>,
    /// The earliest and the latest packet time in it (packets need not come in order).
    #[serde(default)]
    pub span: Span,
}

/// The time a capture covers: its earliest and latest packet.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// The earliest packet time.
    pub first: Option<Timestamp>,
    /// The latest packet time.
    pub last: Option<Timestamp>,
}

impl Span {
    /// Takes a packet's time into the span.
    fn widen(&mut self, ts: Timestamp) {
        self.first = Some(self.first.map_or(ts, |f| f.min(ts)));
        self.last = Some(self.last.map_or(ts, |l| l.max(ts)));
    }

    /// Whole seconds from the earliest to the latest packet (none without packets).
    pub fn seconds(&self) -> Option<i64> {
        let (a, b) = (self.first?, self.last?);
        Some(b.0.saturating_sub(a.0) / 1_000_000_000)
    }
}

/// A network check over one or more captures.
#[derive(Debug)]
pub struct NetScan<'a> {
    observer: Observer,
    rules: NetRules<'a>,
    iocs: &'a IndicatorSet,
    captures: Vec<CaptureSummary>,
    names: HashSet<String>,
    /// Interfaces read live (rather than capture files).
    interfaces: Vec<String>,
    /// The span of the live source being read.
    live_span: Span,
    /// The devices seen joining the network.
    devices: Devices,
}

impl<'a> NetScan<'a> {
    /// A check against `iocs` with the built-in heuristics.
    pub fn new(iocs: &'a IndicatorSet) -> Self {
        NetScan {
            observer: Observer::new(),
            rules: NetRules::new(iocs),
            iocs,
            captures: vec![],
            names: HashSet::new(),
            interfaces: vec![],
            live_span: Span::default(),
            devices: Devices::default(),
        }
    }

    /// Reads a whole capture; every observation is also given to `on_observation`.
    /// Damage part-way is not an error: what was read is kept and the summary says why it stopped.
    pub fn scan_reader(
        &mut self,
        source: &str,
        mut reader: CaptureReader,
        on_observation: &mut dyn FnMut(&Observation),
    ) -> CaptureSummary {
        let mut stopped: Option<CaptureError> = None;
        let mut span = Span::default();
        {
            let (observer, mut sink) = self.sink(source, on_observation);
            loop {
                match reader.next_packet() {
                    Ok(Some(p)) => {
                        span.widen(p.ts);
                        observer.push(&p, &mut sink);
                    }
                    Ok(None) => break,
                    Err(e) => {
                        stopped = Some(e);
                        break;
                    }
                }
            }
            observer.finish(&mut sink);
        }
        let summary = CaptureSummary {
            source: source.to_owned(),
            packets: reader.frames_read(),
            stopped: stopped.as_ref().map(|e| e.to_string()),
            stopped_message: stopped.as_ref().map(vigie_core::Localized::message),
            span,
        };
        self.captures.push(summary.clone());
        summary
    }

    /// The observer, and what it feeds: the name count, the rules and `on_observation`.
    #[allow(clippy::type_complexity)]
    fn sink<'s>(
        &'s mut self,
        source: &'s str,
        on_observation: &'s mut dyn FnMut(&Observation),
    ) -> (&'s mut Observer, impl FnMut(Observation) + use<'s, 'a>) {
        let (observer, rules, names) = (&mut self.observer, &mut self.rules, &mut self.names);
        let devices = &mut self.devices;
        let sink = move |o: Observation| {
            devices.observe(source, &o);
            if names.len() < MAX_NAMES {
                match &o.what {
                    Observed::DnsQuery { name, .. }
                    | Observed::TlsSni { name, .. }
                    | Observed::QuicSni { name, .. }
                    | Observed::HttpHost { name, .. } => {
                        names.insert(name.to_ascii_lowercase());
                    }
                    _ => {}
                }
            }
            rules.observe(source, &o);
            on_observation(&o);
        };
        (observer, sink)
    }

    /// Checks one packet of a live source (an interface) as it arrives.
    pub fn push_packet(
        &mut self,
        source: &str,
        packet: &Packet<'_>,
        on_observation: &mut dyn FnMut(&Observation),
    ) {
        self.live_span.widen(packet.ts);
        let (observer, mut sink) = self.sink(source, on_observation);
        observer.push(packet, &mut sink);
    }

    /// Ends a live source: open flows are concluded and the source is listed with the
    /// packets read and, if it stopped on its own, why (`stopped`).
    pub fn end_live(
        &mut self,
        source: &str,
        packets: u64,
        stopped: Option<(String, Message)>,
        on_observation: &mut dyn FnMut(&Observation),
    ) -> CaptureSummary {
        {
            let (observer, mut sink) = self.sink(source, on_observation);
            observer.finish(&mut sink);
        }
        let summary = CaptureSummary {
            source: source.to_owned(),
            packets,
            stopped: stopped.as_ref().map(|s| s.0.clone()),
            stopped_message: stopped.map(|s| s.1),
            span: std::mem::take(&mut self.live_span),
        };
        self.captures.push(summary.clone());
        self.interfaces.push(source.to_owned());
        summary
    }

    /// The findings so far (a live check shows them while traffic flows).
    pub fn findings(&self) -> Vec<Finding> {
        self.rules.findings()
    }

    /// Opens and reads a capture file. Fails only when the file cannot be opened or is not a capture.
    pub fn scan_file(
        &mut self,
        path: &Path,
        on_observation: &mut dyn FnMut(&Observation),
    ) -> Result<CaptureSummary, CaptureError> {
        let reader = CaptureReader::open(path)?;
        Ok(self.scan_reader(&path.display().to_string(), reader, on_observation))
    }

    /// Counters over every capture read.
    pub fn stats(&self) -> &ObserverStats {
        self.observer.stats()
    }

    /// The captures read.
    pub fn captures(&self) -> &[CaptureSummary] {
        &self.captures
    }

    /// The devices seen joining the network (by DHCP), first seen first.
    pub fn devices(&self) -> &[JoinedDevice] {
        self.devices.list()
    }

    /// The verdict: findings, and what was and was not checked.
    pub fn verdict(&self) -> Verdict {
        let findings = self.rules.findings();
        let s = self.observer.stats();
        let mut c = Coverage::default();
        self.read_coverage(s, &mut c);
        self.check_coverage(s, &mut c);
        self.blind_spots(s, &findings, &mut c);
        Verdict::new(findings, c)
    }

    /// What was read: packets of files or interfaces, and over how long.
    fn read_coverage(&self, s: &ObserverStats, c: &mut Coverage) {
        let files = self.captures.len() - self.interfaces.len();
        if files > 0 || self.interfaces.is_empty() {
            c.checked.push(
                Message::new("coverage-packets")
                    .arg("packets", s.packets.to_string())
                    .arg("files", files.to_string()),
            );
        } else {
            c.checked.push(
                Message::new("net-coverage-live")
                    .arg("packets", s.packets.to_string())
                    .arg("interface", self.interfaces.join(", ")),
            );
            c.not_checked
                .push(Message::new("net-not-checked-live-missed"));
        }
        self.duration_coverage(c);
    }

    /// How long the captures last: each one's own span (captures of different days or
    /// phones are not one stretch of time), and the sum, on which "too short" is judged.
    fn duration_coverage(&self, c: &mut Coverage) {
        let spans: Vec<(&CaptureSummary, i64)> = self
            .captures
            .iter()
            .filter_map(|cap| Some((cap, cap.span.seconds()?)))
            .collect();
        let total: i64 = spans.iter().map(|(_, secs)| secs).sum();
        for (cap, secs) in &spans {
            let (Some(a), Some(b)) = (cap.span.first, cap.span.last) else {
                continue;
            };
            let key = match spans.len() {
                1 => Message::new("net-coverage-duration"),
                _ => Message::new("net-coverage-capture-duration").arg("file", &cap.source),
            };
            c.checked.push(
                key.arg("duration", human_duration(*secs))
                    .arg("start", a.to_string())
                    .arg("end", b.to_string()),
            );
        }
        if spans.len() > 1 {
            c.checked.push(
                Message::new("net-coverage-total-duration")
                    .arg("count", spans.len().to_string())
                    .arg("duration", human_duration(total)),
            );
        }
        if spans.is_empty() {
            c.not_checked
                .push(Message::new("net-not-checked-no-traffic"));
        } else if total < 600 {
            c.not_checked
                .push(Message::new("net-not-checked-short").arg("duration", human_duration(total)));
        }
    }

    /// What was looked at in the traffic, and against what.
    fn check_coverage(&self, s: &ObserverStats, c: &mut Coverage) {
        c.checked.push(
            Message::new("net-coverage-traffic")
                .arg("flows", s.flows.to_string())
                .arg("names", self.names.len().to_string())
                .arg("dns", s.dns_messages.to_string())
                .arg("tls", s.tls_client_hellos.to_string())
                .arg("quic", s.quic_client_hellos.to_string())
                .arg("http", s.http_requests.to_string())
                .arg("certs", s.tls_certificates.to_string()),
        );
        if self.iocs.is_empty() {
            c.not_checked
                .push(Message::new("net-not-checked-no-indicators"));
        } else {
            let feeds: Vec<String> = self.iocs.sources().iter().map(|s| s.name.clone()).collect();
            c.checked.push(
                Message::new("net-coverage-indicators")
                    .arg("count", self.iocs.len().to_string())
                    .arg("feeds", feeds.join("; ")),
            );
        }
        c.checked.push(Message::new("net-coverage-heuristics"));
        c.not_checked
            .push(Message::new("net-not-checked-silent-apps"));
        c.not_checked.push(Message::new("net-not-checked-content"));
    }

    /// What the traffic hid (encryption), what could not be read, and what was cut short.
    fn blind_spots(&self, s: &ObserverStats, findings: &[Finding], c: &mut Coverage) {
        let counted = [
            ("net-not-checked-tls13", s.tls13_sessions),
            ("net-not-checked-quic", s.quic_undecryptable),
        ];
        for (key, count) in counted.into_iter().filter(|(_, n)| *n > 0) {
            c.not_checked
                .push(Message::new(key).arg("count", count.to_string()));
        }
        if findings.iter().any(|f| f.rule == ids::ENCRYPTED_DNS) {
            c.not_checked
                .push(Message::new("net-not-checked-encrypted-dns"));
        }
        let counted = [
            ("net-not-checked-damaged", s.damaged + s.unknown_link),
            (
                "net-not-checked-budget",
                s.streams_over_budget + s.flows_evicted,
            ),
        ];
        for (key, count) in counted.into_iter().filter(|(_, n)| *n > 0) {
            c.not_checked
                .push(Message::new(key).arg("count", count.to_string()));
        }
        for (rule, count) in self.rules.unlisted() {
            c.not_checked.push(
                Message::new("net-not-checked-unlisted")
                    .arg("rule", rule)
                    .arg("count", count.to_string()),
            );
        }
        for cap in &self.captures {
            if let Some(why) = &cap.stopped_message {
                c.not_checked.push(
                    Message::new("net-not-checked-stopped")
                        .arg("file", &cap.source)
                        .arg("packets", cap.packets.to_string()),
                );
                c.not_checked.push(why.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{human_duration, NetScan};
    use vigie_indicators::IndicatorSet;

    #[test]
    fn a_live_check_says_it_read_an_interface() {
        let iocs = IndicatorSet::default();
        let mut scan = NetScan::new(&iocs);
        scan.end_live("wlan0", 0, None, &mut |_| {});
        let c = scan.verdict().coverage;
        assert_eq!(c.checked[0].key, "net-coverage-live");
        assert_eq!(
            c.checked[0].args.get("interface").map(String::as_str),
            Some("wlan0")
        );
        assert!(c
            .not_checked
            .iter()
            .any(|m| m.key == "net-not-checked-live-missed"));
        let file = NetScan::new(&iocs).verdict().coverage;
        assert_eq!(file.checked[0].key, "coverage-packets");
    }

    /// A capture of one DNS query a second from `start`, for `secs` seconds.
    fn capture(start: i64, secs: i64) -> crate::CaptureReader {
        use crate::write::{dns_query, ethernet, udp_packet, PcapWriter};
        let mut w = PcapWriter::new(Vec::new(), crate::LinkType::ETHERNET).expect("header");
        let (phone, dns) = ([10, 0, 0, 2].into(), [10, 0, 0, 1].into());
        for i in 0..=secs {
            let query = dns_query(i as u16, "example.org", 1);
            let packet = ethernet(&udp_packet(phone, dns, 40_000, 53, &query));
            let ts = vigie_core::Timestamp::from_secs_nanos(start + i, 0);
            w.write(ts, &packet).expect("packet");
        }
        crate::CaptureReader::from_reader(std::io::Cursor::new(w.into_inner())).expect("reader")
    }

    #[test]
    fn each_capture_has_its_own_duration_and_the_sum_decides_too_short() {
        let iocs = IndicatorSet::default();
        let mut scan = NetScan::new(&iocs);
        // A 10-minute capture, then a 2-minute one made earlier: no span runs from the
        // first file's start to the last one's end.
        scan.scan_reader("long.pcap", capture(1_760_000_000, 600), &mut |_| {});
        scan.scan_reader("early.pcap", capture(1_759_990_000, 120), &mut |_| {});
        let c = scan.verdict().coverage;
        let said = |key: &str| -> Vec<String> {
            c.checked
                .iter()
                .filter(|m| m.key == key)
                .filter_map(|m| m.args.get("duration").cloned())
                .collect()
        };
        assert_eq!(
            said("net-coverage-capture-duration"),
            ["10 min 00 s", "2 min 00 s"]
        );
        assert_eq!(said("net-coverage-total-duration"), ["12 min 00 s"]);
        assert!(!c
            .not_checked
            .iter()
            .any(|m| m.key == "net-not-checked-short"));

        let mut short = NetScan::new(&iocs);
        short.scan_reader("short.pcap", capture(1_760_000_000, 30), &mut |_| {});
        let c = short.verdict().coverage;
        assert!(c.checked.iter().any(|m| m.key == "net-coverage-duration"));
        assert!(c
            .not_checked
            .iter()
            .any(|m| m.key == "net-not-checked-short"
                && m.args.get("duration").map(String::as_str) == Some("30 s")));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(2), "2 s");
        assert_eq!(human_duration(200), "3 min 20 s");
        assert_eq!(human_duration(3900), "1 h 05 min");
        assert_eq!(human_duration(-5), "0 s");
    }
}
