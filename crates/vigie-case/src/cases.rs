//! Cases: opened by reference (found through a keyed hash, never stored in clear), listed,
//! closed, purged with everything stored in them; and the interview checklist's answers.

use crate::crypto::seal;
use crate::store::{aad, to_json};
use crate::{CaseError, CaseId, CaseStore};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use vigie_core::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CaseBody {
    pub(crate) reference: String,
    pub(crate) created: String,
    pub(crate) closed: Option<String>,
}

/// A case as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// The case's reference (e.g. a complaint number).
    pub reference: String,
    /// When it was opened (UTC).
    pub created: String,
    /// When it was closed, if it is.
    pub closed: Option<String>,
    /// Scans stored in it.
    pub scans: usize,
}

impl CaseStore {
    /// The case with this reference, opened (and logged) if it does not exist yet.
    pub fn case(&mut self, reference: &str, now: Timestamp) -> Result<CaseId, CaseError> {
        let lookup = self.lookup(reference);
        if let Some(id) = self
            .conn
            .query_row("SELECT id FROM cases WHERE lookup = ?1", [&lookup], |r| {
                r.get(0)
            })
            .optional()?
        {
            return Ok(CaseId(id));
        }
        let body = CaseBody {
            reference: reference.trim().to_owned(),
            created: now.to_string(),
            closed: None,
        };
        self.in_transaction(|s| {
            let id = s.next_id("cases")?;
            let plain = to_json(&body)?;
            s.conn.execute(
                "INSERT INTO cases (id, lookup, body) VALUES (?1, ?2, ?3)",
                params![id, lookup, seal(&s.data_key, &aad("cases", id), &plain)?],
            )?;
            s.audit(
                now,
                "case-opened",
                Some(format!("cases:{id}")),
                Some(&plain),
            )?;
            Ok(CaseId(id))
        })
    }

    /// Closes a case: it stays readable, and the app offers no new check in it.
    pub fn close(&mut self, reference: &str, now: Timestamp) -> Result<(), CaseError> {
        self.set_closed(reference, Some(now.to_string()), "case-closed", now)
    }

    /// Reopens a closed case (an administrator's decision, logged with its operator).
    pub fn reopen(&mut self, reference: &str, now: Timestamp) -> Result<(), CaseError> {
        self.set_closed(reference, None, "case-reopened", now)
    }

    /// Refuses to add anything to a closed case.
    pub(crate) fn ensure_open(&self, case: CaseId) -> Result<(), CaseError> {
        let sealed: Vec<u8> =
            self.conn
                .query_row("SELECT body FROM cases WHERE id = ?1", [case.0], |r| {
                    r.get(0)
                })?;
        let body = self.case_body(case.0, &sealed)?;
        match body.closed {
            Some(_) => Err(CaseError::Closed(body.reference)),
            None => Ok(()),
        }
    }

    /// Records a case as closed (`Some`) or open, with its audit entry; nothing happens
    /// when it is so already.
    fn set_closed(
        &mut self,
        reference: &str,
        closed: Option<String>,
        action: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let id = self.find(reference)?;
        let sealed: Vec<u8> =
            self.conn
                .query_row("SELECT body FROM cases WHERE id = ?1", [id.0], |r| r.get(0))?;
        let mut body = self.case_body(id.0, &sealed)?;
        if body.closed.is_some() == closed.is_some() {
            return Ok(());
        }
        body.closed = closed;
        let plain = to_json(&body)?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE cases SET body = ?2 WHERE id = ?1",
                params![id.0, seal(&s.data_key, &aad("cases", id.0), &plain)?],
            )?;
            s.audit(now, action, Some(format!("cases:{}", id.0)), Some(&plain))
        })
    }

    /// A case's summary.
    pub fn summary(&self, reference: &str) -> Result<CaseSummary, CaseError> {
        let wanted = reference.trim();
        self.cases()?
            .into_iter()
            .find(|c| c.reference == wanted)
            .ok_or_else(|| CaseError::NoCase(reference.to_owned()))
    }

    /// Finds a case by reference.
    pub fn find(&self, reference: &str) -> Result<CaseId, CaseError> {
        self.conn
            .query_row(
                "SELECT id FROM cases WHERE lookup = ?1",
                [self.lookup(reference)],
                |r| r.get(0),
            )
            .optional()?
            .map(CaseId)
            .ok_or_else(|| CaseError::NoCase(reference.to_owned()))
    }

    pub(crate) fn case_body(&self, id: i64, sealed: &[u8]) -> Result<CaseBody, CaseError> {
        self.open_json("cases", id, sealed)
    }

    /// Every case, with its number of scans.
    pub fn cases(&self) -> Result<Vec<CaseSummary>, CaseError> {
        let mut stmt = self.conn.prepare("SELECT c.id, c.body, (SELECT COUNT(*) FROM scans s WHERE s.case_id = c.id) FROM cases c ORDER BY c.id")?;
        let rows: Vec<(i64, Vec<u8>, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, body, n)| {
                let b = self.case_body(id, &body)?;
                Ok(CaseSummary {
                    reference: b.reference,
                    created: b.created,
                    closed: b.closed,
                    scans: usize::try_from(n).unwrap_or(0),
                })
            })
            .collect()
    }

    /// Every case with its id, for re-checks.
    pub fn case_ids(&self) -> Result<Vec<(CaseId, String)>, CaseError> {
        let rows = self.select_rows("SELECT id, body FROM cases ORDER BY id")?;
        rows.into_iter()
            .map(|(id, body)| Ok((CaseId(id), self.case_body(id, &body)?.reference)))
            .collect()
    }

    /// The (id, sealed body) rows of a case in `table` (a table name of this file, never
    /// input), oldest first.
    pub(crate) fn rows_of_case(
        &self,
        table: &str,
        case: CaseId,
    ) -> Result<Vec<(i64, Vec<u8>)>, CaseError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, body FROM {table} WHERE case_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt
            .query_map([case.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The row ids of a case's records in `table` (a table name of this file, never input).
    pub(crate) fn ids_in_case(&self, table: &str, case: CaseId) -> Result<Vec<i64>, CaseError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id FROM {table} WHERE case_id = ?1 ORDER BY id"
        ))?;
        let ids = stmt
            .query_map([case.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Deletes a case and everything stored in it; the audit log keeps that it happened
    /// (not what it held), each removed row logged so that verification tells purges from
    /// deletions.
    pub fn purge(&mut self, reference: &str, now: Timestamp) -> Result<(), CaseError> {
        let case = self.find(reference)?;
        let mut rows = vec![];
        for table in [
            "interviews",
            "answers",
            "locker",
            "device_backups",
            "evidence",
            "scans",
            "retro",
        ] {
            rows.push((table, self.ids_in_case(table, case)?));
        }
        self.in_transaction(|s| {
            for (table, ids) in &rows {
                for id in ids {
                    s.purge_row(table, *id, now)?;
                }
            }
            // Pieces left without their file (a crash, or a row removed outside Vigie) hold
            // backup data too.
            s.conn.execute(
                "DELETE FROM device_backup_chunks WHERE file_id NOT IN (SELECT id FROM device_backup_files)",
                [],
            )?;
            s.conn.execute("DELETE FROM cases WHERE id = ?1", [case.0])?;
            s.audit(now, "case-purged", Some(format!("cases:{}", case.0)), None)
        })
    }

    /// Deletes row `id` of `table` with what hangs from it (content, backup files), and
    /// logs it (inside the caller's transaction).
    fn purge_row(&mut self, table: &str, id: i64, now: Timestamp) -> Result<(), CaseError> {
        let (action, children): (&str, &[&str]) = match table {
            "evidence" => (
                "evidence-purged",
                &["DELETE FROM evidence_chunks WHERE evidence_id = ?1"],
            ),
            "device_backups" => (
                "evidence-purged",
                &[
                    "DELETE FROM device_backup_chunks WHERE file_id IN (SELECT id FROM device_backup_files WHERE backup_id = ?1)",
                    "DELETE FROM device_backup_files WHERE backup_id = ?1",
                ],
            ),
            _ => ("scan-purged", &[]),
        };
        for sql in children {
            self.conn.execute(sql, [id])?;
        }
        self.conn
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        self.audit(now, action, Some(format!("{table}:{id}")), None)
    }

    /// Records the answers of the interview checklist for a case (a JSON document the app
    /// writes); earlier answers stay in the file, the latest count.
    pub fn save_interview(
        &mut self,
        case: CaseId,
        answers: &serde_json::Value,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let plain = to_json(answers)?;
        self.in_transaction(|s| {
            let id = s.next_id("interviews")?;
            s.put_row(
                "interviews",
                id,
                Some(case.0),
                &plain,
                "interview-saved",
                now,
            )
        })
    }

    /// The latest answers of the interview checklist of a case, if any.
    pub fn interview(&self, case: CaseId) -> Result<Option<serde_json::Value>, CaseError> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT id, body FROM interviews WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
                [case.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, body)) = row else {
            return Ok(None);
        };
        self.open_json("interviews", id, &body).map(Some)
    }
}
