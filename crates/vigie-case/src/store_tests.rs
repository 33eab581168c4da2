//! The case file's own tests: storing, reopening, verifying, tampering and purging.

use crate::*;
use vigie_core::Timestamp;

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-case-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    d.join("cases.db")
}

/// A check's document, as the station would write it (the case file does not read it).
fn scan(n: u32) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "kind": "network",
        "made": format!("2026-11-24T10:0{n}:00Z"),
        "sources": [["phone.pcap", "cd".repeat(32)]],
        "observed": [["domain", format!("n{n}.example")]],
    }))
    .expect("json")
}

/// The keys of the problems `verify` finds.
pub(crate) fn problem_keys(s: &CaseStore) -> Vec<String> {
    let report = s.verify().expect("verify");
    report.problems.into_iter().map(|m| m.key).collect()
}

const T: Timestamp = Timestamp(1_764_000_000_000_000_000);

#[test]
fn case_file_is_for_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("file").permissions().mode() & 0o777;
    let path = tmp("mode");
    drop(CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create"));
    assert_eq!(mode(&path), 0o600, "created for its owner only");
    // One left readable by others (an older release made it 0644) is tightened on opening.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    drop(CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("reopen"));
    assert_eq!(mode(&path), 0o600, "tightened");
}

#[test]
fn stores_reopens_and_verifies() {
    let path = tmp("ok");
    {
        let mut s =
            CaseStore::open(&path, "correct horse", KdfParams::for_tests(), T).expect("create");
        let c = s.case("PV-2026-00042", T).expect("case");
        assert_eq!(s.case("PV-2026-00042 ", T).expect("same case"), c);
        s.add_scan(c, &scan(1), T).expect("scan");
        s.add_scan(c, &scan(2), T).expect("scan");
    }
    let s = CaseStore::open(&path, "correct horse", KdfParams::for_tests(), T).expect("reopen");
    let cases = s.cases().expect("list");
    assert_eq!(cases.len(), 1);
    assert_eq!(
        (cases[0].reference.as_str(), cases[0].scans),
        ("PV-2026-00042", 2)
    );
    assert_eq!(
        s.scans(s.find("PV-2026-00042").expect("find"))
            .expect("scans")[1]
            .1,
        scan(2)
    );
    let r = s.verify().expect("verify");
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // store-created, station-key-created, case-opened, two scans.
    assert_eq!((r.entries, r.rows), (5, 3));
    assert!(matches!(
        CaseStore::open(&path, "wrong", KdfParams::for_tests(), T),
        Err(CaseError::WrongPassphrase)
    ));
    // Nothing readable in the file: no reference, no domain.
    let raw = std::fs::read(&path).expect("file");
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("PV-2026") && !text.contains("n1.example"));
}

#[test]
fn tampering_is_reported() {
    let path = tmp("tamper");
    let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create");
    let c = s.case("REF-1", T).expect("case");
    s.add_scan(c, &scan(1), T).expect("scan");
    s.add_scan(c, &scan(2), T).expect("scan");
    // Swap two scan rows: each still decrypts under its own key, but not at the other id.
    s.conn.execute_batch("UPDATE scans SET id = 99 WHERE id = 1; UPDATE scans SET id = 1 WHERE id = 2; UPDATE scans SET id = 2 WHERE id = 99;").expect("swap");
    assert!(!s.verify().expect("verify").problems.is_empty());
    // Delete an audit entry.
    let path2 = tmp("tamper2");
    let mut s2 = CaseStore::open(&path2, "pw", KdfParams::for_tests(), T).expect("create");
    let c2 = s2.case("REF-2", T).expect("case");
    s2.add_scan(c2, &scan(1), T).expect("scan");
    s2.conn
        .execute("DELETE FROM audit WHERE seq = 2", [])
        .expect("delete");
    let problems = problem_keys(&s2);
    assert!(
        problems.contains(&"case-verify-audit-gap".to_owned()),
        "{problems:?}"
    );
    // Delete a scan without purge.
    let path3 = tmp("tamper3");
    let mut s3 = CaseStore::open(&path3, "pw", KdfParams::for_tests(), T).expect("create");
    let c3 = s3.case("REF-3", T).expect("case");
    s3.add_scan(c3, &scan(1), T).expect("scan");
    s3.conn.execute("DELETE FROM scans", []).expect("delete");
    let problems = problem_keys(&s3);
    assert_eq!(problems, vec!["case-verify-row-missing".to_owned()]);
}

#[test]
fn purge_removes_the_case_and_logs_it() {
    let path = tmp("purge");
    let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create");
    let c = s.case("REF-9", T).expect("case");
    s.add_scan(c, &scan(1), T).expect("scan");
    s.purge("REF-9", T).expect("purge");
    assert!(s.cases().expect("list").is_empty());
    assert!(matches!(s.find("REF-9"), Err(CaseError::NoCase(_))));
    assert_eq!(
        s.audit_log()
            .expect("log")
            .last()
            .map(|e| e.action.clone())
            .as_deref(),
        Some("case-purged")
    );
    assert!(
        s.verify().expect("verify").problems.is_empty(),
        "{:?}",
        s.verify().expect("verify").problems
    );
    // After a purge, a scan deleted from another case is still reported.
    let other = s.case("REF-10", T).expect("case");
    s.add_scan(other, &scan(2), T).expect("scan");
    s.conn
        .execute("DELETE FROM scans WHERE case_id = ?1", [other.0])
        .expect("delete");
    let problems = problem_keys(&s);
    assert_eq!(problems, vec!["case-verify-row-missing".to_owned()]);
}

/// A closed case takes nothing new (issue 20, item 10: it still accepted imports, links and
/// interviews) until it is reopened; what retro-checks find in what it holds is recorded.
#[test]
fn a_closed_case_takes_nothing_new() {
    let mut s = CaseStore::open(&tmp("closed"), "pw", KdfParams::for_tests(), T).expect("open");
    let case = s.case("R-C", T).expect("case");
    s.add_evidence(case, "a.pcap", EvidenceKind::Import, &mut &b"x"[..], T)
        .expect("evidence");
    s.close("R-C", T).expect("close");
    let closed =
        |r: Result<(), CaseError>| matches!(r, Err(CaseError::Closed(ref c)) if c == "R-C");
    assert!(closed(s.add_scan(case, &scan(1), T).map(|_| ())));
    assert!(closed(
        s.add_evidence(case, "b.pcap", EvidenceKind::Import, &mut &b"y"[..], T)
            .map(|_| ())
    ));
    let link = LockerEntry {
        description: LockerDescription {
            kind: LockerKind::Link,
            seen_at: String::new(),
            place: String::new(),
            posted_by: String::new(),
            link: "https://example.org/post/1".into(),
            note: String::new(),
        },
        sensitive: false,
        evidence: None,
        file_name: None,
        file_modified: None,
        facts: None,
    };
    assert!(closed(s.add_locker_item(case, link.clone(), T).map(|_| ())));
    let answers = serde_json::json!({"asleep": "22:00-07:00"});
    assert!(closed(s.save_interview(case, &answers, T)));
    assert!(
        s.evidence(case).expect("evidence").len() == 1,
        "nothing half-stored"
    );
    let retro = RetroMatch {
        scan_made: "2026-11-24T10:01:00Z".into(),
        observed: ("domain".into(), "n1.example".into()),
        indicator: ("n1.example".into(), "domain".into(), None, "echap".into()),
        found: "2026-12-01T00:00:00Z".into(),
    };
    assert_eq!(
        s.add_retro_matches(case, &[retro], T).expect("retro").len(),
        1
    );
    // Reopened, it takes them again; the file verifies throughout.
    s.reopen("R-C", T).expect("reopen");
    s.add_scan(case, &scan(2), T).expect("scan");
    s.add_locker_item(case, link, T).expect("link");
    assert!(s.verify().expect("verify").problems.is_empty());
}

/// The passphrase can be changed (issue 20, item 10): the old one opens nothing afterwards,
/// everything stays readable with the new one.
#[test]
fn passphrase_changes_and_the_old_one_opens_nothing() {
    let path = tmp("change");
    let mut s = CaseStore::open(&path, "first one", KdfParams::for_tests(), T).expect("open");
    let case = s.case("R-P", T).expect("case");
    s.add_scan(case, &scan(1), T).expect("scan");
    s.change_passphrase("second one", KdfParams::for_tests(), T)
        .expect("changed");
    drop(s);
    assert!(matches!(
        CaseStore::open(&path, "first one", KdfParams::for_tests(), T),
        Err(CaseError::WrongPassphrase)
    ));
    let s = CaseStore::open(&path, "second one", KdfParams::for_tests(), T).expect("new one");
    assert_eq!(s.cases().expect("cases").len(), 1);
    assert!(s.verify().expect("verify").problems.is_empty());
    let log = s.audit_log().expect("log");
    assert!(log.iter().any(|e| e.action == "passphrase-changed"));
}

/// Key settings altered to ask for far more than Vigie writes are refused before any key is
/// derived (issue 20, item 3: a tampered memory_kib made every opening take 7.3 GB).
#[test]
fn key_settings_beyond_bounds_are_refused_at_once() {
    let path = tmp("kdf");
    drop(CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("sqlite");
    let greedy = serde_json::json!({"memory_kib": 7_500_000, "iterations": 1, "parallelism": 1});
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE name = 'kdf'",
        [serde_json::to_vec(&greedy).expect("json")],
    )
    .expect("tamper");
    drop(conn);
    let started = std::time::Instant::now();
    assert!(matches!(
        CaseStore::open(&path, "pw", KdfParams::for_tests(), T),
        Err(CaseError::KdfOutOfBounds)
    ));
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    assert!(KdfParams::standard().within_bounds() && KdfParams::for_tests().within_bounds());
}

/// What the audit chain alone cannot show (issue 20, item 3), `verify` now finds: the file
/// put back to an earlier copy, its last entries deleted with their rows, the station key
/// deleted, a counter put back. A file left alone still verifies, without even a note.
#[test]
fn rollback_deleted_key_and_rewound_counters_are_found() {
    let path = tmp("rollback");
    let open = || CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("open");
    let keys = |s: &CaseStore| -> Vec<String> {
        s.verify()
            .expect("verify")
            .problems
            .into_iter()
            .map(|m| m.key)
            .collect()
    };
    let mut s = open();
    let case = s.case("R-B", T).expect("case");
    s.add_scan(case, &scan(1), T).expect("scan");
    let report = s.verify().expect("verify");
    assert!(
        report.problems.is_empty() && report.notes.is_empty(),
        "{report:?}"
    );
    let head = path.with_file_name("cases.db.audit-head");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&head).expect("head").permissions(),
    );
    assert_eq!(
        mode & 0o777,
        0o600,
        "the head is for the owner only, as the file"
    );
    drop(s);
    // An earlier copy put back after more was written.
    let earlier = path.with_extension("earlier");
    std::fs::copy(&path, &earlier).expect("copy");
    let mut s = open();
    s.add_scan(case, &scan(2), T).expect("scan");
    assert!(keys(&s).is_empty());
    drop(s);
    let later = path.with_extension("later");
    std::fs::copy(&path, &later).expect("copy");
    std::fs::copy(&earlier, &path).expect("put back");
    let s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("open");
    // The head still says how far the log had got.
    assert!(
        keys(&s).contains(&"case-verify-rolled-back".to_owned()),
        "{:?}",
        keys(&s)
    );
    // Writing on does not cover it up: the log now differs from the one recorded.
    let mut s = s;
    s.add_scan(case, &scan(3), T).expect("scan");
    s.add_scan(case, &scan(4), T).expect("scan");
    let found = keys(&s);
    assert!(
        found.contains(&"case-verify-head-differs".to_owned()),
        "{found:?}"
    );
    drop(s);
    // The last entries deleted with their row, in the later copy.
    std::fs::copy(&later, &path).expect("later");
    let s = open();
    assert!(keys(&s).is_empty(), "{:?}", keys(&s));
    s.conn
        .execute("DELETE FROM scans WHERE id = 2", [])
        .expect("delete row");
    s.conn
        .execute(
            "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
            [],
        )
        .expect("delete entry");
    assert!(keys(&s).contains(&"case-verify-rolled-back".to_owned()));
    drop(s);
    // The station key deleted; a counter put back.
    std::fs::copy(&later, &path).expect("later");
    let s = open();
    s.conn
        .execute("DELETE FROM meta WHERE name = 'station-key'", [])
        .expect("delete key");
    s.conn
        .execute(
            "UPDATE meta SET value = CAST('1' AS BLOB) WHERE name = 'next_scans'",
            [],
        )
        .expect("rewind");
    let found = keys(&s);
    assert!(
        found.contains(&"case-verify-station-key-missing".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"case-verify-counter-rewound".to_owned()),
        "{found:?}"
    );
}

/// A row moved to another case, and two cases' lookups swapped, are found by `verify`
/// (issue 20, item 3): both kept every row whole and verified clean.
#[test]
fn moved_rows_and_swapped_lookups_are_found() {
    let mut s = CaseStore::open(&tmp("moves"), "pw", KdfParams::for_tests(), T).expect("open");
    let a = s.case("R-A", T).expect("case");
    let b = s.case("R-B", T).expect("case");
    let scan_id = s.add_scan(a, &scan(1), T).expect("scan");
    s.add_evidence(a, "a.pcap", EvidenceKind::Import, &mut &b"x"[..], T)
        .expect("evidence");
    assert!(problem_keys(&s).is_empty());
    s.conn
        .execute(
            "UPDATE scans SET case_id = ?1 WHERE id = ?2",
            [b.0, scan_id],
        )
        .expect("move");
    s.conn
        .execute("UPDATE evidence SET case_id = ?1", [b.0])
        .expect("move");
    let moved: Vec<String> = s
        .verify()
        .expect("verify")
        .problems
        .iter()
        .filter(|m| m.key == "case-verify-row-moved")
        .filter_map(|m| m.args.get("row").cloned())
        .collect();
    assert_eq!(moved, [format!("scans:{scan_id}"), "evidence:1".to_owned()]);
    s.conn
        .execute(
            "UPDATE scans SET case_id = ?1 WHERE id = ?2",
            [a.0, scan_id],
        )
        .expect("back");
    s.conn
        .execute("UPDATE evidence SET case_id = ?1", [a.0])
        .expect("back");
    assert!(problem_keys(&s).is_empty());
    // The lookups of the two cases swapped: each reference now opens the other's case.
    let la: Vec<u8> = s
        .conn
        .query_row("SELECT lookup FROM cases WHERE id = ?1", [b.0], |r| {
            r.get(0)
        })
        .expect("lookup");
    let lb = s.lookup("R-A");
    s.conn
        .execute("UPDATE cases SET lookup = x'01' WHERE id = ?1", [a.0])
        .expect("swap");
    s.conn
        .execute(
            "UPDATE cases SET lookup = ?1 WHERE id = ?2",
            rusqlite::params![lb, b.0],
        )
        .expect("swap");
    s.conn
        .execute(
            "UPDATE cases SET lookup = ?1 WHERE id = ?2",
            rusqlite::params![la, a.0],
        )
        .expect("swap");
    let swapped = problem_keys(&s)
        .into_iter()
        .filter(|k| k == "case-verify-lookup-swapped")
        .count();
    assert_eq!(swapped, 2);
}
