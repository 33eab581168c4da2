//! `vigie scan android` against a test adb server: a real TCP server, started here, that
//! speaks the adb host protocol (devices, transport, shell) and answers with real outputs
//! from Amnesty MVT's test artefacts (getprop, dumpsys package / accessibility / appops, ps,
//! settings, androidqf's package list) plus two planted stalkerware packages (one by name,
//! one renamed but with a real TopSpy APK from Echap's samples). Also a device that
//! disconnects mid-way (clear error, every output already read kept in the case), an
//! unauthorised device, no device, and `vigie scan android-dump` on the real dumps.

mod common;

use common::adb::{AdbServer, SERIAL};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::Ordering;

fn vigie(data: &Path, adb: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .args(args)
        .env("ADB_SERVER_SOCKET", format!("tcp:{adb}"))
        .env("VIGIE_PASSPHRASE", common::station::PASSPHRASE)
        .output()
        .expect("run vigie")
}

fn fresh(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-android-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

fn open_store(data: &Path) -> vigie_case::CaseStore {
    vigie_case::CaseStore::open(
        &data.join("cases.db"),
        common::station::PASSPHRASE,
        vigie_case::KdfParams::standard(),
        vigie_core::Timestamp(0),
    )
    .expect("open case file")
}

#[test]
fn a_phone_over_adb_is_read_and_checked() {
    let Some(shared) = common::shared() else {
        return;
    };
    let adb = AdbServer::start(&shared, None, "device");
    let data = fresh("ok");
    let echap = shared.join("echap");
    // A feed naming the planted app's signing certificate (read from the end of its APK).
    let (cert_sha1, _) = vigie_android::fingerprints(common::adb::PLANTED_CERT);
    let feed = data.join("cert-ioc.yaml");
    std::fs::write(
        &feed,
        format!(
            "- name: RenamedSpy\n  type: stalkerware\n  certificates:\n  - {}\n",
            cert_sha1.to_uppercase()
        ),
    )
    .expect("feed");
    let out = vigie(
        &data,
        &adb.addr,
        &[
            "scan",
            "android",
            "--iocs",
            echap.to_str().expect("path"),
            "--iocs",
            feed.to_str().expect("path"),
            "--format",
            "json",
            "--case",
            "PV-ANDROID-1",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "findings: exit 1\n{stderr}");
    assert!(stderr.contains("Reading dumpsys package"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["check"], "android");
    assert_eq!(doc["network_use"]["com.topspy"][1], 52428800, "bytes sent");
    assert_eq!(doc["device"]["model"], "SM-G973F", "{}", doc["device"]);
    let findings = doc["findings"].as_array().expect("findings");
    let has = |rule: &str, subject: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["subject"] == subject)
    };
    assert!(has("AND-IOC-PACKAGE", "com.topspy"), "by name");
    assert!(
        has("AND-IOC-APK", "com.android.system.update"),
        "renamed, by APK hash"
    );
    assert!(
        has("AND-IOC-CERT", "com.android.system.update"),
        "renamed, by the certificate read from the end of its APK"
    );
    assert!(
        has("AND-HIDDEN-SENSITIVE", "com.android.system.update")
            || has("AND-SIDELOADED", "com.android.system.update")
    );
    assert!(has("AND-ACCESSIBILITY", "com.malware.accessibility"));
    assert!(
        has("AND-IOC-HISTORY", "com.ispyoo"),
        "removed since, still in the battery history"
    );
    assert!(has("AND-VERIFIER-OFF", "package_verifier_enable"));
    let topspy = findings
        .iter()
        .find(|f| f["subject"] == "com.topspy")
        .expect("topspy");
    assert_eq!(topspy["severity"], "high");
    assert!(topspy["explanation"]
        .as_str()
        .is_some_and(|t| t.contains("Do not uninstall it for now")));
    assert!(doc["advice"]
        .as_str()
        .is_some_and(|a| a.contains("turn USB debugging")));
    // Only reading commands were sent.
    assert!(adb.shells.load(Ordering::SeqCst) >= 12);

    // Every output is in the case as evidence, hashed; the check is stored; all verifies.
    let store = open_store(&data);
    let case = store.find("PV-ANDROID-1").expect("case");
    let items = store.evidence(case).expect("evidence");
    assert!(items.len() >= 12, "{items:?}");
    assert!(items
        .iter()
        .any(|e| e.name == format!("{SERIAL}-dumpsys_package.txt") && e.sha256.is_some()));
    let scans = vigie_station::stored_checks(&store, case).expect("scans");
    assert_eq!(scans.len(), 1);
    assert_eq!(scans[0].1.kind, vigie_core::CheckKind::Android);
    assert!(scans[0]
        .1
        .observed
        .contains(&("app_id".to_owned(), "com.topspy".to_owned())));
    assert!(store.verify().expect("verify").problems.is_empty());
}

#[test]
fn a_phone_that_disconnects_mid_way_loses_nothing_already_read() {
    let Some(shared) = common::shared() else {
        return;
    };
    let adb = AdbServer::start(&shared, Some(6), "device");
    let data = fresh("cut");
    let out = vigie(
        &data,
        &adb.addr,
        &[
            "scan",
            "android",
            "--iocs",
            shared.join("echap").to_str().expect("path"),
            "--case",
            "PV-ANDROID-2",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("The phone disconnected while reading dumpsys package")
            && stderr.contains("What was read before is kept"),
        "{stderr}"
    );
    let store = open_store(&data);
    let case = store.find("PV-ANDROID-2").expect("case");
    let items = store.evidence(case).expect("evidence");
    assert_eq!(items.len(), 6, "the six outputs read before: {items:?}");
    assert!(items.iter().all(|e| e.sha256.is_some() && !e.interrupted));
    assert!(store.verify().expect("verify").problems.is_empty());
}

#[test]
fn no_phone_or_an_unauthorised_one_is_explained() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = fresh("guide");
    let adb = AdbServer::start(&shared, None, "unauthorized");
    let out = vigie(
        &data,
        &adb.addr,
        &[
            "scan",
            "android",
            "--iocs",
            shared.join("echap").to_str().expect("path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("accept \"Allow USB debugging\""),
        "{stderr}"
    );
    // No adb server at all.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = closed.local_addr().expect("addr").to_string();
    drop(closed);
    let out = vigie(
        &data,
        &addr,
        &[
            "scan",
            "android",
            "--iocs",
            shared.join("echap").to_str().expect("path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("No adb server answers"), "{stderr}");
}

#[test]
fn android_dump_through_the_command_line() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = fresh("dump");
    let out = vigie(
        &data,
        "127.0.0.1:9",
        &[
            "scan",
            "android-dump",
            shared.join("mvt/androidqf").to_str().expect("path"),
            "--iocs",
            shared.join("echap").to_str().expect("path"),
            "--case",
            "PV-DUMP-1",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("signs of root access") && stdout.contains("AND-ROOT"));
    let store = open_store(&data);
    let case = store.find("PV-DUMP-1").expect("case");
    let names: Vec<String> = store
        .evidence(case)
        .expect("evidence")
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(names.contains(&"packages.json".to_owned()), "{names:?}");
    // A zip is read in place and stored as it is.
    let out = vigie(
        &data,
        "127.0.0.1:9",
        &[
            "scan",
            "android-dump",
            shared.join("mvt/androidqf.zip").to_str().expect("path"),
            "--iocs",
            shared.join("echap").to_str().expect("path"),
            "--case",
            "PV-DUMP-1",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = open_store(&data);
    let items = store.evidence(case).expect("evidence");
    assert!(items.iter().any(|e| e.name == "androidqf.zip"));
    // Not an Android dump: a clear error.
    let out = vigie(
        &data,
        "127.0.0.1:9",
        &["scan", "android-dump", data.to_str().expect("path")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No Android output was found"));
}
