//! Pictures generated for the intimate-image tests: varied, photo-like scenes (gradients and
//! shapes from a seeded generator), and the transformed copies a re-upload makes.

use image::{imageops, Rgb, RgbImage};

/// A small deterministic generator (xorshift).
pub struct Seeded(u64);

impl Seeded {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % u64::from(n.max(1))) as u32
    }

    fn colour(&mut self) -> [f32; 3] {
        [
            self.below(256) as f32,
            self.below(256) as f32,
            self.below(256) as f32,
        ]
    }
}

/// A scene: a gradient between four random corner colours with soft waves of light over it
/// (texture, as photos have), and random ellipses and rectangles on it.
pub fn scene(seed: u64, width: u32, height: u32) -> RgbImage {
    let mut r = Seeded::new(seed);
    let corners = [r.colour(), r.colour(), r.colour(), r.colour()];
    let waves: Vec<[f32; 4]> = (0..5)
        .map(|_| {
            [
                (r.below(9) + 1) as f32,
                (r.below(9) + 1) as f32,
                r.below(628) as f32 / 100.0,
                (r.below(40) + 15) as f32,
            ]
        })
        .collect();
    let mut img = RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / width as f32, y as f32 / height as f32);
        let light: f32 = waves
            .iter()
            .map(|[fx, fy, phase, amp]| {
                amp * (std::f32::consts::TAU * (fx * u + fy * v) / 2.0 + phase).sin()
            })
            .sum();
        let mut px = [0u8; 3];
        for (c, p) in px.iter_mut().enumerate() {
            let top = corners[0][c] * (1.0 - u) + corners[1][c] * u;
            let bottom = corners[2][c] * (1.0 - u) + corners[3][c] * u;
            *p = (top * (1.0 - v) + bottom * v + light).clamp(0.0, 255.0) as u8;
        }
        Rgb(px)
    });
    for _ in 0..6 {
        let (cx, cy) = (r.below(width) as i64, r.below(height) as i64);
        let (rx, ry) = (
            (r.below(width / 3) + width / 12) as i64,
            (r.below(height / 3) + height / 12) as i64,
        );
        let ellipse = r.below(2) == 0;
        let c = r.colour();
        let colour = Rgb([c[0] as u8, c[1] as u8, c[2] as u8]);
        for y in (cy - ry).max(0)..(cy + ry).min(height as i64) {
            for x in (cx - rx).max(0)..(cx + rx).min(width as i64) {
                let (dx, dy) = ((x - cx) as f32 / rx as f32, (y - cy) as f32 / ry as f32);
                if !ellipse || dx * dx + dy * dy <= 1.0 {
                    img.put_pixel(x as u32, y as u32, colour);
                }
            }
        }
    }
    img
}

/// `img` at `percent` of its size.
pub fn resized(img: &RgbImage, percent: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    imageops::resize(
        img,
        w * percent / 100,
        h * percent / 100,
        imageops::FilterType::Triangle,
    )
}

/// `img` with `percent` of its width and height cut from each side.
pub fn cropped(img: &RgbImage, percent: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (dx, dy) = (w * percent / 100, h * percent / 100);
    imageops::crop_imm(img, dx, dy, w - 2 * dx, h - 2 * dy).to_image()
}

/// `img` encoded as JPEG at `quality`.
pub fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .expect("encode JPEG");
    out
}

/// `img` encoded as PNG.
pub fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode PNG");
    out
}

/// A 3-second H.264 video of a still picture, made by ffmpeg.
pub fn video_of(picture: &std::path::Path, out: &std::path::Path) -> bool {
    std::process::Command::new("ffmpeg")
        .args(["-nostdin", "-v", "error", "-y", "-loop", "1", "-i"])
        .arg(picture)
        .args([
            "-t",
            "3",
            "-r",
            "25",
            "-vf",
            "scale=320:240",
            "-pix_fmt",
            "yuv420p",
            "-c:v",
            "libx264",
        ])
        .arg(out)
        .status()
        .is_ok_and(|s| s.success())
}
