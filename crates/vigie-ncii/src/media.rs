//! What a file says about itself: its kind (image, video, other), exact hashes (SHA-256 and
//! MD5, the one video take-down services use), the PDQ hash of an image, and the times and
//! device written in its EXIF metadata. Facts are gathered in one streaming pass, so a large
//! video never has to fit in memory.

use crate::image_hash::{hash_image_bytes, ImageHash, NciiError};
use md5::{Digest as _, Md5};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::io::Read;
use std::path::Path;

/// Largest file whose bytes are kept to decode it as an image (larger images get exact hashes
/// only).
pub(crate) const MAX_IMAGE_FILE: usize = 64 * 1024 * 1024;

/// What kind of media a file holds, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A picture (JPEG, PNG, WebP, GIF, BMP, HEIC).
    Image,
    /// A video (MP4, MOV, 3GP, WebM, Matroska, AVI).
    Video,
    /// Anything else (a saved page, a message export, a PDF).
    Other,
}

/// Why an image has no PDQ hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdqMissing {
    /// A format no decoder here reads (HEIC).
    Unsupported,
    /// Larger than Vigie decodes.
    TooLarge,
    /// The picture is damaged.
    Damaged,
}

impl PdqMissing {
    /// Stable name (`unsupported`, `too_large`, `damaged`), used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            PdqMissing::Unsupported => "unsupported",
            PdqMissing::TooLarge => "too_large",
            PdqMissing::Damaged => "damaged",
        }
    }
}

/// What the file's EXIF metadata says, exactly as written by the device that made it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExifFacts {
    /// When the picture was taken (camera's clock, with its UTC offset where recorded).
    pub taken: Option<String>,
    /// When the file was last changed by the device or an editor.
    pub modified: Option<String>,
    /// Maker and model of the device.
    pub device: Option<String>,
    /// Software that wrote the file.
    pub software: Option<String>,
    /// The file records where it was taken (GPS coordinates).
    pub has_location: bool,
}

impl ExifFacts {
    fn is_empty(&self) -> bool {
        *self == ExifFacts::default()
    }
}

/// Facts about one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaFacts {
    /// Image, video or other.
    pub kind: MediaKind,
    /// Format recognised from the first bytes (`jpeg`, `png`, `mp4`, ...).
    pub format: Option<String>,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// MD5 of the content (what video take-down lists use).
    pub md5: String,
    /// PDQ hash of a picture.
    pub pdq: Option<ImageHash>,
    /// Why a picture has no PDQ hash.
    pub pdq_missing: Option<PdqMissing>,
    /// EXIF metadata, where the file has some.
    pub exif: Option<ExifFacts>,
    /// PDQ of one frame a second, for a video.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<crate::video::FrameHash>,
    /// Why a video's frames were not hashed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frames_missing: Option<crate::video::FramesMissing>,
}

impl MediaFacts {
    /// Hashes a video's frames from its file (one frame a second, decoded by ffmpeg); other
    /// files are left as they are.
    pub fn add_frames(&mut self, path: &Path) {
        if self.kind == MediaKind::Video {
            match crate::video::frame_hashes(path) {
                Ok(frames) => self.frames = frames,
                Err(why) => self.frames_missing = Some(why),
            }
        }
    }

    /// Every PDQ hash of the file: the picture's, or its frames'.
    pub fn pdqs(&self) -> Vec<crate::pdq::Pdq> {
        self.pdq
            .iter()
            .map(|h| h.pdq.as_str())
            .chain(self.frames.iter().map(|f| f.pdq.as_str()))
            .filter_map(crate::pdq::Pdq::from_hex)
            .collect()
    }
}

/// Gathers [`MediaFacts`] from a file's bytes, given in pieces as they arrive.
pub struct MediaInspector {
    sha256: Sha256,
    md5: Md5,
    size: u64,
    kept: Vec<u8>,
    kept_all: bool,
}

impl Default for MediaInspector {
    fn default() -> Self {
        MediaInspector {
            sha256: Sha256::new(),
            md5: Md5::new(),
            size: 0,
            kept: Vec::new(),
            kept_all: true,
        }
    }
}

impl MediaInspector {
    /// A new inspector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the next bytes of the file.
    pub fn update(&mut self, bytes: &[u8]) {
        self.sha256.update(bytes);
        self.md5.update(bytes);
        self.size += bytes.len() as u64;
        if self.kept_all {
            if self.kept.len() + bytes.len() <= MAX_IMAGE_FILE {
                self.kept.extend_from_slice(bytes);
            } else {
                self.kept_all = false;
                // The first bytes stay: they tell the format.
                self.kept.truncate(64);
            }
        }
    }

    /// The facts about everything given.
    pub fn finish(self) -> MediaFacts {
        let (kind, format) = sniff(&self.kept);
        let (mut pdq, mut pdq_missing, mut exif) = (None, None, None);
        if kind == MediaKind::Image {
            if !self.kept_all {
                pdq_missing = Some(PdqMissing::TooLarge);
            } else {
                match hash_image_bytes(&self.kept) {
                    Ok(h) => pdq = Some(h),
                    Err(NciiError::Unsupported) => pdq_missing = Some(PdqMissing::Unsupported),
                    Err(NciiError::TooLarge { .. }) => pdq_missing = Some(PdqMissing::TooLarge),
                    Err(_) => pdq_missing = Some(PdqMissing::Damaged),
                }
                exif = exif_facts(&self.kept).filter(|e| !e.is_empty());
            }
        }
        MediaFacts {
            kind,
            format: format.map(str::to_owned),
            size: self.size,
            sha256: hex::encode(self.sha256.finalize()),
            md5: hex::encode(self.md5.finalize()),
            pdq,
            pdq_missing,
            exif,
            frames: vec![],
            frames_missing: None,
        }
    }
}

/// Facts about a file on disk, read once (a video's frames hashed too).
pub fn inspect_file(path: &Path) -> Result<MediaFacts, NciiError> {
    let mut file = std::fs::File::open(path).map_err(|e| NciiError::Io(e.to_string()))?;
    let mut facts = inspect_reader(&mut file)?;
    facts.add_frames(path);
    Ok(facts)
}

/// Facts about everything `reader` gives.
pub fn inspect_reader(reader: &mut dyn Read) -> Result<MediaFacts, NciiError> {
    let mut inspector = MediaInspector::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => inspector.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(NciiError::Io(e.to_string())),
        }
    }
    Ok(inspector.finish())
}

/// The kind and format of a file from its first bytes.
pub fn sniff(head: &[u8]) -> (MediaKind, Option<&'static str>) {
    use MediaKind::*;
    let at = |offset: usize, magic: &[u8]| head.get(offset..offset + magic.len()) == Some(magic);
    if at(0, &[0xFF, 0xD8, 0xFF]) {
        (Image, Some("jpeg"))
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        (Image, Some("png"))
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        (Image, Some("gif"))
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        (Image, Some("webp"))
    } else if at(0, b"RIFF") && at(8, b"AVI ") {
        (Video, Some("avi"))
    } else if at(0, b"BM") && head.len() >= 26 {
        (Image, Some("bmp"))
    } else if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        (Video, Some("matroska"))
    } else if at(4, b"ftyp") {
        match head.get(8..12) {
            Some(b"heic" | b"heix" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif") => {
                (Image, Some("heif"))
            }
            Some(b"qt  ") => (Video, Some("mov")),
            Some([b'3', b'g', ..]) => (Video, Some("3gp")),
            _ => (Video, Some("mp4")),
        }
    } else {
        (Other, None)
    }
}

/// EXIF facts of an image file's bytes, where it has EXIF metadata.
pub(crate) fn exif_facts(bytes: &[u8]) -> Option<ExifFacts> {
    use exif::{In, Tag};
    let data = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()?;
    let text = |tag: Tag| {
        data.get_field(tag, In::PRIMARY)
            .and_then(|f| match &f.value {
                exif::Value::Ascii(parts) => parts
                    .first()
                    .map(|p| String::from_utf8_lossy(p).trim().to_owned())
                    .filter(|s| !s.is_empty() && s.len() <= 200),
                _ => None,
            })
    };
    let time = |tag: Tag, offset: Tag| {
        let raw = text(tag)?;
        let t = exif::DateTime::from_ascii(raw.as_bytes()).ok()?;
        let mut s = format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            t.year, t.month, t.day, t.hour, t.minute, t.second
        );
        if let Some(o) = text(offset) {
            s.push(' ');
            s.push_str(&o);
        }
        Some(s)
    };
    let device = match (text(Tag::Make), text(Tag::Model)) {
        (Some(make), Some(model)) if model.starts_with(&make) => Some(model),
        (Some(make), Some(model)) => Some(format!("{make} {model}")),
        (make, model) => make.or(model),
    };
    Some(ExifFacts {
        taken: time(Tag::DateTimeOriginal, Tag::OffsetTimeOriginal),
        modified: time(Tag::DateTime, Tag::OffsetTime),
        device,
        software: text(Tag::Software),
        has_location: data.get_field(Tag::GPSLatitude, In::PRIMARY).is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG made by the image crate, with an EXIF segment (APP1) inserted after SOI.
    fn jpeg_with_exif(tiff: &[u8]) -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(32, 32, |x, y| image::Rgb([x as u8 * 8, y as u8 * 8, 90]));
        let mut jpeg = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(
                &mut std::io::Cursor::new(&mut jpeg),
                image::ImageFormat::Jpeg,
            )
            .expect("encode");
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend_from_slice(tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(&app1);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// A little-endian TIFF block with Make, Model and an EXIF sub-IFD holding
    /// DateTimeOriginal.
    fn tiff() -> Vec<u8> {
        let make = b"Acme\0";
        let model = b"Acme Phone 7\0";
        let taken = b"2026:03:14 21:05:09\0";
        // Layout: header (8), IFD0 with 3 entries (2 + 36 + 4 = 42) at 8, EXIF IFD with 1
        // entry (2 + 12 + 4 = 18) at 50, then the strings at 68.
        let (make_at, model_at) = (68u32, 68 + make.len() as u32);
        let taken_at = model_at + model.len() as u32;
        let mut t = b"II*\0".to_vec();
        t.extend_from_slice(&8u32.to_le_bytes());
        let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
            t.extend_from_slice(&tag.to_le_bytes());
            t.extend_from_slice(&kind.to_le_bytes());
            t.extend_from_slice(&count.to_le_bytes());
            t.extend_from_slice(&value.to_le_bytes());
        };
        t.extend_from_slice(&3u16.to_le_bytes());
        entry(&mut t, 0x010F, 2, make.len() as u32, make_at);
        entry(&mut t, 0x0110, 2, model.len() as u32, model_at);
        entry(&mut t, 0x8769, 4, 1, 50);
        t.extend_from_slice(&0u32.to_le_bytes());
        t.extend_from_slice(&1u16.to_le_bytes());
        entry(&mut t, 0x9003, 2, taken.len() as u32, taken_at);
        t.extend_from_slice(&0u32.to_le_bytes());
        assert_eq!(t.len(), 68);
        t.extend_from_slice(make);
        t.extend_from_slice(model);
        t.extend_from_slice(taken);
        t
    }

    #[test]
    fn a_photo_gives_its_hashes_and_exif_apart() {
        let bytes = jpeg_with_exif(&tiff());
        let mut inspector = MediaInspector::new();
        for piece in bytes.chunks(100) {
            inspector.update(piece);
        }
        let facts = inspector.finish();
        assert_eq!(facts.kind, MediaKind::Image);
        assert_eq!(facts.format.as_deref(), Some("jpeg"));
        assert_eq!(facts.size, bytes.len() as u64);
        assert_eq!(facts.sha256, hex::encode(Sha256::digest(&bytes)));
        assert_eq!(facts.md5, hex::encode(Md5::digest(&bytes)));
        let pdq = facts.pdq.expect("a PDQ hash");
        assert_eq!(pdq, hash_image_bytes(&bytes).expect("hash"));
        let exif = facts.exif.expect("EXIF facts");
        assert_eq!(exif.taken.as_deref(), Some("2026-03-14 21:05:09"));
        assert_eq!(exif.device.as_deref(), Some("Acme Phone 7"));
        assert!(!exif.has_location);
    }

    /// The start of an ISO media file (MP4, HEIC) of the given brand.
    fn ftyp(brand: &[u8; 4]) -> Vec<u8> {
        let mut b = vec![0, 0, 0, 0x18];
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(brand);
        b.extend_from_slice(&[0; 64]);
        b
    }

    #[test]
    fn videos_and_other_files_get_exact_hashes_only() {
        let mp4 = ftyp(b"isom");
        let facts = inspect_reader(&mut mp4.as_slice()).expect("facts");
        assert_eq!(
            (facts.kind, facts.format.as_deref()),
            (MediaKind::Video, Some("mp4"))
        );
        assert_eq!(facts.md5, hex::encode(Md5::digest(&mp4)));
        assert!(facts.pdq.is_none() && facts.pdq_missing.is_none());
        let page = b"<html><body>post</body></html>";
        let facts = inspect_reader(&mut page.as_slice()).expect("facts");
        assert_eq!(facts.kind, MediaKind::Other);
    }

    #[test]
    fn a_heic_photo_is_an_image_without_pdq() {
        let heic = ftyp(b"heic");
        let facts = inspect_reader(&mut heic.as_slice()).expect("facts");
        assert_eq!(facts.kind, MediaKind::Image);
        assert_eq!(facts.pdq_missing, Some(PdqMissing::Unsupported));
    }
}
