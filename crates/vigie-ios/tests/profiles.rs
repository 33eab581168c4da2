//! Configuration profiles and accounts, from a backup written by the project's writer with
//! the files where iOS keeps them: a profile that routes traffic and trusts a certificate is
//! shown (medium), one listed by an indicator is a match, and the Apple ID the phone uses is
//! told to the operator.

use vigie_ios::synthetic::{database, write_backup, PhoneFile};
use vigie_ios::{Backup, IosBackup};

fn profile() -> Vec<u8> {
    use plist::{Dictionary, Value};
    let mut vpn = Dictionary::new();
    vpn.insert(
        "PayloadType".into(),
        Value::String("com.apple.vpn.managed".into()),
    );
    let mut root = Dictionary::new();
    root.insert(
        "PayloadType".into(),
        Value::String("com.apple.security.root".into()),
    );
    let mut p = Dictionary::new();
    p.insert(
        "PayloadUUID".into(),
        Value::String("A1B2C3D4-0000-4000-8000-000000000001".into()),
    );
    p.insert(
        "PayloadIdentifier".into(),
        Value::String("com.example.familysafety".into()),
    );
    p.insert(
        "PayloadDisplayName".into(),
        Value::String("Family Safety".into()),
    );
    p.insert("PayloadType".into(), Value::String("Configuration".into()));
    p.insert(
        "PayloadContent".into(),
        Value::Array(vec![Value::Dictionary(vpn), Value::Dictionary(root)]),
    );
    p.insert(
        "InstallDate".into(),
        Value::Date(plist::Date::from_xml_format("2026-10-02T21:14:00Z").expect("date")),
    );
    let mut out = Vec::new();
    Value::Dictionary(p).to_writer_xml(&mut out).expect("plist");
    out
}

fn read() -> IosBackup {
    let dir = std::env::temp_dir().join(format!("vigie-ios-profiles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let accounts = database(
        "CREATE TABLE ZACCOUNTTYPE (Z_PK INTEGER PRIMARY KEY, ZIDENTIFIER VARCHAR, ZACCOUNTTYPEDESCRIPTION VARCHAR);
         INSERT INTO ZACCOUNTTYPE VALUES (1, 'com.apple.account.AppleAccount', 'iCloud');
         INSERT INTO ZACCOUNTTYPE VALUES (2, 'com.apple.account.IMAP', 'IMAP');
         CREATE TABLE ZACCOUNT (Z_PK INTEGER PRIMARY KEY, ZACCOUNTTYPE INTEGER, ZUSERNAME VARCHAR, ZACCOUNTDESCRIPTION VARCHAR, ZDATE TIMESTAMP);
         INSERT INTO ZACCOUNT VALUES (1, 1, 'someone.else@icloud.com', 'iCloud', 780000000);
         INSERT INTO ZACCOUNT VALUES (2, 2, 'her@example.net', 'Mail', 780000001);",
    )
    .expect("Accounts3.sqlite");
    let files = [
        PhoneFile {
            domain: "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles".into(),
            path: "Library/ConfigurationProfiles/profile-7b2c.stub".into(),
            content: profile(),
        },
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/Accounts/Accounts3.sqlite".into(),
            content: accounts,
        },
    ];
    write_backup(&dir, &files, &[], None).expect("backup");
    let read = vigie_ios::read_backup(&Backup::open(&dir, None).expect("open")).expect("read");
    let _ = std::fs::remove_dir_all(&dir);
    read
}

#[test]
fn profiles_and_the_apple_id_are_shown() {
    let b = read();
    assert_eq!(b.profiles.len(), 1);
    let p = &b.profiles[0];
    assert_eq!(p.name, "Family Safety");
    assert_eq!(p.organization, None);
    assert_eq!(
        p.payload_types,
        vec!["com.apple.vpn.managed", "com.apple.security.root"]
    );
    assert_eq!(p.installed.as_deref(), Some("2026-10-02T21:14:00Z"));
    assert_eq!(b.accounts.len(), 2);
    assert!(b
        .accounts
        .iter()
        .any(|a| a.is_apple_id() && a.user == "someone.else@icloud.com"));

    let stix =
        std::env::temp_dir().join(format!("vigie-ios-profiles-{}.stix2", std::process::id()));
    std::fs::write(
        &stix,
        r#"{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
        {"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"ProfileSpy","is_family":false},
        {"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000002","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[configuration-profile:id='A1B2C3D4-0000-4000-8000-000000000001']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
        {"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000001"}]}"#,
    )
    .expect("write");
    let mut iocs = vigie_indicators::IndicatorSet::new();
    vigie_indicators::load_path(&mut iocs, &stix).expect("load");
    let _ = std::fs::remove_file(&stix);
    let verdict = vigie_ios::check(&b, &iocs);
    let rule = |r: &str| verdict.findings.iter().find(|f| f.rule == r);
    let ioc = rule("IOS-IOC-PROFILE").expect("the listed profile");
    assert_eq!(ioc.severity, vigie_core::Severity::High);
    let shown = rule("IOS-PROFILE").expect("the profile shown");
    assert_eq!(shown.severity, vigie_core::Severity::Medium);
    assert_eq!(shown.explanation.key, "ios-profile-explain-unknown");
    assert_eq!(
        shown.explanation.args.get("can_keys").map(String::as_str),
        Some("ios-cap-profile-root,ios-cap-profile-vpn")
    );
    let apple = rule("IOS-APPLE-ID").expect("the Apple ID");
    assert_eq!(apple.subject, "someone.else@icloud.com");
    assert_eq!(apple.severity, vigie_core::Severity::Info);
}
