//! Beaconing: connections to one destination at regular intervals, as implants that report
//! home make. The start times of every destination's flows are kept (bounded), and the check
//! runs over all of them when the findings are asked for.

use super::finding::{explaining, finding};
use super::ids;
use super::thresholds::Thresholds;
use std::collections::HashMap;
use vigie_core::{Evidence, Finding, Severity, Timestamp};

/// Most destinations followed.
const MAX_DESTINATIONS: usize = 4096;
/// Most connection times kept per destination.
const MAX_STARTS: usize = 64;

/// The connections to one destination.
#[derive(Debug, Default)]
struct Destination {
    starts: Vec<Timestamp>,
    first: Option<Evidence>,
    last: Option<Evidence>,
}

/// The destinations followed, by name (or address).
#[derive(Debug, Default)]
pub(super) struct Beacons {
    destinations: HashMap<String, Destination>,
}

impl Beacons {
    /// A connection to `destination` starting at `start`; `evidence` points at it.
    pub(super) fn connection(
        &mut self,
        destination: String,
        start: Timestamp,
        evidence: &dyn Fn() -> Evidence,
    ) {
        if self.destinations.len() >= MAX_DESTINATIONS
            && !self.destinations.contains_key(&destination)
        {
            return;
        }
        let d = self.destinations.entry(destination).or_default();
        if d.starts.len() < MAX_STARTS {
            d.starts.push(start);
        }
        let ev = evidence();
        if d.first.is_none() {
            d.first = Some(ev.clone());
        }
        d.last = Some(ev);
    }

    /// A finding for every destination connected to regularly enough, by name: information
    /// only for the news and media services that `media` names (their apps poll).
    pub(super) fn findings(&self, t: &Thresholds, media: &dyn Fn(&str) -> bool) -> Vec<Finding> {
        let mut dests: Vec<(&String, &Destination)> = self.destinations.iter().collect();
        dests.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = vec![];
        for (name, d) in dests {
            let Some(period) = beacon_period(&d.starts, t) else {
                continue;
            };
            let seconds = format!("{period:.0}");
            let args = [("name", name.as_str()), ("seconds", seconds.as_str())];
            let count = d.starts.len().to_string();
            let (severity, key) = match media(name) {
                true => (Severity::Info, "net-beaconing-media"),
                false => (Severity::Medium, "net-beaconing"),
            };
            let mut f = explaining(
                finding(ids::BEACONING, severity, name, &args),
                "count",
                &count,
            );
            f.title.key = format!("{key}-title");
            f.explanation.key = format!("{key}-explain");
            f.add_occurrence(d.first.clone());
            f.add_occurrence(d.last.clone());
            f.occurrences = d.starts.len() as u64;
            out.push(f);
        }
        out
    }
}

/// The period of regular connections, if the start times are regular enough.
fn beacon_period(starts: &[Timestamp], t: &Thresholds) -> Option<f64> {
    if starts.len() < t.beacon_min_connections {
        return None;
    }
    let mut s: Vec<f64> = starts.iter().map(|t| t.as_secs_f64()).collect();
    s.sort_by(f64::total_cmp);
    let gaps: Vec<f64> = s.windows(2).map(|w| w[1] - w[0]).collect();
    let mean = gaps.iter().sum::<f64>() / gaps.len() as f64;
    if mean < t.beacon_min_interval_s {
        return None;
    }
    let var = gaps.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / gaps.len() as f64;
    (var.sqrt() / mean <= t.beacon_max_variation).then_some(mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beacons() {
        let t = Thresholds::default();
        let regular: Vec<Timestamp> = (0..8)
            .map(|i| Timestamp::from_secs_nanos(100 + i * 60, 0))
            .collect();
        assert_eq!(beacon_period(&regular, &t).map(|p| p.round()), Some(60.0));
        let irregular: Vec<Timestamp> = [0, 5, 90, 95, 400, 410, 900]
            .iter()
            .map(|s| Timestamp::from_secs_nanos(*s, 0))
            .collect();
        assert!(beacon_period(&irregular, &t).is_none());
        assert!(beacon_period(&regular[..3], &t).is_none());
    }

    #[test]
    fn news_services_polling_are_said_calmly() {
        let t = Thresholds::default();
        let mut b = Beacons::default();
        let evidence = || Evidence::RawOutput {
            name: "test".into(),
            sha256: String::new(),
            detail: String::new(),
        };
        for name in ["www.lemonde.fr", "c2.example.net"] {
            for i in 0..8 {
                let start = Timestamp::from_secs_nanos(100 + i * 60, 0);
                b.connection(name.to_owned(), start, &evidence);
            }
        }
        let media = |n: &str| n.ends_with("lemonde.fr");
        let found = b.findings(&t, &media);
        let of = |s: &str| found.iter().find(|f| f.subject == s).expect("a finding");
        let news = of("www.lemonde.fr");
        assert_eq!(news.severity, Severity::Info);
        assert_eq!(news.title.key, "net-beaconing-media-title");
        let other = of("c2.example.net");
        assert_eq!(
            (other.severity, other.title.key.as_str()),
            (Severity::Medium, "net-beaconing-title")
        );
    }
}
