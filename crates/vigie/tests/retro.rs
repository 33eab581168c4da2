//! Retro-checks: a case checked with an old feed; `vigie iocs update` brings a new version
//! that lists a domain the phone had contacted; the case is flagged, once.

mod common;

use common::{dns_capture, serve, shared, Reply, Routes};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};

const PASS: &str = "a passphrase for the retro-check test";

fn vigie(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en"])
        .args(args)
        .env("VIGIE_DATA_DIR", dir)
        .env("VIGIE_PASSPHRASE", PASS)
        .stdin(Stdio::null())
        .output()
        .expect("vigie runs")
}

#[test]
fn a_past_check_is_flagged_when_a_new_feed_lists_what_it_saw() {
    let Some(data) = shared() else { return };
    let old = "- name: OldSpy\n  type: stalkerware\n  c2:\n    domains:\n    - old-spy.example\n";
    let new = format!(
        "{old}- name: NewSpy\n  type: stalkerware\n  c2:\n    domains:\n    - new-spy.example\n"
    );
    let routes: Routes = Arc::new(Mutex::new(HashMap::new()));
    {
        let mut r = routes.lock().expect("routes");
        r.insert(
            "/echap/ioc.yaml".into(),
            Reply::Serve(old.as_bytes().to_vec()),
        );
        r.insert(
            "/echap/watchware.yaml".into(),
            Reply::Serve(std::fs::read(data.join("echap/watchware.yaml")).expect("file")),
        );
        r.insert(
            "/echap/samples.csv".into(),
            Reply::Serve(std::fs::read(data.join("echap/samples.csv")).expect("file")),
        );
    }
    let base = serve(routes.clone());
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("retro");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let update = || {
        vigie(
            &dir,
            &[
                "iocs",
                "update",
                "--sources",
                "echap",
                "--retries",
                "0",
                "--echap-base",
                &format!("{base}/echap"),
                "--github-api",
                &format!("{base}/api"),
            ],
        )
    };

    assert_eq!(update().status.code(), Some(0));
    // The check, with the old feed: nothing known.
    let pcap = dns_capture(&dir, "c2.new-spy.example");
    let scan = vigie(
        &dir,
        &[
            "scan",
            "pcap",
            pcap.to_str().expect("path"),
            "--case",
            "RETRO-1",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        scan.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );

    // The new feed lists the domain: the case is flagged.
    routes
        .lock()
        .expect("routes")
        .insert("/echap/ioc.yaml".into(), Reply::Serve(new.into_bytes()));
    let out = update();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Case RETRO-1")
            && text.contains("NewSpy")
            && text.contains("c2.new-spy.example"),
        "{text}"
    );

    let show: Value = serde_json::from_slice(
        &vigie(&dir, &["case", "show", "RETRO-1", "--format", "json"]).stdout,
    )
    .expect("json");
    let m = &show["retro_matches"][0];
    assert_eq!(m["observed"][1], "c2.new-spy.example");
    assert_eq!(m["indicator"][0], "new-spy.example");
    assert_eq!(m["indicator"][2], "NewSpy");

    // Updating again does not flag it twice; the file still verifies.
    let again = update();
    assert!(!String::from_utf8_lossy(&again.stdout).contains("Case RETRO-1"));
    let show: Value = serde_json::from_slice(
        &vigie(&dir, &["case", "show", "RETRO-1", "--format", "json"]).stdout,
    )
    .expect("json");
    assert_eq!(show["retro_matches"].as_array().map(Vec::len), Some(1));
    assert_eq!(vigie(&dir, &["case", "verify"]).status.code(), Some(0));

    // Without the passphrase the re-check is skipped, and said so.
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args([
            "--lang",
            "en",
            "iocs",
            "update",
            "--sources",
            "echap",
            "--retries",
            "0",
            "--echap-base",
            &format!("{base}/echap"),
            "--github-api",
            &format!("{base}/api"),
        ])
        .env("VIGIE_DATA_DIR", &dir)
        .env_remove("VIGIE_PASSPHRASE")
        .stdin(Stdio::null())
        .output()
        .expect("vigie runs");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("were not re-checked"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
