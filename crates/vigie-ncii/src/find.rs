//! Finding copies of known images in a folder (a seized phone's dump, a downloaded page, a
//! USB stick): every file is read once, in parallel; pictures are compared by PDQ (Hamming
//! distance, so resized, re-encoded or slightly cropped copies are found) and every file by
//! SHA-256 (exact copies, videos included).

use crate::image_hash::NciiError;
use crate::media::{inspect_file, MediaKind, PdqMissing};
use crate::pdq::Pdq;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// The usual PDQ match threshold: distances up to 31 of 256 bits are the same picture.
pub const DEFAULT_MAX_DISTANCE: u32 = 31;

/// A known item to look for.
#[derive(Clone, Debug)]
pub struct Target {
    /// How the item is named in results (its locker number, say).
    pub label: String,
    /// Its PDQ hashes: a picture's, or a video's frames'.
    pub pdqs: Vec<Pdq>,
    /// SHA-256 of its content.
    pub sha256: String,
}

/// A file found to be a copy of a target.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CopyMatch {
    /// The file.
    pub path: PathBuf,
    /// Index of the target in the list given.
    pub target: usize,
    /// The target's label.
    pub label: String,
    /// Hamming distance of the PDQ hashes (0 for an exact copy).
    pub distance: u32,
    /// Same bytes as the target.
    pub exact: bool,
    /// PDQ quality of the file (below 50, a match by appearance is less reliable).
    pub quality: Option<u32>,
}

/// What a search went through and found.
#[derive(Debug, Default, serde::Serialize)]
pub struct FindReport {
    /// Files read.
    pub files: u64,
    /// Pictures compared by appearance (PDQ).
    pub images: u64,
    /// Pictures that could only be compared exactly (HEIC, too large, damaged).
    pub images_without_pdq: u64,
    /// Videos (compared exactly).
    pub videos: u64,
    /// Files or folders that could not be read, with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Copies found, by file then distance.
    pub matches: Vec<CopyMatch>,
}

enum Outcome {
    Read {
        kind: MediaKind,
        pdq_missing: Option<PdqMissing>,
        matches: Vec<CopyMatch>,
    },
    Unreadable(PathBuf, String),
}

/// Looks for copies of `targets` among the files under `dir` (symbolic links are not
/// followed), with `threads` workers; `progress` is told the number of files read so far.
pub fn find_copies(
    dir: &Path,
    targets: &[Target],
    max_distance: u32,
    threads: usize,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<FindReport, NciiError> {
    std::fs::read_dir(dir).map_err(|e| NciiError::Io(e.to_string()))?;
    let (path_tx, path_rx) = sync_channel::<PathBuf>(256);
    let path_rx = Arc::new(Mutex::new(path_rx));
    let (out_tx, out_rx) = sync_channel::<Outcome>(256);
    let mut report = FindReport::default();
    std::thread::scope(|scope| {
        let walk_tx = out_tx.clone();
        scope.spawn(move || walk(dir, &path_tx, &walk_tx));
        for _ in 0..threads.max(1) {
            let rx = path_rx.clone();
            let tx = out_tx.clone();
            scope.spawn(move || worker(&rx, &tx, targets, max_distance));
        }
        drop(out_tx);
        for outcome in out_rx {
            match outcome {
                Outcome::Read {
                    kind,
                    pdq_missing,
                    matches,
                } => {
                    report.files += 1;
                    match (kind, pdq_missing) {
                        (MediaKind::Image, None) => report.images += 1,
                        (MediaKind::Image, Some(_)) => report.images_without_pdq += 1,
                        (MediaKind::Video, _) => report.videos += 1,
                        (MediaKind::Other, _) => {}
                    }
                    report.matches.extend(matches);
                    progress(report.files);
                }
                Outcome::Unreadable(p, why) => report.unreadable.push((p, why)),
            }
        }
    });
    report
        .matches
        .sort_by(|a, b| (&a.path, a.distance, a.target).cmp(&(&b.path, b.distance, b.target)));
    report.unreadable.sort();
    Ok(report)
}

/// Sends every regular file under `dir`, depth first; unreadable folders are reported.
fn walk(
    dir: &Path,
    paths: &std::sync::mpsc::SyncSender<PathBuf>,
    out: &std::sync::mpsc::SyncSender<Outcome>,
) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                let _ = out.send(Outcome::Unreadable(d, e.to_string()));
                continue;
            }
        };
        let mut names: Vec<_> = entries.filter_map(Result::ok).collect();
        names.sort_by_key(|e| e.file_name());
        for entry in names {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() && paths.send(entry.path()).is_err() {
                return;
            }
        }
    }
}

fn worker(
    paths: &Mutex<Receiver<PathBuf>>,
    out: &std::sync::mpsc::SyncSender<Outcome>,
    targets: &[Target],
    max_distance: u32,
) {
    loop {
        let next = match paths.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(path) = next else {
            return;
        };
        let outcome = match inspect_file(&path) {
            Err(e) => Outcome::Unreadable(path, e.to_string()),
            Ok(facts) => {
                let pdqs = facts.pdqs();
                let quality = facts.pdq.as_ref().map(|h| h.quality);
                let matches = targets
                    .iter()
                    .enumerate()
                    .filter_map(|(i, t)| {
                        let exact = t.sha256 == facts.sha256;
                        // The closest pair of hashes (pictures, or frames of videos).
                        let distance = t
                            .pdqs
                            .iter()
                            .flat_map(|a| pdqs.iter().map(move |b| a.distance(b)))
                            .min();
                        (exact || distance.is_some_and(|d| d <= max_distance)).then(|| CopyMatch {
                            path: path.clone(),
                            target: i,
                            label: t.label.clone(),
                            distance: if exact { 0 } else { distance.unwrap_or(0) },
                            exact,
                            quality,
                        })
                    })
                    .collect();
                Outcome::Read {
                    kind: facts.kind,
                    pdq_missing: facts.pdq_missing,
                    matches,
                }
            }
        };
        if out.send(outcome).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(seed: u32) -> image::RgbImage {
        image::RgbImage::from_fn(96, 64, |x, y| {
            let v = (x * (seed + 3) + y * (seed * 7 + 1)) % 256;
            image::Rgb([
                v as u8,
                ((x * y + seed) % 256) as u8,
                (seed * 40 % 256) as u8,
            ])
        })
    }

    #[test]
    fn finds_exact_and_resized_copies_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("vigie-find-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub/deeper")).expect("dirs");
        let original = picture(5);
        original.save(dir.join("a.png")).expect("save");
        image::imageops::resize(&original, 48, 32, image::imageops::FilterType::Triangle)
            .save(dir.join("sub/deeper/small.png"))
            .expect("save");
        picture(11).save(dir.join("sub/other.png")).expect("save");
        std::fs::write(dir.join("notes.txt"), b"nothing").expect("write");
        let bytes = std::fs::read(dir.join("a.png")).expect("read");
        let facts = crate::inspect_file(&dir.join("a.png")).expect("facts");
        let target = Target {
            label: "1".into(),
            pdqs: facts.pdqs(),
            sha256: facts.sha256,
        };
        assert_eq!(bytes.len() as u64, facts.size);
        let report = find_copies(&dir, &[target], DEFAULT_MAX_DISTANCE, 2, &|_| {}).expect("find");
        assert_eq!(report.files, 4);
        assert_eq!(report.images, 3);
        let found: Vec<_> = report
            .matches
            .iter()
            .map(|m| {
                (
                    m.path.strip_prefix(&dir).expect("inside").to_path_buf(),
                    m.exact,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                (PathBuf::from("a.png"), true),
                (PathBuf::from("sub/deeper/small.png"), false)
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
