//! The guided check in a real browser, walked as an operator at the desk would (issue 16,
//! item 1): "Vérifier un téléphone" from the home page, the case in one tap (or a new one),
//! then how the phone is checked, its progress, and the one result screen: the plain sentence
//! and what not to do now first, the details only on demand. Walked for a capture file, an
//! Android acquisition (MVT's androidqf one), an iPhone backup (MVT's test backup) and the
//! station's Wi-Fi (a test interface standing for
//! the phone's link), in French. Every step is pictured at 1024×600 (the station's
//! touchscreen) and 1280×800 in `target/artefacts/guided-*`.
//!
//! Skipped with a message where Chromium, chromedriver or `../shared` is missing (`.ci/run`
//! installs them); the Wi-Fi step needs the right to capture (root) and is skipped with a
//! message otherwise.

mod common;

use common::assert_says;
use common::station::{Station, TestLink};
use common::webdriver::{missing, Browser};

/// From the home page, the open case `reference` in one tap: its ways of checking a phone.
fn ways_of(b: &Browser, st: &Station, reference: &str) -> String {
    b.goto(&format!("{}/", st.base));
    b.wait_url("home", |u| u.ends_with("/check"));
    b.click(&format!("#open-cases a[href^=\"/cases/{reference}\"]"));
    b.wait_url("the ways", |u| {
        u.ends_with("/check") && u.contains("/cases/")
    });
    b.wait_text("Comment vérifier le téléphone", 5)
}

/// Taps the button that checks what was found at the path ending in `end`.
fn tap_found(b: &Browser, end: &str) {
    let clicked = b.script(&format!(
        "const f = [...document.querySelectorAll('ul.media form')].find(f => f.querySelector('input[name=path]').value.endsWith('{end}')); if (f) f.querySelector('button').click(); return !!f;"
    ));
    assert_eq!(
        clicked,
        serde_json::Value::Bool(true),
        "nothing offered at {end}"
    );
}

#[test]
fn a_phone_checked_in_three_taps() {
    if missing("Debian packages chromium, chromium-driver; .ci/run installs them") {
        return;
    }
    let Some(shared) = common::shared_echap() else {
        return;
    };
    // MVT's test artefacts stand for a USB stick plugged into the station.
    let stick = shared.join("mvt");
    let st = Station::start_with_env(
        "guided",
        Some(&shared.join("echap/ioc.yaml")),
        &[("VIGIE_MEDIA_ROOTS", stick.to_str().expect("path"))],
    );
    let b = Browser::start("guided");
    b.goto(&format!("{}/setup", st.base));
    b.create_admin_and_login();
    b.wait_text("Choisissez le dossier de la personne", 5);
    b.screenshots("guided-01-home-fr");

    // A new case from the home page, then the four ways of checking a phone.
    b.type_into("#reference", "PV-2026-00500");
    b.click("#new-case");
    b.wait_url("the ways", |u| u.ends_with("/cases/PV-2026-00500/check"));
    let text = b.wait_text("Comment vérifier le téléphone", 5);
    assert_says(
        &text,
        &[
            "Par le Wi-Fi de la station",
            "Android, par câble",
            "iPhone, par câble ou sauvegarde",
            "Un fichier de capture",
        ],
    );
    b.screenshots("guided-02-ways-fr");

    // A capture file: its result screen names what was found and what not to do now;
    // the rules and the evidence wait for a tap.
    b.click("#start-file");
    b.wait_text("pcapng", 5);
    b.screenshots("guided-03-file-fr");
    let dir = st.data.join("guided-in");
    std::fs::create_dir_all(&dir).expect("dir");
    b.attach(
        "#import-files",
        &[&common::dns_capture(&dir, "thetruthspy.com")],
    );
    b.click("#import");
    b.wait_url("the result", |u| u.contains("/results/"));
    let text = b.wait_text("Ce qui a été trouvé", 30);
    assert_says(
        &text,
        &[
            "À examiner de plus près",
            "Contact avec le site web de TheTruthSpy",
            "La capture ne dure que",
            "À ne pas faire maintenant",
            "Ne supprimez rien du téléphone",
            "3919",
        ],
    );
    assert!(
        !text.contains("NET-IOC-DOMAIN"),
        "details shown at once:\n{text}"
    );
    b.screenshots("guided-04-file-result-fr");
    let text = b.result_details();
    assert_says(&text, &["NET-IOC-DOMAIN", "Ce qui n’a pas été vérifié"]);
    b.screenshots("guided-05-file-details-fr");

    // An Android acquisition made with androidqf (MVT's test one), from the home page: the
    // case a tap away.
    ways_of(&b, &st, "PV-2026-00500");
    // What the stick holds is offered: a tap, no path to type.
    b.click("#start-android");
    let text = b.wait_text("Sur une clé USB ou un disque branché à la station", 10);
    assert!(text.contains("Vérifier « androidqf »"), "{text}");
    b.screenshots("guided-06-android-form-fr");
    tap_found(&b, "/mvt/androidqf");
    b.wait_url("the result", |u| u.contains("/results/"));
    let text = b.wait_text("Voir le détail de la vérification", 60);
    assert!(
        text.contains("Vérification d’un téléphone Android"),
        "{text}"
    );
    b.screenshots("guided-07-android-result-fr");

    // An iPhone backup.
    ways_of(&b, &st, "PV-2026-00500");
    b.click("#start-ios");
    let text = b.wait_text("Vérifier « ios_backup »", 10);
    assert!(
        !text.contains("androidqf"),
        "only iPhone backups offered: {text}"
    );
    b.screenshots("guided-08-ios-form-fr");
    tap_found(&b, "/mvt/ios_backup");
    b.wait_url("the check", |u| u.contains("/ios/"));
    let text = b.wait_text("Voir le détail de la vérification", 60);
    assert!(text.contains("dans ce qui a été vérifié") || text.contains("Ce qui a été trouvé"));
    b.screenshots("guided-09-ios-result-fr");

    // The station's Wi-Fi: before any traffic the progress page says it is too early to
    // conclude, and so does the result of a check that saw nothing.
    let Some(link) = TestLink::create("vggd", 76) else {
        eprintln!("skipped the Wi-Fi step: a test interface and a capture need root");
        return;
    };
    ways_of(&b, &st, "PV-2026-00500");
    b.click("#start-live");
    b.click(&format!("#interface option[value=\"{}\"]", link.name));
    b.screenshots("guided-10-wifi-form-fr");
    b.click("#start");
    b.wait_url("the progress", |u| u.contains("/checks/"));
    let text = b.wait_text("Trop tôt pour conclure", 10);
    assert!(text.contains("il reste"), "a countdown: {text}");
    assert!(text.contains("Pas de conclusion pour l’instant"), "{text}");
    assert!(!text.contains("Rien de suspect n’a été trouvé"), "{text}");
    b.screenshots("guided-11-wifi-progress-fr");
    b.click("#stop");
    b.wait_url("the result", |u| u.contains("/results/"));
    let text = b.wait_text("Trop tôt pour conclure", 15);
    assert_says(
        &text,
        &["Pas de conclusion pour l’instant", "La capture ne dure que"],
    );
    assert!(!text.contains("Rien de trouvé"), "{text}");
    b.screenshots("guided-12-wifi-result-fr");
}
