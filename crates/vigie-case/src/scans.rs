//! The checks stored in a case, as the documents their kind of check wrote (the case file
//! seals and logs them; what they say is the station's business), and the retro-check
//! matches found in them later.

use crate::store::to_json;
use crate::{CaseError, CaseId, CaseStore};
use serde::{Deserialize, Serialize};
use vigie_core::Timestamp;

/// A past check that matches an indicator added to the feeds after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetroMatch {
    /// When the past check was made.
    pub scan_made: String,
    /// What it had observed: (kind, value).
    pub observed: (String, String),
    /// The indicator that now matches: value, kind, app, source.
    pub indicator: (String, String, Option<String>, String),
    /// When the match was found.
    pub found: String,
}

impl CaseStore {
    /// Stores a check's document in a case, with its audit entry, in one transaction.
    /// Returns the check's id.
    pub fn add_scan(
        &mut self,
        case: CaseId,
        document: &[u8],
        now: Timestamp,
    ) -> Result<i64, CaseError> {
        self.in_transaction(|s| {
            let id = s.next_id("scans")?;
            s.put_row("scans", id, Some(case.0), document, "scan-stored", now)?;
            Ok(id)
        })
    }

    /// The checks of a case with their ids, oldest first: (id, document).
    pub fn scans(&self, case: CaseId) -> Result<Vec<(i64, Vec<u8>)>, CaseError> {
        self.rows_of_case("scans", case)?
            .into_iter()
            .map(|(id, body)| Ok((id, self.open_row("scans", id, &body)?)))
            .collect()
    }

    /// One check by its id, with the reference of its case; `None` when there is none.
    pub fn scan_by_id(&self, id: i64) -> Result<Option<(String, Vec<u8>)>, CaseError> {
        let Some((case_id, body)) = self.row_of("scans", id)? else {
            return Ok(None);
        };
        let document = self.open_row("scans", id, &body)?;
        let reference = self
            .case_ids()?
            .into_iter()
            .find(|(c, _)| *c == case_id)
            .map(|(_, r)| r)
            .ok_or_else(|| CaseError::Damaged(format!("scan {id} without its case")))?;
        Ok(Some((reference, document)))
    }

    /// Records retro-check matches in a case; one already recorded (same check, observed
    /// value and indicator) is not recorded twice. Returns those newly recorded.
    pub fn add_retro_matches(
        &mut self,
        case: CaseId,
        matches: &[RetroMatch],
        now: Timestamp,
    ) -> Result<Vec<RetroMatch>, CaseError> {
        let known = self.retro_matches(case)?;
        let fresh: Vec<RetroMatch> = matches
            .iter()
            .filter(|m| {
                !known.iter().any(|k| {
                    k.scan_made == m.scan_made
                        && k.observed == m.observed
                        && k.indicator == m.indicator
                })
            })
            .cloned()
            .collect();
        self.in_transaction(|s| {
            for m in &fresh {
                let id = s.next_id("retro")?;
                s.put_row("retro", id, Some(case.0), &to_json(m)?, "retro-match", now)?;
            }
            Ok(())
        })?;
        Ok(fresh)
    }

    /// The retro-check matches recorded in a case, oldest first.
    pub fn retro_matches(&self, case: CaseId) -> Result<Vec<RetroMatch>, CaseError> {
        self.rows_of_case("retro", case)?
            .into_iter()
            .map(|(id, body)| self.open_json("retro", id, &body))
            .collect()
    }
}
