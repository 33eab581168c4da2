//! `vigie scan android` against a test adb server: a real TCP server, started here, that
//! speaks the adb host protocol (devices, transport, shell) and answers with real outputs
//! from Amnesty MVT's test artefacts (getprop, dumpsys package / accessibility / appops, ps,
//! settings, androidqf's package list) plus two planted stalkerware packages (one by name,
//! one renamed but with a real TopSpy APK from Echap's samples). Also a device that
//! disconnects mid-way (clear error, every output already read kept in the case), an
//! unauthorised device, no device, and `vigie scan android-dump` on the real dumps.

mod common;

use common::adb::{AdbServer, SERIAL};
use common::{assert_code, assert_refused, open_cases, Vigie};
use std::net::TcpListener;
use std::path::Path;
use std::sync::atomic::Ordering;

/// `vigie` in English on `data`, with the adb server at `adb`.
fn vigie(data: &Path, adb: &str) -> Vigie {
    Vigie::at(data)
        .lang("en")
        .env("ADB_SERVER_SOCKET", format!("tcp:{adb}"))
}

#[test]
fn a_phone_over_adb_is_read_and_checked() {
    let Some(shared) = common::shared() else {
        return;
    };
    let adb = AdbServer::start(&shared, None, "device");
    let data = common::fresh_dir("android-ok");
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
    let out = vigie(&data, &adb.addr).scan_phone(
        "android",
        &[&echap, &feed],
        &["--format", "json", "--case", "PV-ANDROID-1"],
    );
    let stderr = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "findings: exit 1\n{stderr}");
    assert!(stderr.contains("Reading dumpsys package"), "{stderr}");
    let doc = common::json(&out);
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
    let store = open_cases(&data);
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
    let data = common::fresh_dir("android-cut");
    let echap = shared.join("echap");
    let out = vigie(&data, &adb.addr).scan_phone("android", &[&echap], &["--case", "PV-ANDROID-2"]);
    let stderr = common::stderr(&out);
    assert_code(&out, 2);
    assert!(
        stderr.contains("The phone disconnected while reading dumpsys package")
            && stderr.contains("What was read before is kept"),
        "{stderr}"
    );
    let store = open_cases(&data);
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
    let data = common::fresh_dir("android-guide");
    let adb = AdbServer::start(&shared, None, "unauthorized");
    // And no adb server at all.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let nobody = closed.local_addr().expect("addr").to_string();
    drop(closed);
    let echap = shared.join("echap");
    for (addr, said) in [
        (adb.addr.as_str(), "accept \"Allow USB debugging\""),
        (nobody.as_str(), "No adb server answers"),
    ] {
        assert_refused(
            &vigie(&data, addr).scan_phone("android", &[&echap], &[]),
            said,
        );
    }
}

#[test]
fn android_dump_through_the_command_line() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("android-dump");
    let v = vigie(&data, "127.0.0.1:9");
    let echap = shared.join("echap");
    let dump = |input: &str| {
        v.scan(
            "android-dump",
            &shared.join(input),
            &[&echap],
            &["--case", "PV-DUMP-1"],
        )
    };
    let stdout = assert_code(&dump("mvt/androidqf"), 1);
    assert!(stdout.contains("signs of root access") && stdout.contains("AND-ROOT"));
    let store = open_cases(&data);
    let case = store.find("PV-DUMP-1").expect("case");
    let names: Vec<String> = store
        .evidence(case)
        .expect("evidence")
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(names.contains(&"packages.json".to_owned()), "{names:?}");
    // A zip is read in place and stored as it is.
    assert_code(&dump("mvt/androidqf.zip"), 0);
    let store = open_cases(&data);
    let items = store.evidence(case).expect("evidence");
    assert!(items.iter().any(|e| e.name == "androidqf.zip"));
    // Not an Android dump: a clear error.
    let out = v.run(&["scan", "android-dump", common::arg(&data)]);
    assert_refused(&out, "No Android output was found");
}
