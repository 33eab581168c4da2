//! Every page of the station app checked by axe-core (Deque's accessibility rules, the npm
//! package) in a real browser: no critical or serious violation on any page, in French and
//! in English, with a check's findings, a locker item and a live check on screen. Then the
//! keyboard alone: the first Tab lands on the link to the page's content, the focus is seen,
//! and a case is opened without the mouse.
//!
//! Skipped with a message where Chromium, chromedriver or axe-core is missing (`.ci/run`
//! installs them); the live check's page needs the right to capture (root) and is left out
//! with a message otherwise.

mod common;

use common::images::{jpeg, scene};
use common::station::{Station, TestLink};
use common::webdriver::{missing, Browser, ENTER, TAB};

/// The pages of a case that a test can open without a phone, after the case page itself.
const CASE_PAGES: [&str; 10] = [
    "check",
    "import",
    "live",
    "android",
    "ios",
    "interview",
    "export",
    "locker",
    "locker/drafts",
    "close",
];

/// Runs axe-core on the page open in `b` and adds what it finds to `found`, under `name`.
fn check(b: &Browser, axe: &str, name: &str, found: &mut Vec<String>) {
    for v in common::axe::serious_violations(b, axe) {
        found.push(format!("{name} ({}): {v}", b.url()));
    }
}

/// A case with a network check that found a stalkerware vendor and a picture in its locker.
fn case_with_findings(b: &Browser, st: &Station, reference: &str) {
    b.type_into("#reference", reference);
    b.click("#new-case");
    b.wait_text(reference, 5);
    b.click("#start-file");
    let dir = st.data.join("accessibility-in");
    std::fs::create_dir_all(&dir).expect("dir");
    let phone = common::dns_capture(&dir, "thetruthspy.com");
    b.attach("#import-files", &[&phone]);
    b.click("#import");
    b.wait_text("TheTruthSpy", 30);
    b.click("#back-to-case");
    b.click("#open-locker");
    b.wait_url("/locker", |u| u.ends_with("/locker"));
    let picture = dir.join("photo.jpg");
    std::fs::write(&picture, jpeg(&scene(3, 320, 240), 85)).expect("write");
    b.attach("#locker-files", &[&picture]);
    b.type_into("#locker-place", "Snapchat");
    b.click("#locker-add");
    b.wait_text("Snapchat", 20);
}

/// The address of the first check result the case page links to.
fn first_result(b: &Browser) -> String {
    b.script_text(
        "const a = [...document.querySelectorAll('a[href^=\"/results/\"]')][0]; return a ? a.getAttribute('href') : '';",
    )
}

/// A live check started on a test interface (needs root), its page checked while it runs.
fn live_check(b: &Browser, st: &Station, axe: &str, case: &str, found: &mut Vec<String>) {
    let Some(link) = TestLink::create("vgax", 79) else {
        eprintln!("left out the live check's page: a test interface and a capture need root");
        return;
    };
    b.goto(&format!("{}/cases/{case}/live", st.base));
    b.click(&format!("#interface option[value=\"{}\"]", link.name));
    b.click("#start");
    b.wait_url("/checks/", |u| u.contains("/checks/"));
    check(b, axe, "live check", found);
    b.click("#stop");
    b.wait_url("/results/", |u| u.contains("/results/"));
    check(b, axe, "live result", found);
}

#[test]
fn every_page_passes_axe_core() {
    if missing("Debian packages chromium, chromium-driver; .ci/run installs them") {
        return;
    }
    let Some(axe) = common::axe::script() else {
        return;
    };
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let mut found = Vec::new();

    // A station started at boot, before its passphrase is given.
    let locked = Station::start_locked(common::fresh_dir("station-axe-locked"));
    let b = Browser::start("axe");
    b.goto(&format!("{}/", locked.base));
    b.wait_url("/unlock", |u| u.ends_with("/unlock"));
    check(&b, &axe, "unlock", &mut found);
    drop(locked);

    let st = Station::start("axe", Some(&shared.join("echap/ioc.yaml")));
    b.goto(&format!("{}/setup", st.base));
    check(&b, &axe, "setup", &mut found);
    b.create_admin_and_login();
    check(&b, &axe, "home", &mut found);
    case_with_findings(&b, &st, "PV-2026/00400");
    let case = "PV-2026%2F00400";
    for lang in ["fr", "en"] {
        if lang == "en" {
            b.click("#lang");
            b.wait_url("English", |u| !u.contains("/lang"));
        }
        b.goto(&format!("{}/cases/{case}", st.base));
        check(&b, &axe, &format!("case [{lang}]"), &mut found);
        let result = first_result(&b);
        assert!(!result.is_empty(), "no result linked from the case page");
        b.goto(&format!("{}{result}", st.base));
        b.click("#result-details summary");
        check(&b, &axe, &format!("result [{lang}]"), &mut found);
        for page in CASE_PAGES {
            b.goto(&format!("{}/cases/{case}/{page}", st.base));
            check(&b, &axe, &format!("{page} [{lang}]"), &mut found);
        }
        b.goto(&format!("{}/cases/{case}/locker?show=1", st.base));
        check(&b, &axe, &format!("locker shown [{lang}]"), &mut found);
        for page in ["/check", "/cases", "/operators", "/station", "/hotspot"] {
            b.goto(&format!("{}{page}", st.base));
            check(&b, &axe, &format!("{page} [{lang}]"), &mut found);
        }
    }
    live_check(&b, &st, &axe, case, &mut found);
    b.click("#logout");
    b.wait_url("/login", |u| u.ends_with("/login"));
    check(&b, &axe, "login", &mut found);
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
}

#[test]
fn the_keyboard_alone_opens_a_case() {
    if missing("Debian packages chromium, chromium-driver; .ci/run installs them") {
        return;
    }
    let st = Station::start("keyboard", None);
    let b = Browser::start("keyboard");
    b.goto(&format!("{}/", st.base));
    b.create_admin_and_login();

    // The first Tab lands on the link to the content, shown while it has the focus.
    b.press(TAB);
    assert_eq!(b.focused(), "a.skip");
    let top = b.script("return document.activeElement.getBoundingClientRect().top;");
    assert!(
        top.as_f64().is_some_and(|t| t >= 0.0),
        "skip link off screen: {top}"
    );
    b.screenshot("keyboard-01-skip-link");
    b.press(ENTER);
    assert_eq!(b.focused(), "content");

    // From there, Tab reaches the reference field; what has the focus is outlined.
    let mut reached = false;
    for _ in 0..20 {
        b.press(TAB);
        let outline =
            b.script_text("return getComputedStyle(document.activeElement).outlineStyle;");
        assert_ne!(outline, "none", "no focus outline on {}", b.focused());
        if b.focused() == "reference" {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached the case reference field");
    b.keys("PV-2026/00401");
    b.screenshot("keyboard-02-reference");
    b.press(ENTER);
    b.wait_url("the new case", |u| u.contains("/cases/PV-2026%2F00401"));
    b.wait_text("PV-2026/00401", 5);
}
