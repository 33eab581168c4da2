//! A test adb server: a real TCP server speaking the adb host protocol (devices, transport,
//! shell) that answers with real outputs from Amnesty MVT's test artefacts plus two planted
//! stalkerware packages (TopSpy by name, and a renamed copy without an icon whose APK hash
//! is a real TopSpy sample's).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The DER bytes standing for the signing certificate of the planted, renamed app.
pub const PLANTED_CERT: &[u8] = b"test signing certificate of a renamed stalkerware";

pub const SERIAL: &str = "R58M123ABC";
const TOPSPY_APK: &str = "2f3bc9ebe8c249f0416f5b0367f34b4b8f6aaa7d351dc5b4912fe2558491b6b7";
pub const HIDDEN_APK_PATH: &str = "/data/app/~~q1==/com.android.system.update-1/base.apk";

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
    // The real battery history, where a TheTruthSpy package removed since once ran.
    let mut battery = read(mvt.join("android_data/dumpsys_battery.txt"));
    battery.extend_from_slice(
        b"\nBattery History (planted):\n       +2h03m12s (2) 090 +top=u0a311:\"com.ispyoo\"\n",
    );
    m.insert("dumpsys batterystats --history".into(), battery);
    m.insert(
        "dumpsys batterystats --checkin".into(),
        b"9,0,i,vers,36,214,TP1A,TP1A\n9,0,i,uid,10301,com.topspy\n9,10301,l,nt,1000,52428800,0,0,3,4,0,0\n".to_vec(),
    );
    m
}

/// The test adb server. `disconnect_after`: shell commands answered before the device
/// "goes away"; `state`: the device's state in the list.
pub struct AdbServer {
    pub addr: String,
    pub shells: Arc<AtomicUsize>,
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
    pub fn start(shared: &Path, disconnect_after: Option<usize>, state: &'static str) -> AdbServer {
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
                            let apk = vigie_android::test_apk(&[PLANTED_CERT]);
                            let out: Vec<u8> = if let Some(path) = cmd.strip_prefix("stat -c %s ") {
                                if path == HIDDEN_APK_PATH {
                                    format!("{}\n", apk.len()).into_bytes()
                                } else {
                                    format!("stat: '{path}': No such file or directory\n")
                                        .into_bytes()
                                }
                            } else if let Some(rest) = cmd.strip_prefix("tail -c ") {
                                let (n, path) = rest.split_once(' ').unwrap_or(("0", ""));
                                let n: usize = n.parse().unwrap_or(0);
                                if path == HIDDEN_APK_PATH {
                                    apk[apk.len().saturating_sub(n)..].to_vec()
                                } else {
                                    Vec::new()
                                }
                            } else if let Some(paths) = cmd.strip_prefix("sha256sum ") {
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
