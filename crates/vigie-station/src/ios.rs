//! The iPhone backup check as the command line and the app run it: the backup read in place
//! (nothing in it changed), checked, and, with a case, every database read kept there as
//! evidence (decrypted, for an encrypted backup: the case file is encrypted) before the
//! check is stored.

use crate::check::IosResult;
use crate::error::CheckError;
use crate::target::CaseTarget;
use std::path::Path;
use vigie_case::EvidenceKind;
use vigie_core::Timestamp;
use vigie_indicators::IndicatorSet;
use vigie_ios::{Backup, IosBackup};

/// Checks the backup in `path` (its `password` when encrypted); `progress` is told each
/// module as it starts (done, module name). With `target`, the databases read are kept in
/// the case, then the check is stored.
pub fn check_ios_backup(
    path: &Path,
    password: Option<&str>,
    iocs: &IndicatorSet,
    target: Option<&CaseTarget>,
    progress: &mut dyn FnMut(usize, &'static str),
) -> Result<(IosResult, Option<i64>), CheckError> {
    let made = Timestamp::now();
    let backup = Backup::open(path, password)?;
    let read = vigie_ios::read_backup_with_progress(&backup, progress)?;
    let verdict = vigie_ios::check(&read, iocs);
    let mut result = IosResult {
        backup: read,
        verdict,
        paired_now: false,
        files: vec![],
    };
    let Some(t) = target else {
        return Ok((result, None));
    };
    for (label, content) in files_read(&backup, &result.backup)? {
        let info = t.keep(&label, EvidenceKind::Import, &mut content.as_slice())?;
        result.files.push((label, info.sha256));
    }
    let scan = t.store_check(&result, made, iocs)?;
    Ok((result, Some(scan)))
}

/// Every file the modules read (each once, in the order first read), with its content.
pub(crate) fn files_read(
    backup: &Backup,
    read: &IosBackup,
) -> Result<Vec<(String, Vec<u8>)>, CheckError> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = vec![];
    for label in read.modules.iter().flat_map(|m| m.files.iter()) {
        let Some((domain, relative)) = label.split_once('/') else {
            continue;
        };
        let Some(file) = backup.file(domain, relative) else {
            continue;
        };
        if seen.insert(label.clone()) {
            out.push((label.clone(), backup.read(&file)?));
        }
    }
    Ok(out)
}
