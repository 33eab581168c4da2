//! Evidence hygiene on the command line: a case that does not exist yet is opened only
//! after asking (on a terminal) and said when opened; a file added by mistake is withdrawn
//! with its reason, kept, named in the report and left out of the export; intimate images
//! are left out of an export or sealed with a passphrase; a closed case is reopened.

mod common;

use common::images::{jpeg, scene};
use common::{arg, assert_code, assert_ok, json, Vigie};
use std::process::Command;
use vigie_case::WithheldWhy;

#[test]
fn a_file_withdrawn_and_intimate_images_stay_out_of_the_export() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("hygiene");
    let v = Vigie::at(&data).lang("en");
    let (iocs, dump) = (shared.join("echap"), shared.join("mvt/androidqf"));
    // No terminal: the new case is opened, and standard error says so, once.
    let out = v.scan("android-dump", &dump, &[&iocs], &["--case", "PV-HYG"]);
    assert_code(&out, 1);
    assert!(common::stderr(&out).contains("New case opened: PV-HYG"));
    let out = v.scan("android-dump", &dump, &[&iocs], &["--case", "PV-HYG"]);
    assert!(!common::stderr(&out).contains("New case opened"));
    let photo = data.join("photo.jpg");
    std::fs::write(&photo, jpeg(&scene(3, 320, 240), 90)).expect("photo");
    let add = [
        "ncii",
        "add",
        "--case",
        "PV-HYG",
        "--sensitive",
        arg(&photo),
    ];
    assert_ok(&v.run(&add));

    // The getprop file of the second check, withdrawn as added by mistake.
    let shown = json(&v.run(&["case", "show", "PV-HYG", "--format", "json"]));
    let evidence = shown["evidence"].as_array().expect("evidence").clone();
    let getprop: Vec<i64> = evidence
        .iter()
        .filter(|e| e["name"] == "getprop.txt")
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert_eq!(getprop.len(), 2, "{shown}");
    let id = getprop[1].to_string();
    let refused = v.run(&["case", "withdraw", "PV-HYG", &id, "--reason", " "]);
    assert_code(&refused, 2);
    assert!(common::stderr(&refused).contains("only be withdrawn with a reason"));
    let reason = "second check made by mistake";
    let said = assert_ok(&v.run(&["case", "withdraw", "PV-HYG", &id, "--reason", reason]));
    assert!(said.contains("getprop.txt is withdrawn"), "{said}");
    let text = assert_ok(&v.run(&["case", "show", "PV-HYG"]));
    assert!(
        text.contains("withdrawn on") && text.contains(reason),
        "{text}"
    );
    assert_ok(&v.run(&["case", "verify"]));

    // The export leaves both out and names them; the archive verifies.
    let archive = data.join("left-out.tar");
    assert_ok(&v.run(&["case", "export", "PV-HYG", "--out", arg(&archive)]));
    let check = vigie_case::check_export(std::fs::File::open(&archive).expect("archive"));
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let manifest = check.manifest.expect("manifest");
    let whys: Vec<(&str, WithheldWhy)> = manifest
        .withheld
        .iter()
        .map(|w| (w.name.as_str(), w.why))
        .collect();
    assert_eq!(
        whys,
        vec![
            ("getprop.txt", WithheldWhy::Withdrawn),
            ("photo.jpg", WithheldWhy::Intimate)
        ]
    );
    let getprops = manifest
        .entries
        .iter()
        .filter(|e| e.path.ends_with("getprop.txt"));
    assert_eq!(getprops.count(), 1, "only the first check's copy");
    let text = assert_ok(&v.run(&["verify", arg(&archive)]));
    assert!(
        text.contains("photo.jpg") && text.contains("intimate image"),
        "{text}"
    );
    // The report names the withdrawn file with who withdrew it and why.
    let report = data.join("report.html");
    let out = v.run(&[
        "report",
        "PV-HYG",
        "--format",
        "html",
        "--out",
        arg(&report),
    ]);
    assert_ok(&out);
    let html = std::fs::read_to_string(&report).expect("report");
    assert!(
        html.contains(reason) && html.contains("evidence file withdrawn"),
        "{html}"
    );

    // Sealed: the passphrase from the environment; without it and without a terminal, refused.
    let sealed = data.join("sealed.tar");
    let seal = [
        "case",
        "export",
        "PV-HYG",
        "--out",
        arg(&sealed),
        "--intimate-images",
        "seal",
    ];
    let out = v.run(&seal);
    assert_code(&out, 2);
    assert!(common::stderr(&out).contains("VIGIE_SEAL_PASSPHRASE"));
    assert_ok(
        &v.env("VIGIE_SEAL_PASSPHRASE", "a long sealing phrase")
            .run(&seal),
    );
    let check = vigie_case::check_export(std::fs::File::open(&sealed).expect("archive"));
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let manifest = check.manifest.expect("manifest");
    let photo_sha = hex_sha256(&std::fs::read(&photo).expect("photo"));
    assert!(manifest
        .entries
        .iter()
        .any(|e| e.path.ends_with("photo.jpg.age") && e.opened_sha256 == Some(photo_sha.clone())));

    // Closed, then reopened: both in the case's custody log, by the command line's user.
    assert!(assert_ok(&v.run(&["case", "close", "PV-HYG"])).contains("is closed"));
    // Closed, it takes no new check nor file, and says how to reopen it.
    let refused = v.scan("android-dump", &dump, &[&iocs], &["--case", "PV-HYG"]);
    assert_code(&refused, 2);
    assert!(
        common::stderr(&refused).contains("Case PV-HYG is closed"),
        "{}",
        common::stderr(&refused)
    );
    assert_code(&v.run(&add), 2);
    assert!(assert_ok(&v.run(&["case", "reopen", "PV-HYG"])).contains("reopened"));
    let store = common::open_cases(&data);
    let case = store.find("PV-HYG").expect("case");
    for action in ["evidence-withdrawn", "case-closed", "case-reopened"] {
        let by_cli = |e: &vigie_case::AuditEntry| {
            e.action == action && e.actor.as_deref().is_some_and(|a| a.starts_with("cli:"))
        };
        assert!(common::audited(&store, case, by_cli), "{action}");
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn on_a_terminal_an_unknown_case_is_opened_only_when_confirmed() {
    let Some(shared) = common::shared() else {
        return;
    };
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux's script (a terminal for the command) is not installed");
        return;
    }
    let data = common::fresh_dir("hygiene-ask");
    let v = Vigie::at(&data).lang("en");
    let capture = shared.join("pcaps/dns/dns-binds.pcap");
    let iocs = shared.join("echap");
    // `script` gives the command a terminal and types the answer on it.
    let on_terminal = |reference: &str, answer: &str| {
        let cmd = v.command(&[
            "scan",
            "pcap",
            arg(&capture),
            "--iocs",
            arg(&iocs),
            "--case",
            reference,
        ]);
        let line = std::iter::once(cmd.get_program())
            .chain(cmd.get_args())
            .map(|a| format!("'{}'", a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ");
        let mut script = Command::new("sh");
        script.arg("-c").arg(format!(
            "printf '{answer}\\n' | script -qec \"{line}\" /dev/null"
        ));
        script.envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))));
        script.output().expect("script")
    };
    let out = on_terminal("PV-TYPO", "n");
    let said = common::stdout(&out);
    assert!(
        said.contains("There is no case “PV-TYPO” yet. Open it?"),
        "{said}"
    );
    assert!(said.contains("No case was opened"), "{said}");
    let list = assert_ok(&v.run(&["case", "list", "--format", "json"]));
    assert!(!list.contains("PV-TYPO"), "{list}");
    let out = on_terminal("PV-NEW", "y");
    assert!(common::stdout(&out).contains("New case opened: PV-NEW"));
    let list = assert_ok(&v.run(&["case", "list", "--format", "json"]));
    assert!(list.contains("PV-NEW"), "{list}");
}

#[test]
fn a_file_a_check_read_is_listed_once_in_the_report() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("hygiene-once");
    let v = Vigie::at(&data).lang("en");
    let backup = shared.join("mvt/ios_backup");
    let out = v.scan(
        "ios-backup",
        &backup,
        &[&shared.join("echap")],
        &["--case", "PV-ONCE"],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        common::stderr(&out)
    );
    let html = common::html_report(&v, "PV-ONCE", &data.join("once.html"));
    let annex = html.split("Technical annex").nth(1).expect("annex");
    let listed = annex.matches("HomeDomain/Library/SMS/sms.db").count();
    assert_eq!(listed, 1, "{annex}");
    assert!(
        annex.contains("read by the checks are kept as evidence"),
        "{annex}"
    );
}

#[test]
fn a_locker_file_withdrawn_is_said_so_where_the_report_describes_it() {
    let data = common::fresh_dir("hygiene-locker");
    let v = Vigie::at(&data).lang("en");
    let shot = data.join("screenshot.png");
    std::fs::write(&shot, common::images::png(&scene(9, 120, 200))).expect("png");
    assert_ok(&v.run(&["ncii", "add", "--case", "PV-LOCK", arg(&shot)]));
    let reason = "a screenshot from another case";
    assert_ok(&v.run(&["case", "withdraw", "PV-LOCK", "1", "--reason", reason]));
    let html = common::html_report(&v, "PV-LOCK", &data.join("locker.html"));
    let locker = html
        .split("Technical annex")
        .next()
        .expect("before the annex");
    assert!(
        locker.contains("This file was withdrawn from the case") && locker.contains(reason),
        "{locker}"
    );
}
