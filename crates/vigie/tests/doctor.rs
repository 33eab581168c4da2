//! `vigie doctor`: what this box can do, item by item, with what to do; exit 1 while a check
//! cannot run; the same in the app's station page. It changes nothing.

mod common;

use common::station::{admin, Station};
use common::{arg, assert_ok, json, Vigie};

#[test]
fn the_doctor_names_every_item_and_what_to_do() {
    let data = common::fresh_dir("doctor");
    let v = Vigie::at(&data).lang("en");
    // No feeds yet: a check would compare against nothing, so the box is not ready.
    let out = v.run(&["doctor", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["ready"], false);
    let items = doc["items"].as_array().expect("items");
    let names: Vec<&str> = items.iter().filter_map(|i| i["item"].as_str()).collect();
    for want in [
        "wifi-ap",
        "regulatory",
        "hostapd",
        "dnsmasq",
        "nft",
        "adb",
        "usbmuxd",
        "disk",
        "clock",
        "feeds",
        "case-file",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let feeds = items.iter().find(|i| i["item"] == "feeds").expect("feeds");
    assert_eq!(feeds["health"], "missing");
    assert!(
        feeds["todo"]
            .as_str()
            .is_some_and(|t| t.contains("vigie iocs")),
        "{feeds}"
    );
    let clock = items.iter().find(|i| i["item"] == "clock").expect("clock");
    assert_eq!(clock["health"], "ok");
    for i in items {
        assert!(
            i["found"]
                .as_str()
                .is_some_and(|f| !f.is_empty() && !f.starts_with("doctor-")),
            "{i}"
        );
    }
    assert!(!data.join("cases.db").exists(), "the doctor opens nothing");

    // With feeds, the feeds item is fine; the text names the state of each item.
    let shared_feed = common::shared().map(|s| s.join("echap/ioc.yaml"));
    if let Some(feed) = shared_feed {
        assert_ok(&v.run(&["iocs", "import", arg(&feed)]));
        let doc = json(&v.run(&["doctor", "--format", "json"]));
        let feeds = doc["items"]
            .as_array()
            .and_then(|a| a.iter().find(|i| i["item"] == "feeds").cloned())
            .expect("feeds");
        assert_eq!(feeds["health"], "ok", "{feeds}");
    }
    let text = common::stdout(&v.run(&["doctor"]));
    assert!(
        text.contains("What this box can do") && text.contains("[ok]"),
        "{text}"
    );
    let fr = common::stdout(&Vigie::at(&data).lang("fr").run(&["doctor"]));
    assert!(fr.contains("Ce que cette station peut faire"), "{fr}");

    // The app's station page says the same.
    let st = Station::start("doctor", None);
    let mut c = admin(&st);
    c.get(&st.addr, "/lang?to=en&back=/station");
    let page = c.get(&st.addr, "/station").body;
    assert!(
        page.contains("id=\"doctor-wifi-ap\"") && page.contains("What this box can do"),
        "{page}"
    );
    assert!(page.contains("href=\"/station\""));
    // The key exports are signed with, in full, as `vigie case key` gives it.
    let hex64 = |text: &str| {
        text.split(|c: char| !c.is_ascii_hexdigit())
            .find(|w| w.len() == 64)
            .map(str::to_owned)
    };
    let shown = page
        .split("id=\"station-key\">")
        .nth(1)
        .and_then(hex64)
        .expect("the station key on its page");
    let said = common::assert_ok(&Vigie::at(&st.data).run(&["case", "key"]));
    assert_eq!(hex64(&said).as_deref(), Some(shown.as_str()), "{said}");
}
