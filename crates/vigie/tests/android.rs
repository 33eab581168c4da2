//! `vigie scan android` against a test adb server: a real TCP server, started here, that
//! speaks the adb host protocol (devices, transport, shell) and answers with real outputs
//! from Amnesty MVT's test artefacts (getprop, dumpsys package / accessibility / appops, ps,
//! settings, androidqf's package list) plus two planted stalkerware packages (one by name,
//! one renamed but with a real TopSpy APK from Echap's samples). Also a device that
//! disconnects mid-way (clear error, every output already read kept in the case), an
//! unauthorised device, no device, and `vigie scan android-dump` on the real dumps.

mod common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const SERIAL: &str = "R58M123ABC";
const TOPSPY_APK: &str = "2f3bc9ebe8c249f0416f5b0367f34b4b8f6aaa7d351dc5b4912fe2558491b6b7";
const HIDDEN_APK_PATH: &str = "/data/app/~~q1==/com.android.system.update-1/base.apk";

/// What the test device answers to each shell command.
fn answers(shared: &Path) -> HashMap<String, Vec<u8>> {
    let mvt = shared.join("mvt");
    let read = |p: PathBuf| std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let mut pm = String::new();
    let packages: serde_json::Value =
        serde_json::from_slice(&read(mvt.join("androidqf/packages.json"))).expect("json");
    let mut launchers = String::new();
    for p in packages.as_array().expect("list") {
        let name = p["name"].as_str().unwrap_or_default();
        let path = p["files"][0]["path"]
            .as_str()
            .unwrap_or("/data/app/x/base.apk");
        let installer = p["installer"].as_str().unwrap_or("null");
        let uid = p["uid"].as_u64().unwrap_or(10000);
        pm.push_str(&format!(
            "package:{path}={name}  installer={installer} uid:{uid}\n"
        ));
        launchers.push_str(&format!("{name}/.MainActivity\n"));
    }
    // Planted: TopSpy under its own name, and a renamed copy without an icon.
    pm.push_str(
        "package:/data/app/~~p0==/com.topspy-1/base.apk=com.topspy  installer=null uid:10301\n",
    );
    pm.push_str(&format!(
        "package:{HIDDEN_APK_PATH}=com.android.system.update  installer=null uid:10302\n"
    ));
    let mut m = HashMap::new();
    // The real properties, and the model and version a phone also reports.
    let mut props = read(mvt.join("android_data/getprop.txt"));
    props.extend_from_slice(b"[ro.product.model]: [SM-G973F]\n[ro.build.version.release]: [12]\n");
    m.insert("getprop".into(), props);
    m.insert(
        "settings list secure".into(),
        read(mvt.join("androidqf/settings_random.txt")),
    );
    m.insert(
        "settings list global".into(),
        b"adb_enabled=1\npackage_verifier_enable=0\nhttp_proxy=:0\n".to_vec(),
    );
    m.insert(
        "settings list system".into(),
        b"screen_brightness=102\n".to_vec(),
    );
    m.insert("pm list packages -f -i -U".into(), pm.into_bytes());
    m.insert(
        "cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER".into(),
        launchers.into_bytes(),
    );
    m.insert(
        "dumpsys package".into(),
        read(mvt.join("android_data/dumpsys_packages.txt")),
    );
    m.insert(
        "dumpsys accessibility".into(),
        read(mvt.join("android_data/dumpsys_accessibility_v14_or_later.txt")),
    );
    m.insert(
        "dumpsys appops".into(),
        read(mvt.join("android_data/dumpsys_appops.txt")),
    );
    m.insert("ps -A".into(), read(mvt.join("android_data/ps.txt")));
    m
}

/// The test adb server. `disconnect_after`: shell commands answered before the device
/// "goes away"; `state`: the device's state in the list.
struct AdbServer {
    addr: String,
    shells: Arc<AtomicUsize>,
}

fn read_request(s: &mut TcpStream) -> Option<String> {
    let mut len = [0u8; 4];
    s.read_exact(&mut len).ok()?;
    let n = usize::from_str_radix(std::str::from_utf8(&len).ok()?, 16).ok()?;
    let mut buf = vec![0u8; n];
    s.read_exact(&mut buf).ok()?;
    String::from_utf8(buf).ok()
}

fn block(s: &mut TcpStream, status: &str, body: &[u8]) {
    let _ = s.write_all(status.as_bytes());
    let _ = s.write_all(format!("{:04x}", body.len()).as_bytes());
    let _ = s.write_all(body);
}

impl AdbServer {
    fn start(shared: &Path, disconnect_after: Option<usize>, state: &'static str) -> AdbServer {
        let answers = Arc::new(answers(shared));
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("addr").to_string();
        let shells = Arc::new(AtomicUsize::new(0));
        let count = shells.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut s) = conn else { continue };
                let answers = answers.clone();
                let count = count.clone();
                std::thread::spawn(move || {
                    while let Some(req) = read_request(&mut s) {
                        if req == "host:devices-l" {
                            let list = format!(
                                "{SERIAL}\t{state} usb:1-1 product:beyond1 model:SM_G973F transport_id:1\n"
                            );
                            let _ = s.write_all(b"OKAY");
                            block(&mut s, "", list.as_bytes());
                            return;
                        } else if let Some(serial) = req.strip_prefix("host:transport:") {
                            let gone =
                                disconnect_after.is_some_and(|n| count.load(Ordering::SeqCst) >= n);
                            if serial != SERIAL || gone {
                                block(
                                    &mut s,
                                    "FAIL",
                                    format!("device '{serial}' not found").as_bytes(),
                                );
                                return;
                            }
                            if state == "unauthorized" {
                                block(&mut s, "FAIL", b"device unauthorized.");
                                return;
                            }
                            let _ = s.write_all(b"OKAY");
                        } else if let Some(cmd) = req.strip_prefix("shell:") {
                            count.fetch_add(1, Ordering::SeqCst);
                            let _ = s.write_all(b"OKAY");
                            let out: Vec<u8> = if let Some(paths) = cmd.strip_prefix("sha256sum ") {
                                paths
                                    .split_whitespace()
                                    .map(|p| {
                                        let h = if p == HIDDEN_APK_PATH {
                                            TOPSPY_APK.to_owned()
                                        } else {
                                            "0".repeat(64)
                                        };
                                        format!("{h}  {p}\n")
                                    })
                                    .collect::<String>()
                                    .into_bytes()
                            } else {
                                answers.get(cmd).cloned().unwrap_or_default()
                            };
                            let _ = s.write_all(&out);
                            return;
                        } else {
                            block(&mut s, "FAIL", b"unknown request");
                            return;
                        }
                    }
                });
            }
        });
        AdbServer { addr, shells }
    }
}

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
    let out = vigie(
        &data,
        &adb.addr,
        &[
            "scan",
            "android",
            "--iocs",
            echap.to_str().expect("path"),
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
        has("AND-HIDDEN-SENSITIVE", "com.android.system.update")
            || has("AND-SIDELOADED", "com.android.system.update")
    );
    assert!(has("AND-ACCESSIBILITY", "com.malware.accessibility"));
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
    let scans = store.scans(case).expect("scans");
    assert_eq!(scans.len(), 1);
    assert_eq!(scans[0].kind, "android");
    assert!(scans[0]
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
    // Not an Android dump: a clear error.
    let out = vigie(
        &data,
        "127.0.0.1:9",
        &["scan", "android-dump", data.to_str().expect("path")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No Android output was found"));
}
