//! Retro-checks: a case checked with an old feed; `vigie iocs update` brings a new version
//! that lists a domain the phone had contacted; the case is flagged, once.

mod common;

use common::{assert_code, dns_capture, json, routes, serve, set_route, shared, Reply, Vigie};

const PASS: &str = "a passphrase for the retro-check test";

#[test]
fn a_past_check_is_flagged_when_a_new_feed_lists_what_it_saw() {
    let Some(data) = shared() else { return };
    let old = "- name: OldSpy\n  type: stalkerware\n  c2:\n    domains:\n    - old-spy.example\n";
    let new = format!(
        "{old}- name: NewSpy\n  type: stalkerware\n  c2:\n    domains:\n    - new-spy.example\n"
    );
    let read = |p: &str| std::fs::read(data.join(p)).expect("file");
    let routes = routes(vec![
        ("/echap/ioc.yaml", Reply::Serve(old.as_bytes().to_vec())),
        (
            "/echap/watchware.yaml",
            Reply::Serve(read("echap/watchware.yaml")),
        ),
        (
            "/echap/samples.csv",
            Reply::Serve(read("echap/samples.csv")),
        ),
    ]);
    let base = serve(routes.clone());
    let dir = common::fresh_target_dir("retro");
    let v = Vigie::new()
        .lang("en")
        .data_env(&dir)
        .passphrase(Some(PASS))
        .no_stdin();
    let (echap_base, github_api) = (format!("{base}/echap"), format!("{base}/api"));
    let update = |v: &Vigie| {
        v.run(&[
            "iocs",
            "update",
            "--sources",
            "echap",
            "--retries",
            "0",
            "--echap-base",
            &echap_base,
            "--github-api",
            &github_api,
        ])
    };
    let show = || json(&v.run(&["case", "show", "RETRO-1", "--format", "json"]));

    assert_code(&update(&v), 0);
    // The check, with the old feed: nothing known.
    let pcap = dns_capture(&dir, "c2.new-spy.example");
    let scan = v.scan(
        "pcap",
        &pcap,
        &[],
        &["--case", "RETRO-1", "--format", "json"],
    );
    assert_code(&scan, 0);

    // The new feed lists the domain: the case is flagged.
    set_route(&routes, "/echap/ioc.yaml", Reply::Serve(new.into_bytes()));
    let text = assert_code(&update(&v), 0);
    assert!(
        text.contains("Case RETRO-1")
            && text.contains("NewSpy")
            && text.contains("c2.new-spy.example"),
        "{text}"
    );

    let show_first = show();
    let m = &show_first["retro_matches"][0];
    assert_eq!(m["observed"][1], "c2.new-spy.example");
    assert_eq!(m["indicator"][0], "new-spy.example");
    assert_eq!(m["indicator"][2], "NewSpy");

    // Updating again does not flag it twice; the file still verifies.
    let again = update(&v);
    assert!(!common::stdout(&again).contains("Case RETRO-1"));
    assert_eq!(show()["retro_matches"].as_array().map(Vec::len), Some(1));
    assert_code(&v.run(&["case", "verify"]), 0);

    // Without the passphrase the re-check is skipped, and said so.
    let said = common::stdout(&update(&v.passphrase(None)));
    assert!(said.contains("were not re-checked"), "{said}");
}
