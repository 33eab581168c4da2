//! The station app in a real browser (Debian's headless Chromium through chromedriver), as an
//! operator uses it: first start in French, login, a case, the upload of a real capture and of
//! one where the phone looks up a stalkerware vendor, the findings, the switch to English, a live
//! check whose finding appears through server-sent events, and logout. Screenshots of each step
//! are kept in `target/artefacts/` for a person to look at.
//!
//! Skipped with a message where Chromium or chromedriver is missing (`.ci/run` installs them).
//! The live step needs the right to capture (root); it is skipped with a message otherwise.

mod common;

use std::net::UdpSocket;
use std::time::{Duration, Instant};

use common::station::{Station, TestLink};
use common::webdriver::{missing, Browser};

#[test]
fn operator_in_a_browser() {
    if missing("Debian packages chromium, chromium-driver; .ci/run installs them") {
        return;
    }
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let st = Station::start("browser", Some(&shared.join("echap/ioc.yaml")));
    let b = Browser::start("station");

    // First start: French, and the administrator's creation.
    b.goto(&format!("{}/", st.base));
    b.wait_url("/setup", |u| u.ends_with("/setup"));
    assert_eq!(b.lang(), "fr");
    b.wait_text("administrateur", 5);
    b.screenshot("station-01-setup-fr");
    b.create_admin_and_login();

    // A case opened from the home page, and two captures uploaded into it: the result
    // screen names what was found; the case page lists the files.
    b.type_into("#reference", "PV-2026/00077");
    b.click("#new-case");
    b.wait_url("/cases/PV-2026", |u| u.contains("/cases/PV-2026"));
    b.wait_text("PV-2026/00077", 5);
    b.click("#start-file");
    let dir = st.data.join("browser-in");
    std::fs::create_dir_all(&dir).expect("dir");
    let phone = common::dns_capture(&dir, "thetruthspy.com");
    let real = shared.join("pcaps/dns/dns-binds.pcap");
    b.attach("#import-files", &[&real, &phone]);
    b.click("#import");
    b.wait_url("/results/", |u| u.contains("/results/"));
    b.wait_text("TheTruthSpy", 30);
    b.click("#back-to-case");
    let text = b.wait_text("dns-binds.pcap", 10);
    assert!(
        text.contains("dns-binds.pcap") && text.contains("phone.pcap"),
        "{text}"
    );
    assert!(text.contains("NET-IOC-DOMAIN"), "{text}");
    b.screenshot("station-02-case-findings-fr");

    // English, one click away.
    b.click("#lang");
    assert_eq!(b.lang(), "en");
    let text = b.wait_text("Evidence files", 5);
    assert!(text.contains("TheTruthSpy"), "{text}");
    b.screenshot("station-03-case-findings-en");

    // A live check on a test interface (a veth pair): a lookup of a stalkerware vendor's name
    // shows up while the check runs, through server-sent events.
    if let Some(link) = TestLink::create("vgbw", 78) {
        b.click("#start-live");
        b.wait_text("unlocked", 5);
        b.click(&format!("#interface option[value=\"{}\"]", link.name));
        b.screenshot("station-04-live-form-en");
        b.click("#start");
        b.wait_url("/checks/", |u| u.contains("/checks/"));
        let udp = UdpSocket::bind((link.address, 0)).expect("udp");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            udp.send_to(&common::dns_query_payload("mspy.com"), (link.peer, 53))
                .expect("send");
            std::thread::sleep(Duration::from_millis(300));
            let text = b.text();
            if text.contains("mSpy") {
                break;
            }
            assert!(Instant::now() < deadline, "no live finding:\n{text}");
        }
        b.screenshot("station-05-live-finding-en");
        b.click("#stop");
        // Once stored, the page gives way to the check's result: its level in words first.
        b.wait_url("/results/", |u| u.contains("/results/"));
        let text = b.wait_text("Worth a closer look", 15);
        assert!(
            text.contains("mSpy") && text.contains("What not to do now"),
            "{text}"
        );
        b.screenshot("station-06-live-result-en");
        b.goto(&format!("{}/cases/PV-2026%2F00077", st.base));
        let text = b.wait_text("Live Wi-Fi check", 5);
        assert!(text.contains("mSpy"), "{text}");
    } else {
        eprintln!("skipped the live step: a test interface and a capture need root");
    }

    // Logout: the cases are out of reach again.
    b.click("#logout");
    b.wait_url("/login", |u| u.ends_with("/login"));
    b.screenshot("station-07-logged-out-en");
    b.goto(&format!("{}/cases", st.base));
    b.wait_url("/login", |u| u.ends_with("/login"));
}
