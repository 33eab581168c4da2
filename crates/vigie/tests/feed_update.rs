//! `vigie iocs update` against a local HTTP server (a real TCP server in the test) that serves
//! the real Echap feed and MVT bundles, and can also cut the connection mid-download, serve
//! garbage, be slow, serve a feed with fewer indicators, or lose the index: in every case the
//! station keeps its previous feeds and says why.

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

mod common;

use common::{assert_code, json, routes, serve, set_route, shared, stdout as text, Reply, Vigie};

fn update(dir: &Path, base: &str, extra: &[&str]) -> Output {
    Vigie::new()
        .lang("en")
        .data_env(dir)
        .command(&["iocs", "update", "--retries", "0"])
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
        .output()
        .expect("vigie runs")
}

/// The feeds stored, as `iocs list --format json` shows them.
fn list(dir: &Path) -> Value {
    json(
        &Vigie::new()
            .data_env(dir)
            .run(&["iocs", "list", "--format", "json"]),
    )
}

fn stored(dir: &Path) -> HashMap<String, (u64, String)> {
    list(dir)
        .as_array()
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

#[test]
fn update_keeps_previous_feeds_whatever_the_server_does() {
    let Some(data) = shared() else { return };
    let read = |p: &str| std::fs::read(data.join(p)).expect("shared file");
    let ioc = read("echap/ioc.yaml");
    let index = "indicators:\n  - type: github\n    name: Predator Spyware Indicators of Compromise\n    github:\n      owner: mvt-project\n      repo: mvt-indicators\n      branch: main\n      path: intellexa_predator/predator.stix2\n  - type: github\n    name: Stalkerware Indicators of Compromise\n    github:\n      owner: AssoEchap\n      repo: stalkerware-indicators\n      branch: master\n      path: generated/stalkerware.stix2\n";
    let routes = routes(vec![
        ("/echap/ioc.yaml", Reply::Serve(ioc.clone())),
        (
            "/echap/watchware.yaml",
            Reply::Serve(read("echap/watchware.yaml")),
        ),
        (
            "/echap/samples.csv",
            Reply::Serve(read("echap/samples.csv")),
        ),
        (
            "/api/repos/AssoEchap/stalkerware-indicators/commits/master",
            Reply::Serve(br#"{"sha": "a04c5c1958bff93fec3b1b56edbb412b209f2a38"}"#.to_vec()),
        ),
        (
            "/api/repos/mvt-project/mvt-indicators/commits/main",
            Reply::Serve(br#"{"sha": "e035f4fbdb8aedb46a27bcdd4b1c6179d22301ad"}"#.to_vec()),
        ),
        (
            "/mvt/indicators.yaml",
            Reply::Serve(index.as_bytes().to_vec()),
        ),
        (
            "/raw/mvt-project/mvt-indicators/main/intellexa_predator/predator.stix2",
            Reply::Serve(read("mvt-indicators/intellexa_predator/predator.stix2")),
        ),
    ]);
    let base = serve(routes.clone());
    // A folder that does not exist yet: the first update makes it.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("feed-update");
    let _ = std::fs::remove_dir_all(&dir);

    // 1. Everything served: every feed stored, Echap's own STIX entry of the index skipped.
    assert_code(&update(&dir, &base, &[]), 0);
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
    let list = list(&dir);
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

    let set_ioc = |reply: Reply| set_route(&routes, "/echap/ioc.yaml", reply);
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
    set_route(&routes, "/mvt/indicators.yaml", Reply::NotFound);
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
    let public = hex::encode(key.verifying_key().to_bytes());
    common::write_sharing(&dir, &common::pinning("echap/", &public));
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
        let signature = key.sign(&body).to_bytes().to_vec();
        set_route(&routes, &format!("/echap/{f}.sig"), Reply::Serve(signature));
    }
    assert_code(&update(&dir, &base, &["--sources", "echap"]), 0);
}
