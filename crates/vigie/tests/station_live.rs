//! The live path without Wi-Fi hardware: a "phone" network namespace joined to the station
//! by a veth pair resolves and contacts real stalkerware names, answered by a local DNS
//! responder and a local TLS server (never the internet); the station app, capturing on its
//! end of the pair, shows the findings while the traffic flows, saves the check and its
//! capture in the case, and stops cleanly when the interface disappears.
//! Needs root (network namespaces); skipped with a message otherwise.

mod common;

use common::station::{admin_with_case, enc, Client, Resp, Station, TestLink};
use common::{ip, ip_script, NetLab};
use std::net::{Ipv4Addr, UdpSocket};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Answers every A question with `addr`.
fn dns_responder(sock: UdpSocket, addr: Ipv4Addr) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        while let Ok((n, peer)) = sock.recv_from(&mut buf) {
            if n < 12 {
                continue;
            }
            // The question ends after its name (labels up to a zero) and type and class.
            let mut end = 12;
            while end < n && buf[end] != 0 {
                end += 1 + usize::from(buf[end]);
            }
            end += 5;
            if end > n {
                continue;
            }
            let mut r = Vec::with_capacity(end + 16);
            r.extend_from_slice(&buf[..2]);
            r.extend_from_slice(&[0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
            r.extend_from_slice(&buf[12..end]);
            r.extend_from_slice(&[0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
            r.extend_from_slice(&addr.octets());
            let _ = sock.send_to(&r, peer);
        }
    });
}

const TLS_SERVER: &str = r#"
import socket, ssl, sys
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 443))
s.listen(16)
while True:
    c, _ = s.accept()
    try:
        t = ctx.wrap_socket(c, server_side=True)
        t.sendall(t.recv(100) or b"ok")
        t.close()
    except Exception:
        c.close()
"#;

const PHONE: &str = r#"
import socket, ssl, sys, time
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
end = time.time() + float(sys.argv[1])
while time.time() < end:
    for name in sys.argv[2:]:
        try:
            addr = socket.getaddrinfo(name, 443, socket.AF_INET, socket.SOCK_STREAM)[0][4]
            with socket.create_connection(addr, timeout=2) as raw:
                with ctx.wrap_socket(raw, server_hostname=name) as t:
                    t.sendall(b"location update")
                    t.recv(100)
        except Exception as e:
            print(name, e, file=sys.stderr)
    time.sleep(0.5)
"#;

fn state(c: &mut Client, st: &Station, id: &str) -> serde_json::Value {
    let r = c.get(&st.addr, &format!("/checks/{id}/state"));
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).expect("state json")
}

/// Asks for a live check of `case` on `interface` for `minutes`: the app's answer.
fn start_live(
    c: &mut Client,
    st: &Station,
    token: &str,
    case: &str,
    interface: &str,
    minutes: &str,
) -> Resp {
    let fields = [
        ("csrf", token),
        ("interface", interface),
        ("minutes", minutes),
    ];
    c.post_form(&st.addr, &format!("/cases/{case}/live"), &fields)
}

#[test]
fn live_check_sees_stalkerware_while_traffic_flows() {
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let n = std::process::id() % 200 + 20;
    let lab_ns = format!("vigie-ph{n}");
    let Some(mut lab) = NetLab::with_namespace(&lab_ns) else {
        return;
    };
    let station_if = format!("vgst{n}");
    lab.links.push(station_if.clone());
    let phone_if = format!("vgph{n}");
    let station_ip = Ipv4Addr::new(10, 79, n as u8, 1);
    ip_script(&format!(
        "link add {station_if} type veth peer name {phone_if}
        link set {phone_if} netns {lab_ns}
        addr add {station_ip}/24 dev {station_if}
        link set {station_if} up
        -n {lab_ns} addr add 10.79.{n}.2/24 dev {phone_if}
        -n {lab_ns} link set {phone_if} up
        -n {lab_ns} link set lo up"
    ));
    // The phone's resolver is the station's responder.
    NetLab::resolver(&lab_ns, &station_ip.to_string());
    let dns = UdpSocket::bind((station_ip, 53)).expect("dns port");
    dns_responder(dns, station_ip);
    let certs = std::env::temp_dir().join(format!("vigie-live-certs-{n}"));
    std::fs::create_dir_all(&certs).expect("certs dir");
    let (cert, key) = (certs.join("cert.pem"), certs.join("key.pem"));
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=c2.example",
            "-keyout",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null())
        .status()
        .expect("openssl");
    assert!(made.success());
    lab.children.push(
        Command::new("python3")
            .args(["-c", TLS_SERVER, &station_ip.to_string()])
            .arg(&cert)
            .arg(&key)
            .spawn()
            .expect("tls server"),
    );

    let st = Station::start("live", Some(&shared.join("echap/ioc.yaml")));
    let (mut c, token) = admin_with_case(&st, "LIVE-1");
    let form = c.get(&st.addr, "/cases/LIVE-1/live").body;
    assert!(form.contains(&station_if), "the interface is offered");
    let r = start_live(&mut c, &st, &token, "LIVE-1", &station_if, "2");
    assert_eq!(r.status, 303, "{}", r.body);
    let check = r.header("location").expect("check page").to_owned();
    let id = check.trim_start_matches("/checks/").to_owned();
    let page = c.get(&st.addr, &check).body;
    assert!(
        page.contains("data-events=\"/checks/"),
        "live page with its event stream"
    );
    // Nothing is said to be found before the check has looked: too early, with a countdown.
    let s = state(&mut c, &st, &id);
    assert_eq!(
        s["headline"], "Trop tôt pour conclure : la vérification vient de commencer.",
        "{s}"
    );
    assert!(
        s["timer"]
            .as_str()
            .is_some_and(|t| t.contains(" — il reste ")),
        "{s}"
    );

    // The phone talks for 25 s; the finding must appear while it does.
    let started = Instant::now();
    let mut phone = Command::new("ip")
        .args([
            "netns",
            "exec",
            &lab_ns,
            "python3",
            "-c",
            PHONE,
            "25",
            "thetruthspy.com",
            "www.example.org",
        ])
        .stderr(Stdio::null())
        .spawn()
        .expect("phone");
    let mut seen = None;
    while started.elapsed() < Duration::from_secs(20) {
        let s = state(&mut c, &st, &id);
        let found = s["findings"].as_array().is_some_and(|f| {
            f.iter().any(|x| {
                x["rule"] == "NET-IOC-DOMAIN"
                    && x["title"]
                        .as_str()
                        .is_some_and(|t| t.contains("TheTruthSpy"))
            })
        });
        if found {
            seen = Some((started.elapsed(), s));
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let phone_running = phone.try_wait().expect("phone").is_none();
    let (after, s) = seen.expect("the stalkerware finding appears during the check");
    assert!(phone_running, "seen while the traffic was still flowing");
    eprintln!(
        "finding shown {:.1} s after the phone started",
        after.as_secs_f64()
    );
    let services: Vec<(String, String)> = s["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|x| {
            (
                x["name"].as_str().unwrap_or_default().to_owned(),
                x["via"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        services.contains(&("thetruthspy.com".into(), "dns".into())),
        "{services:?}"
    );
    // The event stream carries the same state.
    let ev = c.get(&st.addr, &format!("/checks/{id}/state"));
    assert!(ev.body.contains("thetruthspy.com"));

    // Stop: the verdict and the capture are saved in the case.
    let r = c.post_form(&st.addr, &format!("{check}/stop"), &[("csrf", &token)]);
    assert_eq!(r.status, 303);
    let s = state(&mut c, &st, &id);
    assert_eq!(
        (s["finished"].as_bool(), s["saved"].as_bool()),
        (Some(true), Some(true)),
        "{s}"
    );
    // The stored check's result page, where the live page goes once it is saved.
    let result = s["result_url"].as_str().expect("result page").to_owned();
    let shown = c.get(&st.addr, &result).body;
    assert!(
        shown.contains("Logiciel espion connu") || shown.contains("À examiner"),
        "{shown}"
    );
    assert!(
        s["timer"]
            .as_str()
            .is_some_and(|t| t.starts_with("Arrêtée après")),
        "{s}"
    );
    let page = c.get(&st.addr, "/cases/LIVE-1").body;
    assert!(
        page.contains("Vérification en direct sur le Wi-Fi") && page.contains("TheTruthSpy"),
        "{page}"
    );
    assert!(page.contains("capture en direct") && page.contains("Conserver comme preuve"));
    let _ = phone.kill();
    let _ = phone.wait();

    // The interface disappears mid-check: the check stops cleanly and is saved.
    let r = start_live(&mut c, &st, &token, "LIVE-1", &station_if, "2");
    let check2 = r.header("location").expect("check page").to_owned();
    let id2 = check2.trim_start_matches("/checks/").to_owned();
    std::thread::sleep(Duration::from_millis(700));
    assert!(ip(&["link", "del", &station_if]));
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut last = serde_json::Value::Null;
    while Instant::now() < deadline {
        last = state(&mut c, &st, &id2);
        if last["saved"].as_bool() == Some(true) {
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(last["saved"].as_bool(), Some(true), "{last}");
    assert!(
        last["stopped"]
            .as_str()
            .is_some_and(|m| m.contains(&station_if)),
        "{last}"
    );
    let page = c.get(&st.addr, &format!("/cases/{}", enc("LIVE-1"))).body;
    assert_eq!(
        page.matches("<h3>Vérification en direct sur le Wi-Fi")
            .count(),
        2
    );

    // The case file verifies.
    let data = st.data.clone();
    drop(st);
    let verify = common::Vigie::at(&data).lang("en").run(&["case", "verify"]);
    common::assert_ok(&verify);
}

/// A tmpfs mounted for the test; unmounted (and its folder removed) when dropped.
struct SmallDisk(std::path::PathBuf);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn full_disk_stops_the_live_check_and_keeps_what_was_captured() {
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let Some(link) = TestLink::create("vgdf", 77) else {
        eprintln!("skipped: a test interface needs root (ip link add failed)");
        return;
    };
    // The case file on a 96 MB disk: with Vigie's 64 MiB reserve, about 30 MB fit.
    let dir = common::fresh_dir("station-full");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=96m", "tmpfs"])
        .arg(&dir)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let disk = SmallDisk(dir.clone());
    let st = Station::start_in(dir.clone(), Some(&shared.join("echap/ioc.yaml")));
    let (mut c, token) = admin_with_case(&st, "FULL-1");
    let r = start_live(&mut c, &st, &token, "FULL-1", &link.name, "5");
    assert_eq!(r.status, 303, "{}", r.body);
    let id = r
        .header("location")
        .expect("check page")
        .trim_start_matches("/checks/")
        .to_owned();

    // The phone looks up a stalkerware name, then sends far more than the disk can hold.
    let udp = UdpSocket::bind((link.address, 0)).expect("udp");
    udp.send_to(
        &common::dns_query_payload("thetruthspy.com"),
        (link.peer, 53),
    )
    .expect("dns");
    let payload = vec![0x5a_u8; 1400];
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = serde_json::Value::Null;
    while Instant::now() < deadline {
        for _ in 0..2000 {
            let _ = udp.send_to(&payload, (link.peer, 9));
        }
        last = state(&mut c, &st, &id);
        if last["finished"].as_bool() == Some(true) && !last["saved"].is_null() {
            break;
        }
    }
    assert_eq!(last["saved"].as_bool(), Some(true), "{last}");
    let stopped = last["stopped"].as_str().unwrap_or_default();
    assert!(stopped.contains("presque plein"), "{last}");
    assert!(
        last["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|x| x["rule"] == "NET-IOC-DOMAIN")),
        "{last}"
    );
    let page = c.get(&st.addr, "/cases/FULL-1").body;
    assert!(page.contains("Vérification en direct sur le Wi-Fi") && page.contains("TheTruthSpy"));

    // What was captured is in the case file, whole, and the file verifies.
    drop(st);
    let store = common::open_cases(&dir);
    let case = store.find("FULL-1").expect("the case");
    let items = store.evidence(case).expect("evidence");
    let capture = items.first().expect("the capture is kept");
    assert!(capture.size > 10_000_000, "{capture:?}");
    assert!(capture.sha256.is_some(), "{capture:?}");
    let report = store.verify().expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    drop(store);
    drop(disk);
}
