//! TAXII 2.1 against the OASIS reference server, medallion (`pip install medallion`, which
//! `.ci/run` does), started by this test on a loopback port. Real STIX bundles from
//! `../shared/data/mvt-indicators` are added through TAXII itself, then pulled by
//! `vigie iocs update --sources taxii` page by page, and again with `added_after` once more
//! objects were added. A scan then finds a Predator domain through the pulled indicators.

mod common;

use common::{arg, assert_code, json, shared, write_sharing, Vigie};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vigie_feeds::{Auth, TaxiiClient};

/// Stops medallion when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_medallion(dir: &Path) -> (Server, String) {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let data = json!({
        "/discovery": {
            "title": "Test organisation",
            "default": format!("{base}/vigie/"),
            "api_roots": [format!("{base}/vigie/")]
        },
        "vigie": {
            "information": {
                "title": "Stalkerware indicators",
                "versions": ["application/taxii+json;version=2.1"],
                "max_content_length": 50_000_000
            },
            "status": [],
            "collections": [{
                "id": "91a7b528-80eb-42ed-a74d-c6fbd5a26116",
                "title": "Spyware indicators",
                "can_read": true,
                "can_write": true,
                "media_types": ["application/stix+json;version=2.1"],
                "objects": [],
                "manifest": []
            }]
        }
    });
    std::fs::write(
        dir.join("data.json"),
        serde_json::to_vec(&data).expect("json"),
    )
    .expect("data file");
    let config = json!({
        "backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend", "filename": dir.join("data.json")},
        "users": {"vigie": "s3cret"},
        "taxii": {"max_page_size": 200}
    });
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_vec(&config).expect("json"),
    )
    .expect("config file");
    let child = Command::new("python3")
        .args([
            "-m",
            "medallion.scripts.run",
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
        ])
        .arg(dir.join("config.json"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("medallion starts: install it with `pip install medallion` (.ci/run does)");
    let server = Server(child);
    let client = client(&base, Duration::from_secs(5));
    let start = Instant::now();
    while client.api_roots().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "medallion did not answer within 30 s (is `pip install medallion` done?)"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    (server, base)
}

/// A TAXII client of the server at `base`, as the station's user.
fn client(base: &str, timeout: Duration) -> TaxiiClient {
    TaxiiClient::new(
        &format!("{base}/taxii2/"),
        Auth::Basic {
            user: "vigie".into(),
            password: "s3cret".into(),
        },
        timeout,
    )
}

/// Sharing settings that pull from the server at `base` with this password.
fn pulling_from(base: &str, password: &str) -> Value {
    json!({"taxii": [{"discovery": format!("{base}/taxii2/"), "user": "vigie", "password": password}]})
}

fn bundle_objects(path: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&std::fs::read(path).expect("bundle")).expect("json");
    v["objects"].as_array().cloned().unwrap_or_default()
}

/// The stored TAXII feed as `iocs list` shows it (null where there is none).
fn taxii_feed(v: &Vigie) -> Value {
    let list = json(&v.run(&["iocs", "list", "--format", "json"]));
    list.as_array()
        .and_then(|l| {
            l.iter()
                .find(|f| f["id"].as_str().is_some_and(|i| i.starts_with("taxii-")))
        })
        .cloned()
        .unwrap_or_default()
}

fn stored_count(v: &Vigie) -> u64 {
    taxii_feed(v)["count"].as_u64().unwrap_or(0)
}

#[test]
fn indicators_are_pulled_from_a_taxii_server() {
    let Some(data) = shared() else { return };
    let dir = common::fresh_target_dir("taxii");
    let (_server, base) = start_medallion(&dir);
    let client = client(&base, Duration::from_secs(30));
    let roots = client.api_roots().expect("discovery");
    let collections = client.collections(&roots[0]).expect("collections");
    assert_eq!(collections[0].title, "Spyware indicators");
    let predator = bundle_objects(&data.join("mvt-indicators/intellexa_predator/predator.stix2"));
    client
        .add_objects(&roots[0], &collections[0].id, &predator)
        .expect("objects added");

    // Pull everything (several pages of 200).
    write_sharing(&dir, &pulling_from(&base, "s3cret"));
    let v = Vigie::new().lang("en").data_env(&dir);
    let update = || v.run(&["iocs", "update", "--sources", "taxii"]);
    assert_code(&update(), 0);
    let first = stored_count(&v);
    assert!(first >= 500, "{first} indicators pulled");

    // Nothing new: nothing changes.
    let said = common::stdout(&update());
    assert!(said.contains("nothing new"), "{said}");

    // More objects: only they are asked for (added_after), and the stored bundle grows.
    std::thread::sleep(Duration::from_millis(1100));
    let rcs = bundle_objects(&data.join("mvt-indicators/2022-06-23_rcs_lab/rcs.stix2"));
    client
        .add_objects(&roots[0], &collections[0].id, &rcs)
        .expect("objects added");
    assert_code(&update(), 0);
    assert!(stored_count(&v) > first);
    let cursor = taxii_feed(&v)["commit"].clone();
    let recent = client
        .objects(&roots[0], &collections[0].id, cursor.as_str())
        .expect("objects");
    assert!(
        recent.objects.is_empty(),
        "added_after the stored cursor returns nothing new"
    );

    // A wrong password: the stored feed stays.
    let before = stored_count(&v);
    write_sharing(&dir, &pulling_from(&base, "wrong"));
    let out = update();
    assert_code(&out, 2);
    let said = common::stdout(&out);
    assert!(said.contains("HTTP 401"), "{said}");
    assert_eq!(stored_count(&v), before);

    // The pulled indicators are used by scans: a phone asking for a Predator domain.
    let domain = predator
        .iter()
        .filter_map(|o| o["pattern"].as_str())
        .filter(|p| p.contains("domain-name:value"))
        .find_map(|p| p.split('\'').nth(1))
        .expect("a Predator domain")
        .to_owned();
    let pcap = common::dns_capture(&dir, &domain);
    let scan = || v.run(&["scan", "pcap", arg(&pcap), "--format", "json"]);
    let out = scan();
    assert_code(&out, 1);
    let doc = json(&out);
    assert_eq!(doc["findings"][0]["indicator"]["app"], "Predator");
    assert!(doc["findings"][0]["indicator"]["source"]
        .as_str()
        .is_some_and(|s| s.starts_with("TAXII")));
    assert!(
        out.stderr.is_empty(),
        "nothing is shared without the opt-in"
    );

    // Opt-in: the same scan shares one anonymous sighting (indicator, day, department).
    let mut sharing = pulling_from(&base, "s3cret");
    sharing["sightings"] = json!({"enabled": true, "department": "75"});
    write_sharing(&dir, &sharing);
    let out = scan();
    assert_code(&out, 1);
    let said = common::stderr(&out);
    assert!(said.contains("1 anonymous sighting "), "{said}");
    let all = client
        .objects(&roots[0], &collections[0].id, None)
        .expect("objects");
    let sightings: Vec<&Value> = all
        .objects
        .iter()
        .filter(|o| o["type"] == "sighting")
        .collect();
    assert_eq!(sightings.len(), 1);
    assert_eq!(sightings[0]["x_vigie_department"], "75");
    let shared = serde_json::to_string(&sightings).expect("json");
    for private in ["192.168.1.20", "phone.pcap", "taxii/phone"] {
        assert!(!shared.contains(private), "{private} was shared");
    }
}
