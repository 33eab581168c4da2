//! Vigie against Amnesty's MVT on the same Android dumps and the same indicators: every
//! alert `mvt-android check-androidqf` and `check-bugreport` raise must have a Vigie finding
//! (MVT is the peer; `.ci/run` installs it from PyPI). Skipped with a message where
//! `mvt-android` is not installed or `../shared` is absent.

mod common;

use common::{assert_ok, Vigie};
use std::path::Path;
use std::process::Command;

fn mvt_alerts(command: &str, input: &Path, stix: &Path, out: &Path) -> Vec<serde_json::Value> {
    let _ = std::fs::remove_dir_all(out);
    let run = Command::new("mvt-android")
        .args([command, "-i"])
        .arg(stix)
        .arg("-o")
        .arg(out)
        .arg(input)
        .output()
        .expect("mvt-android");
    assert_ok(&run);
    let alerts = std::fs::read(out.join("alerts.json")).expect("alerts.json");
    serde_json::from_slice::<Vec<serde_json::Value>>(&alerts).expect("alerts")
}

fn vigie_findings(input: &Path, stix: &Path, data: &Path) -> Vec<serde_json::Value> {
    let out = Vigie::new().lang("en").data_dir(data).scan(
        "android-dump",
        input,
        &[stix],
        &["--format", "json"],
    );
    common::findings(&common::json(&out))
}

/// The Vigie finding that covers an MVT alert, if any.
fn covers(alert: &serde_json::Value, findings: &[serde_json::Value]) -> bool {
    let ev = &alert["event"];
    let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    let subject_is = |want: String| findings.iter().any(|f| s(&f["subject"]) == want);
    let evidence_has = |rule: &str, pred: &dyn Fn(&serde_json::Value) -> bool| {
        findings.iter().any(|f| {
            f["rule"] == rule && f["evidence"].as_array().is_some_and(|e| e.iter().any(pred))
        })
    };
    match alert["module"].as_str().unwrap_or_default() {
        "aqf_packages" | "dumpsys_packages" => subject_is(s(&ev["name"])),
        "aqf_settings" | "settings" => subject_is(s(&ev["name"])),
        "aqf_get_prop" | "getprop" => subject_is(s(&ev["name"])),
        "aqf_processes" | "processes" => {
            let shown = s(&ev["command"]);
            let bare = shown.trim_matches(|c| c == '[' || c == ']');
            subject_is(bare.rsplit('/').next().unwrap_or(bare).to_owned())
        }
        "dumpsys_appops" => subject_is(s(&ev["package_name"])),
        "root_binaries" => evidence_has("AND-ROOT", &|e| e["detail"] == ev["path"]),
        "tombstones" => {
            let file = s(&ev["file_name"]);
            evidence_has("AND-PRIVILEGED-CRASH", &|e| {
                e["name"].as_str().is_some_and(|n| n.ends_with(&file))
            })
        }
        "dumpsys_accessibility" => subject_is(
            s(&ev["package_name"])
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned(),
        ),
        _ => false,
    }
}

#[test]
fn vigie_flags_everything_mvt_flags() {
    let Some(shared) = common::shared() else {
        return;
    };
    if Command::new("mvt-android").arg("--help").output().is_err() {
        eprintln!("skipped: mvt-android is not installed (pip install mvt; .ci/run does it)");
        return;
    }
    let stix = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/android-test.stix2");
    let tmp = std::env::temp_dir().join(format!("vigie-mvt-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("tmp");
    let mut total = 0;
    for (command, input) in [
        ("check-androidqf", shared.join("mvt/androidqf")),
        ("check-bugreport", shared.join("mvt/android_data/bugreport")),
    ] {
        let alerts = mvt_alerts(command, &input, &stix, &tmp.join(command));
        assert!(!alerts.is_empty(), "{command}: MVT raised nothing");
        let findings = vigie_findings(&input, &stix, &tmp.join("data"));
        let missed: Vec<String> = alerts
            .iter()
            .filter(|a| !covers(a, &findings))
            .map(|a| format!("{} {}", a["module"], a["message"]))
            .collect();
        eprintln!(
            "{command}: MVT {} alerts, Vigie {} findings, missed {}",
            alerts.len(),
            findings.len(),
            missed.len()
        );
        assert!(missed.is_empty(), "{command}: Vigie missed {missed:#?}");
        total += alerts.len();
    }
    assert!(total >= 10, "{total} MVT alerts compared");
    let _ = std::fs::remove_dir_all(&tmp);
}
