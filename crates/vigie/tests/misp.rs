//! `vigie iocs update --sources misp` against a local server speaking MISP's events API
//! (`POST /events/restSearch` with the automation key), serving the Echap association's real
//! MISP event: each published event becomes a stored feed used by scans; a wrong key keeps
//! what was stored.

mod common;

use common::{arg, assert_code, json, routes, serve_recording, shared, write_sharing, Vigie};
use common::{Received, Reply};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

#[test]
fn published_misp_events_become_feeds() {
    let Some(data) = shared() else { return };
    let event: Value =
        serde_json::from_slice(&std::fs::read(data.join("echap/misp_event.json")).expect("event"))
            .expect("json");
    let response = json!({ "response": [ { "Event": event } ] });
    let keyed =
        |body: Vec<u8>| Reply::Authorized("station-key".into(), Box::new(Reply::Serve(body)));
    let routes = routes(vec![
        (
            "/events/restSearch",
            keyed(response.to_string().into_bytes()),
        ),
        ("/sightings/add", keyed(br#"{"Sighting": {}}"#.to_vec())),
    ]);
    let received: Received = Arc::new(Mutex::new(Vec::new()));
    let base = serve_recording(routes, received.clone());
    let dir = common::fresh_target_dir("misp");
    write_sharing(
        &dir,
        &json!({ "misp": [ { "url": base, "key": "station-key" } ] }),
    );
    let v = Vigie::new().lang("en").data_env(&dir);
    let update = || v.run(&["iocs", "update", "--sources", "misp"]);
    let stored = || json(&v.run(&["iocs", "list", "--format", "json"]));

    assert_code(&update(), 0);
    let list = stored();
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
    let said = common::stdout(&update());
    assert!(said.contains("nothing new"), "{said}");

    // A wrong key: refused by the server, the stored event stays.
    write_sharing(
        &dir,
        &json!({ "misp": [ { "url": base, "key": "wrong" } ] }),
    );
    let out = update();
    assert_code(&out, 2);
    assert!(common::stdout(&out).contains("HTTP 403"));
    assert_eq!(stored()[0]["sha256"], feed["sha256"]);

    // Opt-in sightings go to MISP too: value, day and department only.
    write_sharing(
        &dir,
        &json!({ "misp": [ { "url": base, "key": "station-key" } ], "sightings": { "enabled": true, "department": "13" } }),
    );
    let pcap = common::dns_capture(&dir, "protocol-a748.thetruthspy.com");
    let out = v.run(&["scan", "pcap", arg(&pcap), "--format", "json"]);
    assert_code(&out, 1);
    let said = common::stderr(&out);
    assert!(said.contains("1 anonymous sighting "), "{said}");
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
