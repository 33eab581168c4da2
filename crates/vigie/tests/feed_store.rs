//! The station's feed store through the command line: `iocs import`, `iocs list`, scans
//! without `--iocs` using the stored feeds (and naming their versions), and refusals that
//! keep the previous feeds.

mod common;

use common::shared;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vigie(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .env("VIGIE_DATA_DIR", data_dir)
        .output()
        .expect("vigie runs")
}

fn fresh_dir(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A phone asking for a TheTruthSpy server.
fn capture(dir: &Path) -> PathBuf {
    common::dns_capture(dir, "protocol-a748.thetruthspy.com")
}

#[test]
fn imported_feeds_are_listed_and_used_by_scans() {
    let Some(data) = shared() else { return };
    let dir = fresh_dir("store-used");
    let empty = vigie(&dir, &["iocs", "list", "--format", "json"]);
    assert_eq!(empty.status.code(), Some(0));
    assert_eq!(
        serde_json::from_slice::<Value>(&empty.stdout).expect("json"),
        Value::Array(vec![])
    );
    // Without feeds a scan still runs, says that no indicator was checked, and finds nothing by name.
    let pcap = capture(&dir);
    let out = vigie(&dir, &["scan", "pcap", s(&pcap), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(doc["coverage"]["not_checked"]
        .to_string()
        .contains("No indicator feed was loaded"));

    let imp = vigie(&dir, &["iocs", "import", s(&data.join("echap"))]);
    assert_eq!(
        imp.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&imp.stdout)
    );
    assert!(String::from_utf8_lossy(&imp.stdout).contains("echap/ioc.yaml"));
    let list: Value =
        serde_json::from_slice(&vigie(&dir, &["iocs", "list", "--format", "json"]).stdout)
            .expect("json");
    let feeds = list.as_array().expect("array");
    let ioc = feeds
        .iter()
        .find(|f| f["id"] == "echap/ioc.yaml")
        .expect("ioc.yaml stored");
    for field in ["source", "kind", "count", "retrieved", "sha256"] {
        assert!(!ioc[field].is_null(), "{field} missing: {ioc}");
    }
    assert_eq!(ioc["kind"], "echap_yaml");
    assert!(ioc["count"].as_u64() > Some(2000));
    assert_eq!(ioc["stale"], false);

    let out = vigie(&dir, &["scan", "pcap", s(&pcap), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["findings"][0]["indicator"]["app"], "TheTruthSpy");
    let used = doc["feeds"].as_array().expect("feeds");
    assert!(
        used.iter().any(|f| f["sha256"] == ioc["sha256"]),
        "the verdict names the feed version it used"
    );
}

#[test]
fn a_worse_version_is_refused_and_the_stored_one_kept() {
    let dir = fresh_dir("store-refuse");
    let feeds = dir.join("src/lists");
    std::fs::create_dir_all(&feeds).expect("dir");
    let f = feeds.join("domains.txt");
    std::fs::write(&f, "spy-one.example\nspy-two.example\n").expect("write");
    assert_eq!(
        vigie(&dir, &["iocs", "import", s(&f)]).status.code(),
        Some(0)
    );
    std::fs::write(&f, "spy-one.example\n").expect("write");
    let out = vigie(&dir, &["iocs", "import", s(&f)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("fewer than the 2 stored"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(&f, "{ not a feed").expect("write");
    assert_eq!(
        vigie(&dir, &["iocs", "import", s(&f)]).status.code(),
        Some(2)
    );
    let list: Value =
        serde_json::from_slice(&vigie(&dir, &["iocs", "list", "--format", "json"]).stdout)
            .expect("json");
    assert_eq!(list[0]["count"], 2);
    assert_eq!(
        vigie(&dir, &["iocs", "import", "--allow-fewer", s(&f)])
            .status
            .code(),
        Some(2)
    );
    std::fs::write(&f, "spy-one.example\n").expect("write");
    assert_eq!(
        vigie(&dir, &["iocs", "import", "--allow-fewer", s(&f)])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn an_altered_stored_feed_stops_the_scan() {
    let dir = fresh_dir("store-altered");
    let f = dir.join("domains.txt");
    std::fs::write(&f, "spy-one.example\n").expect("write");
    assert_eq!(
        vigie(&dir, &["iocs", "import", s(&f)]).status.code(),
        Some(0)
    );
    let files = dir.join("feeds/files");
    let stored = std::fs::read_dir(&files)
        .expect("files")
        .flatten()
        .next()
        .expect("one file")
        .path();
    std::fs::write(&stored, "other.example\n").expect("tamper");
    let out = vigie(&dir, &["scan", "pcap", s(&capture(&dir))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no longer matches its recorded SHA-256"));
}

#[test]
fn pinned_feeds_need_a_valid_signature() {
    use ed25519_dalek::{Signer, SigningKey};
    let dir = fresh_dir("store-pinned");
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let public: String = key
        .verifying_key()
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(
        dir.join("sharing.json"),
        format!(r#"{{"pins": [{{"feeds": "lists/", "public_key": "{public}"}}]}}"#),
    )
    .expect("settings");
    let feeds = dir.join("src/lists");
    std::fs::create_dir_all(&feeds).expect("dir");
    let f = feeds.join("domains.txt");
    let content = b"spy-one.example\nspy-two.example\n";
    std::fs::write(&f, content).expect("write");
    // No signature: refused.
    let out = vigie(&dir, &["iocs", "import", s(&f)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("no signature was found"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A signature by another key: refused.
    let other = SigningKey::from_bytes(&[9u8; 32]);
    std::fs::write(
        feeds.join("domains.txt.sig"),
        other.sign(content).to_bytes(),
    )
    .expect("sig");
    let out = vigie(&dir, &["iocs", "import", s(&f)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("does not match the pinned key"));
    assert_eq!(
        serde_json::from_slice::<Value>(&vigie(&dir, &["iocs", "list", "--format", "json"]).stdout)
            .expect("json"),
        Value::Array(vec![])
    );
    // The right key, hexadecimal signature: stored.
    let sig: String = key
        .sign(content)
        .to_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(feeds.join("domains.txt.sig"), sig).expect("sig");
    let out = vigie(&dir, &["iocs", "import", s(&f)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A feed outside the pinned prefix needs none.
    let other_feed = dir.join("src/more/domains.txt");
    std::fs::create_dir_all(other_feed.parent().expect("parent")).expect("dir");
    std::fs::write(&other_feed, "x.example\n").expect("write");
    assert_eq!(
        vigie(&dir, &["iocs", "import", s(&other_feed)])
            .status
            .code(),
        Some(0)
    );
}
