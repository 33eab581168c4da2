//! What the check read, and what it could not: the coverage a verdict states.

use crate::model::IosBackup;
use vigie_core::{Coverage, Message};

/// What the check read, and what it could not.
pub(super) fn coverage(backup: &IosBackup) -> Coverage {
    let mut c = Coverage::default();
    if let Some(live) = &backup.live {
        c.checked.push(
            Message::new("ios-covered-live")
                .arg("apps", live.apps.to_string())
                .arg("count", live.profiles.to_string()),
        );
        if !live.backup {
            c.not_checked
                .push(Message::new("ios-not-covered-no-backup"));
        }
        if !live.backup_file_errors.is_empty() {
            c.not_checked.push(
                Message::new("ios-not-covered-backup-files")
                    .arg("count", live.backup_file_errors.len().to_string())
                    .arg("detail", live.backup_file_errors.join("; ")),
            );
        }
    }
    if backup.live.as_ref().is_none_or(|l| l.backup) {
        c.checked.push(
            Message::new("ios-covered-backup")
                .arg("entries", backup.manifest_entries.to_string())
                .arg("apps", backup.apps.len().to_string()),
        );
    }
    for m in &backup.modules {
        let key = match (&m.problem, m.files.is_empty()) {
            (Some(_), _) => "ios-covered-module-problem",
            (None, true) => "ios-covered-module-absent",
            (None, false) => "ios-covered-module",
        };
        let what = format!("ios-what-{}", m.module);
        let line = Message::new(key)
            .arg_keys("what_keys", &[what.as_str()])
            .arg("rows", m.rows.to_string())
            .arg("detail", m.problem.clone().unwrap_or_default());
        if key == "ios-covered-module" {
            c.checked.push(line);
        } else {
            c.not_checked.push(line);
        }
    }
    c.not_checked
        .push(Message::new("ios-not-covered-unencrypted"));
    c.not_checked.push(Message::new("ios-not-covered-icloud"));
    c.not_checked.push(Message::new("ios-not-covered-find-my"));
    c
}
