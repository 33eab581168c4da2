//! The evidence store's own tests: items written in chunks, read back, withdrawn, purged
//! by retention and recovered after an interruption; operators and actors.

use super::*;
use crate::KdfParams;

const T: Timestamp = Timestamp(1_764_000_000_000_000_000);
const LATER: Timestamp = Timestamp(1_764_000_000_000_000_000 + 40 * 86_400 * 1_000_000_000);

fn store(name: &str) -> (std::path::PathBuf, CaseStore) {
    let d = std::env::temp_dir().join(format!("vigie-ev-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    let p = d.join("cases.db");
    let s = CaseStore::open(&p, "pw", KdfParams::for_tests(), T).expect("open");
    (p, s)
}

fn content(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8).collect()
}

#[test]
fn stores_reads_and_verifies_across_chunks() {
    let (_, mut s) = store("roundtrip");
    let c = s.case("R-1", T).expect("case");
    let data = content(CHUNK * 2 + 123);
    let info = s
        .add_evidence(c, "phone.pcap", EvidenceKind::Import, &mut &data[..], T)
        .expect("add");
    assert_eq!(info.size, data.len() as u64);
    assert_eq!(
        info.sha256.as_deref(),
        Some(hex::encode(Sha256::digest(&data)).as_str())
    );
    let mut out = vec![];
    s.read_evidence(info.id, &mut out).expect("read");
    assert_eq!(out, data);
    assert!(s.verify().expect("verify").problems.is_empty());
    // One flipped byte in a stored chunk is found.
    s.conn
        .execute(
            "UPDATE evidence_chunks SET data = data || x'00' WHERE n = 1",
            [],
        )
        .expect("tamper");
    let keys = crate::store_tests::problem_keys(&s);
    assert_eq!(keys, vec!["case-verify-evidence-altered".to_owned()]);
    assert!(s.read_evidence(info.id, &mut Vec::new()).is_err());
}

#[test]
fn interrupted_items_are_kept_and_marked() {
    let (path, mut s) = store("interrupted");
    let c = s.case("R-2", T).expect("case");
    let mut w = s
        .begin_evidence(c, "live.pcap", EvidenceKind::Capture, T)
        .expect("begin");
    let data = content(CHUNK + 10);
    s.write_evidence(&mut w, &data).expect("write");
    // The process dies here: the writer is dropped without finishing.
    drop(w);
    drop(s);
    let s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("reopen");
    let items = s.evidence(c).expect("list");
    assert!(items[0].interrupted);
    assert_eq!(items[0].size, CHUNK as u64, "the committed chunk is kept");
    assert!(s.verify().expect("verify").problems.is_empty());
}

#[test]
fn retention_purges_unkept_captures_only() {
    let (_, mut s) = store("retention");
    let c = s.case("R-3", T).expect("case");
    let a = s
        .add_evidence(c, "a.pcap", EvidenceKind::Capture, &mut &b"aaaa"[..], T)
        .expect("a");
    let b = s
        .add_evidence(c, "b.pcap", EvidenceKind::Capture, &mut &b"bbbb"[..], T)
        .expect("b");
    let i = s
        .add_evidence(c, "i.pcap", EvidenceKind::Import, &mut &b"iiii"[..], T)
        .expect("i");
    s.keep_evidence(b.id, T).expect("keep");
    assert_eq!(s.purge_raw_captures(T, LATER).expect("nothing yet"), 0);
    assert_eq!(s.purge_raw_captures(LATER, LATER).expect("purge"), 1);
    let items = s.evidence(c).expect("list");
    assert!(items[0].content_purged.is_some() && items[0].sha256 == a.sha256);
    assert!(items[1].content_purged.is_none() && items[2].content_purged.is_none());
    assert!(s.read_evidence(i.id, &mut Vec::new()).is_ok());
    assert!(s.verify().expect("verify").problems.is_empty());
    s.purge("R-3", LATER).expect("purge case");
    assert!(s.verify().expect("verify").problems.is_empty());
}

#[test]
fn a_withdrawn_item_is_kept_named_and_verifies() {
    let (_, mut s) = store("withdraw");
    let c = s.case("R-5", T).expect("case");
    let i = s
        .add_evidence(c, "wrong.pcap", EvidenceKind::Import, &mut &b"oops"[..], T)
        .expect("add");
    assert!(matches!(
        s.withdraw_evidence(i.id, "  ", T),
        Err(CaseError::NoReason)
    ));
    let mut a = s.acting(Some("adj-martin"));
    let w = a
        .withdraw_evidence(i.id, "fichier d'un autre dossier", LATER)
        .expect("withdraw");
    drop(a);
    let why = w.withdrawn.expect("withdrawn");
    assert_eq!(why.by.as_deref(), Some("adj-martin"));
    assert_eq!(why.reason, "fichier d'un autre dossier");
    // Nothing is deleted: the content reads back and the chain verifies.
    let mut out = vec![];
    s.read_evidence(i.id, &mut out).expect("read");
    assert_eq!(out, b"oops");
    assert!(s.verify().expect("verify").problems.is_empty());
    let log = s.audit_log().expect("log");
    let last = log.last().expect("entry");
    assert_eq!(last.action, "evidence-withdrawn");
    assert_eq!(last.actor.as_deref(), Some("adj-martin"));
}

#[test]
fn operators_and_actors() {
    let (_, mut store) = store("operators");
    let mut s = store.acting(Some("admin"));
    let op = s
        .add_operator("admin", "long passphrase 1", true, T)
        .expect("add");
    assert!(op.check_password("long passphrase 1") && !op.check_password("nope"));
    assert!(matches!(
        s.add_operator("admin", "x", false, T),
        Err(CaseError::OperatorExists(_))
    ));
    s.log("login", Some("operators:1".into()), T).expect("log");
    let log = s.audit_log().expect("log");
    assert_eq!(
        log.last().and_then(|e| e.actor.clone()).as_deref(),
        Some("admin")
    );
    assert!(s.verify().expect("verify").problems.is_empty());
    s.case("R-4", T).expect("case");
    s.close("R-4", T).expect("close");
    assert!(s.summary("R-4").expect("summary").closed.is_some());
    assert!(s.verify().expect("verify").problems.is_empty());
    s.reopen("R-4", T).expect("reopen");
    assert!(s.summary("R-4").expect("summary").closed.is_none());
    assert!(s.verify().expect("verify").problems.is_empty());
    drop(s);
    // Once the guard is gone, entries name no operator again.
    store.log("logout", None, T).expect("log");
    let log = store.audit_log().expect("log");
    assert_eq!(log.last().and_then(|e| e.actor.clone()), None);
}
