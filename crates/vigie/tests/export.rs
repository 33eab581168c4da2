//! `vigie case export` and `vigie verify`: the round trip, and tampering. The archive of a
//! real case (captures, an Android dump, reports) checks anywhere with nothing but itself;
//! changing any byte of it — header, content, padding, manifest, signature or trailer — makes
//! the check fail with a message that names the file concerned.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vigie(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    common::run_vigie(data, &all)
}

fn fresh(name: &str) -> PathBuf {
    common::fresh_dir(&format!("export-{name}"))
}

#[test]
fn export_verifies_offline_and_any_change_is_named() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = fresh("round");
    let iocs = shared.join("echap");
    let dump = shared.join("mvt/androidqf");
    let out = vigie(
        &data,
        &[
            "scan",
            "android-dump",
            dump.to_str().expect("path"),
            "--iocs",
            iocs.to_str().expect("path"),
            "--case",
            "PV-EXPORT",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let archive = data.join("PV-EXPORT.tar");
    let out = vigie(
        &data,
        &[
            "case",
            "export",
            "PV-EXPORT",
            "--out",
            archive.to_str().expect("path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("signed with the station's key"), "{said}");

    // Checked elsewhere: another folder, no case file, no passphrase.
    let elsewhere = fresh("elsewhere");
    let copy = elsewhere.join("received.tar");
    std::fs::copy(&archive, &copy).expect("copy");
    let check = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en", "--data-dir"])
        .arg(&elsewhere)
        .arg("verify")
        .arg(&copy)
        .env_remove("VIGIE_PASSPHRASE")
        .output()
        .expect("verify");
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{text}");
    assert!(
        text.contains("Everything checks") && text.contains("Case PV-EXPORT"),
        "{text}"
    );
    // A standard tar: the files are there under their names.
    let listing = Command::new("tar")
        .arg("tf")
        .arg(&copy)
        .output()
        .expect("tar");
    let names = String::from_utf8_lossy(&listing.stdout);
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
    let check = vigie(&elsewhere, &["verify", copy.to_str().expect("path")]);
    let text = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{text}");
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
    let out = vigie(&data, &["case", "verify"]);
    assert!(out.status.success());
    let store = vigie_case::CaseStore::open(
        &data.join("cases.db"),
        common::station::PASSPHRASE,
        vigie_case::KdfParams::standard(),
        vigie_core::Timestamp(0),
    )
    .expect("open");
    let case = store.find("PV-EXPORT").expect("case");
    assert!(store
        .audit_for_case(case)
        .expect("log")
        .iter()
        .any(|e| e.action == "case-exported" && e.sha256.is_some()));
}
