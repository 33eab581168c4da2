//! `vigie report`: every variant (no finding / findings, French / English, PDF / HTML) is
//! written from a real case file and its text checked — the PDF through Debian's
//! `pdftotext`, its pages turned into PNG by `pdftoppm` and kept in `target/artefacts/` for
//! a person to look at. Also a report of one check by its number, guidance texts replaced by
//! an organisation's file, the report kept in the case, and the case still verifying.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::run_vigie as vigie;

fn fresh(name: &str) -> PathBuf {
    common::fresh_dir(&format!("report-{name}"))
}

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

#[test]
fn every_report_variant() {
    let Some(shared) = common::shared() else {
        return;
    };
    if !tool("pdftotext") || !tool("pdftoppm") {
        eprintln!("skipped: pdftotext and pdftoppm are needed (Debian poppler-utils; .ci/run installs it)");
        return;
    }
    let data = fresh("variants");
    let echap = shared.join("echap");
    let iocs = echap.to_str().expect("path");
    // A case where nothing is found: a real capture of ordinary DNS traffic.
    let real = shared.join("pcaps/dns/dns-binds.pcap");
    let out = vigie(
        &data,
        &[
            "scan",
            "pcap",
            real.to_str().expect("path"),
            "--iocs",
            iocs,
            "--case",
            "PV-CLEAN",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A case with findings: a phone looking up TheTruthSpy, and an Android dump.
    let phone = common::dns_capture(&data, "thetruthspy.com");
    let out = vigie(
        &data,
        &[
            "scan",
            "pcap",
            phone.to_str().expect("path"),
            "--iocs",
            iocs,
            "--case",
            "PV-FOUND",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let dump = shared.join("mvt/androidqf");
    let out = vigie(
        &data,
        &[
            "scan",
            "android-dump",
            dump.to_str().expect("path"),
            "--iocs",
            iocs,
            "--case",
            "PV-FOUND",
        ],
    );
    assert_eq!(out.status.code(), Some(1));

    for (case, found) in [("PV-CLEAN", false), ("PV-FOUND", true)] {
        for lang in ["fr", "en"] {
            let stem = format!("report-{}-{lang}", case.to_lowercase());
            let pdf = data.join(format!("{stem}.pdf"));
            let out = vigie(
                &data,
                &[
                    "--lang",
                    lang,
                    "report",
                    case,
                    "--out",
                    pdf.to_str().expect("path"),
                ],
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let text = pdf_text(&pdf, &stem);
            let html_path = data.join(format!("{stem}.html"));
            let out = vigie(
                &data,
                &[
                    "--lang",
                    lang,
                    "report",
                    case,
                    "--format",
                    "html",
                    "--out",
                    html_path.to_str().expect("path"),
                ],
            );
            assert!(out.status.success());
            let html = std::fs::read_to_string(&html_path).expect("html");
            assert!(html.contains(&format!("<html lang=\"{lang}\">")));
            // Both forms say the same things.
            let (title, not_proof, pages, custody, next) = if lang == "fr" {
                (
                    format!("Rapport de vérification — dossier {case}"),
                    "ne prouve pas l’absence de logiciel espion",
                    "page 1 /",
                    "Chaîne de conservation",
                    "3919",
                )
            } else {
                (
                    format!("Check report — case {case}"),
                    "is not proof that there is no spy software",
                    "page 1 /",
                    "Chain of custody",
                    "3919",
                )
            };
            for needle in [title.as_str(), not_proof, pages, custody, next] {
                assert!(
                    text.contains(needle),
                    "{stem}.pdf lacks {needle:?}:\n{text}"
                );
            }
            assert!(html.contains(not_proof) && html.contains(custody));
            if found {
                let (finding, source) = if lang == "fr" {
                    (
                        "Contact avec le site web de TheTruthSpy",
                        "Echap — stalkerware-indicators (CC-BY 4.0)",
                    )
                } else {
                    (
                        "Contact with the website of TheTruthSpy",
                        "Echap — stalkerware-indicators (CC-BY 4.0)",
                    )
                };
                assert!(text.contains(finding), "{stem}: {text}");
                assert!(text.contains(source), "credit to the source: {text}");
                assert!(html.contains(finding));
                // Safety first: no removal before a plan.
                let plan = if lang == "fr" {
                    "Ne supprimez et ne désinstallez rien"
                } else {
                    "Do not remove or uninstall anything"
                };
                assert!(text.contains(plan), "{text}");
                // The timeline dates the finding from its first packet.
                let seen = if lang == "fr" {
                    "vu pour la première fois dans le trafic"
                } else {
                    "first seen in the traffic"
                };
                // Dates read as people read them: 9 October 2025 (9 octobre 2025).
                let day = if lang == "fr" {
                    "9 octobre 2025"
                } else {
                    "9 October 2025"
                };
                assert!(
                    html.contains(seen) && html.contains(day),
                    "timeline of {stem}"
                );
            } else {
                let none = if lang == "fr" {
                    "Aucune constatation."
                } else {
                    "No finding."
                };
                assert!(text.contains(none), "{text}");
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
    let one = data.join("one.html");
    let out = vigie(
        &data,
        &[
            "--lang",
            "en",
            "report",
            "1",
            "--format",
            "html",
            "--out",
            one.to_str().expect("path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&one).expect("html");
    assert!(
        html.contains("This report covers one check of the case (number 1)")
            && html.contains("PV-CLEAN")
    );
    let out = vigie(
        &data,
        &[
            "--lang",
            "en",
            "report",
            "999",
            "--out",
            one.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("There is no case or check \"999\""));

    // An organisation's own guidance texts replace the built-in ones.
    std::fs::create_dir_all(data.join("guidance")).expect("dir");
    std::fs::write(
        data.join("guidance/en.ftl"),
        "title = What to do now\nhelplines-fr = Call our own line: 0 800 000 000.\nwho-helps = Our association helps.\n",
    )
    .expect("write");
    let custom = data.join("custom.html");
    let out = vigie(
        &data,
        &[
            "--lang",
            "en",
            "report",
            "PV-FOUND",
            "--format",
            "html",
            "--out",
            custom.to_str().expect("path"),
        ],
    );
    assert!(out.status.success());
    let html = std::fs::read_to_string(&custom).expect("html");
    assert!(
        html.contains("What to do now") && html.contains("0 800 000 000"),
        "{html}"
    );

    // Every report is kept in its case; the audit log says so; the case file verifies.
    let store = vigie_case::CaseStore::open(
        &data.join("cases.db"),
        common::station::PASSPHRASE,
        vigie_case::KdfParams::standard(),
        vigie_core::Timestamp(0),
    )
    .expect("open");
    let case = store.find("PV-FOUND").expect("case");
    let reports = store
        .evidence(case)
        .expect("evidence")
        .into_iter()
        .filter(|e| e.kind == vigie_case::EvidenceKind::Report)
        .count();
    assert_eq!(reports, 5, "four variants and the custom one");
    assert!(store
        .audit_for_case(case)
        .expect("log")
        .iter()
        .any(|e| e.action == "report-made"));
    assert!(store.verify().expect("verify").problems.is_empty());
}
