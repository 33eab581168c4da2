//! Loads the real feeds in `../shared/data` (Echap, MVT indicator bundles) and checks what
//! comes out of them.

use std::time::Instant;
use vigie_indicators::{load_path, IndicatorKind, IndicatorRole, IndicatorSet, ThreatCategory};

#[path = "../../../testing/shared_data.rs"]
mod shared_data;
use shared_data::shared;

#[test]
fn echap_yaml_loads_every_app() {
    let Some(data) = shared() else { return };
    let mut set = IndicatorSet::new();
    load_path(&mut set, &data.join("echap/ioc.yaml")).expect("ioc.yaml loads");
    load_path(&mut set, &data.join("echap/watchware.yaml")).expect("watchware.yaml loads");
    let apps: std::collections::BTreeSet<_> = set
        .indicators()
        .iter()
        .filter_map(|i| i.app.clone())
        .collect();
    // 147 stalkerware + 27 watchware entries (a few share no indicator-bearing field).
    assert!(apps.len() >= 170, "apps: {}", apps.len());
    let m = set.match_domain("PROTOCOL-A748.thetruthspy.com.");
    assert!(!m.is_empty());
    assert_eq!(m[0].app.as_deref(), Some("TheTruthSpy"));
    assert_eq!(m[0].category, ThreatCategory::Stalkerware);
    let ip = set.match_ip("69.64.74.239".parse().expect("ip"));
    assert_eq!(ip[0].role, IndicatorRole::C2);
    // WiseMo is listed both as stalkerware and as watchware: both entries are kept.
    let w = set.match_domain("mycloud.wisemo.com");
    assert!(w.iter().any(|i| i.category == ThreatCategory::Watchware));
    assert!(w.iter().any(|i| i.category == ThreatCategory::Stalkerware));
    assert!(!set
        .match_exact(
            IndicatorKind::AppCertSha1,
            "31a6ececd97cf39bc4126b8745cd94a7c30bf81c"
        )
        .is_empty());
    assert!(set.unsupported().is_empty(), "{:?}", set.unsupported());
    assert!(set.sources()[0].name.contains("Echap"));
}

#[test]
fn echap_folder_skips_exports_of_the_same_feed() {
    let Some(data) = shared() else { return };
    let mut set = IndicatorSet::new();
    load_path(&mut set, &data.join("echap")).expect("folder loads");
    let formats: Vec<_> = set.sources().iter().map(|s| s.format).collect();
    assert!(formats.contains(&vigie_indicators::FeedFormat::EchapYaml));
    assert!(formats.contains(&vigie_indicators::FeedFormat::Csv));
    let skipped: Vec<_> = set.skipped_files().iter().map(|(p, _)| p.clone()).collect();
    assert!(
        skipped.iter().any(|p| p.ends_with("suricata.rules")),
        "{skipped:?}"
    );
    assert!(
        skipped
            .iter()
            .any(|p| p.ends_with("indicators-for-tinycheck.json")),
        "{skipped:?}"
    );
    assert!(
        skipped.iter().any(|p| p.ends_with("network.csv")),
        "{skipped:?}"
    );
    // samples.csv adds APK hashes.
    assert!(!set
        .match_exact(
            IndicatorKind::FileSha256,
            "2f3bc9ebe8c249f0416f5b0367f34b4b8f6aaa7d351dc5b4912fe2558491b6b7"
        )
        .is_empty());
}

#[test]
fn echap_exports_agree_with_the_yaml() {
    let Some(data) = shared() else { return };
    let mut tiny = IndicatorSet::new();
    load_path(&mut tiny, &data.join("echap/indicators-for-tinycheck.json"))
        .expect("tinycheck loads");
    let mut misp = IndicatorSet::new();
    load_path(&mut misp, &data.join("echap/misp_event.json")).expect("misp loads");
    let mut yaml = IndicatorSet::new();
    load_path(&mut yaml, &data.join("echap/ioc.yaml")).expect("yaml loads");
    assert_eq!(tiny.len(), 1593 + 65);
    for ind in tiny
        .indicators()
        .iter()
        .filter(|i| i.kind == IndicatorKind::Domain)
    {
        assert!(
            !yaml.match_domain(&ind.value).is_empty(),
            "{} in TinyCheck export, not in YAML",
            ind.value
        );
    }
    assert!(
        misp.unsupported().is_empty(),
        "{:?}",
        &misp.unsupported()[..misp.unsupported().len().min(3)]
    );
    let m = misp.match_domain("protocol-a748.thetruthspy.com");
    assert_eq!(m[0].app.as_deref(), Some("TheTruthSpy"));
    assert_eq!(m[0].category, ThreatCategory::Stalkerware);
}

#[test]
fn mvt_indicator_index_and_bundles() {
    let Some(data) = shared() else { return };
    let start = Instant::now();
    let mut set = IndicatorSet::new();
    load_path(&mut set, &data.join("mvt-indicators")).expect("folder loads");
    load_path(&mut set, &data.join("mvt/stix2")).expect("folder loads");
    eprintln!("loaded {} indicators in {:?}", set.len(), start.elapsed());
    // Every STIX indicator comparison: counted independently with Python when the data was added.
    let domains = set
        .indicators()
        .iter()
        .filter(|i| i.kind == IndicatorKind::Domain)
        .count();
    assert!(domains >= 1500, "{domains}");
    let predator = set
        .sources()
        .iter()
        .find(|s| s.path.ends_with("predator.stix2"))
        .expect("predator loaded");
    assert!(predator.name.contains("Predator"), "{}", predator.name);
    for kind in [
        IndicatorKind::FileSha256,
        IndicatorKind::FilePath,
        IndicatorKind::Url,
        IndicatorKind::Ipv4,
        IndicatorKind::Email,
        IndicatorKind::AppId,
        IndicatorKind::FileName,
        IndicatorKind::AppCertSha256,
        IndicatorKind::ProcessName,
        IndicatorKind::ConfigurationProfile,
    ] {
        assert!(
            set.indicators().iter().any(|i| i.kind == kind),
            "no {kind:?}"
        );
    }
    let p = set
        .indicators()
        .iter()
        .find(|i| {
            i.kind == IndicatorKind::Domain
                && set
                    .source_of(i)
                    .is_some_and(|s| s.path.ends_with("predator.stix2"))
        })
        .expect("a predator domain");
    let m = set.match_domain(&format!("www.{}", p.value));
    assert_eq!(m[0].category, ThreatCategory::MercenarySpyware);
    assert_eq!(m[0].app.as_deref(), Some("Predator"));
    // The plain lists beside each bundle repeat it and are skipped.
    assert!(set
        .skipped_files()
        .iter()
        .any(|(p, _)| p.ends_with("domains.txt")));
}
