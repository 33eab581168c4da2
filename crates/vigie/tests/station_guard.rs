//! What reaches the station before anyone signs in (issue 20, item 7): the first-start,
//! login and unlock forms carry a token that only the station's own pages have (a page of
//! another site cannot make the administrator, nor log the operator into an account of its
//! choosing), a foreign origin is refused, and a request for a name that is not the
//! station's (DNS rebinding) is refused before any page.

mod common;

use common::station::{Client, Station};

#[test]
fn first_start_and_login_need_the_pages_token_and_origin() {
    let st = Station::start("guard", None);
    let mut c = Client::default();
    let admin = [("name", "admin"), ("password", "correct horse battery")];
    // First-start takeover from another site: no token, then a token of its own.
    let r = c.post_form(&st.addr, "/setup", &admin);
    assert_eq!(r.status, 403, "{}", r.body);
    let forged = [("csrf", "00".repeat(32))];
    let fields: Vec<(&str, &str)> = forged
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .chain(admin.iter().copied())
        .collect();
    assert_eq!(c.post_form(&st.addr, "/setup", &fields).status, 403);
    // The page's own token, from another origin.
    let token = c.guest_token(&st.addr, "/setup");
    let with_token = [("csrf", token.as_str()), admin[0], admin[1]];
    let body = with_token
        .iter()
        .map(|(k, v)| format!("{k}={}", common::station::enc(v)))
        .collect::<Vec<_>>()
        .join("&");
    let r = c.request(
        &st.addr,
        "POST",
        "/setup",
        Some("application/x-www-form-urlencoded"),
        body.as_bytes(),
        &[("Origin", "http://evil.example")],
    );
    assert_eq!(r.status, 403);
    // A password among the first guesses is refused, however long.
    let weak = c.post_guest(
        &st.addr,
        "/setup",
        &[("name", "admin"), ("password", "aaaaaaaaaa")],
    );
    assert_eq!(weak.status, 400);
    assert!(
        weak.body.contains("premiers qui seraient essayés"),
        "{}",
        weak.body
    );
    // Nothing was made: the real first start still works.
    let r = c.post_guest(&st.addr, "/setup", &admin);
    assert_eq!(r.status, 303, "{}", r.body);
    // Login: refused without the token, even with the right password.
    let mut other = Client::default();
    assert_eq!(other.post_form(&st.addr, "/login", &admin).status, 403);
    assert!(other.cookies.iter().all(|(k, _)| k != "vigie_session"));
    let r = other.post_guest(&st.addr, "/login", &admin);
    assert_eq!((r.status, r.header("location")), (303, Some("/check")));
}

#[test]
fn names_that_are_not_the_stations_are_refused() {
    let st = Station::start("hosts", None);
    let mut c = Client::default();
    // What a page of evil.example sends once its name points at the station.
    let r = c.request(
        &st.addr,
        "GET",
        "/setup",
        None,
        b"",
        &[("Host", "evil.example:8470")],
    );
    assert_eq!(r.status, 421, "{}", r.body);
    assert!(r.body.contains("sa propre adresse"), "{}", r.body);
    assert!(c.cookies.is_empty(), "no form token handed out");
    // Its address and localhost are the station's.
    let port = st.addr.rsplit(':').next().unwrap_or_default();
    let local = format!("localhost:{port}");
    let r = c.request(&st.addr, "GET", "/setup", None, b"", &[("Host", &local)]);
    assert_eq!(r.status, 200);
}
