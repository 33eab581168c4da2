//! `vigie iocs update --sources misp` against a local server speaking MISP's events API
//! (`POST /events/restSearch` with the automation key), serving the Echap association's real
//! MISP event: each published event becomes a stored feed used by scans; a wrong key keeps
//! what was stored.

mod common;

use common::{serve_recording, shared, Received, Reply, Routes};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

fn vigie(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .arg("--lang")
        .arg("en")
        .args(args)
        .env("VIGIE_DATA_DIR", dir)
        .output()
        .expect("vigie runs")
}

#[test]
fn published_misp_events_become_feeds() {
    let Some(data) = shared() else { return };
    let event: Value =
        serde_json::from_slice(&std::fs::read(data.join("echap/misp_event.json")).expect("event"))
            .expect("json");
    let response = json!({ "response": [ { "Event": event } ] });
    let routes: Routes = Arc::new(Mutex::new(HashMap::new()));
    routes.lock().expect("routes").insert(
        "/events/restSearch".into(),
        Reply::Authorized(
            "station-key".into(),
            Box::new(Reply::Serve(response.to_string().into_bytes())),
        ),
    );
    routes.lock().expect("routes").insert(
        "/sightings/add".into(),
        Reply::Authorized(
            "station-key".into(),
            Box::new(Reply::Serve(br#"{"Sighting": {}}"#.to_vec())),
        ),
    );
    let received: Received = Arc::new(Mutex::new(Vec::new()));
    let base = serve_recording(routes, received.clone());
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("misp");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("sharing.json"),
        json!({ "misp": [ { "url": base, "key": "station-key" } ] }).to_string(),
    )
    .expect("sharing");

    let out = vigie(&dir, &["iocs", "update", "--sources", "misp"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let list: Value =
        serde_json::from_slice(&vigie(&dir, &["iocs", "list", "--format", "json"]).stdout)
            .expect("json");
    let feed = &list[0];
    assert!(
        feed["id"]
            .as_str()
            .is_some_and(|i| i.starts_with("misp-127.0.0.1")),
        "{feed}"
    );
    assert_eq!(feed["kind"], "misp_event");
    assert!(feed["count"].as_u64() > Some(1000));

    // Unchanged event: nothing new.
    let out = vigie(&dir, &["iocs", "update", "--sources", "misp"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("nothing new"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A wrong key: refused by the server, the stored event stays.
    std::fs::write(
        dir.join("sharing.json"),
        json!({ "misp": [ { "url": base, "key": "wrong" } ] }).to_string(),
    )
    .expect("sharing");
    let out = vigie(&dir, &["iocs", "update", "--sources", "misp"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("HTTP 403"));
    let again: Value =
        serde_json::from_slice(&vigie(&dir, &["iocs", "list", "--format", "json"]).stdout)
            .expect("json");
    assert_eq!(again[0]["sha256"], feed["sha256"]);

    // Opt-in sightings go to MISP too: value, day and department only.
    std::fs::write(
        dir.join("sharing.json"),
        json!({ "misp": [ { "url": base, "key": "station-key" } ], "sightings": { "enabled": true, "department": "13" } }).to_string(),
    )
    .expect("sharing");
    let pcap = common::dns_capture(&dir, "protocol-a748.thetruthspy.com");
    let out = vigie(
        &dir,
        &[
            "scan",
            "pcap",
            pcap.to_str().expect("path"),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("anonymous sightings"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bodies: Vec<String> = received
        .lock()
        .expect("received")
        .iter()
        .filter(|(p, _)| p == "/sightings/add")
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    let sent: Value = serde_json::from_str(&bodies[0]).expect("json");
    assert_eq!(sent["source"], "vigie-13");
    assert_eq!(sent["timestamp"], "1759968000");
    for private in ["192.168.1.20", "phone.pcap"] {
        assert!(!bodies[0].contains(private), "{private} was shared");
    }
}
