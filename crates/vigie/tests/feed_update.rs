//! `vigie iocs update` against a local HTTP server (a real TCP server in the test) that serves
//! the real Echap feed and MVT bundles, and can also cut the connection mid-download, serve
//! garbage, be slow, serve a feed with fewer indicators, or lose the index: in every case the
//! station keeps its previous feeds and says why.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;

use common::{serve, shared, Reply, Routes};

fn update(dir: &Path, base: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en", "iocs", "update", "--retries", "0"])
        .args([
            "--echap-base",
            &format!("{base}/echap"),
            "--mvt-index",
            &format!("{base}/mvt/indicators.yaml"),
            "--github-raw",
            &format!("{base}/raw"),
            "--github-api",
            &format!("{base}/api"),
        ])
        .args(extra)
        .env("VIGIE_DATA_DIR", dir)
        .output()
        .expect("vigie runs")
}

fn stored(dir: &Path) -> HashMap<String, (u64, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["iocs", "list", "--format", "json"])
        .env("VIGIE_DATA_DIR", dir)
        .output()
        .expect("vigie runs");
    let list: Value = serde_json::from_slice(&out.stdout).expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or_default().to_owned(),
                (
                    f["count"].as_u64().unwrap_or(0),
                    f["sha256"].as_str().unwrap_or_default().to_owned(),
                ),
            )
        })
        .collect()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn update_keeps_previous_feeds_whatever_the_server_does() {
    let Some(data) = shared() else { return };
    let read = |p: &str| std::fs::read(data.join(p)).expect("shared file");
    let ioc = read("echap/ioc.yaml");
    let index = "indicators:\n  - type: github\n    name: Predator Spyware Indicators of Compromise\n    github:\n      owner: mvt-project\n      repo: mvt-indicators\n      branch: main\n      path: intellexa_predator/predator.stix2\n  - type: github\n    name: Stalkerware Indicators of Compromise\n    github:\n      owner: AssoEchap\n      repo: stalkerware-indicators\n      branch: master\n      path: generated/stalkerware.stix2\n";
    let routes: Routes = Arc::new(Mutex::new(HashMap::new()));
    {
        let mut r = routes.lock().expect("routes");
        r.insert("/echap/ioc.yaml".into(), Reply::Serve(ioc.clone()));
        r.insert(
            "/echap/watchware.yaml".into(),
            Reply::Serve(read("echap/watchware.yaml")),
        );
        r.insert(
            "/echap/samples.csv".into(),
            Reply::Serve(read("echap/samples.csv")),
        );
        r.insert(
            "/api/repos/AssoEchap/stalkerware-indicators/commits/master".into(),
            Reply::Serve(br#"{"sha": "a04c5c1958bff93fec3b1b56edbb412b209f2a38"}"#.to_vec()),
        );
        r.insert(
            "/api/repos/mvt-project/mvt-indicators/commits/main".into(),
            Reply::Serve(br#"{"sha": "e035f4fbdb8aedb46a27bcdd4b1c6179d22301ad"}"#.to_vec()),
        );
        r.insert(
            "/mvt/indicators.yaml".into(),
            Reply::Serve(index.as_bytes().to_vec()),
        );
        r.insert(
            "/raw/mvt-project/mvt-indicators/main/intellexa_predator/predator.stix2".into(),
            Reply::Serve(read("mvt-indicators/intellexa_predator/predator.stix2")),
        );
    }
    let base = serve(routes.clone());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("feed-update");
    let _ = std::fs::remove_dir_all(&dir);

    // 1. Everything served: every feed stored, Echap's own STIX entry of the index skipped.
    let first = update(&dir, &base, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));
    let before = stored(&dir);
    let ids: Vec<&str> = {
        let mut v: Vec<&str> = before.keys().map(String::as_str).collect();
        v.sort();
        v
    };
    assert_eq!(
        ids,
        vec![
            "echap/ioc.yaml",
            "echap/samples.csv",
            "echap/watchware.yaml",
            "intellexa_predator/predator.stix2"
        ]
    );
    assert!(before["echap/ioc.yaml"].0 > 2000);
    // Each feed records its source and the upstream commit the GitHub API gave.
    let list: Value = serde_json::from_slice(
        &Command::new(env!("CARGO_BIN_EXE_vigie"))
            .args(["iocs", "list", "--format", "json"])
            .env("VIGIE_DATA_DIR", &dir)
            .output()
            .expect("vigie runs")
            .stdout,
    )
    .expect("json");
    let feed = |id: &str| {
        list.as_array()
            .and_then(|l| l.iter().find(|f| f["id"] == id))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        feed("echap/ioc.yaml")["commit"],
        "a04c5c1958bff93fec3b1b56edbb412b209f2a38"
    );
    assert_eq!(
        feed("echap/ioc.yaml")["source"],
        format!("{base}/echap/ioc.yaml")
    );
    assert_eq!(
        feed("intellexa_predator/predator.stix2")["commit"],
        "e035f4fbdb8aedb46a27bcdd4b1c6179d22301ad"
    );

    let set_ioc = |reply: Reply| {
        routes
            .lock()
            .expect("routes")
            .insert("/echap/ioc.yaml".into(), reply);
    };
    // 2. Connection cut mid-download.
    set_ioc(Reply::Cut(ioc.clone()));
    let out = update(&dir, &base, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("Download failed") && text(&out).contains("keep their stored version"),
        "{}",
        text(&out)
    );
    assert_eq!(stored(&dir), before);
    // 3. Garbage.
    set_ioc(Reply::Serve(
        (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect(),
    ));
    let out = update(&dir, &base, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("echap/ioc.yaml"), "{}", text(&out));
    assert_eq!(stored(&dir), before);
    // 4. Too slow for the timeout.
    set_ioc(Reply::Slow(Duration::from_secs(4), ioc.clone()));
    let out = update(&dir, &base, &["--timeout", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("Download failed"), "{}", text(&out));
    assert_eq!(stored(&dir), before);
    // 5. A feed with fewer indicators: only the first app.
    let first_app = String::from_utf8_lossy(&ioc)
        .split("\n- name")
        .next()
        .unwrap_or_default()
        .to_owned();
    set_ioc(Reply::Serve(first_app.into_bytes()));
    let out = update(&dir, &base, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("fewer than the"), "{}", text(&out));
    assert_eq!(stored(&dir), before);
    // 6. The index is gone: the Echap feed still updates, the bundles stay.
    set_ioc(Reply::Serve(ioc.clone()));
    routes
        .lock()
        .expect("routes")
        .insert("/mvt/indicators.yaml".into(), Reply::NotFound);
    let out = update(&dir, &base, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("404"), "{}", text(&out));
    let after = stored(&dir);
    assert_eq!(
        after["intellexa_predator/predator.stix2"],
        before["intellexa_predator/predator.stix2"]
    );
    assert_eq!(after["echap/ioc.yaml"].1, before["echap/ioc.yaml"].1);

    // 7. Pinned feeds: without a signature beside them they are refused and kept; with the
    //    right detached signature (FEED.sig) they are stored.
    use ed25519_dalek::{Signer, SigningKey};
    let key = SigningKey::from_bytes(&[3u8; 32]);
    let public: String = key
        .verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(
        dir.join("sharing.json"),
        format!(r#"{{"pins": [{{"feeds": "echap/", "public_key": "{public}"}}]}}"#),
    )
    .expect("settings");
    let out = update(&dir, &base, &["--sources", "echap"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("no signature was found"),
        "{}",
        text(&out)
    );
    assert_eq!(stored(&dir)["echap/ioc.yaml"], after["echap/ioc.yaml"]);
    for f in ["ioc.yaml", "watchware.yaml", "samples.csv"] {
        let body = read(&format!("echap/{f}"));
        routes.lock().expect("routes").insert(
            format!("/echap/{f}.sig"),
            Reply::Serve(key.sign(&body).to_bytes().to_vec()),
        );
    }
    let out = update(&dir, &base, &["--sources", "echap"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}
