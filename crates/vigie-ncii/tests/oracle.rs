//! PDQ against Meta's reference implementation (the `pdqhash` package from PyPI, run here as
//! the oracle) on images this test generates — gradients, shapes, noise, small and large,
//! odd sizes — and on transformed copies (resized, re-encoded as JPEG, slightly cropped).
//! On the same decoded pixels the hashes must be within Hamming distance 2 (floating-point
//! order of operations), and the quality scores equal or next to each other.
//!
//! The oracle's Python is `VIGIE_PDQ_PYTHON`, or `target/pdq-venv/bin/python` (which
//! `.ci/run` creates); the test is skipped with a message where neither works.

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use std::path::{Path, PathBuf};
use std::process::Command;
use vigie_ncii::Pdq;

const ORACLE: &str = r#"
import sys
import numpy as np
from PIL import Image
import pdqhash
for p in sys.argv[1:]:
    bits, q = pdqhash.compute(np.asarray(Image.open(p).convert("RGB")))
    words = [0] * 16
    for k, b in enumerate(bits[::-1]):
        if b:
            words[k // 16] |= 1 << (k % 16)
    print("".join("%04x" % w for w in reversed(words)), q, p)
"#;

fn python() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("VIGIE_PDQ_PYTHON").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdq-venv/bin/python")),
    ];
    candidates.into_iter().flatten().find(|p| {
        Command::new(p)
            .args(["-c", "import pdqhash, numpy, PIL"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A deterministic pseudo-random generator for noise.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u8 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 56) as u8
    }
}

fn generated(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let sizes = [
        (64, 64),
        (63, 97),
        (300, 200),
        (1024, 768),
        (31, 31),
        (500, 1200),
    ];
    for (n, &(w, h)) in sizes.iter().enumerate() {
        for pattern in 0..4u32 {
            let mut rng = Lcg(u64::from(pattern) * 7919 + n as u64);
            // Natural-looking content: exactly symmetric patterns (perfect stripes, pure
            // gradients) make coefficients that are zero up to rounding, whose bits are
            // noise in any implementation.
            let waves: Vec<(f32, f32, f32)> = (0..6)
                .map(|_| {
                    (
                        f32::from(rng.next()) / 4000.0 + 0.005,
                        f32::from(rng.next()) / 4000.0 + 0.005,
                        f32::from(rng.next()) / 40.0,
                    )
                })
                .collect();
            let mut noise = Lcg(u64::from(pattern) + 99 * n as u64);
            let img = RgbImage::from_fn(w, h, |x, y| {
                let (xf, yf) = (x as f32, y as f32);
                let base: f32 = waves
                    .iter()
                    .map(|(a, b, ph)| (a * xf * 40.0 + b * yf * 30.0 + ph).sin())
                    .sum::<f32>();
                let mut v = |k: f32| {
                    let n = f32::from(noise.next()) * 0.25 * pattern as f32;
                    (128.0 + 18.0 * base * k + n - 16.0 * pattern as f32).clamp(0.0, 255.0) as u8
                };
                Rgb([v(1.0), v(0.7), v(-0.9)])
            });
            let p = dir.join(format!("gen-{n}-{pattern}.png"));
            img.save(&p).expect("save");
            out.push(p);
        }
    }
    out
}

/// Resized, re-encoded and cropped copies of an image.
fn transformed(src: &Path, dir: &Path) -> Vec<PathBuf> {
    let img = image::open(src).expect("open");
    let stem = src
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("x")
        .to_owned();
    let (w, h) = (img.width(), img.height());
    let mut out = Vec::new();
    let resized = img.resize_exact(
        (w * 3 / 4).max(8),
        (h * 3 / 4).max(8),
        image::imageops::FilterType::Triangle,
    );
    let p = dir.join(format!("{stem}-resized.png"));
    resized.save(&p).expect("save");
    out.push(p);
    let p = dir.join(format!("{stem}-reencoded.jpg"));
    DynamicImage::ImageRgb8(img.to_rgb8())
        .save_with_format(&p, ImageFormat::Jpeg)
        .expect("save");
    out.push(p);
    let cropped = img.crop_imm(w / 50, h / 50, w - w / 25, h - h / 25);
    let p = dir.join(format!("{stem}-cropped.png"));
    cropped.save(&p).expect("save");
    out.push(p);
    out
}

#[test]
fn pdq_matches_the_reference_implementation() {
    let Some(py) = python() else {
        eprintln!("skipped: no Python with pdqhash (set VIGIE_PDQ_PYTHON, or let .ci/run make target/pdq-venv)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("vigie-pdq-oracle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let mut files = generated(&dir);
    let originals: Vec<PathBuf> = files
        .iter()
        .filter(|p| !p.to_string_lossy().contains("-31"))
        .cloned()
        .collect();
    for f in originals.iter().take(12) {
        files.extend(transformed(f, &dir));
    }
    // Identical decoding: the reference hashes the pixels this side decoded, saved as PNG
    // (JPEG decoders differ slightly between libraries).
    let mut decoded = Vec::new();
    for f in &files {
        let d = dir.join(format!(
            "decoded-{}.png",
            f.file_name().and_then(|n| n.to_str()).unwrap_or("x")
        ));
        image::open(f)
            .expect("decode")
            .to_rgb8()
            .save(&d)
            .expect("save");
        decoded.push(d);
    }
    let out = Command::new(&py)
        .arg("-c")
        .arg(ORACLE)
        .args(&decoded)
        .output()
        .expect("oracle");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let oracle = String::from_utf8_lossy(&out.stdout);
    let mut worst = 0;
    let mut compared = 0;
    for line in oracle.lines() {
        let mut f = line.split_whitespace();
        let (Some(hex), Some(q), Some(path)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let theirs = Pdq::from_hex(hex).expect("oracle hex");
        let original = decoded
            .iter()
            .position(|d| d.to_str() == Some(path))
            .map(|i| files[i].clone())
            .expect("original file");
        let ours = vigie_ncii::hash_image_file(&original).expect("hash");
        let d = Pdq::from_hex(&ours.pdq).expect("hex").distance(&theirs);
        let q: i64 = q.parse().expect("quality");
        assert!(
            d <= 2,
            "{}: distance {d} (ours {}, reference {hex})",
            original.display(),
            ours.pdq
        );
        assert!(
            (i64::from(ours.quality) - q).abs() <= 1,
            "{path}: quality {} vs {q}",
            ours.quality
        );
        worst = worst.max(d);
        compared += 1;
    }
    assert_eq!(compared, files.len(), "every file compared");
    eprintln!("{compared} images compared with the reference: largest distance {worst}");
    let _ = std::fs::remove_dir_all(&dir);
}
