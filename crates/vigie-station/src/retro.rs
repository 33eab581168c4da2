//! Retro-checks: when the feeds change, the values every past check observed are matched
//! again, and indicators that now match, which its verdict did not name, are recorded in its
//! case.

use crate::record::ScanRecord;
use crate::stored::stored_checks;
use std::collections::BTreeSet;
use vigie_case::{CaseError, CaseStore, RetroMatch};
use vigie_core::Timestamp;
use vigie_indicators::IndicatorSet;

/// Indicators of `feeds` that match what `record` observed and that its verdict did not
/// already name, found at `now`.
pub fn retro_matches(record: &ScanRecord, feeds: &IndicatorSet, now: Timestamp) -> Vec<RetroMatch> {
    let named: BTreeSet<&str> = record
        .verdict
        .findings
        .iter()
        .filter_map(|f| f.indicator.as_ref().map(|i| i.value.as_str()))
        .collect();
    let mut out: Vec<RetroMatch> = vec![];
    for (kind, value) in &record.observed {
        for ind in feeds.match_observed(kind, value) {
            if named.contains(ind.value.as_str()) {
                continue;
            }
            let source = feeds
                .source_of(ind)
                .map_or_else(String::new, |s| s.name.clone());
            let m = RetroMatch {
                scan_made: record.made.to_string(),
                observed: (kind.clone(), value.clone()),
                indicator: (
                    ind.value.clone(),
                    ind.kind.as_str().to_owned(),
                    ind.app.clone(),
                    source,
                ),
                found: now.to_string(),
            };
            let known = out
                .iter()
                .any(|x| x.observed == m.observed && x.indicator.0 == m.indicator.0);
            if !known {
                out.push(m);
            }
        }
    }
    out
}

/// Re-checks every case of the file against `feeds`: the matches newly recorded, with the
/// reference of their case.
pub fn retro_check_all(
    store: &mut CaseStore,
    feeds: &IndicatorSet,
    now: Timestamp,
) -> Result<Vec<(String, RetroMatch)>, CaseError> {
    let mut found = vec![];
    for (case, reference) in store.case_ids()? {
        let matches: Vec<RetroMatch> = stored_checks(store, case)?
            .iter()
            .flat_map(|(_, record)| retro_matches(record, feeds, now))
            .collect();
        for m in store.add_retro_matches(case, &matches, now)? {
            found.push((reference.clone(), m));
        }
    }
    Ok(found)
}
