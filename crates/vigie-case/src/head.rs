//! The audit head kept outside the case file (`cases.db.audit-head`): the sequence number
//! and hash of the last audit entry, signed with the station key, rewritten after every
//! change. A case file put back to an earlier copy, or whose last entries were deleted with
//! their rows, still has a whole chain; only this record of where the chain had got to
//! shows it. Reports print it too, so that a report handed over earlier tells the same.

use crate::crypto::sha256;
use crate::CaseStore;
use ed25519_dalek::{Signature, Signer, Verifier};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use vigie_core::Message;

/// Where the audit log had got to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    /// The last entry's sequence number.
    pub seq: i64,
    /// The last entry's hash (hex).
    pub hash: String,
    /// The station key's signature over both (hex), when the key exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// Writes `bytes` to a new file at `path` that only its owner may read (as the case file).
fn write_owner_only(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    // No sync: the head is written after the case file's own commit, so after a power
    // cut it can only be behind the file, which `verify` does not take for a rollback.
    f.write_all(bytes)
}

impl AuditHead {
    /// The bytes the station key signs.
    fn signed_bytes(&self) -> Vec<u8> {
        sha256(&[
            b"vigie audit head\0",
            self.seq.to_string().as_bytes(),
            self.hash.as_bytes(),
        ])
        .to_vec()
    }
}

impl CaseStore {
    /// Where the audit head of this case file is kept.
    fn head_path(&self) -> PathBuf {
        let mut name = self.file_name.clone();
        name.push(".audit-head");
        self.dir.join(name)
    }

    /// The last audit entry's sequence number and hash (`None` before the first entry).
    pub(crate) fn last_entry(&self) -> Result<Option<(i64, Vec<u8>)>, crate::CaseError> {
        Ok(self
            .conn
            .query_row(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The audit log's head as the case file holds it (`None` before the first entry).
    pub fn audit_head(&self) -> Result<Option<AuditHead>, crate::CaseError> {
        Ok(self.last_entry()?.map(|(seq, hash)| AuditHead {
            seq,
            hash: hex::encode(hash),
            signature: None,
        }))
    }

    /// Writes the head outside the case file, signed (after every committed change), only
    /// when the chain goes on from the recorded head: after a rollback the record stays,
    /// so `verify` keeps saying it. A head that cannot be written only weakens what `verify`
    /// can tell: never an error.
    pub(crate) fn record_head(&mut self) {
        let Ok(Some(mut head)) = self.audit_head() else {
            return;
        };
        if head.seq == self.head_seq {
            return;
        }
        if let Some(recorded) = self.recorded_head() {
            if !self.holds_entry(recorded.seq, &recorded.hash) {
                return;
            }
        }
        if let Ok(Some(key)) = self.stored_station_key() {
            head.signature = Some(hex::encode(key.sign(&head.signed_bytes()).to_bytes()));
        }
        let Ok(json) = serde_json::to_vec(&head) else {
            return;
        };
        let path = self.head_path();
        let fresh = path.with_extension("audit-head.new");
        let written = write_owner_only(&fresh, &json).and_then(|()| std::fs::rename(&fresh, &path));
        match written {
            Ok(()) => self.head_seq = head.seq,
            Err(_) => {
                let _ = std::fs::remove_file(&fresh);
            }
        }
    }

    /// Whether the audit log holds entry `seq` with this hash (hex).
    fn holds_entry(&self, seq: i64, hash: &str) -> bool {
        self.conn
            .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .is_ok_and(|h| hex::encode(h) == hash)
    }

    /// The head recorded outside the case file, if any.
    pub fn recorded_head(&self) -> Option<AuditHead> {
        let bytes = std::fs::read(self.head_path()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// What the recorded head says of the case file: problems (rolled back, another chain,
    /// a signature that is not the station's), or a note when there is no record.
    pub(crate) fn verify_head(
        &self,
        problems: &mut Vec<Message>,
        notes: &mut Vec<Message>,
    ) -> Result<(), crate::CaseError> {
        let Some(recorded) = self.recorded_head() else {
            notes.push(Message::new("case-verify-no-head"));
            return Ok(());
        };
        let here = self.audit_head()?.map_or(0, |h| h.seq);
        let said = |key: &str| {
            Message::new(key)
                .arg("seq", recorded.seq.to_string())
                .arg("here", here.to_string())
        };
        let hash_here: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT hash FROM audit WHERE seq = ?1",
                [recorded.seq],
                |r| r.get(0),
            )
            .optional()?;
        match hash_here {
            None => problems.push(said("case-verify-rolled-back")),
            Some(h) if hex::encode(&h) != recorded.hash => {
                problems.push(said("case-verify-head-differs"))
            }
            Some(_) => {}
        }
        if let (Ok(Some(key)), Some(sig)) = (self.stored_station_key(), &recorded.signature) {
            let valid = hex::decode(sig)
                .ok()
                .and_then(|b| Signature::from_slice(&b).ok())
                .is_some_and(|s| {
                    key.verifying_key()
                        .verify(&recorded.signed_bytes(), &s)
                        .is_ok()
                });
            if !valid {
                problems.push(said("case-verify-head-signature"));
            }
        }
        Ok(())
    }
}
