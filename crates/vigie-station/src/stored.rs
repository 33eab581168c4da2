//! Stored checks in the case file: written as documents, read back as [`ScanRecord`]s
//! whichever release wrote them.

use crate::legacy;
use crate::record::ScanRecord;
use vigie_case::{CaseError, CaseId, CaseStore};
use vigie_core::Timestamp;

/// Why a stored check could not be read back.
#[derive(Debug, thiserror::Error)]
#[error("stored check {id}: {detail}")]
pub struct RecordError {
    id: i64,
    detail: String,
}

impl ScanRecord {
    /// The document stored in the case file.
    pub fn to_document(&self) -> Result<Vec<u8>, CaseError> {
        serde_json::to_vec(self).map_err(|e| CaseError::Damaged(e.to_string()))
    }

    /// Reads a stored document: this release's, or one written before documents had a
    /// version.
    pub fn from_document(id: i64, bytes: &[u8]) -> Result<ScanRecord, RecordError> {
        let fail = |e: &dyn std::fmt::Display| RecordError {
            id,
            detail: e.to_string(),
        };
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| fail(&e))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(1) => serde_json::from_value(value).map_err(|e| fail(&e)),
            Some(v) => Err(fail(&format_args!("unknown document version {v}"))),
            None => legacy::read_v0(value).map_err(|e| fail(&e)),
        }
    }
}

impl From<RecordError> for CaseError {
    fn from(e: RecordError) -> CaseError {
        CaseError::Damaged(e.to_string())
    }
}

/// The checks stored in a case, oldest first, with their ids.
pub fn stored_checks(store: &CaseStore, case: CaseId) -> Result<Vec<(i64, ScanRecord)>, CaseError> {
    store
        .scans(case)?
        .into_iter()
        .map(|(id, doc)| Ok((id, ScanRecord::from_document(id, &doc)?)))
        .collect()
}

/// One stored check by its id, with its case's reference; `None` when there is none.
pub fn stored_check(store: &CaseStore, id: i64) -> Result<Option<(String, ScanRecord)>, CaseError> {
    match store.scan_by_id(id)? {
        Some((reference, doc)) => Ok(Some((reference, ScanRecord::from_document(id, &doc)?))),
        None => Ok(None),
    }
}

/// Stores a check in its case as `operator`; returns its id.
pub fn store_record(
    store: &mut CaseStore,
    case: CaseId,
    record: &ScanRecord,
    operator: Option<&str>,
) -> Result<i64, CaseError> {
    store
        .acting(operator)
        .add_scan(case, &record.to_document()?, Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{CheckDetails, IosDetails, RECORD_VERSION};
    use vigie_core::{CheckKind, Coverage, Finding, Message, Severity, Verdict};

    fn record() -> ScanRecord {
        let finding = Finding::new(
            "IOS-IOC-APP",
            Severity::High,
            "com.example.spy",
            Message::new("ios-ioc-title").arg("app", "Spy"),
            Message::new("ios-ioc-explain"),
        );
        let coverage = Coverage {
            checked: vec![Message::new("ios-what-sms")],
            not_checked: vec![],
        };
        ScanRecord {
            version: RECORD_VERSION,
            kind: CheckKind::IosDevice,
            made: Timestamp::from_secs_nanos(1_764_000_000, 5_000),
            tool_version: "0.1.0".into(),
            feeds: vec![],
            sources: vec![("sms.db".into(), Some("ab".repeat(32)))],
            verdict: Verdict::new(vec![finding], coverage),
            details: CheckDetails::Ios(IosDetails {
                paired_now: true,
                ..IosDetails::default()
            }),
            observed: vec![("app_id".into(), "com.example.spy".into())],
        }
    }

    #[test]
    fn a_record_reads_back_as_it_was_written() {
        let r = record();
        let doc = r.to_document().expect("document");
        assert_eq!(ScanRecord::from_document(7, &doc).expect("read"), r);
    }

    #[test]
    fn unknown_versions_and_damaged_documents_are_clear_errors() {
        let mut doc: serde_json::Value =
            serde_json::from_slice(&record().to_document().expect("doc")).expect("json");
        doc["version"] = 99.into();
        let e = ScanRecord::from_document(3, &serde_json::to_vec(&doc).expect("bytes"));
        assert!(e.expect_err("refused").to_string().contains("version 99"));
        assert!(ScanRecord::from_document(3, b"{not json").is_err());
    }

    #[test]
    fn a_document_of_the_release_before_is_read_with_its_messages() {
        let v0 = serde_json::json!({
            "kind": "ios",
            "made": "2026-12-02T04:23:38.120000Z",
            "tool_version": "0.1.0",
            "feeds": [["Echap", "cd".repeat(32)]],
            "sources": [["sms.db", null]],
            "observed": [["app_id", "com.example.spy"]],
            "verdict": {
                "check": "ios-device", "verdict": "known_spyware", "headline": "Des traces…",
                "findings": [{
                    "rule": "IOS-IOC-APP", "severity": "high", "title": "Spy est installé",
                    "explanation": "…", "title_key": "ios-ioc-title",
                    "title_message": {"key": "ios-ioc-title", "args": {"app": "Spy"}},
                    "explanation_message": {"key": "ios-ioc-explain", "args": {}},
                    "subject": "com.example.spy", "indicator": null, "evidence": [],
                    "occurrences": 1
                }],
                "coverage": {"checked": ["lu"], "not_checked": [], "messages":
                    {"checked": [{"key": "ios-what-sms", "args": {}}], "not_checked": []}},
                "feeds": [{"name": "Echap", "path": "echap/ioc.yaml", "kind": "echap_yaml",
                    "sha256": "cd".repeat(32)}],
                "device": {"Product Type": "iPhone9,3"}, "apps": ["com.example.spy"],
                "privacy_grants": [], "profiles": [], "accounts": [], "lockdown_mode": null,
                "modules": []
            }
        });
        let r =
            ScanRecord::from_document(1, &serde_json::to_vec(&v0).expect("bytes")).expect("read");
        assert_eq!(r.kind, CheckKind::IosDevice);
        assert_eq!(r.made.to_string(), "2026-12-02T04:23:38.120000Z");
        assert_eq!(r.verdict.findings[0].title.args["app"], "Spy");
        assert_eq!(r.verdict.coverage.checked[0].key, "ios-what-sms");
        assert_eq!(r.feeds[0].path, "echap/ioc.yaml");
        assert_eq!(
            r.ios().map(|d| d.device["Product Type"].as_str()),
            Some("iPhone9,3")
        );
    }
}
