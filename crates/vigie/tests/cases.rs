//! The case file through the command line: a scan stored with `--case`, `case list | show |
//! verify | purge`, passphrase errors, tampering found by `verify`, and a scan killed half-way
//! that loses nothing already saved.

mod common;

use common::{dns_capture, shared};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn vigie(dir: &Path, pass: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
    c.arg("--lang")
        .arg("en")
        .args(args)
        .env("VIGIE_DATA_DIR", dir)
        .env_remove("VIGIE_PASSPHRASE")
        .stdin(Stdio::null());
    if let Some(p) = pass {
        c.env("VIGIE_PASSPHRASE", p);
    }
    c.output().expect("vigie runs")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

fn fresh(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

#[test]
fn a_scan_is_kept_in_its_case_and_the_file_verifies() {
    let Some(data) = shared() else { return };
    let dir = fresh("cases-basic");
    let pcap = dns_capture(&dir, "protocol-a748.thetruthspy.com");
    let echap = data.join("echap");
    let pass = Some("une phrase de passe assez longue");
    let out = vigie(
        &dir,
        pass,
        &[
            "scan",
            "pcap",
            pcap.to_str().expect("path"),
            "--iocs",
            echap.to_str().expect("path"),
            "--case",
            "PV-2026-042",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("stored in case PV-2026-042"));

    let list = json(&vigie(&dir, pass, &["case", "list", "--format", "json"]));
    assert_eq!(list[0]["reference"], "PV-2026-042");
    assert_eq!(list[0]["scans"], 1);
    let show = json(&vigie(
        &dir,
        pass,
        &["case", "show", "PV-2026-042", "--format", "json"],
    ));
    let scan = &show["scans"][0];
    assert_eq!(scan["kind"], "network");
    assert_eq!(scan["verdict"]["verdict"], "known_spyware");
    assert_eq!(
        scan["verdict"]["findings"][0]["indicator"]["app"],
        "TheTruthSpy"
    );
    let capture_sha = {
        use sha2::{Digest, Sha256};
        hex::encode(Sha256::digest(std::fs::read(&pcap).expect("capture")))
    };
    assert_eq!(scan["sources"][0][1], capture_sha.as_str());
    assert!(scan["observed"]
        .to_string()
        .contains("protocol-a748.thetruthspy.com"));
    assert!(!scan["feeds"].as_array().expect("feeds").is_empty());

    let verify = vigie(&dir, pass, &["case", "verify", "PV-2026-042"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    assert!(String::from_utf8_lossy(&verify.stdout).contains("Everything checks"));

    // Passphrases: wrong, or none at all (no terminal), are clear errors and change nothing.
    let wrong = vigie(&dir, Some("wrong"), &["case", "list"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not open the case file"));
    let none = vigie(&dir, None, &["case", "list"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("needs its passphrase"));
    let file = dir.join("pass.txt");
    std::fs::write(&file, "une phrase de passe assez longue\n").expect("write");
    assert_eq!(
        vigie(
            &dir,
            None,
            &[
                "--passphrase-file",
                file.to_str().expect("path"),
                "case",
                "list"
            ]
        )
        .status
        .code(),
        Some(0)
    );

    // Nothing in the file is readable without the passphrase.
    let raw = std::fs::read(dir.join("cases.db")).expect("db");
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("PV-2026-042") && !text.contains("thetruthspy"));

    // A record altered behind Vigie's back is reported.
    {
        let conn = rusqlite::Connection::open(dir.join("cases.db")).expect("db");
        conn.execute(
            "UPDATE scans SET body = substr(body, 1, 40) || randomblob(16) || substr(body, 57)",
            [],
        )
        .expect("tamper");
    }
    let verify = vigie(&dir, pass, &["case", "verify"]);
    assert_eq!(verify.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&verify.stdout).contains("scans:1 was altered"),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );

    // Purge.
    let purged = vigie(&dir, pass, &["case", "purge", "PV-2026-042"]);
    assert_eq!(purged.status.code(), Some(0));
    assert_eq!(
        json(&vigie(&dir, pass, &["case", "list", "--format", "json"])),
        Value::Array(vec![])
    );
}

#[test]
fn a_scan_killed_half_way_loses_nothing_already_saved() {
    let dir = fresh("cases-kill");
    let passphrase = "another long passphrase";
    let pass = Some(passphrase);
    let small = dns_capture(&dir, "example.org");
    assert_eq!(
        vigie(
            &dir,
            pass,
            &[
                "scan",
                "pcap",
                small.to_str().expect("path"),
                "--case",
                "K-1"
            ]
        )
        .status
        .code(),
        Some(0)
    );
    // A long capture, killed while it is read.
    let big = dir.join("big.pcap");
    let cert = include_bytes!("../../vigie-net/tests/fixtures/selfsigned-a.hw.cab.der");
    let file = std::io::BufWriter::new(std::fs::File::create(&big).expect("create"));
    vigie_net::write::TrafficGenerator::new(1, cert)
        .write_capture(file, 300 * 1024 * 1024)
        .expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["scan", "pcap", big.to_str().expect("path"), "--case", "K-1"])
        .env("VIGIE_DATA_DIR", &dir)
        .env("VIGIE_PASSPHRASE", passphrase)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vigie starts");
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&big);
    let show = json(&vigie(
        &dir,
        pass,
        &["case", "show", "K-1", "--format", "json"],
    ));
    assert!(
        !show["scans"].as_array().expect("scans").is_empty(),
        "the first scan is still there"
    );
    let verify = vigie(&dir, pass, &["case", "verify"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}
