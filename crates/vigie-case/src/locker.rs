//! The evidence locker of a case: screenshots, photos of a screen, saved pages, message
//! exports and links about images shared (or threatened to be shared) without consent.
//!
//! Each item keeps apart what the operator typed (when and where it was seen, who posted it,
//! a note) and what the file itself says (hashes, PDQ, EXIF times, the file's own time), so
//! that a reader always knows which is which. A file's content is an evidence item
//! ([`EvidenceKind::Locker`]), encrypted in chunks with its SHA-256; the item's record is a
//! row of its own, logged in the audit chain like every other.

use crate::evidence::EvidenceId;
use crate::store::to_json;
use crate::{CaseError, CaseId, CaseStore};
use serde::{Deserialize, Serialize};
use vigie_core::Timestamp;
use vigie_ncii::MediaFacts;

/// A locker item's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LockerId(pub i64);

/// What an item is, as the operator describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LockerKind {
    /// A screenshot of a post, a message, a profile.
    #[default]
    Screenshot,
    /// A photo (of a screen, or the image itself).
    Photo,
    /// A video.
    Video,
    /// A saved web page.
    WebPage,
    /// An export of messages.
    Messages,
    /// A link (address) where the content was seen; no file.
    Link,
    /// Anything else.
    Other,
}

impl LockerKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [LockerKind; 7] = [
        LockerKind::Screenshot,
        LockerKind::Photo,
        LockerKind::Video,
        LockerKind::WebPage,
        LockerKind::Messages,
        LockerKind::Link,
        LockerKind::Other,
    ];

    /// Stable name (`screenshot`, `photo`, `video`, `web_page`, `messages`, `link`, `other`),
    /// used on the command line, in forms and in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            LockerKind::Screenshot => "screenshot",
            LockerKind::Photo => "photo",
            LockerKind::Video => "video",
            LockerKind::WebPage => "web_page",
            LockerKind::Messages => "messages",
            LockerKind::Link => "link",
            LockerKind::Other => "other",
        }
    }

    /// The kind named `name` (see [`LockerKind::as_str`]).
    pub fn parse(name: &str) -> Option<LockerKind> {
        LockerKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// What the operator (or the person) says about an item; every field is free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LockerDescription {
    /// What it is.
    pub kind: LockerKind,
    /// When it was seen or published (as told: a date, a time, "around mid-March").
    pub seen_at: String,
    /// Where: a platform, a site, a group, an address.
    pub place: String,
    /// Who posted or sent it (a profile name, a phone number), as told.
    pub posted_by: String,
    /// The address of the content, where there is one.
    pub link: String,
    /// A free note.
    pub note: String,
}

/// What an item of the locker holds (given when it is added).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LockerEntry {
    /// What the operator typed.
    pub description: LockerDescription,
    /// The image is intimate: shown blurred in the app and never printed in reports.
    pub sensitive: bool,
    /// The file's content, already stored as an evidence item (none for a link).
    pub evidence: Option<EvidenceId>,
    /// The file's name, as given.
    pub file_name: Option<String>,
    /// The file's own modification time (UTC), where it came with one.
    pub file_modified: Option<String>,
    /// What the file's content says about itself (hashes, PDQ, EXIF), never typed by anyone.
    pub facts: Option<MediaFacts>,
}

/// An item of the locker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockerItem {
    /// Its id.
    pub id: LockerId,
    /// When it was added (UTC).
    pub added: String,
    /// The operator who added it.
    pub added_by: Option<String>,
    /// What it holds.
    #[serde(flatten)]
    pub entry: LockerEntry,
}

impl CaseStore {
    fn locker_body(&self, id: i64, sealed: &[u8]) -> Result<LockerItem, CaseError> {
        self.open_json("locker", id, sealed)
    }

    /// Adds an item to a case's locker, with its audit entry.
    pub fn add_locker_item(
        &mut self,
        case: CaseId,
        new: LockerEntry,
        now: Timestamp,
    ) -> Result<LockerItem, CaseError> {
        if let Some(e) = new.evidence {
            let (owner, _) = self.evidence_item(e)?;
            if owner != case {
                return Err(CaseError::NoEvidence(e.0));
            }
        }
        let added_by = self.actor().map(str::to_owned);
        self.in_transaction(|s| {
            let id = s.next_id("locker")?;
            let item = LockerItem {
                id: LockerId(id),
                added: now.to_string(),
                added_by,
                entry: new,
            };
            let plain = to_json(&item)?;
            s.put_row("locker", id, Some(case.0), &plain, "locker-item-added", now)?;
            Ok(item)
        })
    }

    /// Writes to the audit log that a sensitive item was shown in full, and by whom.
    pub fn note_locker_shown(&mut self, id: LockerId, now: Timestamp) -> Result<(), CaseError> {
        self.locker_item(id)?;
        self.in_transaction(|s| {
            s.audit(
                now,
                "locker-item-shown",
                Some(format!("locker:{}", id.0)),
                None,
            )
        })
    }

    /// The items of a case's locker, oldest first.
    pub fn locker(&self, case: CaseId) -> Result<Vec<LockerItem>, CaseError> {
        self.rows_of_case("locker", case)?
            .into_iter()
            .map(|(id, body)| self.locker_body(id, &body))
            .collect()
    }

    /// The case a locker item belongs to, and the item.
    pub fn locker_item(&self, id: LockerId) -> Result<(CaseId, LockerItem), CaseError> {
        let (case, body) = self
            .row_of("locker", id.0)?
            .ok_or(CaseError::NoLockerItem(id.0))?;
        Ok((case, self.locker_body(id.0, &body)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EvidenceKind;

    #[test]
    fn items_keep_typed_and_file_facts_apart_and_verify() {
        let dir = std::env::temp_dir().join(format!("vigie-locker-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let kdf = crate::KdfParams::for_tests();
        let now = Timestamp(1_764_000_000_000_000_000);
        let mut store =
            CaseStore::open(&dir.join("cases.db"), "passphrase", kdf, now).expect("store");
        let case = store.case("PV-2026-7", now).expect("case");
        let other = store.case("PV-2026-8", now).expect("case");
        let bytes = b"\x89PNG\r\n\x1a\nnot really".to_vec();
        let facts = vigie_ncii::inspect_reader(&mut bytes.as_slice()).expect("facts");
        let ev = store
            .add_evidence(
                case,
                "post.png",
                EvidenceKind::Locker,
                &mut bytes.as_slice(),
                now,
            )
            .expect("evidence");
        let new = LockerEntry {
            description: LockerDescription {
                kind: LockerKind::Screenshot,
                seen_at: "2026-11-20 around 22:00".into(),
                place: "a group chat".into(),
                posted_by: "account @x".into(),
                link: String::new(),
                note: "sent to her colleagues".into(),
            },
            sensitive: true,
            evidence: Some(ev.id),
            file_name: Some("post.png".into()),
            file_modified: Some("2026-11-20T21:58:00Z".into()),
            facts: Some(facts.clone()),
        };
        // An item cannot point at another case's file.
        assert!(store.add_locker_item(other, new.clone(), now).is_err());
        let item = store.add_locker_item(case, new, now).expect("item");
        assert_eq!(store.locker(case).expect("locker"), vec![item.clone()]);
        assert_eq!(
            store.locker_item(item.id).expect("item").1.entry.facts,
            Some(facts)
        );
        assert!(store.locker(other).expect("locker").is_empty());
        let report = store.verify().expect("verify");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert!(store
            .audit_for_case(case)
            .expect("audit")
            .iter()
            .any(|e| e.action == "locker-item-added"));
        store.purge("PV-2026-7", now).expect("purge");
        let report = store.verify().expect("verify");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
