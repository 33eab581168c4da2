//! A network check from start to verdict: captures in, observations and findings out.

use crate::capture::{CaptureError, CaptureReader, Packet};
use crate::observation::{Observation, Observed, ObserverStats};
use crate::observe::Observer;
use crate::rules::{ids, NetRules};
use std::collections::HashSet;
use std::path::Path;
use vigie_core::{Coverage, Finding, Message, Verdict};
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
        {
            let (observer, mut sink) = self.sink(source, on_observation);
            loop {
                match reader.next_packet() {
                    Ok(Some(p)) => observer.push(&p, &mut sink),
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
        let sink = move |o: Observation| {
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
        if let (Some(a), Some(b)) = (s.first_ts, s.last_ts) {
            let secs = b.0.saturating_sub(a.0) / 1_000_000_000;
            c.checked.push(
                Message::new("net-coverage-duration")
                    .arg("duration", human_duration(secs))
                    .arg("start", a.to_string())
                    .arg("end", b.to_string()),
            );
            if secs < 600 {
                c.not_checked.push(
                    Message::new("net-not-checked-short").arg("duration", human_duration(secs)),
                );
            }
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

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(2), "2 s");
        assert_eq!(human_duration(200), "3 min 20 s");
        assert_eq!(human_duration(3900), "1 h 05 min");
        assert_eq!(human_duration(-5), "0 s");
    }
}
