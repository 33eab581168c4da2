//! Per-frame PDQ hashes of a video (in the spirit of Meta's TMK+PDQF): one frame a second,
//! decoded by the machine's `ffmpeg` (Debian's package; `VIGIE_FFMPEG` names another) in a
//! separate process, each hashed with PDQ. A copy of an intimate image inside a video, or a
//! re-encoded copy of a video, is then found by comparing frames. Without ffmpeg, videos keep
//! their exact hashes only, and the facts say so.

use crate::pdq;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// Side of the square each frame is scaled to before hashing (PDQ works on 64 × 64 after
/// its own filtering, so the aspect ratio does not change the hash's meaning).
const SIDE: usize = 512;
/// Largest video decoded from the case file (it is then held in memory).
pub const MAX_VIDEO_IN_MEMORY: u64 = 1024 * 1024 * 1024;
/// Most frames hashed per video (one a second: an hour).
pub(crate) const MAX_FRAMES: usize = 3600;

/// The PDQ hash of one frame.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameHash {
    /// Second of the video the frame is taken at.
    pub second: u32,
    /// PDQ, 64 hexadecimal digits.
    pub pdq: String,
    /// PDQ quality, 0–100.
    pub quality: u32,
}

/// Why a video's frames were not hashed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FramesMissing {
    /// No ffmpeg on this machine.
    NoDecoder,
    /// ffmpeg could not decode it.
    Undecodable,
    /// Too large to be decoded from the case file in memory.
    TooLarge,
}

impl FramesMissing {
    /// Stable name (`no_decoder`, `undecodable`, `too_large`), used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            FramesMissing::NoDecoder => "no_decoder",
            FramesMissing::Undecodable => "undecodable",
            FramesMissing::TooLarge => "too_large",
        }
    }
}

fn ffmpeg() -> String {
    std::env::var("VIGIE_FFMPEG").unwrap_or_else(|_| "ffmpeg".into())
}

/// One frame a second of the video in `path`, hashed with PDQ.
pub(crate) fn frame_hashes(path: &Path) -> Result<Vec<FrameHash>, FramesMissing> {
    let mut child = Command::new(ffmpeg())
        .args(["-nostdin", "-v", "error", "-i"])
        .arg(path)
        .args([
            "-vf",
            &format!("fps=1,scale={SIDE}:{SIDE}"),
            "-frames:v",
            &MAX_FRAMES.to_string(),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|_| FramesMissing::NoDecoder)?;
    let mut frames = vec![];
    let mut buf = vec![0u8; SIDE * SIDE * 3];
    if let Some(out) = child.stdout.as_mut() {
        while frames.len() < MAX_FRAMES && out.read_exact(&mut buf).is_ok() {
            let mut luma = pdq::luma_from_rgb(&buf);
            let (hash, quality) = pdq::pdq_from_luma(&mut luma, SIDE, SIDE);
            frames.push(FrameHash {
                second: frames.len() as u32,
                pdq: hash.to_hex(),
                quality,
            });
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    // A damaged video keeps the frames decoded before the damage.
    if frames.is_empty() {
        return Err(FramesMissing::Undecodable);
    }
    Ok(frames)
}
