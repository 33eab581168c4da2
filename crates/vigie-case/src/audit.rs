//! The audit log: an append-only chain of sealed entries, each holding the SHA-256 of what
//! it stored and the hash of the one before, and the verification of the whole file
//! against it.

use crate::crypto::{open, seal, sha256};
use crate::store::{aad, bytes_of, to_json};
use crate::{CaseError, CaseId, CaseStore};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use vigie_core::{Message, Timestamp};

/// The hash before the first entry.
const GENESIS: [u8; 32] = [0; 32];
/// Most characters of an operator name or an object kept in an audit entry: a name typed
/// at the login page can be megabytes (twenty failed logins added 39 MiB), and the log must
/// not fill the disk.
const MAX_LOGGED_CHARS: usize = 200;

/// `text` as an audit entry keeps it: at most [`MAX_LOGGED_CHARS`] characters, a longer one
/// cut and its length said.
fn bounded(text: String) -> String {
    let total = text.chars().count();
    if total <= MAX_LOGGED_CHARS {
        return text;
    }
    let kept: String = text.chars().take(MAX_LOGGED_CHARS).collect();
    format!("{kept}… ({total} characters)")
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain.
    pub seq: i64,
    /// When (UTC).
    pub at: String,
    /// What happened: `store-created`, `case-opened`, `scan-stored`, `scan-purged`, `case-purged`.
    pub action: String,
    /// The row it concerns (`cases:3`, `scans:12`).
    pub object: Option<String>,
    /// SHA-256 of the row's content as stored.
    pub sha256: Option<String>,
    /// Who did it (an operator of the station app), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The case a new row was added to (entries written since this was recorded): a row
    /// moved to another case afterwards is found by `verify`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<i64>,
}

/// What [`CaseStore::verify`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Audit entries checked.
    pub entries: usize,
    /// Rows checked.
    pub rows: usize,
    /// Problems found, translatable; none means everything checks.
    pub problems: Vec<Message>,
    /// What is worth knowing without being a problem (a backup re-read and matching, one
    /// whose receiving was interrupted), translatable.
    pub notes: Vec<Message>,
}

/// An audit row as stored: sequence, previous hash, sealed entry, hash.
type AuditRow = (i64, Vec<u8>, Vec<u8>, Vec<u8>);

impl CaseStore {
    /// Appends an audit entry (inside the caller's transaction).
    pub(crate) fn audit(
        &mut self,
        now: Timestamp,
        action: &str,
        object: Option<String>,
        content: Option<&[u8]>,
    ) -> Result<(), CaseError> {
        self.audit_in(now, action, object, content, None)
    }

    /// Appends an audit entry naming the case a new row was added to.
    pub(crate) fn audit_in(
        &mut self,
        now: Timestamp,
        action: &str,
        object: Option<String>,
        content: Option<&[u8]>,
        case: Option<i64>,
    ) -> Result<(), CaseError> {
        let digest = content.map(|c| hex::encode(sha256(&[c])));
        self.audit_digest(now, action, object, digest, case)
    }

    /// Appends an audit entry recording `digest`, the SHA-256 of what was stored or written
    /// (computed as it was streamed).
    pub(crate) fn audit_digest(
        &mut self,
        now: Timestamp,
        action: &str,
        object: Option<String>,
        digest: Option<String>,
        case: Option<i64>,
    ) -> Result<(), CaseError> {
        let (seq, prev) = match self.last_entry()? {
            Some((s, h)) => (s + 1, h),
            None => (1, GENESIS.to_vec()),
        };
        let entry = AuditEntry {
            seq,
            at: now.to_string(),
            action: action.to_owned(),
            object: object.map(bounded),
            sha256: digest,
            actor: self.actor.clone().map(bounded),
            case,
        };
        let plain = to_json(&entry)?;
        let sealed = seal(&self.data_key, &aad("audit", seq), &plain)?;
        let hash = sha256(&[&prev, &sealed]);
        self.conn.execute(
            "INSERT INTO audit (seq, prev, entry, hash) VALUES (?1, ?2, ?3, ?4)",
            params![seq, prev, sealed, &hash[..]],
        )?;
        Ok(())
    }

    /// The audit entries that concern a case: the case itself, its checks, retro-check
    /// matches, evidence files, interview answers, locker items and phone backups, oldest
    /// first (its chain of custody).
    pub fn audit_for_case(&self, case: CaseId) -> Result<Vec<AuditEntry>, CaseError> {
        let mut objects = std::collections::HashSet::new();
        objects.insert(format!("cases:{}", case.0));
        for table in crate::placement::IN_A_CASE {
            for id in self.ids_in_case(table, case)? {
                objects.insert(format!("{table}:{id}"));
            }
        }
        Ok(self
            .audit_log()?
            .into_iter()
            .filter(|e| e.object.as_ref().is_some_and(|o| objects.contains(o)))
            .collect())
    }

    /// The audit log, decrypted, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, CaseError> {
        let rows = self.select_rows("SELECT seq, entry FROM audit ORDER BY seq")?;
        let entries = rows.into_iter();
        entries
            .map(|(seq, sealed)| self.open_json("audit", seq, &sealed))
            .collect()
    }

    /// Checks the whole file: the audit chain (order, links, content), and every case and scan
    /// row against the SHA-256 its audit entry recorded. Nothing is changed.
    pub fn verify(&self) -> Result<VerifyReport, CaseError> {
        let mut report = VerifyReport::default();
        let mut recorded: std::collections::HashMap<String, Option<String>> =
            std::collections::HashMap::new();
        let mut purged = std::collections::HashSet::new();
        let mut keyed = false;
        let mut highest: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut placed: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, prev, entry, hash FROM audit ORDER BY seq")?;
        let rows: Vec<AuditRow> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    bytes_of(r.get_ref(1)?),
                    bytes_of(r.get_ref(2)?),
                    bytes_of(r.get_ref(3)?),
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut expected_prev = GENESIS.to_vec();
        for (i, (seq, prev, entry, hash)) in rows.iter().enumerate() {
            report.entries += 1;
            let problem = |key: &str| Message::new(key).arg("seq", seq.to_string());
            if *seq != i as i64 + 1 {
                report.problems.push(problem("case-verify-audit-gap"));
            }
            if *prev != expected_prev || *hash != sha256(&[prev, entry]).to_vec() {
                report.problems.push(problem("case-verify-audit-chain"));
            }
            expected_prev = hash.clone();
            match open(&self.data_key, &aad("audit", *seq), entry)
                .and_then(|p| serde_json::from_slice::<AuditEntry>(&p).ok())
            {
                Some(e) if e.seq == *seq => {
                    match (e.action.as_str(), note_id(&mut highest, e.object)) {
                        ("station-key-created", _) => keyed = true,
                        ("case-purged" | "scan-purged" | "evidence-purged", Some(o)) => {
                            purged.insert(o);
                        }
                        // An export's hash is the archive's, not the case row's.
                        ("case-exported", _) => {}
                        // Entries without content (a login, a check started) only name a row.
                        (_, Some(o)) if e.sha256.is_some() => {
                            if let Some(case) = e.case {
                                placed.entry(o.clone()).or_insert(case);
                            }
                            recorded.insert(o, e.sha256);
                        }
                        _ => {}
                    }
                }
                _ => report.problems.push(problem("case-verify-audit-entry")),
            }
        }
        for table in [
            "cases",
            "scans",
            "retro",
            "operators",
            "evidence",
            "interviews",
            "answers",
            "locker",
            "device_backups",
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, body FROM {table}"))?;
            let rows: Vec<(i64, Vec<u8>)> = stmt
                .query_map([], |r| Ok((r.get(0)?, bytes_of(r.get_ref(1)?))))?
                .collect::<Result<_, _>>()?;
            for (id, body) in rows {
                report.rows += 1;
                let object = format!("{table}:{id}");
                let row_problem = |key: &str| Message::new(key).arg("row", &object);
                match open(&self.data_key, &aad(table, id), &body) {
                    None => report.problems.push(row_problem("case-verify-row-altered")),
                    Some(plain) => match recorded.remove(&object) {
                        Some(Some(h)) if h == hex::encode(sha256(&[&plain])) => {}
                        Some(_) => report.problems.push(row_problem("case-verify-row-altered")),
                        None => report
                            .problems
                            .push(row_problem("case-verify-row-unlogged")),
                    },
                }
            }
        }
        self.verify_evidence_content(&mut report.problems)?;
        self.verify_head(&mut report.problems, &mut report.notes)?;
        self.verify_station_key(keyed, &mut report.problems)?;
        self.verify_counters(highest, &mut report.problems)?;
        self.verify_placement(&placed, &mut report.problems)?;
        self.verify_device_backups(&mut report.problems, &mut report.notes)?;
        // Rows the log recorded that are gone without a purge entry.
        let mut missing: Vec<String> = recorded
            .into_keys()
            .filter(|o| !purged.contains(o))
            .collect();
        missing.sort();
        for o in missing {
            report
                .problems
                .push(Message::new("case-verify-row-missing").arg("row", o));
        }
        Ok(report)
    }
}

/// Notes the id an audit entry's object names (`scans:12`) as the highest given in its
/// table so far; gives the object back.
fn note_id(
    highest: &mut std::collections::HashMap<String, i64>,
    object: Option<String>,
) -> Option<String> {
    if let Some((table, id)) = object.as_deref().and_then(|o| o.split_once(':')) {
        if let Ok(id) = id.parse::<i64>() {
            let top = highest.entry(table.to_owned()).or_insert(0);
            *top = (*top).max(id);
        }
    }
    object
}

impl CaseStore {
    /// A station key whose making the log records must still be there: exports signed with
    /// it could not be told from forgeries without it.
    fn verify_station_key(
        &self,
        keyed: bool,
        problems: &mut Vec<Message>,
    ) -> Result<(), CaseError> {
        if keyed && self.stored_station_key()?.is_none() {
            problems.push(Message::new("case-verify-station-key-missing"));
        }
        Ok(())
    }

    /// Each table's next id is past every id it ever gave (the log names them): a counter
    /// put back would give a new row the id of an old one.
    fn verify_counters(
        &self,
        highest: std::collections::HashMap<String, i64>,
        problems: &mut Vec<Message>,
    ) -> Result<(), CaseError> {
        for (table, top) in highest {
            let counter: Option<Vec<u8>> = self
                .conn
                .query_row(
                    "SELECT value FROM meta WHERE name = ?1",
                    [format!("next_{table}")],
                    |r| r.get(0),
                )
                .optional()?;
            let next = counter
                .and_then(|v| String::from_utf8(v).ok())
                .and_then(|v| v.parse::<i64>().ok());
            if next.is_some_and(|n| n <= top) {
                problems.push(Message::new("case-verify-counter-rewound").arg("table", table));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_and_their_length_said() {
        assert_eq!(bounded("ana".into()), "ana");
        let typed = "é".repeat(2_000_000);
        let kept = bounded(typed);
        assert!(
            kept.ends_with("… (2000000 characters)"),
            "{}",
            &kept[kept.len() - 40..]
        );
        assert_eq!(kept.chars().filter(|c| *c == 'é').count(), MAX_LOGGED_CHARS);
    }
}
