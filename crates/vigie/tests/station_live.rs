//! The live path without Wi-Fi hardware: a "phone" network namespace joined to the station
//! by a veth pair resolves and contacts real stalkerware names, answered by a local DNS
//! responder and a local TLS server (never the internet); the station app, capturing on its
//! end of the pair, shows the findings while the traffic flows, saves the check and its
//! capture in the case, and stops cleanly when the interface disappears.
//! Needs root (network namespaces); skipped with a message otherwise.

mod common;

use common::ip;

use common::station::{admin, csrf, enc, Station, TestLink};
use std::net::{Ipv4Addr, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The namespace, the veth pair and the helper processes; all removed when dropped.
struct Lab {
    ns: String,
    station_if: String,
    children: Vec<Child>,
}

impl Drop for Lab {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        ip(&["link", "del", &self.station_if]);
        ip(&["netns", "del", &self.ns]);
        let _ = std::fs::remove_dir_all(format!("/etc/netns/{}", self.ns));
    }
}

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

fn state(c: &mut common::station::Client, st: &Station, id: &str) -> serde_json::Value {
    let r = c.get(&st.addr, &format!("/checks/{id}/state"));
    assert_eq!(r.status, 200, "{}", r.body);
    serde_json::from_str(&r.body).expect("state json")
}

#[test]
fn live_check_sees_stalkerware_while_traffic_flows() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared is absent (Echap indicators needed)");
        return;
    };
    let n = std::process::id() % 200 + 20;
    let lab_ns = format!("vigie-ph{n}");
    if !ip(&["netns", "add", &lab_ns]) {
        eprintln!("skipped: network namespaces need root (ip netns add failed)");
        return;
    }
    let mut lab = Lab {
        ns: lab_ns.clone(),
        station_if: format!("vgst{n}"),
        children: vec![],
    };
    let phone_if = format!("vgph{n}");
    let station_ip = Ipv4Addr::new(10, 79, n as u8, 1);
    for args in [
        vec![
            "link",
            "add",
            &lab.station_if,
            "type",
            "veth",
            "peer",
            "name",
            &phone_if,
        ],
        vec!["link", "set", &phone_if, "netns", &lab_ns],
        vec![
            "addr",
            "add",
            &format!("{station_ip}/24"),
            "dev",
            &lab.station_if,
        ],
        vec!["link", "set", &lab.station_if, "up"],
        vec![
            "-n",
            &lab_ns,
            "addr",
            "add",
            &format!("10.79.{n}.2/24"),
            "dev",
            &phone_if,
        ],
        vec!["-n", &lab_ns, "link", "set", &phone_if, "up"],
        vec!["-n", &lab_ns, "link", "set", "lo", "up"],
    ] {
        assert!(ip(&args), "ip {args:?}");
    }
    // The phone's resolver is the station's responder (ip netns exec reads /etc/netns/NS).
    std::fs::create_dir_all(format!("/etc/netns/{lab_ns}")).expect("netns etc");
    std::fs::write(
        format!("/etc/netns/{lab_ns}/resolv.conf"),
        format!("nameserver {station_ip}\n"),
    )
    .expect("resolv.conf");
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
    let mut c = admin(&st);
    let token = csrf(&c.get(&st.addr, "/cases").body);
    c.post_form(
        &st.addr,
        "/cases",
        &[("csrf", &token), ("reference", "LIVE-1")],
    );
    let form = c.get(&st.addr, "/cases/LIVE-1/live").body;
    assert!(form.contains(&lab.station_if), "the interface is offered");
    let r = c.post_form(
        &st.addr,
        "/cases/LIVE-1/live",
        &[
            ("csrf", &token),
            ("interface", &lab.station_if),
            ("minutes", "2"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let check = r.header("location").expect("check page").to_owned();
    let id = check.trim_start_matches("/checks/").to_owned();
    let page = c.get(&st.addr, &check).body;
    assert!(
        page.contains("data-events=\"/checks/"),
        "live page with its event stream"
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
    let page = c.get(&st.addr, "/cases/LIVE-1").body;
    assert!(
        page.contains("réseau en direct") && page.contains("TheTruthSpy"),
        "{page}"
    );
    assert!(page.contains("capture en direct") && page.contains("Conserver comme preuve"));
    let _ = phone.kill();
    let _ = phone.wait();

    // The interface disappears mid-check: the check stops cleanly and is saved.
    let r = c.post_form(
        &st.addr,
        "/cases/LIVE-1/live",
        &[
            ("csrf", &token),
            ("interface", &lab.station_if),
            ("minutes", "2"),
        ],
    );
    let check2 = r.header("location").expect("check page").to_owned();
    let id2 = check2.trim_start_matches("/checks/").to_owned();
    std::thread::sleep(Duration::from_millis(700));
    assert!(ip(&["link", "del", &lab.station_if]));
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
            .is_some_and(|m| m.contains(&lab.station_if)),
        "{last}"
    );
    let page = c.get(&st.addr, &format!("/cases/{}", enc("LIVE-1"))).body;
    assert_eq!(page.matches("<h3>réseau en direct").count(), 2);

    // The case file verifies.
    drop(st);
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en", "--data-dir"])
        .arg(std::env::temp_dir().join(format!("vigie-station-live-{}", std::process::id())))
        .args(["case", "verify"])
        .env("VIGIE_PASSPHRASE", common::station::PASSPHRASE)
        .output()
        .expect("verify");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
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
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared is absent (Echap indicators needed)");
        return;
    };
    let Some(link) = TestLink::create("vgdf", 77) else {
        eprintln!("skipped: a test interface needs root (ip link add failed)");
        return;
    };
    // The case file on a 96 MB disk: with Vigie's 64 MiB reserve, about 30 MB fit.
    let dir = std::env::temp_dir().join(format!("vigie-station-full-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
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
    let mut c = admin(&st);
    let token = csrf(&c.get(&st.addr, "/cases").body);
    c.post_form(
        &st.addr,
        "/cases",
        &[("csrf", &token), ("reference", "FULL-1")],
    );
    let r = c.post_form(
        &st.addr,
        "/cases/FULL-1/live",
        &[
            ("csrf", &token),
            ("interface", &link.name),
            ("minutes", "5"),
        ],
    );
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
    assert!(page.contains("réseau en direct") && page.contains("TheTruthSpy"));

    // What was captured is in the case file, whole, and the file verifies.
    drop(st);
    let store = vigie_case::CaseStore::open(
        &dir.join("cases.db"),
        common::station::PASSPHRASE,
        vigie_case::KdfParams::standard(),
        vigie_core::Timestamp(0),
    )
    .expect("open");
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
