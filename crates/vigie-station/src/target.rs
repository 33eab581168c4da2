//! Where a check is kept: the case file (shared by the threads of the app), the case, and
//! the operator every audit entry of the check names.

use crate::check::Check;
use crate::stored::store_record;
use std::io::Read;
use std::sync::{Arc, Mutex};
use vigie_case::{CaseError, CaseId, CaseStore, EvidenceInfo, EvidenceKind};
use vigie_core::Timestamp;
use vigie_indicators::IndicatorSet;

/// A case to keep a check in, acting for an operator.
#[derive(Debug, Clone)]
pub struct CaseTarget {
    /// The case file.
    pub store: Arc<Mutex<CaseStore>>,
    /// The case.
    pub case: CaseId,
    /// The operator named in the audit log (`None`: the command line).
    pub operator: Option<String>,
}

impl CaseTarget {
    /// Runs `f` on the case file, acting for the operator.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut CaseStore) -> Result<T, CaseError>,
    ) -> Result<T, CaseError> {
        let mut store = self.store.lock().map_err(|_| CaseError::Unavailable)?;
        let mut acting = store.acting(self.operator.as_deref());
        f(&mut acting)
    }

    /// Keeps `content` in the case as the evidence file `name`.
    pub fn keep(
        &self,
        name: &str,
        kind: EvidenceKind,
        content: &mut dyn Read,
    ) -> Result<EvidenceInfo, CaseError> {
        self.with(|s| s.add_evidence(self.case, name, kind, content, Timestamp::now()))
    }

    /// Stores the finished check `check`, made at `made` against `feeds`; returns its id.
    pub fn store_check(
        &self,
        check: &dyn Check,
        made: Timestamp,
        feeds: &IndicatorSet,
    ) -> Result<i64, CaseError> {
        let record = check.record(made, feeds);
        let mut store = self.store.lock().map_err(|_| CaseError::Unavailable)?;
        store_record(&mut store, self.case, &record, self.operator.as_deref())
    }
}
