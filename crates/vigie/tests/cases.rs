//! The case file through the command line: a scan stored with `--case`, `case list | show |
//! verify | purge`, passphrase errors, tampering found by `verify`, and a scan killed half-way
//! that loses nothing already saved.

mod common;

use common::{arg, assert_code, assert_refused, dns_capture, json, shared, Vigie};
use serde_json::Value;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

/// `vigie` in English on `dir`, with this passphrase or none, and no terminal to ask one on.
fn vigie(dir: &Path, pass: Option<&str>) -> Vigie {
    Vigie::new()
        .lang("en")
        .data_env(dir)
        .passphrase(pass)
        .no_stdin()
}

#[test]
fn a_scan_is_kept_in_its_case_and_the_file_verifies() {
    let Some(data) = shared() else { return };
    let dir = common::fresh_target_dir("cases-basic");
    let pcap = dns_capture(&dir, "protocol-a748.thetruthspy.com");
    let echap = data.join("echap");
    let pass = Some("une phrase de passe assez longue");
    let v = vigie(&dir, pass);
    let out = v.scan("pcap", &pcap, &[&echap], &["--case", "PV-2026-042"]);
    assert_code(&out, 1);
    assert!(common::stderr(&out).contains("stored in case PV-2026-042"));

    let list = json(&v.run(&["case", "list", "--format", "json"]));
    assert_eq!(list[0]["reference"], "PV-2026-042");
    assert_eq!(list[0]["scans"], 1);
    let show = json(&v.run(&["case", "show", "PV-2026-042", "--format", "json"]));
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

    let verified = assert_code(&v.run(&["case", "verify", "PV-2026-042"]), 0);
    assert!(verified.contains("Everything checks"));

    // Passphrases: wrong, or none at all (no terminal), are clear errors and change nothing.
    let wrong = vigie(&dir, Some("wrong")).run(&["case", "list"]);
    assert_refused(&wrong, "does not open the case file");
    let none = vigie(&dir, None);
    assert_refused(&none.run(&["case", "list"]), "needs its passphrase");
    let file = dir.join("pass.txt");
    std::fs::write(&file, "une phrase de passe assez longue\n").expect("write");
    let listed = none.run(&["--passphrase-file", arg(&file), "case", "list"]);
    assert_code(&listed, 0);

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
    let verified = assert_code(&v.run(&["case", "verify"]), 1);
    assert!(verified.contains("scans:1 was altered"), "{verified}");

    // Purge.
    assert_code(&v.run(&["case", "purge", "PV-2026-042"]), 0);
    assert_eq!(
        json(&v.run(&["case", "list", "--format", "json"])),
        Value::Array(vec![])
    );
}

#[test]
fn a_scan_killed_half_way_loses_nothing_already_saved() {
    let dir = common::fresh_target_dir("cases-kill");
    let passphrase = "another long passphrase";
    let v = vigie(&dir, Some(passphrase));
    let small = dns_capture(&dir, "example.org");
    assert_code(&v.scan("pcap", &small, &[], &["--case", "K-1"]), 0);
    // A long capture, killed while it is read.
    let big = dir.join("big.pcap");
    let cert = include_bytes!("../../vigie-net/tests/fixtures/selfsigned-a.hw.cab.der");
    let file = std::io::BufWriter::new(std::fs::File::create(&big).expect("create"));
    vigie_net::write::TrafficGenerator::new(1, cert)
        .write_capture(file, 300 * 1024 * 1024)
        .expect("write");
    let mut child = Vigie::new()
        .data_env(&dir)
        .passphrase(Some(passphrase))
        .command(&["scan", "pcap", arg(&big), "--case", "K-1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vigie starts");
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_file(&big);
    let show = json(&v.run(&["case", "show", "K-1", "--format", "json"]));
    assert!(
        !show["scans"].as_array().expect("scans").is_empty(),
        "the first scan is still there"
    );
    assert_code(&v.run(&["case", "verify"]), 0);
}

/// A case file is made only with a passphrase long enough, and its passphrase can be changed
/// (issue 20, item 10: one character was accepted, for good).
#[test]
fn case_file_passphrase_is_long_enough_and_can_be_changed() {
    let dir = common::fresh_target_dir("cases-passphrase");
    let short = vigie(&dir, Some("x")).run(&["case", "list"]);
    assert_refused(&short, "at least 12 characters");
    assert!(!dir.join("cases.db").exists(), "nothing made");
    let guessable = vigie(&dir, Some("1234567890123")).run(&["case", "list"]);
    assert_refused(&guessable, "among the first that would be tried");
    assert!(!dir.join("cases.db").exists(), "nothing made");
    let first = "first long passphrase";
    assert_code(&vigie(&dir, Some(first)).run(&["case", "list"]), 0);
    // Changed from a file; a short new one is refused and changes nothing.
    let new_file = dir.join("new-passphrase.txt");
    std::fs::write(&new_file, "too short\n").expect("file");
    let change = [
        "case",
        "passphrase",
        "--new-passphrase-file",
        arg(&new_file),
    ];
    assert_refused(
        &vigie(&dir, Some(first)).run(&change),
        "at least 12 characters",
    );
    let second = "second long passphrase";
    std::fs::write(&new_file, format!("{second}\n")).expect("file");
    let said = assert_code(&vigie(&dir, Some(first)).run(&change), 0);
    assert!(said.contains("passphrase is changed"), "{said}");
    assert_refused(
        &vigie(&dir, Some(first)).run(&["case", "list"]),
        "does not open the case file",
    );
    let verified = assert_code(&vigie(&dir, Some(second)).run(&["case", "verify"]), 0);
    assert!(verified.contains("Everything checks"), "{verified}");
    // Without a file nor a terminal, nothing is changed.
    assert_refused(
        &vigie(&dir, Some(second)).run(&["case", "passphrase"]),
        "--new-passphrase-file",
    );
}

/// A case file put back to an earlier copy fails `vigie case verify` (issue 20, item 3),
/// however whole its own chain is.
#[test]
fn a_case_file_put_back_to_an_earlier_copy_fails_verify() {
    let dir = common::fresh_target_dir("cases-rollback");
    let v = vigie(&dir, Some("a long enough passphrase"));
    let pcap = dns_capture(&dir, "example.org");
    let empty = dir.join("no-feed.txt");
    std::fs::write(&empty, "").expect("feed");
    assert_code(&v.run(&["case", "list"]), 0);
    let earlier = dir.join("cases.db.earlier");
    std::fs::copy(dir.join("cases.db"), &earlier).expect("copy");
    let _ = v.scan("pcap", &pcap, &[&empty], &["--case", "PV-R"]);
    assert_code(&v.run(&["case", "verify"]), 0);
    std::fs::copy(&earlier, dir.join("cases.db")).expect("put back");
    let said = assert_code(&v.run(&["case", "verify"]), 1);
    assert!(said.contains("put back to an earlier copy"), "{said}");
}
