//! What a USB stick or disk plugged into the station holds that a check can read, found
//! without typing a path: iPhone backups (a folder holding `Manifest.db` and `Info.plist`)
//! and Android acquisitions (an androidqf or MVT folder, an androidqf or bug report zip).
//! Only looked at, never opened for writing; symbolic links are not followed.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// Where Debian mounts removable media (`/media/USER/LABEL`, `/run/media/USER/LABEL`), and
/// `/mnt`; the environment variable `VIGIE_MEDIA_ROOTS` (paths separated by `:`) replaces
/// them.
const ROOTS: [&str; 3] = ["/media", "/run/media", "/mnt"];

/// How deep under a root a backup or an acquisition is looked for.
const MAX_DEPTH: usize = 4;

/// Most folders looked into, over all roots (a disk full of folders is not walked whole).
const MAX_FOLDERS: usize = 4_000;

/// Most items offered.
const MAX_FOUND: usize = 20;

/// What an item found is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    /// An iPhone backup folder.
    IosBackup,
    /// An Android acquisition: a folder or a zip.
    AndroidDump,
}

/// A backup or an acquisition found on removable media.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaItem {
    /// What it is.
    pub kind: MediaKind,
    /// Where it is.
    pub path: PathBuf,
}

/// What the station's removable media hold (see [`ROOTS`]), in path order.
pub fn on_removable_media() -> Vec<MediaItem> {
    let roots: Vec<PathBuf> = match std::env::var_os("VIGIE_MEDIA_ROOTS") {
        Some(v) => std::env::split_paths(&v).collect(),
        None => ROOTS.iter().map(PathBuf::from).collect(),
    };
    found_under(&roots)
}

/// The backups and acquisitions under `roots`, at most [`MAX_DEPTH`] folders down.
fn found_under(roots: &[PathBuf]) -> Vec<MediaItem> {
    let mut found = Vec::new();
    let mut queue: VecDeque<(PathBuf, usize)> = roots.iter().map(|r| (r.clone(), 0)).collect();
    let mut visited = 0;
    while let Some((dir, depth)) = queue.pop_front() {
        visited += 1;
        if visited > MAX_FOLDERS || found.len() >= MAX_FOUND {
            break;
        }
        if let Some(kind) = folder_kind(&dir) {
            found.push(MediaItem { kind, path: dir });
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = path.symlink_metadata() else {
                continue;
            };
            if meta.is_dir() && depth < MAX_DEPTH {
                queue.push_back((path, depth + 1));
            } else if meta.is_file() && is_android_zip(&path) {
                found.push(MediaItem {
                    kind: MediaKind::AndroidDump,
                    path,
                });
            }
        }
    }
    found.truncate(MAX_FOUND);
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// What folder `dir` is, when a check reads it whole.
fn folder_kind(dir: &Path) -> Option<MediaKind> {
    let has = |name: &str| dir.join(name).is_file();
    if has("Manifest.db") && has("Info.plist") {
        return Some(MediaKind::IosBackup);
    }
    let android = has("packages.json")
        || has("dumpsys_package.txt")
        || (has("dumpsys.txt") && has("getprop.txt"));
    android.then_some(MediaKind::AndroidDump)
}

/// Whether a zip file is named as androidqf's or a bug report's are.
fn is_android_zip(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".zip") && (name.contains("androidqf") || name.starts_with("bugreport"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_and_acquisitions_are_found_links_are_not_followed() {
        let root = std::env::temp_dir().join(format!("vigie-media-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let stick = root.join("user/CLE-USB");
        let backup = stick.join("Sauvegardes/00008110-001A");
        let dump = stick.join("androidqf/2026-12-01");
        for d in [&backup, &dump, &stick.join("photos")] {
            std::fs::create_dir_all(d).expect("dir");
        }
        for f in [
            backup.join("Manifest.db"),
            backup.join("Info.plist"),
            dump.join("packages.json"),
            stick.join("androidqf_pixel.zip"),
            stick.join("photos/holiday.zip"),
        ] {
            std::fs::write(f, b"x").expect("file");
        }
        std::os::unix::fs::symlink(&backup, stick.join("link")).expect("link");
        let found = found_under(std::slice::from_ref(&root));
        let kinds: Vec<(MediaKind, &Path)> =
            found.iter().map(|m| (m.kind, m.path.as_path())).collect();
        assert_eq!(
            kinds,
            vec![
                (MediaKind::IosBackup, backup.as_path()),
                (MediaKind::AndroidDump, dump.as_path()),
                (
                    MediaKind::AndroidDump,
                    stick.join("androidqf_pixel.zip").as_path()
                ),
            ]
        );
        assert!(found_under(&[root.join("absent")]).is_empty());
        let _ = std::fs::remove_dir_all(&root);
    }
}
