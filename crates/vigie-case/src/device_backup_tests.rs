//! The phone backups' own tests: received file by file into the case file, read back,
//! verified, and interrupted.

use super::*;
use crate::KdfParams;

const T: Timestamp = Timestamp(1_764_000_000_000_000_000);

#[test]
fn a_backup_is_kept_sealed_moved_read_and_purged() {
    let dir = std::env::temp_dir().join(format!("vigie-devbackup-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("cases.vigie");
    let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("store");
    let c = s.case("REF-1", T).expect("case");
    let b = s.begin_device_backup(c, "iPhone U", T).expect("begin");
    let big: Vec<u8> = (0..(CHUNK + 10)).map(|i| (i % 251) as u8).collect();
    let mut f = s
        .begin_backup_file(b, "U/Snapshot/Manifest.db")
        .expect("file");
    s.write_backup_file(&mut f, &big[..100]).expect("w");
    s.write_backup_file(&mut f, &big[100..]).expect("w");
    s.finish_backup_file(b, f).expect("end");
    let mut f = s.begin_backup_file(b, "U/ab/abcdef").expect("file");
    s.write_backup_file(&mut f, b"secret words").expect("w");
    s.finish_backup_file(b, f).expect("end");
    s.move_backup_item(b, "U/Snapshot/Manifest.db", "U/Manifest.db")
        .expect("move");
    s.copy_backup_file(b, "U/ab/abcdef", "U/ab/copy")
        .expect("copy");
    s.remove_backup_item(b, "U/ab/copy").expect("remove");
    assert_eq!(
        s.read_backup_file(b, "U/Manifest.db", u64::MAX)
            .expect("read"),
        Some(big.clone())
    );
    assert!(s
        .read_backup_file(b, "U/Snapshot/Manifest.db", u64::MAX)
        .expect("read")
        .is_none());
    assert!(s.read_backup_file(b, "U/Manifest.db", 10).is_err());
    let listing = s.list_backup_dir(b, "U").expect("list");
    assert_eq!(
        listing,
        vec![
            ("Manifest.db".into(), big.len() as u64, false),
            ("ab".into(), 0, true)
        ]
    );
    let info = s.finish_device_backup(b, T).expect("finish");
    assert_eq!(info.files, 2);
    assert!(info.digest.is_some());
    assert_eq!(s.device_backups(c).expect("list").len(), 1);
    drop(s);
    let raw = std::fs::read(&path).expect("raw");
    assert!(
        !raw.windows(12).any(|w| w == b"secret words"),
        "the backup is encrypted at rest"
    );
    assert!(!raw.windows(11).any(|w| w == b"Manifest.db"), "names too");
    let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("reopen");
    let report = s.verify().expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.notes.len(), 1);
    assert_eq!(report.notes[0].key, "case-verify-backup-ok");
    assert_eq!(
        report.notes[0].args.get("count").map(String::as_str),
        Some("2")
    );

    // An interrupted backup is noted, not counted as altered.
    let cut = s.begin_device_backup(c, "iPhone V", T).expect("begin");
    let mut f = s.begin_backup_file(cut, "V/Info.plist").expect("file");
    s.write_backup_file(&mut f, b"<plist/>").expect("w");
    s.finish_backup_file(cut, f).expect("end");
    let report = s.verify().expect("verify");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report
        .notes
        .iter()
        .any(|n| n.key == "case-verify-backup-interrupted"
            && n.args.get("name").map(String::as_str) == Some("iPhone V")));

    // A chunk put in another's place (each is sealed, so it can only be moved) is found,
    // and so is a file removed behind Vigie's back.
    s.conn
        .execute(
            "UPDATE device_backup_chunks SET n = 5 WHERE n = 1 AND file_id IN (SELECT id FROM device_backup_files WHERE backup_id = ?1)",
            [b.0],
        )
        .expect("move a chunk");
    let report = s.verify().expect("verify");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.key == "case-verify-backup-file-altered"
                && p.args.get("name").map(String::as_str) == Some("U/Manifest.db")),
        "{:?}",
        report.problems
    );
    s.conn
        .execute(
            "DELETE FROM device_backup_files WHERE id = (SELECT max(id) FROM device_backup_files WHERE backup_id = ?1)",
            [b.0],
        )
        .expect("remove a file");
    let report = s.verify().expect("verify");
    assert!(report
        .problems
        .iter()
        .any(|p| p.key == "case-verify-backup-digest"));
    s.purge("REF-1", T).expect("purge");
    assert_eq!(
        s.conn
            .query_row("SELECT count(*) FROM device_backup_chunks", [], |r| r
                .get::<_, i64>(0))
            .expect("count"),
        0
    );
}
