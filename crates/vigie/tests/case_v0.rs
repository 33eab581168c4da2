//! A case file written by the release before the typed stored check (`fixtures/case-v0`,
//! made by `make.sh` beside it: a capture, a live check, an Android dump, an iPhone backup
//! and a connected iPhone, a locker item, a report — every check made in French) opens,
//! verifies and reports with today's binary; and a check is shown in the language of
//! whoever reads it, on the command line, in the report and on the app's case page.

mod common;

use common::station::{admin, Station};
use common::{assert_code, assert_ok, html_report, Vigie};
use std::path::{Path, PathBuf};

const PASSPHRASE: &str = "fixture v0 passphrase";
const CASE: &str = "FIXTURE-V0";

/// A copy of the fixture's case file in a fresh data folder (the fixture stays as made).
fn fixture(name: &str) -> PathBuf {
    let data = common::fresh_target_dir(name);
    let made = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case-v0/cases.db");
    std::fs::copy(made, data.join("cases.db")).expect("copy fixture");
    data
}

fn vigie(data: &Path, lang: &str) -> Vigie {
    Vigie::at(data).lang(lang).passphrase(Some(PASSPHRASE))
}

fn report(data: &Path, lang: &str) -> String {
    let out = data.join(format!("report-{lang}.html"));
    html_report(&vigie(data, lang), CASE, &out)
}

/// Each finding's title is in the English text and not in the French one, and the other way
/// round.
fn assert_each_in_its_language<'a>(
    en: &str,
    fr: &str,
    titles: impl IntoIterator<Item = (&'a str, &'a str)>,
    what: &str,
) {
    for (french, english) in titles {
        assert!(
            en.contains(english) && !en.contains(french),
            "English {what}: {english}"
        );
        assert!(
            fr.contains(french) && !fr.contains(english),
            "French {what}: {french}"
        );
    }
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
    let en = vigie(&data, "en");
    let said = assert_ok(&en.run(&["case", "verify", CASE]));
    assert!(said.contains("Everything checks"), "{said}");

    let show = en.run(&["case", "show", CASE, "--format", "json"]);
    assert_ok(&show);
    let doc = common::json(&show);
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
    let (en, fr) = (report(&data, "en"), report(&data, "fr"));
    assert_each_in_its_language(&en, &fr, TITLES, "report");
    assert!(en.contains("iPhone9,3") && en.contains("Traces of known spyware were found."));
    // The case file still verifies with the new reports kept in it, and takes new checks.
    assert_ok(&vigie(&data, "en").run(&["case", "verify", CASE]));
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
    let scan = vigie(&data, "en").scan("pcap", &pcap, &[&echap], &["--case", CASE]);
    assert_code(&scan, 1);
    let (mt_fr, mt_en) = (
        "Contact avec un serveur de MobileTrackerFree (api1.easydoc.info)",
        "Contact with a server of MobileTrackerFree (api1.easydoc.info)",
    );
    let (fr, en) = (report(&data, "fr"), report(&data, "en"));
    assert_each_in_its_language(&en, &fr, [(mt_fr, mt_en)], "report");
    let text = common::stdout(&vigie(&data, "fr").run(&["case", "show", CASE]));
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
    let titles = TITLES.into_iter().chain([(mt_fr, mt_en)]);
    assert_each_in_its_language(&en, &fr, titles, "page");
}

/// The case page at a glance: the case's verdict first (the most serious check decides) with
/// the warning it calls for, then the checks most serious first, each with its level in words,
/// what was and was not checked, and the too-short warning where a capture was short.
#[test]
fn the_case_page_shows_its_verdict_first_and_the_most_serious_checks_first() {
    let data = fixture("case-v0-glance");
    let st = Station::start_on(data, PASSPHRASE);
    let mut c = admin(&st);
    c.cookies.push(("vigie_lang".into(), "en".into()));
    let page = c.get(&st.addr, &format!("/cases/{CASE}")).body;
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in:\n{page}"))
    };
    assert!(
        at("id=\"case-verdict\"") < at("id=\"start-live\""),
        "verdict first"
    );
    common::assert_says(
        &page,
        &[
            "Traces of known spyware were found in this case.",
            "Based on 5 checks: the most serious one decides.",
            "Do not remove anything from the phone for now",
        ],
    );
    let levels: Vec<&str> = page
        .match_indices("<section class=\"scan level-")
        .map(|(i, m)| {
            let rest = &page[i + m.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect();
    assert_eq!(
        levels,
        [
            "known-spyware",
            "known-spyware",
            "known-spyware",
            "suspicious",
            "nothing-found"
        ]
    );
    assert_eq!(page.matches("<details class=\"coverage\">").count(), 5);
    assert!(
        page.contains("The capture lasts only"),
        "too short, said first"
    );
    // Each check has its own result page, its verdict first.
    let result = c.get(&st.addr, "/results/1").body;
    assert!(
        result.find("id=\"result\"") < result.find("What was checked"),
        "{result}"
    );
}
