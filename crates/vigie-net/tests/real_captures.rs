//! The whole network check on the real captures of `../shared/data/pcaps`: every file, the
//! damaged ones too, goes through reading, decoding, observation and rules without a panic;
//! server certificates agree with tshark's; STARTTLS protocols are named.

mod common;

use sha1::{Digest, Sha1};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use vigie_indicators::{load_path, IndicatorSet};
use vigie_net::{NetScan, Observed};

/// Certificates tshark shows that Vigie rightly does not report as server certificates.
const CLIENT_CERTIFICATES: &[(&str, &str)] = &[
    (
        "client-certificate.pcap",
        "the client's own certificate (mutual TLS)",
    ),
    (
        "xmpp-dialback-starttls.pcap",
        "the calling server's certificate, sent as a client certificate",
    ),
];

fn observed(file: &Path) -> Vec<Observed> {
    let mut out = vec![];
    common::observe_file(file, &mut |o| out.push(o.what));
    out
}

#[test]
fn every_capture_goes_through_the_whole_check() {
    let Some(data) = common::shared() else { return };
    let mut iocs = IndicatorSet::new();
    for feed in ["echap", "mvt-indicators", "mvt/stix2"] {
        load_path(&mut iocs, &data.join(feed)).expect("feed loads");
    }
    let files = common::captures(&data.join("pcaps"));
    let mut scan = NetScan::new(&iocs);
    let mut stopped = 0;
    for f in &files {
        match scan.scan_file(f, &mut |_| {}) {
            Ok(summary) => stopped += usize::from(summary.stopped.is_some()),
            Err(e) => panic!("{}: {e}", f.display()),
        }
    }
    let verdict = scan.verdict();
    let stats = scan.stats();
    eprintln!(
        "{} captures, {} packets, {} stopped early, {} findings",
        files.len(),
        stats.packets,
        stopped,
        verdict.findings.len()
    );
    assert_eq!(scan.captures().len(), files.len());
    assert!(stats.packets > 10_000);
    assert!(
        stats.quic_client_hellos > 10
            && stats.tls_client_hellos > 50
            && stats.tls_certificates > 30
    );
    assert!(stats.tunneled > 100 && stats.reassembled > 0);
    // Damaged packets are skipped and counted, and the verdict says so.
    assert!(stats.damaged > 0);
    assert!(verdict
        .coverage
        .not_checked
        .iter()
        .any(|m| m.key == "net-not-checked-damaged"));
    assert!(verdict.findings.iter().all(|f| !f.evidence.is_empty()));
}

#[test]
fn server_certificates_agree_with_tshark() {
    let Some(data) = common::shared() else { return };
    let tls = data.join("pcaps/tls");
    let mut compared = 0;
    for f in common::captures(&tls) {
        let out = Command::new("tshark")
            .args(["-n", "-o", "tcp.reassemble_out_of_order:TRUE", "-r"])
            .arg(&f)
            .args([
                "-Y",
                "tls.handshake.certificate",
                "-T",
                "fields",
                "-e",
                "tls.handshake.certificate",
            ])
            .output()
            .expect("tshark runs: install it with `apt-get install tshark` (.ci/run does)");
        // One line per packet; the first certificate of a message is the leaf.
        let tshark: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split(',').next())
            .filter_map(|h| hex::decode(h.replace(':', "").trim()).ok())
            .filter(|der| !der.is_empty())
            .map(|der| hex::encode(Sha1::digest(&der)))
            .collect();
        let vigie: BTreeSet<String> = observed(&f)
            .into_iter()
            .filter_map(|o| match o {
                Observed::TlsCert { cert, .. } => Some(cert.sha1),
                _ => None,
            })
            .collect();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let missing: Vec<&String> = tshark.difference(&vigie).collect();
        let allowed = usize::from(CLIENT_CERTIFICATES.iter().any(|(n, _)| *n == name));
        assert!(
            missing.len() <= allowed,
            "{name}: certificates tshark sees and Vigie misses: {missing:?}"
        );
        compared += tshark.len();
    }
    assert!(compared > 30, "only {compared} certificates compared");
}

#[test]
fn starttls_protocols_are_named() {
    let Some(data) = common::shared() else { return };
    for (file, proto) in [
        ("smtp-starttls.pcap", "smtp"),
        ("imap-starttls.pcap", "imap"),
        ("pop3-starttls.pcap", "pop3"),
        ("xmpp-starttls.pcap", "xmpp"),
        ("irc-starttls.pcap", "irc"),
    ] {
        let found = observed(&data.join("pcaps/tls").join(file)).into_iter().any(|o| {
            matches!(o, Observed::TlsSni { starttls: Some(p), .. } | Observed::TlsClientHello { starttls: Some(p), .. } if p == proto)
        });
        assert!(found, "{file}: no TLS handshake after {proto} STARTTLS");
    }
}
