//! What a check records in its case: the verdict, the feeds used, what was checked, and the
//! observed values that later feed versions are matched against (retro-checks).

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use vigie_case::ScanRecord;
use vigie_core::Timestamp;
use vigie_net::{Observation, Observed};

/// Most observed values kept per scan for retro-checks.
const MAX_OBSERVED: usize = 100_000;

/// The values of an observation worth re-checking when feeds change: (kind, value).
pub fn observed_keys(o: &Observation, out: &mut BTreeSet<(String, String)>) {
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
        Observed::Flow { flow, .. } if vigie_net::rules::is_public(flow.server.ip) => {
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

/// What a network scan stores in its case.
pub fn network_record(
    made: Timestamp,
    feeds: &vigie_indicators::IndicatorSet,
    sources: Vec<(String, Option<String>)>,
    verdict: serde_json::Value,
    observed: BTreeSet<(String, String)>,
) -> ScanRecord {
    ScanRecord {
        kind: "network".into(),
        made: made.to_string(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        feeds: feeds
            .sources()
            .iter()
            .map(|s| (s.name.clone(), s.sha256.clone()))
            .collect(),
        sources,
        verdict,
        observed: observed.into_iter().collect(),
    }
}
