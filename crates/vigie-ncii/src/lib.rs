#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
//! Intimate-image evidence: PDQ perceptual hashes computed locally, so that a person can ask
//! platforms to block re-uploads (StopNCII-style hash lists) without any image leaving her
//! device, and so that copies can be found among seized files.
//!
//! The flow: [`inspect_file`] / [`inspect_reader`] (or a [`MediaInspector`] fed in pieces)
//! gather a file's [`MediaFacts`] in one streaming pass: its kind, exact hashes, the [`Pdq`]
//! hash of a picture (decoded within limits, [`hash_image_file`]) or of a video's frames, and
//! its EXIF facts. [`find_copies`] then looks for the [`Target`]s' copies among a folder's
//! files, by PDQ distance.

mod find;
mod image_hash;
mod media;
mod pdq;
mod video;

pub use find::{find_copies, CopyMatch, FindReport, Target, DEFAULT_MAX_DISTANCE};
pub use image_hash::{
    hash_image, hash_image_bytes, hash_image_file, preview_png, ImageHash, NciiError,
};
pub use media::{
    inspect_file, inspect_reader, sniff, ExifFacts, MediaFacts, MediaInspector, MediaKind,
    PdqMissing,
};
pub use pdq::{luma_from_rgb, pdq_float_from_luma, Pdq};
pub use video::{FrameHash, FramesMissing, MAX_VIDEO_IN_MEMORY};

vigie_core::locales!("Translation resources of the intimate-image evidence.");
