//! The export's own tests: its tar headers, and what it carries of a case's evidence
//! (withdrawn items left out, intimate images left out or sealed).

use super::*;
use crate::{check_export, EvidenceKind, KdfParams, LockerEntry};

const T: Timestamp = Timestamp(1_764_000_000_000_000_000);

#[test]
fn headers_are_valid_ustar() {
    let h = header("evidence/0001-a.pcap", 1234, 1_760_000_000);
    assert_eq!(&h[257..262], b"ustar");
    // The checksum field holds the sum of the header with the field as spaces.
    let mut copy = h;
    copy[148..156].copy_from_slice(b"        ");
    let sum: u32 = copy.iter().map(|&b| u32::from(b)).sum();
    let stored =
        u32::from_str_radix(std::str::from_utf8(&h[148..154]).expect("ascii"), 8).expect("octal");
    assert_eq!(sum, stored);
}

/// A case with a capture, a file withdrawn as added by mistake, and an intimate photo in
/// its locker.
fn case_with_photo(name: &str) -> (CaseStore, CaseId, Vec<u8>) {
    let d = std::env::temp_dir().join(format!("vigie-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dir");
    let mut s =
        CaseStore::open(&d.join("cases.db"), "pw", KdfParams::for_tests(), T).expect("open");
    let c = s.case("PV-1", T).expect("case");
    let kind = EvidenceKind::Import;
    s.add_evidence(c, "phone.pcap", kind, &mut &b"capture"[..], T)
        .expect("capture");
    let wrong = s
        .add_evidence(c, "other.pcap", kind, &mut &b"not hers"[..], T)
        .expect("wrong");
    s.withdraw_evidence(wrong.id, "another person's capture", T)
        .expect("withdraw");
    let photo = b"\xff\xd8\xff photo".to_vec();
    let ev = s
        .add_evidence(c, "photo.jpg", EvidenceKind::Locker, &mut &photo[..], T)
        .expect("photo");
    let entry = LockerEntry {
        sensitive: true,
        evidence: Some(ev.id),
        file_name: Some("photo.jpg".into()),
        ..LockerEntry::default()
    };
    s.add_locker_item(c, entry, T).expect("locker");
    (s, c, photo)
}

/// The archive's entries by path, with their content.
fn contents(archive: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![];
    let mut at = 0;
    while at + BLOCK <= archive.len() && archive[at..at + BLOCK].iter().any(|&b| b != 0) {
        let h = &archive[at..at + BLOCK];
        let name_end = h[..100].iter().position(|&b| b == 0).unwrap_or(100);
        let size_field = String::from_utf8_lossy(&h[124..136]);
        let size = usize::from_str_radix(size_field.trim_matches(['\0', ' ']), 8).expect("size");
        let start = at + BLOCK;
        out.push((
            String::from_utf8_lossy(&h[..name_end]).into_owned(),
            archive[start..start + size].to_vec(),
        ));
        at = start + size.div_ceil(BLOCK) * BLOCK;
    }
    out
}

#[test]
fn withdrawn_items_and_intimate_images_are_left_out_and_named() {
    let (mut s, c, _) = case_with_photo("left-out");
    let mut archive = Vec::new();
    s.export(c, "PV-1", &[], IntimateImages::LeftOut, &mut archive, T)
        .expect("export");
    let check = check_export(&archive[..]);
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let manifest = check.manifest.expect("manifest");
    let paths: Vec<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
    assert!(paths.contains(&"evidence/0001-phone.pcap"), "{paths:?}");
    assert!(!paths
        .iter()
        .any(|p| p.contains("other") || p.contains("photo")));
    let withheld: Vec<(&str, WithheldWhy)> = manifest
        .withheld
        .iter()
        .map(|w| (w.name.as_str(), w.why))
        .collect();
    assert_eq!(
        withheld,
        vec![
            ("other.pcap", WithheldWhy::Withdrawn),
            ("photo.jpg", WithheldWhy::Intimate)
        ]
    );
    // The custody log still says the file was withdrawn.
    let custody = contents(&archive)
        .into_iter()
        .find(|(p, _)| p == "custody.json")
        .expect("custody");
    assert!(String::from_utf8_lossy(&custody.1).contains("evidence-withdrawn"));
}

#[test]
fn intimate_images_are_sealed_with_the_passphrase_given() {
    let (mut s, c, photo) = case_with_photo("sealed");
    let mut archive = Vec::new();
    let sealed = IntimateImages::Sealed("a long sealing phrase");
    s.export(c, "PV-1", &[], sealed, &mut archive, T)
        .expect("export");
    let check = check_export(&archive[..]);
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let manifest = check.manifest.expect("manifest");
    let entry = manifest
        .entries
        .iter()
        .find(|e| e.path.ends_with("photo.jpg.age"))
        .expect("sealed photo");
    assert_eq!(
        entry.opened_sha256.as_deref(),
        Some(hex_sha256(&photo).as_str())
    );
    let (_, content) = contents(&archive)
        .into_iter()
        .find(|(p, _)| p == &entry.path)
        .expect("entry");
    assert!(!content.windows(5).any(|w| w == b"photo"), "not in clear");
    let wrong = age::scrypt::Identity::new("wrong".to_owned().into());
    assert!(age::decrypt(&wrong, &content).is_err());
    let right = age::scrypt::Identity::new("a long sealing phrase".to_owned().into());
    assert_eq!(age::decrypt(&right, &content).expect("opens"), photo);
    let withheld: Vec<&str> = manifest.withheld.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(withheld, vec!["other.pcap"]);
}
