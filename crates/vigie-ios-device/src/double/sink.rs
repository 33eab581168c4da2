//! A backup received in memory, for tests.

use crate::sink::BackupSink;
use std::collections::BTreeMap;

/// A backup received in memory (for tests).
#[derive(Debug, Default)]
pub struct MemorySink {
    /// Files by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Folders made.
    pub dirs: Vec<String>,
    /// The file being written.
    current: Option<String>,
}

impl BackupSink for MemorySink {
    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        self.dirs.push(path.to_owned());
        Ok(())
    }
    fn begin_file(&mut self, path: &str) -> Result<(), String> {
        self.files.insert(path.to_owned(), vec![]);
        self.current = Some(path.to_owned());
        Ok(())
    }
    fn write(&mut self, data: &[u8]) -> Result<(), String> {
        let cur = self.current.as_ref().ok_or("no file")?;
        self.files
            .get_mut(cur)
            .ok_or("no file")?
            .extend_from_slice(data);
        Ok(())
    }
    fn end_file(&mut self) -> Result<(), String> {
        self.current = None;
        Ok(())
    }
    fn move_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let data = self
            .files
            .remove(from)
            .ok_or_else(|| format!("{from}: missing"))?;
        self.files.insert(to.to_owned(), data);
        Ok(())
    }
    fn remove(&mut self, path: &str) -> Result<(), String> {
        let prefix = format!("{path}/");
        self.files
            .retain(|k, _| k != path && !k.starts_with(&prefix));
        Ok(())
    }
    fn copy_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let data = self
            .files
            .get(from)
            .cloned()
            .ok_or_else(|| format!("{from}: missing"))?;
        self.files.insert(to.to_owned(), data);
        Ok(())
    }
    fn list(&mut self, dir: &str) -> Result<Vec<(String, u64, bool)>, String> {
        let prefix = format!("{dir}/");
        Ok(self
            .files
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix(&prefix)
                    .filter(|r| !r.contains('/'))
                    .map(|r| (r.to_owned(), v.len() as u64, false))
            })
            .collect())
    }
    fn free_space(&mut self) -> u64 {
        1 << 40
    }
}
