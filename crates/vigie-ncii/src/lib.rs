//! Intimate-image evidence: PDQ perceptual hashes computed locally, so that a person can ask
//! platforms to block re-uploads (StopNCII-style hash lists) without any image leaving her
//! device, and so that copies can be found among seized files.

pub mod pdq;

pub use pdq::Pdq;

use std::path::Path;

vigie_core::locales!("Translation resources of the intimate-image evidence.");

/// Largest image accepted, in pixels per side, and bytes of decoded memory.
const MAX_SIDE: u32 = 20_000;
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// An image's PDQ hash and what it was computed on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImageHash {
    /// The hash, 64 hexadecimal digits.
    pub pdq: String,
    /// PDQ's quality score, 0–100 (below 50, matches are less reliable).
    pub quality: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why an image could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum NciiError {
    /// The file could not be read.
    #[error("{0}")]
    Io(String),
    /// A format no decoder here reads (HEIC, for instance).
    #[error("unsupported image format")]
    Unsupported,
    /// The image is damaged or too large.
    #[error("the image could not be decoded: {0}")]
    Decode(String),
}

impl NciiError {
    /// The error as a translatable message.
    pub fn message(&self, path: &Path) -> vigie_core::Message {
        let m = match self {
            NciiError::Io(d) => vigie_core::Message::new("ncii-error-io").arg("detail", d),
            NciiError::Unsupported => vigie_core::Message::new("ncii-error-unsupported"),
            NciiError::Decode(d) => vigie_core::Message::new("ncii-error-decode").arg("detail", d),
        };
        m.arg("path", path.display().to_string())
    }
}

/// Decoding limits: no image larger than [`MAX_SIDE`] per side or [`MAX_ALLOC`] bytes.
fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn decode<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
) -> Result<ImageHash, NciiError> {
    let mut reader = reader
        .with_guessed_format()
        .map_err(|e| NciiError::Io(e.to_string()))?;
    if reader.format().is_none() {
        return Err(NciiError::Unsupported);
    }
    reader.limits(limits());
    let img = reader
        .decode()
        .map_err(|e| NciiError::Decode(e.to_string()))?;
    Ok(hash_image(&img))
}

/// The PDQ hash of an image file (JPEG, PNG, WebP, GIF, BMP), decoded with bounded memory.
pub fn hash_image_file(path: &Path) -> Result<ImageHash, NciiError> {
    decode(image::ImageReader::open(path).map_err(|e| NciiError::Io(e.to_string()))?)
}

/// The PDQ hash of an image held in memory.
pub fn hash_image_bytes(bytes: &[u8]) -> Result<ImageHash, NciiError> {
    decode(image::ImageReader::new(std::io::Cursor::new(bytes)))
}

/// The PDQ hash of a decoded image.
pub fn hash_image(img: &image::DynamicImage) -> ImageHash {
    let rgb = img.to_rgb8();
    let (width, height) = rgb.dimensions();
    let mut luma = pdq::luma_from_rgb(rgb.as_raw());
    let (hash, quality) = pdq::pdq_from_luma(&mut luma, height as usize, width as usize);
    ImageHash {
        pdq: hash.to_hex(),
        quality,
        width,
        height,
    }
}
