//! The station app over HTTP, as a browser uses it: first start, login, cases, import of
//! captures (a real one from ../shared and one contacting a stalkerware vendor), findings,
//! language, CSRF, rate limiting, logout, and the audit log behind it.

mod common;

use common::station::{admin, csrf, enc, Client, Station, PASSPHRASE};

#[test]
fn remote_listening_needs_to_be_asked_for() {
    let out = common::Vigie::new()
        .lang("en")
        .data_env(&std::env::temp_dir().join("vigie-remote-refused"))
        .passphrase(Some(PASSPHRASE))
        .run(&["serve", "--listen", "0.0.0.0:0"]);
    common::assert_refused(&out, "--allow-remote");
}

#[test]
fn operator_flow_from_first_start_to_logout() {
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let st = Station::start("flow", Some(&shared.join("echap/ioc.yaml")));
    let mut anon = Client::default();
    // First start: everything leads to the administrator's creation.
    let r = anon.get(&st.addr, "/cases");
    assert_eq!((r.status, r.header("location")), (303, Some("/setup")));
    assert!(r
        .header("content-security-policy")
        .is_some_and(|c| c.contains("default-src 'self'")));
    let r = anon.get(&st.addr, "/setup");
    assert!(
        r.body.contains("lang=\"fr\"") && r.body.contains("Créer l’administrateur"),
        "French by default"
    );
    let r = anon.post_guest(
        &st.addr,
        "/setup",
        &[("name", "admin"), ("password", "short")],
    );
    assert_eq!(r.status, 400);
    let mut c = admin(&st);
    // A second setup is refused.
    let r = anon.post_guest(
        &st.addr,
        "/setup",
        &[("name", "intruder"), ("password", "long enough password")],
    );
    assert_eq!((r.status, r.header("location")), (303, Some("/login")));

    // A case, with and without the CSRF token.
    let page = c.get(&st.addr, "/cases").body;
    let token = csrf(&page);
    let r = c.post_form(&st.addr, "/cases", &[("reference", "PV-2026/00042")]);
    assert_eq!(r.status, 403, "no CSRF token, no case");
    let r = c.post_form(
        &st.addr,
        "/cases",
        &[
            ("csrf", "0".repeat(64).as_str()),
            ("reference", "PV-2026/00042"),
        ],
    );
    assert_eq!(r.status, 403, "wrong CSRF token");
    let r = c.post_form(
        &st.addr,
        "/cases",
        &[("csrf", &token), ("reference", "PV-2026/00042")],
    );
    assert_eq!(r.status, 303);
    let case_path = format!("/cases/{}", enc("PV-2026/00042"));
    assert_eq!(r.header("location"), Some(case_path.as_str()));
    let r = c.request(
        &st.addr,
        "POST",
        "/cases",
        Some("application/x-www-form-urlencoded"),
        format!("csrf={token}&reference=X").as_bytes(),
        &[("Origin", "http://evil.example")],
    );
    assert_eq!(r.status, 403, "another site's form is refused");

    // Import: a real capture and one where the phone asks for a stalkerware vendor's name.
    let dir = st.data.join("in");
    std::fs::create_dir_all(&dir).expect("dir");
    let c2 = std::fs::read(common::dns_capture(&dir, "thetruthspy.com")).expect("capture");
    let real = std::fs::read(shared.join("pcaps/dns/dns-binds.pcap")).expect("real capture");
    let r = c.post_files(
        &st.addr,
        &format!("{case_path}/import?csrf={token}"),
        &[("real.pcap", real.clone()), ("phone.pcap", c2.clone())],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let page = c.get(&st.addr, &case_path).body;
    assert!(
        page.contains("NET-IOC-DOMAIN") && page.contains("TheTruthSpy"),
        "{page}"
    );
    assert!(page.contains("real.pcap") && page.contains("phone.pcap"));
    let sha = |b: &[u8]| {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(b))
    };
    assert!(
        page.contains(&sha(&c2)) && page.contains(&sha(&real)),
        "evidence listed with SHA-256"
    );
    // Not a capture: stored, said clearly.
    let r = c.post_files(
        &st.addr,
        &format!("{case_path}/import?csrf={token}"),
        &[("notes.txt", b"hello".to_vec())],
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("notes.txt"));

    // Language: English one click away, and back.
    let r = c.get(&st.addr, &format!("/lang?to=en&back={}", enc(&case_path)));
    assert_eq!(r.header("location"), Some(case_path.as_str()));
    let page = c.get(&st.addr, &case_path).body;
    assert!(page.contains("lang=\"en\"") && page.contains("Evidence files"));
    let r = c.get(&st.addr, "/lang?to=fr&back=//evil.example/");
    assert_eq!(r.header("location"), Some("/"), "never redirects elsewhere");

    // Close the case: no new check in it.
    let r = c.post_form(&st.addr, &format!("{case_path}/close"), &[("csrf", &token)]);
    assert_eq!(r.status, 303);
    let page = c.get(&st.addr, &case_path).body;
    assert!(
        page.contains("dossier est clos") && !page.contains("id=\"import\""),
        "{page}"
    );

    // Logout ends the session.
    let r = c.post_form(&st.addr, "/logout", &[("csrf", &token)]);
    assert_eq!((r.status, r.header("location")), (303, Some("/login")));
    let r = c.get(&st.addr, "/cases");
    assert_eq!((r.status, r.header("location")), (303, Some("/login")));

    // Rate limiting: after five failures, even the right password waits.
    let mut bad = Client::default();
    for _ in 0..5 {
        let r = bad.post_guest(
            &st.addr,
            "/login",
            &[("name", "admin"), ("password", "wrong password")],
        );
        assert_eq!(r.status, 401);
    }
    let r = bad.post_guest(
        &st.addr,
        "/login",
        &[("name", "admin"), ("password", "correct horse battery")],
    );
    assert_eq!(r.status, 429);

    // Every action is in the audit log, with who did it, and the file verifies.
    let data = st.data.clone();
    drop(st);
    let store = common::open_cases(&data);
    let log = store.audit_log().expect("log");
    let actions: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.actor.as_deref()))
        .collect();
    for want in [
        ("operator-created", Some("admin")),
        ("login", Some("admin")),
        ("case-opened", Some("admin")),
        ("evidence-stored", Some("admin")),
        ("scan-stored", Some("admin")),
        ("case-closed", Some("admin")),
        ("logout", Some("admin")),
        ("login-failed", Some("admin")),
    ] {
        assert!(actions.contains(&want), "{want:?} not in {actions:?}");
    }
    assert!(store.verify().expect("verify").problems.is_empty());
}
