//! Adding files to a case's evidence locker, shared by `vigie ncii add` and the app: the
//! content is stored encrypted as it arrives while its facts (hashes, PDQ, EXIF) are gathered
//! in the same pass, then the item's record joins the locker.

use vigie_case::{
    CaseError, CaseId, CaseStore, EvidenceId, EvidenceKind, EvidenceWriter, LockerDescription,
    LockerEntry, LockerItem, LockerKind,
};
use vigie_core::Timestamp;
use vigie_ncii::{MediaFacts, MediaInspector, MediaKind};

/// A file being added to the locker: feed it with [`LockerUpload::write`], end with
/// [`LockerUpload::finish`].
pub struct LockerUpload {
    name: String,
    writer: EvidenceWriter,
    inspector: MediaInspector,
}

/// What the operator says about a file being added.
#[derive(Clone, Debug, Default)]
pub struct LockerFileInfo {
    /// The file on this machine, when it was added from one (its video frames are then
    /// hashed from it).
    pub source: Option<std::path::PathBuf>,
    /// What the file is; without it, the kind comes from the file (see [`kind_of`]).
    pub kind: Option<LockerKind>,
    /// What was typed (its `kind` is replaced by the one above).
    pub description: LockerDescription,
    /// The image is intimate.
    pub sensitive: bool,
    /// The file's own modification time (UTC), where it came with one.
    pub file_modified: Option<String>,
}

impl LockerUpload {
    /// Starts storing file `name` in case `case`.
    pub fn begin(
        store: &mut CaseStore,
        case: CaseId,
        name: &str,
        now: Timestamp,
    ) -> Result<LockerUpload, CaseError> {
        Ok(LockerUpload {
            name: name.to_owned(),
            writer: store.begin_evidence(case, name, EvidenceKind::Locker, now)?,
            inspector: MediaInspector::new(),
        })
    }

    /// Stores the next bytes of the file.
    pub fn write(&mut self, store: &mut CaseStore, bytes: &[u8]) -> Result<(), CaseError> {
        store.write_evidence(&mut self.writer, bytes)?;
        self.inspector.update(bytes);
        Ok(())
    }

    /// Ends the file and records the item.
    pub fn finish(
        self,
        store: &mut CaseStore,
        case: CaseId,
        info: LockerFileInfo,
        now: Timestamp,
    ) -> Result<LockerItem, CaseError> {
        let stored = store.finish_evidence(self.writer, now)?;
        record(
            store,
            case,
            stored.id,
            self.name,
            self.inspector.finish(),
            info,
            now,
        )
    }
}

/// Records the locker item of a stored file.
fn record(
    store: &mut CaseStore,
    case: CaseId,
    evidence: EvidenceId,
    name: String,
    facts: MediaFacts,
    info: LockerFileInfo,
    now: Timestamp,
) -> Result<LockerItem, CaseError> {
    let mut facts = facts;
    match &info.source {
        Some(path) => facts.add_frames(path),
        None if facts.kind == MediaKind::Video => frames_from_store(store, evidence, &mut facts),
        None => {}
    }
    let mut description = info.description;
    description.kind = info.kind.unwrap_or_else(|| kind_of(&facts));
    store.add_locker_item(
        case,
        LockerEntry {
            description,
            sensitive: info.sensitive,
            evidence: Some(evidence),
            file_name: Some(name),
            file_modified: info.file_modified,
            facts: Some(facts),
        },
        now,
    )
}

/// Hashes the frames of a video already stored in the case: its content is decrypted into
/// an anonymous memory file (never onto a disk) that ffmpeg reads.
fn frames_from_store(store: &CaseStore, evidence: EvidenceId, facts: &mut MediaFacts) {
    use std::os::fd::AsRawFd;
    if facts.size > vigie_ncii::MAX_VIDEO_IN_MEMORY {
        facts.frames_missing = Some(vigie_ncii::FramesMissing::TooLarge);
        return;
    }
    let memory =
        nix::sys::memfd::memfd_create(c"vigie-video", nix::sys::memfd::MFdFlags::MFD_CLOEXEC);
    let Ok(fd) = memory else {
        facts.frames_missing = Some(vigie_ncii::FramesMissing::Undecodable);
        return;
    };
    let mut file = std::fs::File::from(fd);
    if store.read_evidence(evidence, &mut file).is_err() {
        facts.frames_missing = Some(vigie_ncii::FramesMissing::Undecodable);
        return;
    }
    let path = format!("/proc/{}/fd/{}", std::process::id(), file.as_raw_fd());
    facts.add_frames(std::path::Path::new(&path));
}

/// The kind of an item when the operator did not say: a video, a photo (a picture with the
/// time it was taken), a screenshot (another picture), or other.
pub fn kind_of(facts: &MediaFacts) -> LockerKind {
    match facts.kind {
        MediaKind::Video => LockerKind::Video,
        MediaKind::Image if facts.exif.as_ref().is_some_and(|e| e.taken.is_some()) => {
            LockerKind::Photo
        }
        MediaKind::Image => LockerKind::Screenshot,
        MediaKind::Other => LockerKind::Other,
    }
}

/// A reader that shows every byte it gives to an inspector.
struct Inspecting<'a> {
    inner: &'a mut dyn std::io::Read,
    inspector: MediaInspector,
}

impl std::io::Read for Inspecting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.inspector.update(&buf[..n]);
        Ok(n)
    }
}

/// Adds a whole file read from `content` to the locker.
pub fn add_locker_file(
    store: &mut CaseStore,
    case: CaseId,
    name: &str,
    content: &mut dyn std::io::Read,
    info: LockerFileInfo,
    now: Timestamp,
) -> Result<LockerItem, CaseError> {
    let mut reader = Inspecting {
        inner: content,
        inspector: MediaInspector::new(),
    };
    let stored = store.add_evidence(case, name, EvidenceKind::Locker, &mut reader, now)?;
    let facts = reader.inspector.finish();
    record(store, case, stored.id, name.to_owned(), facts, info, now)
}

/// The facts of the items a hash list holds: the sensitive ones (or all with `all`) that
/// are pictures or videos.
fn listed(items: &[LockerItem], all: bool) -> Vec<&MediaFacts> {
    items
        .iter()
        .filter(|i| i.entry.sensitive || all)
        .filter_map(|i| i.entry.facts.as_ref())
        .filter(|f| f.kind != MediaKind::Other)
        .collect()
}

/// The hash list of a locker for a take-down service, as JSON: PDQ (with quality), MD5 and
/// SHA-256 of each picture or video, and nothing else (no image, name or description).
/// Returns the document and how many items it lists.
pub fn hash_list_json(items: &[LockerItem], all: bool) -> (Vec<u8>, usize) {
    let rows = listed(items, all);
    let list: Vec<serde_json::Value> = rows
        .iter()
        .map(|f| {
            let mut v = serde_json::json!({"kind": f.kind, "md5": f.md5, "sha256": f.sha256});
            if let Some(h) = &f.pdq {
                v["pdq"] = h.pdq.clone().into();
                v["quality"] = h.quality.into();
            }
            v
        })
        .collect();
    let doc = serde_json::json!({
        "algorithms": {"pdq": "Meta PDQ, 256 bits, hexadecimal", "md5": "MD5 of the file",
            "sha256": "SHA-256 of the file"},
        "hashes": list,
    });
    let mut text = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    text.push(b'\n');
    (text, rows.len())
}

/// The same hash list as comma-separated values (`kind,pdq,quality,md5,sha256`).
pub fn hash_list_csv(items: &[LockerItem], all: bool) -> (Vec<u8>, usize) {
    let rows = listed(items, all);
    let mut text = String::from("kind,pdq,quality,md5,sha256\n");
    for f in &rows {
        let (pdq, quality) = f
            .pdq
            .as_ref()
            .map(|h| (h.pdq.clone(), h.quality.to_string()))
            .unwrap_or_default();
        let kind = if f.kind == MediaKind::Video {
            "video"
        } else {
            "image"
        };
        text.push_str(&format!("{kind},{pdq},{quality},{},{}\n", f.md5, f.sha256));
    }
    (text.into_bytes(), rows.len())
}
