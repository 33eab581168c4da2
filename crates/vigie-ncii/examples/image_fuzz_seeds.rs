//! Writes one small generated image per format Vigie decodes into the folder given, as seeds
//! for the `image` fuzz target (`fuzz/seed.sh`).
use image::{ImageFormat, Rgb, RgbImage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: image_fuzz_seeds DIR")?,
    );
    let img = RgbImage::from_fn(24, 16, |x, y| {
        Rgb([(x * 10) as u8, (y * 15) as u8, ((x ^ y) * 8) as u8])
    });
    for (format, name) in [
        (ImageFormat::Png, "seed.png"),
        (ImageFormat::Jpeg, "seed.jpg"),
        (ImageFormat::Gif, "seed.gif"),
        (ImageFormat::Bmp, "seed.bmp"),
        (ImageFormat::WebP, "seed.webp"),
    ] {
        img.save_with_format(dir.join(name), format)?;
    }
    Ok(())
}
