//! A case file written by the release before the typed stored check (`fixtures/case-v0`,
//! made by `make.sh` beside it: a capture, a live check, an Android dump, an iPhone backup
//! and a connected iPhone, a locker item, a report — every check made in French) opens,
//! verifies and reports with today's binary; and a check is shown in the language of
//! whoever reads it, on the command line, in the report and on the app's case page.

mod common;

use common::station::{admin, Station};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASSPHRASE: &str = "fixture v0 passphrase";
const CASE: &str = "FIXTURE-V0";

/// A copy of the fixture's case file in a fresh data folder (the fixture stays as made).
fn fixture(name: &str) -> PathBuf {
    let data = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).expect("data dir");
    let made = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-v0/cases.db");
    std::fs::copy(made, data.join("cases.db")).expect("copy fixture");
    data
}

fn vigie(data: &Path, lang: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", lang, "--data-dir"])
        .arg(data)
        .args(args)
        .env("VIGIE_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("run vigie")
}

fn report(data: &Path, lang: &str) -> String {
    let out = data.join(format!("report-{lang}.html"));
    let r = vigie(
        data,
        lang,
        &[
            "report",
            CASE,
            "--format",
            "html",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    std::fs::read_to_string(out).expect("report")
}

/// Findings of the fixture's checks, as the release that made it wrote them in French, and
/// their English text.
const TITLES: [(&str, &str); 3] = [
    (
        "Contact avec un serveur de TheTruthSpy (protocol-a748.thetruthspy.com)",
        "Contact with a server of TheTruthSpy (protocol-a748.thetruthspy.com)",
    ),
    (
        "Contact avec le site web de TheTruthSpy (thetruthspy.com)",
        "Contact with the website of TheTruthSpy (thetruthspy.com)",
    ),
    (
        "TestSpy est installé (com.malware.blah)",
        "TestSpy is installed (com.malware.blah)",
    ),
];

#[test]
fn the_release_before_wrote_a_case_file_that_opens_verifies_and_reports() {
    let data = fixture("case-v0-opens");
    let verify = vigie(&data, "en", &["case", "verify", CASE]);
    let said = String::from_utf8_lossy(&verify.stdout);
    assert!(verify.status.success(), "{said}");
    assert!(said.contains("Everything checks"), "{said}");

    let show = vigie(&data, "en", &["case", "show", CASE, "--format", "json"]);
    assert!(
        show.status.success(),
        "{}",
        String::from_utf8_lossy(&show.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&show.stdout).expect("json");
    let scans = doc["scans"].as_array().expect("scans");
    let seen: Vec<(&str, &str, usize)> = scans
        .iter()
        .map(|s| {
            let findings = s["verdict"]["findings"].as_array().map_or(0, Vec::len);
            (
                s["kind"].as_str().unwrap_or_default(),
                s["verdict"]["verdict"].as_str().unwrap_or_default(),
                findings,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("network", "known_spyware", 1),
            ("android", "known_spyware", 9),
            ("ios-backup", "known_spyware", 6),
            ("network-live", "suspicious", 1),
            ("ios-device", "nothing_found", 0),
        ]
    );
    // What each check read, and the values retro-checks match, came through.
    assert!(scans[0]["observed"]
        .to_string()
        .contains("protocol-a748.thetruthspy.com"));
    assert_eq!(scans[0]["sources"][0][1].as_str().map(str::len), Some(64));
    assert_eq!(scans[2]["verdict"]["device"]["Product Type"], "iPhone9,3");

    // The report, in both languages, from checks made in French.
    let en = report(&data, "en");
    let fr = report(&data, "fr");
    for (french, english) in TITLES {
        assert!(
            en.contains(english) && !en.contains(french),
            "English report: {english}"
        );
        assert!(
            fr.contains(french) && !fr.contains(english),
            "French report: {french}"
        );
    }
    assert!(en.contains("iPhone9,3") && en.contains("Traces of known spy software were found."));
    // The case file still verifies with the new reports kept in it, and takes new checks.
    let verify = vigie(&data, "en", &["case", "verify", CASE]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[test]
fn a_check_is_shown_in_the_language_of_whoever_reads_it() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = fixture("case-v0-languages");
    // A check stored in English beside those stored in French.
    let pcap = common::dns_capture(&data, "api1.easydoc.info");
    let echap = shared.join("echap");
    let scan = vigie(
        &data,
        "en",
        &[
            "scan",
            "pcap",
            pcap.to_str().expect("path"),
            "--iocs",
            echap.to_str().expect("path"),
            "--case",
            CASE,
        ],
    );
    assert_eq!(
        scan.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    let (mt_fr, mt_en) = (
        "Contact avec un serveur de MobileTrackerFree (api1.easydoc.info)",
        "Contact with a server of MobileTrackerFree (api1.easydoc.info)",
    );
    let fr = report(&data, "fr");
    assert!(fr.contains(mt_fr) && !fr.contains(mt_en), "French report");
    let en = report(&data, "en");
    assert!(en.contains(mt_en) && !en.contains(mt_fr), "English report");
    let text = vigie(&data, "fr", &["case", "show", CASE]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Des traces de logiciels espions connus ont été trouvées."),
        "{text}"
    );

    // The app's case page, in English then in French.
    let st = Station::start_on(data, PASSPHRASE);
    let mut c = admin(&st);
    let page = |c: &mut common::station::Client, lang: &str| {
        c.cookies.retain(|(n, _)| n != "vigie_lang");
        c.cookies.push(("vigie_lang".into(), lang.into()));
        let r = c.get(&st.addr, &format!("/cases/{CASE}"));
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    };
    let en = page(&mut c, "en");
    let fr = page(&mut c, "fr");
    for (french, english) in TITLES.into_iter().chain([(mt_fr, mt_en)]) {
        assert!(
            en.contains(english) && !en.contains(french),
            "English page: {english}"
        );
        assert!(
            fr.contains(french) && !fr.contains(english),
            "French page: {french}"
        );
    }
}
