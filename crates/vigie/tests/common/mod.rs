//! Helpers shared by the command-line tests: the shared data folder, fresh folders, running
//! `vigie` and reading what it said (`run`), the case file a test made, the network lab of
//! the root-only tests, and a small real HTTP server on loopback that serves what a test
//! tells it (and misbehaves on demand).
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod adb;
pub mod axe;
pub mod images;
pub mod run;
pub mod station;
pub mod webdriver;

// Each test binary uses a part of these.
#[allow(unused_imports)]
pub use run::{
    arg, assert_code, assert_ok, assert_refused, assert_says, findings, has_finding, html_report,
    json, stderr, stdout, Vigie,
};

#[path = "../../../../testing/shared_data.rs"]
mod shared_data;
pub use shared_data::shared;

/// `../shared/data` for a test that needs Echap's indicators, or `None` with a message.
pub fn shared_echap() -> Option<PathBuf> {
    let s = shared();
    if s.is_none() {
        eprintln!("skipped: ../shared is absent (Echap indicators needed)");
    }
    s
}

/// What the server answers on a path.
#[derive(Clone)]
pub enum Reply {
    /// 200 with this body.
    Serve(Vec<u8>),
    /// Announce the whole body, send half, close.
    Cut(Vec<u8>),
    /// Wait, then serve.
    Slow(Duration, Vec<u8>),
    /// 404.
    NotFound,
    /// The inner reply when the request's Authorization header equals this value, else 403.
    Authorized(String, Box<Reply>),
}

/// Path → reply, changeable while the server runs.
pub type Routes = Arc<Mutex<HashMap<String, Reply>>>;

/// The requests received: (path, body).
pub type Received = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// Routes serving these replies.
pub fn routes(replies: Vec<(&str, Reply)>) -> Routes {
    Arc::new(Mutex::new(
        replies
            .into_iter()
            .map(|(path, reply)| (path.to_owned(), reply))
            .collect(),
    ))
}

/// Changes what the server answers on `path`.
pub fn set_route(routes: &Routes, path: &str, reply: Reply) {
    routes
        .lock()
        .expect("routes")
        .insert(path.to_owned(), reply);
}

fn respond(reply: Reply, authorization: Option<&str>) -> Vec<u8> {
    let ok = |body: &[u8], len: usize| {
        let mut v = format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n").into_bytes();
        v.extend_from_slice(body);
        v
    };
    match reply {
        Reply::Serve(b) => ok(&b, b.len()),
        Reply::Cut(b) => ok(&b[..b.len() / 2], b.len()),
        Reply::Slow(d, b) => {
            std::thread::sleep(d);
            ok(&b, b.len())
        }
        Reply::NotFound => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
        Reply::Authorized(key, inner) if authorization == Some(key.as_str()) => {
            respond(*inner, authorization)
        }
        Reply::Authorized(..) => {
            b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    }
}

/// Serves `routes` on a loopback port until the test process ends; returns `http://127.0.0.1:PORT`.
pub fn serve(routes: Routes) -> String {
    serve_recording(routes, Arc::new(Mutex::new(Vec::new())))
}

/// Like [`serve`], and keeps every request's path and body in `received`.
pub fn serve_recording(routes: Routes, received: Received) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().take(1000).flatten() {
            let routes = routes.clone();
            let received = received.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") && head.len() < 16_384 {
                    match stream.read(&mut byte) {
                        Ok(1) => head.push(byte[0]),
                        _ => return,
                    }
                }
                let text = String::from_utf8_lossy(&head).into_owned();
                let header = |name: &str| {
                    text.lines().find_map(|l| {
                        l.split_once(':')
                            .filter(|(k, _)| k.trim().eq_ignore_ascii_case(name))
                            .map(|(_, v)| v.trim().to_owned())
                    })
                };
                let len: usize = header("content-length")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
                    .min(1 << 20);
                let mut body = vec![0u8; len];
                let _ = stream.read_exact(&mut body);
                let path = text.split_whitespace().nth(1).unwrap_or("/").to_owned();
                if let Ok(mut r) = received.lock() {
                    r.push((path.clone(), body.clone()));
                }
                let reply = routes
                    .lock()
                    .map(|r| r.get(&path).cloned())
                    .ok()
                    .flatten()
                    .unwrap_or(Reply::NotFound);
                let _ = stream.write_all(&respond(reply, header("authorization").as_deref()));
            });
        }
    });
    format!("http://{addr}")
}

fn emptied(d: PathBuf) -> PathBuf {
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
}

/// An empty temporary folder for one test, named after it (`vigie-NAME-PID` in the system's
/// temporary folder).
pub fn fresh_dir(name: &str) -> PathBuf {
    emptied(std::env::temp_dir().join(format!("vigie-{name}-{}", std::process::id())))
}

/// An empty folder for one test under Cargo's temporary folder for tests (`target/tmp/NAME`).
pub fn fresh_target_dir(name: &str) -> PathBuf {
    emptied(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name))
}

/// Writes the station's sharing settings (`sharing.json`) in a data folder.
pub fn write_sharing(data: &Path, settings: &serde_json::Value) {
    std::fs::write(data.join("sharing.json"), settings.to_string()).expect("sharing");
}

/// Sharing settings that pin the feeds under `prefix` to a signing key (its public half, in
/// hexadecimal): such feeds are stored only with a valid signature beside them.
pub fn pinning(prefix: &str, public_key: &str) -> serde_json::Value {
    serde_json::json!({"pins": [{"feeds": prefix, "public_key": public_key}]})
}

/// The case file of a data folder, opened with the station's test passphrase.
pub fn open_cases(data: &Path) -> vigie_case::CaseStore {
    vigie_case::CaseStore::open(
        &data.join("cases.db"),
        station::PASSPHRASE,
        vigie_case::KdfParams::standard(),
        vigie_core::Timestamp(0),
    )
    .expect("open case file")
}

/// How many reports a case keeps as evidence.
pub fn reports_kept(store: &vigie_case::CaseStore, case: vigie_case::CaseId) -> usize {
    store
        .evidence(case)
        .expect("evidence")
        .into_iter()
        .filter(|e| e.kind == vigie_case::EvidenceKind::Report)
        .count()
}

/// Whether the case's audit log holds an entry that `want` accepts.
pub fn audited(
    store: &vigie_case::CaseStore,
    case: vigie_case::CaseId,
    want: impl Fn(&vigie_case::AuditEntry) -> bool,
) -> bool {
    store.audit_for_case(case).expect("log").iter().any(want)
}

/// Runs `ip` (iproute2) with `args`; true on success.
pub fn ip(args: &[&str]) -> bool {
    std::process::Command::new("ip")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `ip` once for each line of `script` (its words split on white space); panics on the
/// first line that fails.
pub fn ip_script(script: &str) {
    for line in script.lines().filter(|l| !l.trim().is_empty()) {
        let args: Vec<&str> = line.split_whitespace().collect();
        assert!(ip(&args), "ip {args:?}");
    }
}

/// The network namespaces, links and processes a test made; removed when dropped (the
/// processes first, then the links, then the namespaces and their `/etc/netns` folders).
#[derive(Default)]
pub struct NetLab {
    pub namespaces: Vec<String>,
    pub links: Vec<String>,
    pub children: Vec<std::process::Child>,
}

impl NetLab {
    /// A lab with namespace `ns`, or `None` (with a message) without the rights to make one.
    pub fn with_namespace(ns: &str) -> Option<NetLab> {
        if !ip(&["netns", "add", ns]) {
            eprintln!("skipped: network namespaces need root (ip netns add failed)");
            return None;
        }
        Some(NetLab {
            namespaces: vec![ns.to_owned()],
            links: vec![],
            children: vec![],
        })
    }

    /// Makes `server` the resolver of namespace `ns` (`ip netns exec` reads `/etc/netns/NS`).
    pub fn resolver(ns: &str, server: &str) {
        std::fs::create_dir_all(format!("/etc/netns/{ns}")).expect("netns etc");
        std::fs::write(
            format!("/etc/netns/{ns}/resolv.conf"),
            format!("nameserver {server}\n"),
        )
        .expect("resolv.conf");
    }
}

impl Drop for NetLab {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for link in &self.links {
            ip(&["link", "del", link]);
        }
        for ns in &self.namespaces {
            ip(&["netns", "del", ns]);
            let _ = std::fs::remove_dir_all(format!("/etc/netns/{ns}"));
        }
    }
}

/// A DNS query for `name` (type A), as a phone's resolver sends it over UDP.
pub fn dns_query_payload(name: &str) -> Vec<u8> {
    let mut q = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in name.split('.') {
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.extend_from_slice(&[0, 0, 1, 0, 1]);
    q
}

/// A capture of one DNS query for `name` from a phone (`phone.pcap` in `dir`).
pub fn dns_capture(dir: &std::path::Path, name: &str) -> PathBuf {
    write_phone_capture(dir, &[dns_lookup(name)])
}

/// A capture of a phone joining the network (DHCP: named `Galaxy-S21`, client
/// `android-dhcp-14`, private hardware address `da:a1:19:01:02:03`), then looking up `name`.
pub fn joining_capture(dir: &std::path::Path, name: &str) -> PathBuf {
    use vigie_net::write::{dhcp_request, ethernet, udp_packet};
    let mac = [0xda, 0xa1, 0x19, 0x01, 0x02, 0x03];
    let request = dhcp_request(mac, "Galaxy-S21", "android-dhcp-14", [192, 168, 1, 20]);
    let (any, all) = ([0, 0, 0, 0].into(), [255, 255, 255, 255].into());
    let join = ethernet(&udp_packet(any, all, 68, 67, &request));
    write_phone_capture(dir, &[join, dns_lookup(name)])
}

/// The phone's DNS query for `name`, as a frame.
fn dns_lookup(name: &str) -> Vec<u8> {
    use vigie_net::write::{dns_query, ethernet, udp_packet};
    let phone = std::net::IpAddr::from([192, 168, 1, 20]);
    let resolver = std::net::IpAddr::from([192, 168, 1, 1]);
    ethernet(&udp_packet(
        phone,
        resolver,
        40000,
        53,
        &dns_query(1, name, 1),
    ))
}

/// `phone.pcap` in `dir`, with `frames` a second apart from 9 October 2025.
fn write_phone_capture(dir: &std::path::Path, frames: &[Vec<u8>]) -> PathBuf {
    use vigie_net::write::PcapWriter;
    let mut w = PcapWriter::new(Vec::new(), vigie_net::LinkType::ETHERNET).expect("header");
    for (i, frame) in (0..).zip(frames) {
        let ts = vigie_core::Timestamp::from_secs_nanos(1_760_000_000 + i, 0);
        w.write(ts, frame).expect("write");
    }
    let p = dir.join("phone.pcap");
    std::fs::write(&p, w.into_inner()).expect("capture");
    p
}

/// Indicators for the test: a domain in an SMS link, a domain in WebKit statistics, a
/// process name in the data-use database and an installed app.
pub fn ios_test_stix(dir: &std::path::Path) -> PathBuf {
    let id = |n: u32| format!("00000000-0000-4000-8000-{n:012}");
    let mut objects = vec![serde_json::json!({"type": "malware", "spec_version": "2.1",
        "id": format!("malware--{}", id(1)), "created": "2026-01-01T00:00:00Z",
        "modified": "2026-01-01T00:00:00Z", "name": "TestSpy", "is_family": false})];
    let patterns = [
        "[domain-name:value='badbadbad.example.org']",
        "[domain-name:value='google.com']",
        "[process:name='com.apple.iBooks']",
        "[app:id='ch.icoaching.typewise']",
    ];
    for (n, p) in patterns.iter().enumerate() {
        let n = n as u32;
        objects.push(
            serde_json::json!({"type": "indicator", "spec_version": "2.1",
            "id": format!("indicator--{}", id(10 + n)), "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z", "pattern": p, "pattern_type": "stix",
            "valid_from": "2026-01-01T00:00:00Z"}),
        );
        objects.push(
            serde_json::json!({"type": "relationship", "spec_version": "2.1",
            "id": format!("relationship--{}", id(20 + n)), "created": "2026-01-01T00:00:00Z",
            "modified": "2026-01-01T00:00:00Z", "relationship_type": "indicates",
            "source_ref": format!("indicator--{}", id(10 + n)),
            "target_ref": format!("malware--{}", id(1))}),
        );
    }
    let bundle = serde_json::json!({"type": "bundle", "id": format!("bundle--{}", id(0)),
        "objects": objects});
    let path = dir.join("test.stix2");
    std::fs::write(&path, serde_json::to_vec_pretty(&bundle).expect("json")).expect("write");
    path
}
