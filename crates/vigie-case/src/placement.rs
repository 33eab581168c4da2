//! Where each row is, checked against where it was put: a row moved to another case keeps
//! its content (and so its hash), and two cases' lookups swapped keep both rows whole;
//! `verify` finds both (issue 20, item 3).

use crate::cases::CaseBody;
use crate::operators::Operator;
use crate::{CaseError, CaseStore};
use std::collections::HashMap;
use vigie_core::Message;

/// The tables whose rows belong to a case.
pub(crate) const IN_A_CASE: [&str; 7] = [
    "scans",
    "retro",
    "evidence",
    "interviews",
    "answers",
    "locker",
    "device_backups",
];

/// A row found by a keyed lookup: its table, id, lookup and sealed body.
type LookupRow = (&'static str, i64, Vec<u8>, Vec<u8>);

impl CaseStore {
    /// Every row of a case is in the case the log says it was added to (`placed`, by
    /// `table:id`), and every case's and operator's lookup is the one its own name gives.
    pub(crate) fn verify_placement(
        &self,
        placed: &HashMap<String, i64>,
        problems: &mut Vec<Message>,
    ) -> Result<(), CaseError> {
        for table in IN_A_CASE {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, case_id FROM {table}"))?;
            let rows: Vec<(i64, i64)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (id, case) in rows {
                let object = format!("{table}:{id}");
                if placed.get(&object).is_some_and(|put| *put != case) {
                    problems.push(Message::new("case-verify-row-moved").arg("row", object));
                }
            }
        }
        for (table, id, lookup, body) in self.lookups()? {
            let name = match table {
                "cases" => self
                    .open_json::<CaseBody>(table, id, &body)
                    .map(|c| c.reference.trim().to_owned()),
                _ => self
                    .open_json::<Operator>(table, id, &body)
                    .map(|o| format!("operator:{}", o.name)),
            };
            // A row that does not open is reported as altered already.
            if name.is_ok_and(|n| self.lookup(&n) != lookup) {
                let object = format!("{table}:{id}");
                problems.push(Message::new("case-verify-lookup-swapped").arg("row", object));
            }
        }
        Ok(())
    }

    /// The rows found by a keyed lookup: (table, id, lookup, sealed body).
    fn lookups(&self) -> Result<Vec<LookupRow>, CaseError> {
        let mut out = vec![];
        for table in ["cases", "operators"] {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, lookup, body FROM {table}"))?;
            let rows: Vec<(i64, Vec<u8>, Vec<u8>)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?;
            out.extend(rows.into_iter().map(|(id, l, b)| (table, id, l, b)));
        }
        Ok(out)
    }
}
