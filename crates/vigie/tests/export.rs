//! `vigie case export` and `vigie verify`: the round trip, and tampering. The archive of a
//! real case (captures, an Android dump, reports) checks anywhere with nothing but itself;
//! changing any byte of it — header, content, padding, manifest, signature or trailer — makes
//! the check fail with a message that names the file concerned.

mod common;

use common::{arg, assert_code, assert_ok, Vigie};
use std::process::Command;

#[test]
fn export_verifies_offline_and_any_change_is_named() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("export-round");
    let v = Vigie::at(&data).lang("en");
    let iocs = shared.join("echap");
    let dump = shared.join("mvt/androidqf");
    let out = v.scan("android-dump", &dump, &[&iocs], &["--case", "PV-EXPORT"]);
    assert_code(&out, 1);
    let archive = data.join("PV-EXPORT.tar");
    let out = v.run(&["case", "export", "PV-EXPORT", "--out", arg(&archive)]);
    assert_ok(&out);
    let said = common::stderr(&out);
    assert!(said.contains("signed with the station's key"), "{said}");

    // Checked elsewhere: another folder, no case file, no passphrase.
    let elsewhere = common::fresh_dir("export-elsewhere");
    let copy = elsewhere.join("received.tar");
    std::fs::copy(&archive, &copy).expect("copy");
    let there = Vigie::new().lang("en").data_dir(&elsewhere);
    let text = assert_code(&there.passphrase(None).run(&["verify", arg(&copy)]), 0);
    assert!(
        text.contains("The archive is whole") && text.contains("Case PV-EXPORT"),
        "{text}"
    );
    // Without the station's key, who signed is said to be unproven; with it, proven.
    assert!(text.contains("Who signed it is not proven"), "{text}");
    let key_said = assert_ok(&v.run(&["case", "key"]));
    let key = key_said
        .split_whitespace()
        .find(|w| w.len() == 64 && w.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("the station's 256-bit fingerprint")
        .to_owned();
    assert!(
        text.contains(&key),
        "the archive names the same key: {text}"
    );
    // The report inside the archive prints it too, with how to check.
    let report = Command::new("tar")
        .arg("xOf")
        .arg(&copy)
        .arg("report-en.html")
        .output()
        .expect("tar");
    let report = common::stdout(&report);
    assert!(
        report.contains(&format!("--key {key}")),
        "the report names the key"
    );
    let verify_by = |file: &std::path::Path, key: &str| {
        there
            .passphrase(None)
            .run(&["verify", arg(file), "--key", key])
    };
    let text = assert_code(&verify_by(&copy, &key), 0);
    assert!(text.contains("Everything checks"), "{text}");
    // Typed in groups, in capitals: the same key.
    let grouped: Vec<String> = key
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    assert_code(&verify_by(&copy, &grouped.join(" ")), 0);
    // The same case remade and signed by another station (a forger's own install): whole,
    // but not the station's.
    let forger = common::fresh_dir("export-forger");
    let f = Vigie::at(&forger).lang("en");
    assert_code(
        &f.scan("android-dump", &dump, &[&iocs], &["--case", "PV-EXPORT"]),
        1,
    );
    let forged = forger.join("PV-EXPORT.tar");
    assert_ok(&f.run(&["case", "export", "PV-EXPORT", "--out", arg(&forged)]));
    assert_code(&there.passphrase(None).run(&["verify", arg(&forged)]), 0);
    let text = assert_code(&verify_by(&forged, &key), 1);
    assert!(
        text.contains("was not signed by the station whose key is"),
        "{text}"
    );
    assert_code(&verify_by(&copy, "not a key"), 2);
    // A standard tar: the files are there under their names.
    let listing = Command::new("tar")
        .arg("tf")
        .arg(&copy)
        .output()
        .expect("tar");
    let names = common::stdout(&listing);
    for want in [
        "manifest.json",
        "evidence/0003-packages.json",
        "custody.json",
        "report-en.pdf",
        "report-en.html",
        "manifest.sig",
    ] {
        assert!(names.contains(want), "{want} in {names}");
    }

    // Tampering: every byte of the headers, the manifest, the signature and the trailer,
    // and bytes spread over the contents.
    let bytes = std::fs::read(&archive).expect("read");
    let mut positions: Vec<usize> = (0..bytes.len()).step_by(97).collect();
    for (i, b) in bytes.chunks(512).enumerate() {
        // Header blocks start with a name; check all of their bytes.
        if b.starts_with(b"manifest")
            || b.starts_with(b"evidence/")
            || b.starts_with(b"custody")
            || b.starts_with(b"report-")
        {
            positions.extend(i * 512..i * 512 + 512);
        }
    }
    positions.extend(bytes.len() - 2048..bytes.len());
    positions.sort_unstable();
    positions.dedup();
    for &p in &positions {
        let mut bad = bytes.clone();
        bad[p] ^= 0x20;
        let check = vigie_case::check_export(bad.as_slice());
        assert!(
            !check.problems.is_empty(),
            "a change at byte {p} went unnoticed"
        );
        assert!(
            check
                .problems
                .iter()
                .any(|m| m.args.get("file").is_some_and(|f| !f.is_empty())),
            "byte {p}: no file named in {:?}",
            check.problems
        );
    }
    eprintln!(
        "{} altered copies, each refused with the file named",
        positions.len()
    );

    // Through the command line: exit 1 and the altered file named.
    let mut bad = bytes.clone();
    let at = bytes
        .windows(8)
        .position(|w| w == b"dalvik.v")
        .expect("getprop content");
    bad[at] ^= 1;
    std::fs::write(&copy, &bad).expect("write");
    let text = assert_code(
        &Vigie::at(&elsewhere)
            .lang("en")
            .run(&["verify", arg(&copy)]),
        1,
    );
    assert!(
        text.contains("evidence/0002-getprop.txt was altered"),
        "{text}"
    );
    // A file removed.
    let manifest = vigie_case::check_export(bytes.as_slice())
        .manifest
        .expect("manifest");
    assert!(manifest.entries.len() >= 8);

    // The export is in the audit log and the case file verifies.
    assert_ok(&v.run(&["case", "verify"]));
    let store = common::open_cases(&data);
    let case = store.find("PV-EXPORT").expect("case");
    let exported = |e: &vigie_case::AuditEntry| e.action == "case-exported" && e.sha256.is_some();
    assert!(common::audited(&store, case, exported));
}
