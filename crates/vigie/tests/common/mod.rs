//! Helpers shared by the command-line tests: the shared data folder, and a small real HTTP
//! server on loopback that serves what a test tells it (and misbehaves on demand).
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod adb;
pub mod images;
pub mod station;
pub mod webdriver;

/// `../shared/data`, or `None` (with a message) where it is absent.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("VIGIE_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared test data not found at {} (set VIGIE_SHARED_DATA)",
            p.display()
        );
        None
    }
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

/// Runs `vigie --data-dir DATA ARGS...` with the test passphrase.
pub fn run_vigie(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("VIGIE_PASSPHRASE", station::PASSPHRASE)
        .output()
        .expect("run vigie")
}

/// An empty temporary folder for one test, named after it.
pub fn fresh_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d
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

/// A capture in `dir` in which a phone asks its resolver for `name` (one DNS query).
pub fn dns_capture(dir: &std::path::Path, name: &str) -> PathBuf {
    use vigie_net::write::{dns_query, ethernet, udp_packet, PcapWriter};
    let phone = std::net::IpAddr::from([192, 168, 1, 20]);
    let resolver = std::net::IpAddr::from([192, 168, 1, 1]);
    let mut w = PcapWriter::new(Vec::new(), vigie_net::LinkType::ETHERNET).expect("header");
    let q = udp_packet(phone, resolver, 40000, 53, &dns_query(1, name, 1));
    w.write(
        vigie_core::Timestamp::from_secs_nanos(1_760_000_000, 0),
        &ethernet(&q),
    )
    .expect("write");
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
