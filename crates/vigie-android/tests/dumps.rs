//! The Android check on real dumps (Amnesty MVT's test artefacts: an androidqf acquisition and
//! MVT-style outputs with a bug report), and on dumps planted with real stalkerware samples
//! from Echap's `samples.csv`: each is found by its package name, by its signing certificate
//! and by its APK hash, independently.

use std::collections::BTreeSet;
use vigie_android::{check, load_dump};
use vigie_core::Localized;
use vigie_core::Severity;
use vigie_indicators::{load_path, IndicatorSet};

#[path = "../../../testing/shared_data.rs"]
mod shared_data;
use shared_data::shared;

fn echap(shared: &std::path::Path) -> IndicatorSet {
    let mut set = IndicatorSet::new();
    load_path(&mut set, &shared.join("echap")).expect("Echap feeds");
    set
}

fn rules_on(v: &vigie_core::Verdict, subject: &str) -> BTreeSet<String> {
    v.findings
        .iter()
        .filter(|f| f.subject == subject)
        .map(|f| f.rule.clone())
        .collect()
}

#[test]
fn androidqf_acquisition() {
    let Some(shared) = shared() else { return };
    let device = load_dump(&shared.join("mvt/androidqf")).expect("androidqf folder");
    assert_eq!(device.packages.len(), 9, "{:?}", device.packages.keys());
    let wa = &device.packages["com.whatsapp"];
    assert_eq!(
        wa.cert_sha1,
        vec!["38a0f7d505fe18fec64fbf343ecaaaf310dbd799".to_owned()]
    );
    assert_eq!(wa.installer, None);
    assert!(device
        .root_traces
        .contains(&"/data/local/tmp/magisk".to_owned()));
    assert!(device.properties.len() > 5);
    assert!(!device.processes.is_empty());
    assert!(device
        .outputs
        .iter()
        .any(|o| o.name == "packages.json" && o.sha256.len() == 64));

    let v = check(&device, &echap(&shared));
    let root = v
        .findings
        .iter()
        .find(|f| f.rule == "AND-ROOT")
        .expect("root traces");
    assert_eq!(root.occurrences, 4);
    assert_eq!(root.severity, Severity::Medium);
    // Apps from outside a store; one installed by F-Droid (a store) is not.
    for p in [
        "com.whatsapp",
        "app.revanced.manager.flutter",
        "org.fdroid.fdroid",
    ] {
        assert!(rules_on(&v, p).contains("AND-SIDELOADED"), "{p}");
    }
    // From F-Droid: a store, named as such for information only.
    assert_eq!(
        rules_on(&v, "org.nuclearfog.apollo"),
        BTreeSet::from(["AND-THIRD-PARTY-STORE".to_owned()])
    );
    // A system app updated from outside a store is flagged; one with no installer is not.
    assert!(rules_on(&v, "com.google.android.youtube").contains("AND-SIDELOADED"));
    assert!(rules_on(&v, "com.malware.blah").is_empty());
    // Apps most phones carry are said calmly (information, their own words); others not.
    let sideloaded = |p: &str| {
        v.findings
            .iter()
            .find(|f| f.subject == p && f.rule == "AND-SIDELOADED")
            .map(|f| (f.severity, f.title.key.clone()))
    };
    for p in ["com.whatsapp", "com.google.android.youtube"] {
        let calm = (Severity::Info, "and-sideloaded-common-title".to_owned());
        assert_eq!(sideloaded(p), Some(calm), "{p}");
    }
    let plain = sideloaded("app.revanced.manager.flutter").expect("flagged");
    assert_eq!(plain, (Severity::Low, "and-sideloaded-title".to_owned()));
    // A protection setting turned off, as MVT reports it.
    assert!(rules_on(&v, "samsung_errorlog_agree").contains("AND-REPORTS-OFF"));
}

#[test]
fn mvt_outputs_and_bug_report() {
    let Some(shared) = shared() else { return };
    let device = load_dump(&shared.join("mvt/android_data")).expect("MVT outputs");
    assert!(device
        .accessibility_services
        .contains(&"com.malware.accessibility/com.malware.service.malwareservice".to_owned()));
    assert!(device
        .packages
        .contains_key("com.sec.android.app.DataCreate"));
    let dc = &device.packages["com.sec.android.app.DataCreate"];
    assert!(dc.system && dc.uid == Some(10143));
    assert!(dc
        .granted_permissions
        .contains(&"android.permission.WRITE_SMS".to_owned()));
    assert!(dc
        .requested_permissions
        .contains(&"android.permission.INTERNET".to_owned()));
    assert!(device
        .app_ops
        .iter()
        .any(|u| u.package == "com.facebook.katana" && u.op == "READ_CONTACTS" && u.state == "bg"));
    assert!(device
        .outputs
        .iter()
        .any(|o| o.name.ends_with("dumpstate.txt")));
    // The battery history names the apps that ran, installed or not.
    assert!(device.history_packages.contains_key("com.whatsapp"));
    assert!(device.history_packages.contains_key("com.facebook.katana"));
    // The bug report's tombstones, and who may install apps.
    assert!(device
        .crashes
        .iter()
        .any(|c| c.uid == 1000 && c.process.contains("tzts_daemon")));
    assert!(device.app_op_modes.contains(&(
        "org.mozilla.firefox".to_owned(),
        "REQUEST_INSTALL_PACKAGES".to_owned(),
        "allow".to_owned()
    )));
    let v = check(&device, &echap(&shared));
    let acc = v
        .findings
        .iter()
        .find(|f| f.rule == "AND-ACCESSIBILITY")
        .expect("accessibility finding");
    assert_eq!(acc.subject, "com.malware.accessibility");
    assert!(matches!(
        &acc.evidence[0],
        vigie_core::Evidence::RawOutput { name, sha256, .. }
            if name.starts_with("dumpsys_accessibility") && sha256.len() == 64
    ));
    // No certificate in these outputs: the report says apps were recognised by name only.
    assert!(v
        .coverage
        .not_checked
        .iter()
        .any(|m| m.key == "and-not-checked-certificates"));
}

/// One real sample per app from samples.csv: (APK SHA-256, package, certificate SHA-1, app).
fn samples(shared: &std::path::Path) -> Vec<(String, String, String, String)> {
    let text = std::fs::read_to_string(shared.join("echap/samples.csv")).expect("samples.csv");
    let mut seen = BTreeSet::new();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f.len() >= 5 && !f[1].is_empty() && !f[2].is_empty()).then(|| {
                (
                    f[0].to_lowercase(),
                    f[1].to_owned(),
                    f[2].to_lowercase(),
                    f[4].to_owned(),
                )
            })
        })
        .filter(|s| seen.insert(s.3.clone()))
        .collect()
}

#[test]
fn planted_samples_are_found_by_package_certificate_and_apk_independently() {
    let Some(shared) = shared() else { return };
    let set = echap(&shared);
    let samples = samples(&shared);
    assert!(samples.len() >= 20, "{} apps in samples.csv", samples.len());
    // An androidqf-style folder: for each sample, one package known only by its name, one
    // renamed but signed with the sample's certificate, one renamed with the sample's APK.
    let dir = std::env::temp_dir().join(format!("vigie-android-planted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut entries = Vec::new();
    for (i, (apk, package, cert, _)) in samples.iter().enumerate() {
        let file = |sha256: &str, sha1: &str| {
            serde_json::json!({"path": "/data/app/base.apk", "sha256": sha256,
                "certificate": {"Sha1": sha1, "Sha256": ""}})
        };
        entries.push(
            serde_json::json!({"name": package, "installer": "null", "files": [], "system": false}),
        );
        entries.push(serde_json::json!({"name": format!("org.example.cert{i}"), "installer": "com.android.vending",
            "files": [file("", cert)], "system": false}));
        entries.push(serde_json::json!({"name": format!("org.example.apk{i}"), "installer": "com.android.vending",
            "files": [file(apk, "")], "system": false}));
    }
    std::fs::write(
        dir.join("packages.json"),
        serde_json::to_vec(&entries).expect("json"),
    )
    .expect("write");
    let device = load_dump(&dir).expect("planted dump");
    let v = check(&device, &set);
    for (i, (_, package, _, app)) in samples.iter().enumerate() {
        let by = |subject: &str, rule: &str| {
            v.findings.iter().any(|f| {
                f.subject == subject
                    && f.rule == rule
                    && f.severity == Severity::High
                    && f.indicator
                        .as_ref()
                        .is_some_and(|r| r.source.contains("Echap") && r.app.is_some())
            })
        };
        assert!(by(package, "AND-IOC-PACKAGE"), "{app}: {package} by name");
        assert!(
            by(&format!("org.example.cert{i}"), "AND-IOC-CERT"),
            "{app}: by certificate"
        );
        assert!(
            by(&format!("org.example.apk{i}"), "AND-IOC-APK"),
            "{app}: by APK hash"
        );
    }
    // The finding says what the app is and never suggests uninstalling before a plan.
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "AND-IOC-PACKAGE")
        .expect("a package finding");
    assert_eq!(f.explanation.key, "and-ioc-explain");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn watchware_is_named_as_such_with_a_lower_severity() {
    let Some(shared) = shared() else { return };
    let set = echap(&shared);
    let dir = std::env::temp_dir().join(format!("vigie-android-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    // A package Echap lists as watchware only (some are in both files).
    let yaml = std::fs::read_to_string(shared.join("echap/watchware.yaml")).expect("yaml");
    let ioc = std::fs::read_to_string(shared.join("echap/ioc.yaml")).expect("yaml");
    let package = yaml
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .map(str::trim)
        .filter(|p| p.starts_with("com.") && p.split('.').count() >= 3)
        .find(|p| !ioc.contains(p))
        .expect("a watchware package")
        .to_owned();
    std::fs::write(
        dir.join("pm_list_packages.txt"),
        format!("package:/data/app/base.apk={package} installer=com.android.vending uid:10300\n"),
    )
    .expect("write");
    let v = check(&load_dump(&dir).expect("dump"), &set);
    let f = v
        .findings
        .iter()
        .find(|f| f.subject == package)
        .expect("watchware finding");
    assert_eq!(
        (f.rule.as_str(), f.severity),
        ("AND-WATCHWARE", Severity::Medium)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn nothing_known_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("vigie-android-empty-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("notes.txt"), "hello").expect("write");
    let e = load_dump(&dir).expect_err("nothing to read");
    assert_eq!(e.message().key, "and-dump-nothing");
    assert!(load_dump(&dir.join("absent")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zips_are_read_in_place() {
    let Some(shared) = shared() else { return };
    // androidqf's own zip (one folder inside).
    let d = load_dump(&shared.join("mvt/androidqf.zip")).expect("androidqf zip");
    assert!(d.properties.len() > 5);
    assert_eq!(d.outputs[0].name, "getprop.txt");
    // A bug report zip as a phone makes it: the main text file and the tombstones.
    let dir = std::env::temp_dir().join(format!("vigie-android-zip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let zip_path = dir.join("bugreport-beyond1-2026-11-24.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    let bug = shared.join("mvt/android_data/bugreport");
    for (inside, file) in [
        (
            "bugreport-beyond1-2026-11-24.txt",
            bug.join("dumpstate.txt"),
        ),
        ("main_entry.txt", bug.join("main_entry.txt")),
        (
            "FS/data/tombstones/tombstone_01",
            bug.join("FS/data/tombstones/tombstone_01"),
        ),
    ] {
        use std::io::Write;
        z.start_file(inside, opts).expect("entry");
        z.write_all(&std::fs::read(file).expect("read"))
            .expect("write");
    }
    z.finish().expect("zip");
    let d = load_dump(&zip_path).expect("bug report zip");
    assert!(d.crashes.iter().any(|c| c.process.contains("tzts_daemon")));
    assert!(d
        .app_op_modes
        .iter()
        .any(|(p, _, m)| p == "org.mozilla.firefox" && m == "allow"));
    // Not a zip: a clear error.
    let junk = dir.join("junk.zip");
    std::fs::write(&junk, b"not a zip").expect("write");
    assert!(matches!(
        load_dump(&junk),
        Err(vigie_android::DumpError::Unreadable { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A dump is read only inside its folder (issue 20, item 5): a file, or a folder on the way
/// to the tombstones, that is a symbolic link is listed as not checked, never followed.
#[cfg(unix)]
#[test]
fn links_inside_a_dump_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = std::env::temp_dir().join(format!("vigie-android-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dump = dir.join("dump");
    std::fs::create_dir_all(dump.join("bugreport")).expect("dir");
    std::fs::write(dump.join("getprop.txt"), "[ro.product.model]: [Pixel 8]\n").expect("write");
    // Outside the dump: a file of the station and a folder of tombstones.
    let outside = dir.join("station");
    std::fs::create_dir_all(outside.join("tombstones")).expect("dir");
    std::fs::write(
        outside.join("ps.txt"),
        "USER PID PPID VSZ RSS WCHAN ADDR S NAME\nroot 1 0 0 0 0 0 S secret_station_process\n",
    )
    .expect("write");
    std::fs::write(outside.join("tombstones/tombstone_00"), "pid: 1, name: x\n").expect("write");
    symlink(outside.join("ps.txt"), dump.join("ps.txt")).expect("link");
    std::fs::create_dir_all(dump.join("bugreport/FS")).expect("dir");
    symlink(&outside, dump.join("bugreport/FS/data")).expect("link");
    let d = load_dump(&dump).expect("the dump is read");
    assert_eq!(
        d.properties.get("ro.product.model").map(String::as_str),
        Some("Pixel 8")
    );
    assert!(d.processes.is_empty(), "{:?}", d.processes);
    assert!(d.crashes.is_empty());
    let said: Vec<&str> = d
        .missing
        .iter()
        .filter(|(_, why)| why.key == "and-missing-link")
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(said, ["ps.txt", "bugreport/FS/data"], "{:?}", d.missing);
    let _ = std::fs::remove_dir_all(&dir);
}
