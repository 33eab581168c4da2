//! The station app under a flood on loopback (issue 20, item 2): 2 000 idle connections
//! (half of them with a request head begun and never finished) and 500 logins at once with
//! a wrong password. A signed-in operator is still answered within a second, the server's
//! memory stays under 1 GB, password hashing is bounded (the flood is refused by the login
//! limits, not computed), and idle connections are closed once the header time is up.

mod common;

use common::station::{admin, Client, Station};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Idle connections opened, fewer when this process may not open that many files.
fn idle_connections() -> usize {
    let soft = std::fs::read_to_string("/proc/self/limits")
        .ok()
        .and_then(|t| {
            let line = t
                .lines()
                .find(|l| l.starts_with("Max open files"))?
                .to_owned();
            line.trim_start_matches("Max open files")
                .split_whitespace()
                .next()?
                .parse::<usize>()
                .ok()
        })
        .unwrap_or(1024);
    2_000.min(soft.saturating_sub(700))
}

/// The server's peak resident memory, in KiB (`VmHWM`).
fn peak_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

#[test]
fn a_flood_of_connections_and_logins_leaves_the_operator_served() {
    let st = Station::start("load", None);
    let mut operator = admin(&st);
    assert_eq!(operator.get(&st.addr, "/cases").status, 200);

    let idle_count = idle_connections();
    let mut idle = Vec::with_capacity(idle_count);
    for n in 0..idle_count {
        let mut s = TcpStream::connect(&st.addr).expect("idle connection");
        if n % 2 == 0 {
            s.write_all(b"GET /cases HTTP/1.1\r\nHost: x\r\n")
                .expect("half a head");
        }
        idle.push(s);
    }
    let opened = Instant::now();

    // One visitor's form token and cookie, as a script would take them once.
    let mut visitor = Client::default();
    let token = visitor.guest_token(&st.addr, "/login");
    let addr = st.addr.clone();
    let logins: Vec<_> = (0..500)
        .map(|n| {
            let (addr, token, cookies) = (addr.clone(), token.clone(), visitor.cookies.clone());
            std::thread::spawn(move || {
                let name = if n % 2 == 0 {
                    "admin".to_owned()
                } else {
                    format!("guess{n}")
                };
                let mut guest = Client {
                    cookies: cookies.clone(),
                };
                let fields = [
                    ("csrf", token.as_str()),
                    ("name", &name),
                    ("password", "not it at all"),
                ];
                std::panic::catch_unwind(move || guest.post_form(&addr, "/login", &fields).status)
                    .unwrap_or(0)
            })
        })
        .collect();

    let mut slowest = Duration::ZERO;
    for _ in 0..20 {
        let asked = Instant::now();
        let r = operator.get(&st.addr, "/cases");
        slowest = slowest.max(asked.elapsed());
        assert_eq!(r.status, 200, "{}", r.body);
        std::thread::sleep(Duration::from_millis(50));
    }
    let statuses: Vec<u16> = logins
        .into_iter()
        .map(|h| h.join().expect("login"))
        .collect();
    let refused = |code| statuses.iter().filter(|s| **s == code).count();
    let (wrong, limited, busy) = (refused(401), refused(429), refused(503));
    eprintln!(
        "{idle_count} idle connections, 500 logins: slowest answer to the operator {slowest:?}, \
         {wrong} refused after hashing, {limited} by the login limits, {busy} busy; \
         server peak {} MiB",
        peak_kib(st.child.id()) / 1024
    );
    assert!(slowest < Duration::from_secs(1), "{slowest:?}");
    assert_eq!(wrong + limited + busy, 500, "{statuses:?}");
    assert!(
        wrong <= 10,
        "hashed only until the limits stopped them: {wrong}"
    );
    assert!(peak_kib(st.child.id()) < 1024 * 1024);

    // Idle connections are closed once the time for a request head is up (10 s).
    let mut first = idle.swap_remove(0);
    first
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut buf = [0u8; 512];
    // Whatever the server says first (nothing, or a 408), then the end of the connection.
    let end = loop {
        match first.read(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(_) => continue,
            Err(e) => break Err(e.kind()),
        }
    };
    let after = opened.elapsed();
    assert!(
        matches!(end, Ok(()) | Err(std::io::ErrorKind::ConnectionReset)),
        "closed by the server, not timed out here: {end:?} after {after:?}"
    );
    assert!(after < Duration::from_secs(15), "{after:?}");
}

#[test]
fn names_typed_at_login_are_bounded_in_the_form_and_the_log() {
    let st = Station::start("login-lengths", None);
    let _ = admin(&st);
    let mut c = Client::default();
    // Past the account forms' 16 KiB: refused before anything is read into the log.
    let huge = "a".repeat(100_000);
    let r = c.post_guest(&st.addr, "/login", &[("name", &huge), ("password", "x")]);
    assert_eq!(r.status, 413);
    // A name longer than any account's: a failure, logged cut to 200 characters.
    let long = "b".repeat(5_000);
    let r = c.post_guest(&st.addr, "/login", &[("name", &long), ("password", "x")]);
    assert_eq!(r.status, 400);
    let store = common::open_cases(&st.data);
    let failed: Vec<_> = store
        .audit_log()
        .expect("log")
        .into_iter()
        .filter(|e| e.action == "login-failed")
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    let actor = failed[0].actor.as_deref().unwrap_or_default();
    assert!(actor.ends_with("… (5000 characters)"), "{actor}");
    assert!(actor.len() < 300);
}
