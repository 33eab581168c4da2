//! Still images: decoded within limits (size, pixels, memory), hashed with PDQ, or made into
//! a tiny preview that shows no detail.

use crate::pdq;
use std::path::Path;

/// Largest image accepted, in pixels per side.
const MAX_SIDE: u32 = 20_000;
/// Largest image accepted, in pixels (a 48-megapixel phone photo fits); hashing needs about
/// 11 bytes per pixel besides the decoded image, so this keeps one image under 600 MB.
const MAX_PIXELS: u64 = 50_000_000;
/// Largest decoder allocation, in bytes (an 8-bit RGB image of [`MAX_PIXELS`] fits).
const MAX_ALLOC: u64 = 160 * 1024 * 1024;

/// An image's PDQ hash and what it was computed on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// The image is damaged, or its decoder needs more memory than allowed.
    #[error("the image could not be decoded: {0}")]
    Decode(String),
    /// The image has more pixels than Vigie hashes.
    #[error("the image is too large ({width}×{height} pixels)")]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
}

impl NciiError {
    /// The error as a translatable message.
    pub fn message(&self, path: &Path) -> vigie_core::Message {
        let m = match self {
            NciiError::Io(d) => vigie_core::Message::new("ncii-error-io").arg("detail", d),
            NciiError::Unsupported => vigie_core::Message::new("ncii-error-unsupported"),
            NciiError::Decode(d) => vigie_core::Message::new("ncii-error-decode").arg("detail", d),
            NciiError::TooLarge { width, height } => {
                vigie_core::Message::new("ncii-error-too-large")
                    .arg("width", width.to_string())
                    .arg("height", height.to_string())
            }
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
    Ok(hash_image(&decode_image(reader)?))
}

/// Decodes an image within the limits (pixels as stored, without applying the EXIF
/// orientation, as Meta's reference does).
fn decode_image<R: std::io::BufRead + std::io::Seek>(
    reader: image::ImageReader<R>,
) -> Result<image::DynamicImage, NciiError> {
    let mut reader = reader
        .with_guessed_format()
        .map_err(|e| NciiError::Io(e.to_string()))?;
    if reader.format().is_none() {
        return Err(NciiError::Unsupported);
    }
    reader.limits(limits());
    let decoder = reader
        .into_decoder()
        .map_err(|e| NciiError::Decode(e.to_string()))?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(NciiError::TooLarge { width, height });
    }
    image::DynamicImage::from_decoder(decoder).map_err(|e| NciiError::Decode(e.to_string()))
}

/// A small PNG of an image held in memory, at most `side` pixels on its longer side. With a
/// side of a dozen pixels no detail is left: what a sensitive image shows until someone
/// asks to see it.
pub fn preview_png(bytes: &[u8], side: u32) -> Result<Vec<u8>, NciiError> {
    let img = decode_image(image::ImageReader::new(std::io::Cursor::new(bytes)))?;
    let small = img.thumbnail(side, side).to_rgb8();
    let mut out = Vec::new();
    small
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| NciiError::Decode(e.to_string()))?;
    Ok(out)
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
    let (width, height) = (img.width(), img.height());
    let mut luma = match img {
        image::DynamicImage::ImageRgb8(rgb) => pdq::luma_from_rgb(rgb.as_raw()),
        other => pdq::luma_from_rgb(other.to_rgb8().as_raw()),
    };
    let (hash, quality) = pdq::pdq_from_luma(&mut luma, height as usize, width as usize);
    ImageHash {
        pdq: hash.to_hex(),
        quality,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BMP header announcing `width`×`height` 24-bit pixels, with no pixel data.
    fn bmp_header(width: i32, height: i32) -> Vec<u8> {
        let mut b = b"BM".to_vec();
        b.extend_from_slice(&0u32.to_le_bytes()); // file size (unchecked)
        b.extend_from_slice(&0u32.to_le_bytes()); // reserved
        b.extend_from_slice(&54u32.to_le_bytes()); // pixel data offset
        b.extend_from_slice(&40u32.to_le_bytes()); // BITMAPINFOHEADER
        b.extend_from_slice(&width.to_le_bytes());
        b.extend_from_slice(&height.to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes()); // planes
        b.extend_from_slice(&24u16.to_le_bytes()); // bits per pixel
        b.extend_from_slice(&[0; 24]); // no compression, default sizes and palette
        b
    }

    #[test]
    fn an_image_with_too_many_pixels_is_refused_before_decoding() {
        let err =
            hash_image_bytes(&bmp_header(10_000, 8_000)).expect_err("the image must be refused");
        assert!(
            matches!(
                err,
                NciiError::TooLarge {
                    width: 10_000,
                    height: 8_000
                }
            ),
            "{err:?}"
        );
        let text = err.message(Path::new("big.bmp")).key;
        assert_eq!(text, "ncii-error-too-large");
    }

    #[test]
    fn a_truncated_image_is_a_decode_error() {
        let err = hash_image_bytes(&bmp_header(64, 64)).expect_err("the image must be refused");
        assert!(matches!(err, NciiError::Decode(_)), "{err:?}");
    }
}
