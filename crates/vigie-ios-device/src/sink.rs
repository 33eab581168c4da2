//! Where a received backup goes ([`BackupSink`]), what it came to ([`BackupSummary`]),
//! and the check every path the phone names passes before it reaches the sink.

use crate::error::DeviceError;

/// Where a received backup goes (a folder, or the encrypted case file). Paths are relative
/// to the backup root (`<UDID>/Manifest.db`, `<UDID>/ab/ab12…`) and already checked: never
/// absolute, never with `..`.
pub trait BackupSink {
    /// Makes a folder (and its parents).
    fn create_dir(&mut self, path: &str) -> Result<(), String>;
    /// Starts a file (replacing one of the same path).
    fn begin_file(&mut self, path: &str) -> Result<(), String>;
    /// Adds bytes to the file begun.
    fn write(&mut self, data: &[u8]) -> Result<(), String>;
    /// Ends the file begun.
    fn end_file(&mut self) -> Result<(), String>;
    /// Renames a file or folder.
    fn move_item(&mut self, from: &str, to: &str) -> Result<(), String>;
    /// Removes a file or folder (with what it holds).
    fn remove(&mut self, path: &str) -> Result<(), String>;
    /// Copies a file.
    fn copy_item(&mut self, from: &str, to: &str) -> Result<(), String>;
    /// What a folder holds: name, size, whether it is a folder.
    fn list(&mut self, dir: &str) -> Result<Vec<(String, u64, bool)>, String>;
    /// Free space, in bytes.
    fn free_space(&mut self) -> u64;
}

/// What a received backup came to.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    /// Files received.
    pub files: u64,
    /// Bytes received.
    pub bytes: u64,
    /// Errors the phone reported about single files (it goes on without them).
    pub device_errors: Vec<String>,
}

/// A path named by the phone, refused when it could leave the backup folder.
pub(crate) fn safe_path(p: &str) -> Result<&str, DeviceError> {
    let bad = p.is_empty()
        || p.starts_with('/')
        || p.contains('\0')
        || p.contains('\\')
        || p.split('/').any(|c| c == "..");
    if bad {
        Err(DeviceError::Protocol(format!(
            "a path outside the backup: {p:?}"
        )))
    } else {
        Ok(p)
    }
}

/// A sink's refusal, as an error.
pub(crate) fn sink_error(e: String) -> DeviceError {
    DeviceError::Sink(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_backup_are_refused() {
        for bad in ["", "/etc/passwd", "a/../../b", "..", "a\\b", "a\0b"] {
            assert!(safe_path(bad).is_err(), "{bad:?}");
        }
        for good in [
            "UDID/Manifest.db",
            "UDID/ab/ab12",
            "UDID/Snapshot/Status.plist",
        ] {
            assert!(safe_path(good).is_ok());
        }
    }
}
