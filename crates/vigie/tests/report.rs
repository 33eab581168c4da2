//! `vigie report`: every variant (no finding / findings, French / English, PDF / HTML) is
//! written from a real case file and its text checked — the PDF through Debian's
//! `pdftotext`, its pages turned into PNG by `pdftoppm` and kept in `target/artefacts/` for
//! a person to look at. Also a report of one check by its number, guidance texts replaced by
//! an organisation's file, the report kept in the case, and the case still verifying.

mod common;

use std::path::Path;
use std::process::Command;

use common::{arg, assert_code, assert_ok, html_report, Vigie};

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

/// The text of a PDF, and its pages as PNG artefacts.
fn pdf_text(pdf: &Path, artefact: &str) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/artefacts");
    std::fs::create_dir_all(&dir).expect("artefacts");
    let st = Command::new("pdftoppm")
        .args(["-png", "-r", "70"])
        .arg(pdf)
        .arg(dir.join(artefact))
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    // pdftotext -layout keeps line breaks; join them for phrase checks.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a report says, in one language.
struct Words {
    lang: &'static str,
    /// The title, before the case's reference.
    title: &'static str,
    not_proof: &'static str,
    custody: &'static str,
    finding: &'static str,
    /// Safety first: no removal before a plan.
    plan: &'static str,
    /// The timeline dates the finding from its first packet…
    seen: &'static str,
    /// …as people read dates.
    day: &'static str,
    none: &'static str,
}

const FRENCH: Words = Words {
    lang: "fr",
    title: "Rapport de vérification — dossier ",
    not_proof: "ne prouve pas l’absence de logiciel espion",
    custody: "Chaîne de possession",
    finding: "Contact avec le site web de TheTruthSpy",
    plan: "Ne supprimez et ne désinstallez rien",
    seen: "vu pour la première fois dans le trafic",
    day: "9 octobre 2025",
    none: "Aucun constat.",
};

const ENGLISH: Words = Words {
    lang: "en",
    title: "Check report — case ",
    not_proof: "is not proof that there is no spyware",
    custody: "Chain of custody",
    finding: "Contact with the website of TheTruthSpy",
    plan: "Do not remove or uninstall anything",
    seen: "first seen in the traffic",
    day: "9 October 2025",
    none: "No finding.",
};

#[test]
fn every_report_variant() {
    let Some(shared) = common::shared() else {
        return;
    };
    if !tool("pdftotext") || !tool("pdftoppm") {
        eprintln!("skipped: pdftotext and pdftoppm are needed (Debian poppler-utils; .ci/run installs it)");
        return;
    }
    let data = common::fresh_dir("report-variants");
    let v = Vigie::at(&data);
    let iocs = shared.join("echap");
    // A case where nothing is found: a real capture of ordinary DNS traffic; and a case with
    // findings: a phone looking up TheTruthSpy, and an Android dump.
    let real = shared.join("pcaps/dns/dns-binds.pcap");
    let phone = common::dns_capture(&data, "thetruthspy.com");
    let dump = shared.join("mvt/androidqf");
    for (kind, input, case, code) in [
        ("pcap", &real, "PV-CLEAN", 0),
        ("pcap", &phone, "PV-FOUND", 1),
        ("android-dump", &dump, "PV-FOUND", 1),
    ] {
        assert_code(&v.scan(kind, input, &[&iocs], &["--case", case]), code);
    }

    for (case, found) in [("PV-CLEAN", false), ("PV-FOUND", true)] {
        for w in [&FRENCH, &ENGLISH] {
            let lang = w.lang;
            let stem = format!("report-{}-{lang}", case.to_lowercase());
            let pdf = data.join(format!("{stem}.pdf"));
            assert_ok(&v.lang(lang).run(&["report", case, "--out", arg(&pdf)]));
            let text = pdf_text(&pdf, &stem);
            let html = html_report(&v.lang(lang), case, &data.join(format!("{stem}.html")));
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            // Both forms say the same things.
            let title = format!("{}{case}", w.title);
            for needle in [title.as_str(), w.not_proof, "page 1 /", w.custody, "3919"] {
                assert!(
                    text.contains(needle),
                    "{stem}.pdf lacks {needle:?}:\n{text}"
                );
            }
            assert!(html.contains(w.not_proof) && html.contains(w.custody));
            if found {
                let source = "Echap — stalkerware-indicators (CC-BY 4.0)";
                assert!(text.contains(w.finding), "{stem}: {text}");
                assert!(text.contains(source), "credit to the source: {text}");
                assert!(html.contains(w.finding));
                assert!(text.contains(w.plan), "{text}");
                assert!(
                    html.contains(w.seen) && html.contains(w.day),
                    "timeline of {stem}"
                );
            } else {
                assert!(text.contains(w.none), "{text}");
            }
            // The hash of an evidence file of the case is in the annex.
            let sha = {
                use sha2::Digest;
                let f = if found {
                    std::fs::read(&phone)
                } else {
                    std::fs::read(&real)
                };
                hex::encode(sha2::Sha256::digest(f.expect("file")))
            };
            assert!(
                html.contains(&sha),
                "evidence SHA-256 listed in the annex of {stem}"
            );
        }
    }

    // One check by its number: the first check stored (PV-CLEAN's).
    let en = v.lang("en");
    let one = data.join("one.html");
    let html = html_report(&en, "1", &one);
    assert!(
        html.contains("This report covers one check of the case (number 1)")
            && html.contains("PV-CLEAN")
    );
    let out = en.run(&["report", "999", "--out", arg(&one)]);
    common::assert_refused(&out, "There is no case or check \"999\"");

    // An organisation's own guidance texts replace the built-in ones.
    std::fs::create_dir_all(data.join("guidance")).expect("dir");
    std::fs::write(
        data.join("guidance/en.ftl"),
        "title = What to do now\nhelplines-fr = Call our own line: 0 800 000 000.\nwho-helps = Our association helps.\n",
    )
    .expect("write");
    let html = html_report(&en, "PV-FOUND", &data.join("custom.html"));
    assert!(
        html.contains("What to do now") && html.contains("0 800 000 000"),
        "{html}"
    );

    // Every report is kept in its case; the audit log says so; the case file verifies.
    let store = common::open_cases(&data);
    let case = store.find("PV-FOUND").expect("case");
    assert_eq!(
        common::reports_kept(&store, case),
        5,
        "four variants and the custom one"
    );
    assert!(common::audited(&store, case, |e| e.action == "report-made"));
    assert!(store.verify().expect("verify").problems.is_empty());
}

/// `--for person`: the plain summary for the person — her words, nothing technical, a
/// discreet title — and the investigators' report signed with the station's unit, its
/// dates in the station's time zone, the capture tied to the phone that joined the network.
#[test]
fn person_summary_and_signed_report() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("report-person");
    let v = Vigie::at(&data)
        .env("TZ", "Europe/Paris")
        .env("USER", "adj-martin");
    let phone = common::joining_capture(&data, "thetruthspy.com");
    let iocs = shared.join("echap");
    assert_code(&v.scan("pcap", &phone, &[&iocs], &["--case", "PV-42"]), 1);
    std::fs::write(
        data.join("station.json"),
        r#"{"unit": "Brigade de Rambouillet"}"#,
    )
    .expect("settings");

    let fr = v.lang("fr");
    let out = data.join("notes.html");
    assert_ok(&fr.run(&[
        "report",
        "PV-42",
        "--for",
        "person",
        "--format",
        "html",
        "--out",
        arg(&out),
    ]));
    let notes = std::fs::read_to_string(&out).expect("notes");
    common::assert_says(
        &notes,
        &[
            "Notes de votre rendez-vous",
            "Certains signes méritent d’être regardés de plus près",
            "Ce que vous pouvez faire maintenant",
            "Ne supprimez et ne désinstallez rien",
            "3919",
        ],
    );
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(
            std::fs::read(&phone).expect("capture"),
        ))
    };
    for technical in [
        sha.as_str(),
        "Chaîne de possession",
        "thetruthspy.com",
        "Rapport de vérification",
    ] {
        assert!(
            !notes.contains(technical),
            "the person's notes show {technical:?}"
        );
    }

    // The investigators' report: signed by the command line's user and the unit, dated in
    // the station's zone (Paris is UTC+1 in December, UTC+2 in October).
    let html = html_report(&fr, "PV-42", &data.join("full.html"));
    common::assert_says(
        &html,
        &[
            "Établi par",
            "adj-martin",
            "Brigade de Rambouillet",
            "Signature :",
        ],
    );
    assert!(
        html.contains("(UTC+1)") || html.contains("(UTC+2)"),
        "dates in the station's zone: {html}"
    );
    // The capture is tied to the phone that made it: the device that joined the network.
    common::assert_says(
        &html,
        &[
            "Appareil vu se connecter au réseau : Galaxy-S21, client DHCP android-dhcp-14",
            "adresse 192.168.1.20",
            "da:a1:19:01:02:03 (adresse privée choisie par le téléphone pour ce réseau)",
        ],
    );
    // Without a unit in the settings, a line is left to write it by hand.
    std::fs::remove_file(data.join("station.json")).expect("remove");
    let html = html_report(&fr, "PV-42", &data.join("unsigned.html"));
    assert!(html.contains("Service ou unité :"), "{html}");
}
