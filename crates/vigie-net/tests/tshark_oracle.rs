//! tshark as the oracle: for every real capture in `../shared/data/pcaps`, the DNS names,
//! TLS/QUIC server names and HTTP hosts that Vigie observes include every one tshark reports.
//! Every capture, the damaged ones too, is read to the end without a panic.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use vigie_net::Observed;

/// Names Vigie sees and tshark does not, each checked by hand once.
const EXPLAINED_EXTRAS: &[(&str, &str, &str)] = &[(
    "tls/ssl-to-http-server.pcap",
    "vk.com",
    "a TLS ClientHello sent to port 80: tshark decodes port 80 as HTTP only, Vigie looks for TLS on any port",
)];

fn tshark_names(file: &Path) -> BTreeSet<String> {
    let out = common::tshark_names(file)
        .output()
        .expect("tshark runs: install it with `apt-get install tshark` (.ci/run does)");
    String::from_utf8_lossy(&out.stdout)
        .split(['\t', '\n', ','])
        .map(|s| s.trim().to_ascii_lowercase())
        // tshark prints placeholders such as "<Root>" or "<Name contains a pointer that loops>"
        // where no name could be decoded: they are not names.
        .filter(|s| !s.is_empty() && !s.starts_with('<'))
        .collect()
}

fn vigie_names(file: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    common::observe_file(file, &mut |o| match o.what {
        Observed::DnsQuery { name, .. }
        | Observed::TlsSni { name, .. }
        | Observed::QuicSni { name, .. }
        | Observed::HttpHost { name, .. } => {
            names.insert(name.to_ascii_lowercase());
        }
        Observed::DnsAnswer { query: Some(q), .. } => {
            names.insert(q.to_ascii_lowercase());
        }
        _ => {}
    });
    names
}

#[test]
fn vigie_sees_every_name_tshark_sees() {
    let Some(data) = common::shared() else { return };
    if Command::new("tshark").arg("--version").output().is_err() {
        panic!("tshark is the oracle of this test: install it with `apt-get install tshark` (.ci/run does)");
    }
    let root = data.join("pcaps");
    let files: Vec<PathBuf> = common::captures(&root);
    assert!(
        files.len() > 150,
        "expected the shared captures, found {}",
        files.len()
    );
    // Two workers: tshark's start-up dominates.
    let chunks: Vec<Vec<PathBuf>> = (0..2)
        .map(|i| files.iter().skip(i).step_by(2).cloned().collect())
        .collect();
    let results: Vec<(PathBuf, BTreeSet<String>, BTreeSet<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|f| (f.clone(), tshark_names(f), vigie_names(f)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    });
    let mut missing: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut unexplained: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let (mut tshark_total, mut vigie_total) = (0, 0);
    for (file, t, v) in &results {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .into_owned();
        tshark_total += t.len();
        vigie_total += v.len();
        let m: Vec<String> = t.difference(v).cloned().collect();
        if !m.is_empty() {
            missing.insert(rel.clone(), m);
        }
        let extra: Vec<String> = v
            .difference(t)
            .filter(|n| {
                !EXPLAINED_EXTRAS
                    .iter()
                    .any(|(f, name, _)| rel == *f && *n == name)
            })
            .cloned()
            .collect();
        if !extra.is_empty() {
            unexplained.insert(rel, extra);
        }
    }
    eprintln!(
        "{} captures: tshark reports {tshark_total} names, Vigie {vigie_total}",
        results.len()
    );
    assert!(
        missing.is_empty(),
        "names tshark reports and Vigie misses: {missing:#?}"
    );
    assert!(
        unexplained.is_empty(),
        "names Vigie reports and tshark does not, not yet explained: {unexplained:#?}"
    );
    assert!(
        tshark_total > 100,
        "the oracle found too few names ({tshark_total}): is tshark working?"
    );
}
