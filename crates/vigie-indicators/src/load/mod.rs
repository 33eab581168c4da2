//! Feed loaders: format detection, files and folders.

mod echap;
mod lists;
mod misp;
pub(crate) mod mvt_index;
mod pattern;
mod stix;
mod tinycheck;
mod yaml;

use crate::model::{FeedFormat, Source};
use crate::set::IndicatorSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest feed file read (real feeds are a few MiB).
const MAX_FEED_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest folder nesting walked.
const MAX_DEPTH: usize = 8;

/// Whether a folder that already has a primary feed (Echap YAML, STIX) should skip a file of
/// this format: those files are exports of the same indicators.
fn is_derived_export(format: FeedFormat) -> bool {
    matches!(
        format,
        FeedFormat::TinyCheckJson | FeedFormat::MispEvent | FeedFormat::PlainList
    )
}

/// Why a feed could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The system error.
        source: std::io::Error,
    },
    /// The file is larger than any real feed.
    #[error("{path} is too large to be an indicator feed ({size} bytes, limit {limit})")]
    TooLarge {
        /// The path.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The content is not a format Vigie reads.
    #[error("{path}: unrecognised feed format ({detail})")]
    UnknownFormat {
        /// The path.
        path: String,
        /// What was seen.
        detail: String,
    },
    /// The content looks like a known format but is malformed.
    #[error("{path}: malformed {format:?} feed: {detail}")]
    Malformed {
        /// The path.
        path: String,
        /// The format it was read as.
        format: FeedFormat,
        /// The parser's message.
        detail: String,
    },
}

impl vigie_core::Localized for LoadError {
    /// The error as a translatable message (key in the command line's translation files).
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            LoadError::Io { path, source } => Message::new("feed-error-io")
                .arg("path", path)
                .arg("detail", source.to_string()),
            LoadError::TooLarge { path, size, .. } => Message::new("feed-error-too-large")
                .arg("path", path)
                .arg("size", size.to_string()),
            LoadError::UnknownFormat { path, .. } => {
                Message::new("feed-error-unknown-format").arg("path", path)
            }
            LoadError::Malformed {
                path,
                format,
                detail,
            } => Message::new("feed-error-malformed")
                .arg("path", path)
                .arg("format", format!("{format:?}"))
                .arg("detail", detail),
        }
    }
}

/// SHA-256 of bytes, lowercase hexadecimal.
pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Detects a feed's format from its name and first bytes.
pub(crate) fn detect(name: &str, bytes: &[u8]) -> Option<FeedFormat> {
    let lower = name.to_ascii_lowercase();
    let text = std::str::from_utf8(bytes.get(..bytes.len().min(4096))?)
        .ok()
        .or_else(|| {
            // A multi-byte character cut at 4096: retry on the valid prefix.
            let cut = bytes.len().min(4096);
            let valid = std::str::from_utf8(&bytes[..cut]).err()?.valid_up_to();
            std::str::from_utf8(&bytes[..valid]).ok()
        })?;
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        if start.contains("\"objects\"")
            || start.contains("\"type\": \"bundle\"")
            || start.contains("\"type\":\"bundle\"")
        {
            return Some(FeedFormat::Stix2);
        }
        if start.contains("\"iocs\"") {
            return Some(FeedFormat::TinyCheckJson);
        }
        if start.contains("\"Attribute\"")
            || start.contains("\"Event\"")
            || start.contains("\"Object\"")
        {
            return Some(FeedFormat::MispEvent);
        }
        return None;
    }
    if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        if start.starts_with("indicators:") {
            return Some(FeedFormat::MvtIndex);
        }
        return Some(FeedFormat::EchapYaml);
    }
    if lower.ends_with(".rules")
        || lower.ends_with(".md")
        || lower.ends_with("license")
        || lower.ends_with("readme")
    {
        return None;
    }
    if lower.ends_with(".csv") {
        return Some(FeedFormat::Csv);
    }
    Some(FeedFormat::PlainList)
}

/// Reads a feed file, refusing one larger than any real feed.
fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: shown.clone(),
        source,
    })?;
    if meta.len() > MAX_FEED_BYTES {
        return Err(LoadError::TooLarge {
            path: shown,
            size: meta.len(),
            limit: MAX_FEED_BYTES,
        });
    }
    std::fs::read(path).map_err(|source| LoadError::Io {
        path: shown,
        source,
    })
}

/// Loads one feed from bytes. `name` is the file name (used for format detection and
/// display); `display_name` overrides the source name shown in findings (e.g. an MVT index
/// entry's name).
pub fn load_bytes(
    set: &mut IndicatorSet,
    path: &str,
    bytes: &[u8],
    display_name: Option<&str>,
) -> Result<FeedFormat, LoadError> {
    let name = Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path);
    let format = detect(name, bytes).ok_or_else(|| LoadError::UnknownFormat {
        path: path.to_owned(),
        detail: "not Echap YAML, STIX 2.1, TinyCheck JSON, MISP JSON, CSV or a plain list".into(),
    })?;
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::Malformed {
        path: path.to_owned(),
        format,
        detail: format!("not UTF-8 text ({e})"),
    })?;
    let source = Source {
        name: display_name.unwrap_or(name).to_owned(),
        path: path.to_owned(),
        format,
        sha256: hex_sha256(bytes),
    };
    read_feed(set, source, text, name, display_name).map_err(|detail| LoadError::Malformed {
        path: path.to_owned(),
        format,
        detail,
    })?;
    Ok(format)
}

/// Registers `source` and reads its indicators from `text` as its format says.
fn read_feed(
    set: &mut IndicatorSet,
    mut source: Source,
    text: &str,
    name: &str,
    display_name: Option<&str>,
) -> Result<(), String> {
    match source.format {
        FeedFormat::EchapYaml => {
            source.name =
                display_name.map_or_else(|| format!("{} — {name}", echap::CREDIT), str::to_owned);
            let idx = set.add_source(source);
            echap::load(set, idx, text, name)
        }
        FeedFormat::Stix2 => {
            let idx = set.add_source(source);
            stix::load(set, idx, text, display_name)
        }
        FeedFormat::TinyCheckJson => {
            let idx = set.add_source(source);
            tinycheck::load(set, idx, text)
        }
        FeedFormat::MispEvent => {
            let idx = set.add_source(source);
            misp::load(set, idx, text)
        }
        FeedFormat::Csv => {
            // Echap's APK samples export: same licence and credit as its YAML.
            if display_name.is_none() && text.starts_with("SHA256,Package Name,Certificate") {
                source.name = format!("{} — {name}", echap::CREDIT);
            }
            let idx = set.add_source(source);
            lists::load_csv(set, idx, text)
        }
        FeedFormat::PlainList => {
            let idx = set.add_source(source);
            lists::load_plain(set, idx, text, name);
            Ok(())
        }
        FeedFormat::MvtIndex => {
            // The index names bundles; load_path resolves them. On its own it holds no indicator.
            set.add_source(source);
            Ok(())
        }
    }
}

/// Loads a feed file, or every feed in a folder (recursively). In a folder:
/// - an MVT `indicators.yaml` index names the STIX bundles it lists (their source name);
/// - exports that repeat a primary feed of the same folder (TinyCheck JSON, MISP, hosts and
///   plain lists beside an Echap YAML or STIX bundle) are skipped, and said so in
///   [`IndicatorSet::skipped_files`];
/// - files of no known format are skipped and listed there too.
pub fn load_path(set: &mut IndicatorSet, path: &Path) -> Result<(), LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io {
        path: path.display().to_string(),
        source,
    })?;
    if meta.is_dir() {
        let mut names = BTreeMap::new();
        load_dir(set, path, 0, &mut names)
    } else {
        let bytes = read_limited(path)?;
        let shown = path.display().to_string();
        let format = load_bytes(set, &shown, &bytes, None)?;
        if format == FeedFormat::MvtIndex {
            let dir = path.parent().unwrap_or(Path::new("."));
            load_index_bundles(set, dir, &bytes)?;
        }
        Ok(())
    }
}

/// Loads the bundles an MVT index lists that sit beside it (in `dir`); those absent are
/// listed as skipped.
fn load_index_bundles(set: &mut IndicatorSet, dir: &Path, index: &[u8]) -> Result<(), LoadError> {
    for (rel, name) in mvt_index::index_entries(std::str::from_utf8(index).unwrap_or_default()) {
        let p = dir.join(&rel);
        if p.is_file() {
            let b = read_limited(&p)?;
            load_bytes(set, &p.display().to_string(), &b, Some(&name))?;
        } else {
            set.skipped_files
                .push((rel, "listed in the index but not present here".into()));
        }
    }
    Ok(())
}

/// Loads the feeds of a folder and of its sub-folders (`index_names`: the names MVT indexes
/// give the bundles, by path).
fn load_dir(
    set: &mut IndicatorSet,
    dir: &Path,
    depth: usize,
    index_names: &mut BTreeMap<PathBuf, String>,
) -> Result<(), LoadError> {
    if depth > MAX_DEPTH {
        set.skipped_files
            .push((dir.display().to_string(), "folder nested too deep".into()));
        return Ok(());
    }
    let rd = std::fs::read_dir(dir).map_err(|source| LoadError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    entries.retain(|p| {
        !p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
    });
    let files = read_folder_files(set, dir, &entries, index_names);
    load_folder_files(set, files, index_names);
    for p in entries.iter().filter(|p| p.is_dir()) {
        load_dir(set, p, depth + 1, index_names)?;
    }
    Ok(())
}

/// Reads and classifies the files of a folder: the feeds, with their format and bytes. An
/// MVT index is read into `index_names`; what is no feed is listed as skipped.
fn read_folder_files(
    set: &mut IndicatorSet,
    dir: &Path,
    entries: &[PathBuf],
    index_names: &mut BTreeMap<PathBuf, String>,
) -> Vec<(PathBuf, FeedFormat, Vec<u8>)> {
    let mut files = vec![];
    for p in entries.iter().filter(|p| p.is_file()) {
        let shown = p.display().to_string();
        let bytes = match read_limited(p) {
            Ok(b) => b,
            Err(e) => {
                set.skipped_files.push((shown, e.to_string()));
                continue;
            }
        };
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        match detect(name, &bytes) {
            Some(FeedFormat::MvtIndex) => {
                let text = std::str::from_utf8(&bytes).unwrap_or_default();
                for (rel, n) in mvt_index::index_entries(text) {
                    index_names.insert(dir.join(rel), n);
                }
            }
            Some(f) => files.push((p.clone(), f, bytes)),
            None => set
                .skipped_files
                .push((shown, "not an indicator feed format".into())),
        }
    }
    files
}

/// Loads the feeds of one folder, but not the exports that repeat its main feed.
fn load_folder_files(
    set: &mut IndicatorSet,
    files: Vec<(PathBuf, FeedFormat, Vec<u8>)>,
    index_names: &BTreeMap<PathBuf, String>,
) {
    let has_primary = files
        .iter()
        .any(|(_, f, _)| matches!(f, FeedFormat::EchapYaml | FeedFormat::Stix2));
    for (p, format, bytes) in files {
        let shown = p.display().to_string();
        // A typed network CSV (`type,indicator,app`) is an export; an APK samples CSV is not.
        let derived_csv =
            format == FeedFormat::Csv && bytes.to_ascii_lowercase().starts_with(b"type,indicator");
        if has_primary && (is_derived_export(format) || derived_csv) {
            set.skipped_files.push((
                shown,
                "export of the same indicators as this folder's main feed".into(),
            ));
            continue;
        }
        let display = index_names.get(&p).cloned();
        if let Err(e) = load_bytes(set, &shown, &bytes, display.as_deref()) {
            set.skipped_files.push((shown, e.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        let known: [(&str, &[u8], FeedFormat); 6] = [
            (
                "a.stix2",
                b"{\"type\": \"bundle\", \"objects\": []}",
                FeedFormat::Stix2,
            ),
            ("t.json", b"{\"iocs\": []}", FeedFormat::TinyCheckJson),
            ("m.json", b"{\"Event\": {}}", FeedFormat::MispEvent),
            ("ioc.yaml", b"- name: X\n", FeedFormat::EchapYaml),
            ("indicators.yaml", b"indicators:\n", FeedFormat::MvtIndex),
            ("domains.txt", b"a.com\n", FeedFormat::PlainList),
        ];
        for (name, bytes, format) in known {
            assert_eq!(detect(name, bytes), Some(format), "{name}");
        }
        assert_eq!(detect("x.rules", b"alert dns"), None);
        assert_eq!(detect("x.json", b"{\"foo\": 1}"), None);
    }

    #[test]
    fn bad_feeds_give_errors_not_panics() {
        let mut set = IndicatorSet::new();
        assert!(load_bytes(&mut set, "x.stix2", b"{\"objects\": [", None).is_err());
        assert!(load_bytes(&mut set, "x.yaml", b"- name: [unclosed", None).is_err());
        assert!(load_bytes(&mut set, "x.json", b"{\"foo\": 1}", None).is_err());
        assert!(load_bytes(&mut set, "x.txt", &[0xff, 0xfe, 0x00], None).is_err());
    }
}
