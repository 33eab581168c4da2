//! Helpers shared by the iPhone backup tests: indicators of a made-up spyware, and the
//! check that modules were read.
#![allow(dead_code)]

use vigie_ios::IosBackup;

/// Indicators of the made-up spyware "SpyCo", one per STIX pattern, loaded as a feed.
pub fn spyco_indicators(name: &str, patterns: &[&str]) -> vigie_indicators::IndicatorSet {
    let stix = std::env::temp_dir().join(format!("vigie-ios-{name}-{}.stix2", std::process::id()));
    let stamp = r#""spec_version":"2.1","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z""#;
    let malware = "malware--00000000-0000-4000-8000-000000000001";
    let mut objects = vec![format!(
        r#"{{"type":"malware",{stamp},"id":"{malware}","name":"SpyCo","is_family":false}}"#
    )];
    for (n, pattern) in patterns.iter().enumerate() {
        let id = format!("00000000-0000-4000-8000-{:012}", n + 2);
        objects.push(format!(
            r#"{{"type":"indicator",{stamp},"id":"indicator--{id}","pattern":"{pattern}","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"}}"#
        ));
        objects.push(format!(
            r#"{{"type":"relationship",{stamp},"id":"relationship--{id}","relationship_type":"indicates","source_ref":"indicator--{id}","target_ref":"{malware}"}}"#
        ));
    }
    let bundle = format!(
        r#"{{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[{}]}}"#,
        objects.join(",")
    );
    std::fs::write(&stix, bundle).expect("write");
    let mut iocs = vigie_indicators::IndicatorSet::new();
    vigie_indicators::load_path(&mut iocs, &stix).expect("load");
    let _ = std::fs::remove_file(&stix);
    iocs
}

/// Asserts that each of `modules` read rows without a problem.
pub fn assert_modules_read(b: &IosBackup, modules: &[&str]) {
    for m in modules {
        let run = b.modules.iter().find(|r| r.module == *m).expect(m);
        assert!(run.rows > 0 && run.problem.is_none(), "{m}: {run:?}");
    }
}
