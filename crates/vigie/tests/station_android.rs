//! The Android check from the station app, in headless Chromium: the operator opens a case,
//! chooses "Check an Android phone", picks the phone the (test) adb server shows, follows
//! the progress bar, and reads the apps sorted by risk — the planted TopSpy first, with why
//! it was flagged — while every output read is listed in the case with its SHA-256.
//! Skipped with a message where Chromium or `../shared` is missing.

mod common;

use common::adb::{AdbServer, SERIAL};
use common::station::Station;
use common::webdriver::{shared_for_browser, Browser};

#[test]
fn android_check_in_the_app() {
    let Some(shared) = shared_for_browser(".ci/run installs them") else {
        return;
    };
    let adb = AdbServer::start(&shared, None, "device");
    let socket = format!("tcp:{}", adb.addr);
    let st = Station::start_with_env(
        "android",
        Some(&shared.join("echap/ioc.yaml")),
        &[("ADB_SERVER_SOCKET", socket.as_str())],
    );
    let b = Browser::start("android");
    b.open_case_in_english(&st.base, "PV-ANDROID-APP");

    b.click("#start-android");
    let text = b.wait_text(SERIAL, 10);
    assert!(text.contains("USB debugging"), "the guide is shown: {text}");
    b.screenshot("android-01-choose-phone-en");
    b.click("#android-go");
    b.wait_url("the check", |u| u.contains("/android/"));
    let head = b.wait_text("What not to do now", 30);
    assert!(head.contains("TopSpy") || head.contains("topspy"), "{head}");
    b.screenshot("android-02-result-en");
    let text = b.result_details();
    assert!(text.contains("Apps, most worrying first"), "{text}");
    b.screenshot("android-02-apps-by-risk-en");
    common::axe::assert_clean(&b, "the Android check's page");
    // Sorted by risk: TopSpy (high) before the accessibility holder (medium) before an app
    // with no sign; its entry says why and since when.
    let pos = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
    assert!(pos("com.topspy") < pos("org.nuclearfog.apollo"), "{text}");
    common::assert_says(
        &text,
        &[
            "listed as stalkerware",
            "Do not uninstall it for now",
            "turn USB debugging",
        ],
    );
    assert!(text.contains("52.4 MB sent"), "data sent by TopSpy: {text}");
    // The case lists the check and every output as evidence, hashed.
    b.goto(&format!("{}/cases/PV-ANDROID-APP", st.base));
    let text = b.wait_text(&format!("{SERIAL}-dumpsys_package.txt"), 10);
    assert!(text.contains("Android"), "{text}");
    b.screenshot("android-03-case-en");
}
