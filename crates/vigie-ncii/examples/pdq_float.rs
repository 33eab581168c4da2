//! Prints PDQ's 256 coefficients of an image (to compare with the reference's float hash).
fn main() {
    let Some(p) = std::env::args().nth(1) else {
        return;
    };
    let Ok(img) = image::open(&p) else { return };
    let rgb = img.to_rgb8();
    let (w, h) = rgb.dimensions();
    let mut luma = vigie_ncii::luma_from_rgb(rgb.as_raw());
    let (c, q) = vigie_ncii::pdq_float_from_luma(&mut luma, h as usize, w as usize);
    println!("{q}");
    for v in c.iter().take(8) {
        println!("{v}");
    }
}
