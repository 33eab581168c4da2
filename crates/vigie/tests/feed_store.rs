//! The station's feed store through the command line: `iocs import`, `iocs list`, scans
//! without `--iocs` using the stored feeds (and naming their versions), and refusals that
//! keep the previous feeds.

mod common;

use common::{arg, assert_code, json, shared, Vigie};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn vigie(data_dir: &Path, args: &[&str]) -> Output {
    Vigie::new().lang("en").data_env(data_dir).run(args)
}

/// `vigie iocs import ARGS`.
fn import(dir: &Path, args: &[&str]) -> Output {
    vigie(dir, &[&["iocs", "import"], args].concat())
}

/// The feeds stored, as `iocs list --format json` shows them.
fn stored(dir: &Path) -> Value {
    json(&vigie(dir, &["iocs", "list", "--format", "json"]))
}

/// A phone asking for a TheTruthSpy server.
fn capture(dir: &Path) -> PathBuf {
    common::dns_capture(dir, "protocol-a748.thetruthspy.com")
}

#[test]
fn imported_feeds_are_listed_and_used_by_scans() {
    let Some(data) = shared() else { return };
    let dir = common::fresh_target_dir("store-used");
    let empty = vigie(&dir, &["iocs", "list", "--format", "json"]);
    assert_code(&empty, 0);
    assert_eq!(json(&empty), Value::Array(vec![]));
    // Without feeds a scan still runs, says that no indicator was checked, and finds nothing by name.
    let pcap = capture(&dir);
    let out = vigie(&dir, &["scan", "pcap", arg(&pcap), "--format", "json"]);
    assert_code(&out, 0);
    let doc = json(&out);
    assert!(doc["coverage"]["not_checked"]
        .to_string()
        .contains("No indicator feed was loaded"));

    let imported = assert_code(&import(&dir, &[arg(&data.join("echap"))]), 0);
    assert!(imported.contains("echap/ioc.yaml"));
    let list = stored(&dir);
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

    let out = vigie(&dir, &["scan", "pcap", arg(&pcap), "--format", "json"]);
    assert_code(&out, 1);
    let doc = json(&out);
    assert_eq!(doc["findings"][0]["indicator"]["app"], "TheTruthSpy");
    let used = doc["feeds"].as_array().expect("feeds");
    assert!(
        used.iter().any(|f| f["sha256"] == ioc["sha256"]),
        "the verdict names the feed version it used"
    );
}

#[test]
fn a_worse_version_is_refused_and_the_stored_one_kept() {
    let dir = common::fresh_target_dir("store-refuse");
    let feeds = dir.join("src/lists");
    std::fs::create_dir_all(&feeds).expect("dir");
    let f = feeds.join("domains.txt");
    std::fs::write(&f, "spy-one.example\nspy-two.example\n").expect("write");
    assert_code(&import(&dir, &[arg(&f)]), 0);
    std::fs::write(&f, "spy-one.example\n").expect("write");
    let said = assert_code(&import(&dir, &[arg(&f)]), 2);
    assert!(said.contains("fewer than the 2 stored"), "{said}");
    std::fs::write(&f, "{ not a feed").expect("write");
    assert_code(&import(&dir, &[arg(&f)]), 2);
    assert_eq!(stored(&dir)[0]["count"], 2);
    assert_code(&import(&dir, &["--allow-fewer", arg(&f)]), 2);
    std::fs::write(&f, "spy-one.example\n").expect("write");
    assert_code(&import(&dir, &["--allow-fewer", arg(&f)]), 0);
}

#[test]
fn an_altered_stored_feed_stops_the_scan() {
    let dir = common::fresh_target_dir("store-altered");
    let f = dir.join("domains.txt");
    std::fs::write(&f, "spy-one.example\n").expect("write");
    assert_code(&import(&dir, &[arg(&f)]), 0);
    let files = dir.join("feeds/files");
    let stored = std::fs::read_dir(&files)
        .expect("files")
        .flatten()
        .next()
        .expect("one file")
        .path();
    std::fs::write(&stored, "other.example\n").expect("tamper");
    let out = vigie(&dir, &["scan", "pcap", arg(&capture(&dir))]);
    common::assert_refused(&out, "no longer matches its recorded SHA-256");
}

#[test]
fn pinned_feeds_need_a_valid_signature() {
    use ed25519_dalek::{Signer, SigningKey};
    let dir = common::fresh_target_dir("store-pinned");
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let public = hex::encode(key.verifying_key().to_bytes());
    common::write_sharing(&dir, &common::pinning("lists/", &public));
    let feeds = dir.join("src/lists");
    std::fs::create_dir_all(&feeds).expect("dir");
    let f = feeds.join("domains.txt");
    let content = b"spy-one.example\nspy-two.example\n";
    std::fs::write(&f, content).expect("write");
    // No signature: refused.
    let said = assert_code(&import(&dir, &[arg(&f)]), 2);
    assert!(said.contains("no signature was found"), "{said}");
    // A signature by another key: refused.
    let other = SigningKey::from_bytes(&[9u8; 32]);
    std::fs::write(
        feeds.join("domains.txt.sig"),
        other.sign(content).to_bytes(),
    )
    .expect("sig");
    let said = assert_code(&import(&dir, &[arg(&f)]), 2);
    assert!(said.contains("does not match the pinned key"));
    assert_eq!(stored(&dir), Value::Array(vec![]));
    // The right key, hexadecimal signature: stored.
    let sig = hex::encode(key.sign(content).to_bytes());
    std::fs::write(feeds.join("domains.txt.sig"), sig).expect("sig");
    assert_code(&import(&dir, &[arg(&f)]), 0);
    // A feed outside the pinned prefix needs none.
    let other_feed = dir.join("src/more/domains.txt");
    std::fs::create_dir_all(other_feed.parent().expect("parent")).expect("dir");
    std::fs::write(&other_feed, "x.example\n").expect("write");
    assert_code(&import(&dir, &[arg(&other_feed)]), 0);
}
