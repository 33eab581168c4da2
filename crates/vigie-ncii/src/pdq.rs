//! PDQ, Meta's perceptual hash for images (as in its reference implementation, used by
//! StopNCII): luminance, a Jarosz (iterated box) filter down to 64×64, a 16×16 DCT without
//! its first row and column, and one bit per coefficient above the median; plus the quality
//! score (0–100) from the image's gradients.

/// Size the image is reduced to.
const N: usize = 64;
/// Box-filter passes of the Jarosz filter.
const PASSES: usize = 2;

/// A 256-bit PDQ hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pdq(pub [u16; 16]);

impl Pdq {
    /// The usual notation: 64 hexadecimal digits, most significant word first.
    pub fn to_hex(&self) -> String {
        self.0.iter().rev().map(|w| format!("{w:04x}")).collect()
    }

    /// Parses the usual notation.
    pub fn from_hex(s: &str) -> Option<Pdq> {
        if s.len() != 64 || !s.is_ascii() {
            return None;
        }
        let mut words = [0u16; 16];
        for (i, chunk) in s.as_bytes().chunks(4).enumerate() {
            let w = u16::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
            words[15 - i] = w;
        }
        Some(Pdq(words))
    }

    /// Bit `k` (0–255).
    pub fn bit(&self, k: usize) -> bool {
        self.0[k / 16] >> (k % 16) & 1 == 1
    }

    /// Number of differing bits.
    pub fn distance(&self, other: &Pdq) -> u32 {
        self.0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| (a ^ b).count_ones())
            .sum()
    }
}

/// The Jarosz window for reducing `old` samples to `new`.
fn window(old: usize, new: usize) -> usize {
    old.div_ceil(2 * new)
}

/// One box-filter pass along a vector of `len` samples `stride` apart, with a window that
/// shrinks at the edges.
fn box1d(input: &[f32], output: &mut [f32], start: usize, len: usize, stride: usize, full: usize) {
    let half = (full + 2) / 2;
    let phase1 = half - 1;
    let phase2 = full - half + 1;
    let phase3 = len.saturating_sub(full);
    let phase4 = half - 1;
    let (mut li, mut ri, mut oi) = (start, start, start);
    let mut sum = 0.0f32;
    let mut count = 0.0f32;
    for _ in 0..phase1.min(len) {
        sum += input[ri];
        count += 1.0;
        ri += stride;
    }
    for _ in 0..phase2.min(len.saturating_sub(phase1)) {
        sum += input[ri];
        count += 1.0;
        output[oi] = sum / count;
        ri += stride;
        oi += stride;
    }
    for _ in 0..phase3 {
        sum += input[ri];
        sum -= input[li];
        output[oi] = sum / count;
        li += stride;
        ri += stride;
        oi += stride;
    }
    for _ in 0..phase4 {
        if oi >= start + len * stride {
            break;
        }
        sum -= input[li];
        count -= 1.0;
        output[oi] = sum / count;
        li += stride;
        oi += stride;
    }
}

/// The hash and quality of an image given as luminance, `rows` × `cols`, row-major.
pub(crate) fn pdq_from_luma(luma: &mut [f32], rows: usize, cols: usize) -> (Pdq, u32) {
    let (coeffs, quality) = pdq_float_from_luma(luma, rows, cols);
    let median = torben_median(&coeffs);
    let mut words = [0u16; 16];
    for (k, c) in coeffs.iter().enumerate() {
        if *c > median {
            words[k / 16] |= 1 << (k % 16);
        }
    }
    (Pdq(words), quality)
}

/// The 256 DCT coefficients the hash is made from (PDQ's "float hash"), and the quality.
pub fn pdq_float_from_luma(luma: &mut [f32], rows: usize, cols: usize) -> ([f32; 256], u32) {
    let mut small = [[0f32; N]; N];
    if rows == N && cols == N {
        for i in 0..N {
            small[i].copy_from_slice(&luma[i * N..i * N + N]);
        }
    } else {
        let wr = window(cols, N);
        let wc = window(rows, N);
        let mut tmp = vec![0f32; luma.len()];
        for _ in 0..PASSES {
            for r in 0..rows {
                box1d(luma, &mut tmp, r * cols, cols, 1, wr);
            }
            for c in 0..cols {
                box1d(&tmp, luma, c, rows, cols, wc);
            }
        }
        for (i, row) in small.iter_mut().enumerate() {
            let ini = (((i as f64 + 0.5) * rows as f64) / N as f64) as usize;
            for (j, v) in row.iter_mut().enumerate() {
                let inj = (((j as f64 + 0.5) * cols as f64) / N as f64) as usize;
                *v = luma[ini.min(rows - 1) * cols + inj.min(cols - 1)];
            }
        }
    }
    let quality = quality(&small);
    // DCT 64 → 16, without the constant term.
    // The matrix is computed in double precision and stored as single, as the reference does.
    let scale = (2.0f64 / N as f64).sqrt();
    let mut d = [[0f32; N]; 16];
    for (i, row) in d.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = (scale
                * ((std::f64::consts::PI / 2.0 / N as f64)
                    * (i as f64 + 1.0)
                    * (2.0 * j as f64 + 1.0))
                    .cos()) as f32;
        }
    }
    let mut t = [[0f32; N]; 16];
    for i in 0..16 {
        for j in 0..N {
            let mut s = 0f32;
            for k in 0..N {
                s += d[i][k] * small[k][j];
            }
            t[i][j] = s;
        }
    }
    let mut coeffs = [0f32; 256];
    for i in 0..16 {
        for j in 0..16 {
            let mut s = 0f32;
            for k in 0..N {
                s += t[i][k] * d[j][k];
            }
            coeffs[i * 16 + j] = s;
        }
    }
    (coeffs, quality)
}

/// Gradient-based quality score, 0–100.
fn quality(b: &[[f32; N]; N]) -> u32 {
    let mut sum: i64 = 0;
    for (upper, lower) in b.iter().zip(b.iter().skip(1)) {
        for (u, v) in upper.iter().zip(lower.iter()) {
            sum += (((u - v) * 100.0 / 255.0) as i64).abs();
        }
    }
    for row in b.iter() {
        for j in 0..N - 1 {
            sum += (((row[j] - row[j + 1]) * 100.0 / 255.0) as i64).abs();
        }
    }
    (sum / 90).min(100) as u32
}

/// The median as Torben's algorithm gives it (the lower median for an even count).
fn torben_median(m: &[f32]) -> f32 {
    let n = m.len();
    let (mut min, mut max) = (m[0], m[0]);
    for &v in m {
        min = min.min(v);
        max = max.max(v);
    }
    loop {
        let guess = (min + max) / 2.0;
        let (mut less, mut greater, mut equal) = (0usize, 0usize, 0usize);
        let (mut maxltguess, mut mingtguess) = (min, max);
        for &v in m {
            if v < guess {
                less += 1;
                if v > maxltguess {
                    maxltguess = v;
                }
            } else if v > guess {
                greater += 1;
                if v < mingtguess {
                    mingtguess = v;
                }
            } else {
                equal += 1;
            }
        }
        if less <= n.div_ceil(2) && greater <= n.div_ceil(2) {
            return if less >= n.div_ceil(2) {
                maxltguess
            } else if less + equal >= n.div_ceil(2) {
                guess
            } else {
                mingtguess
            };
        } else if less > greater {
            max = maxltguess;
        } else {
            min = mingtguess;
        }
        if max <= min {
            return min;
        }
    }
}

/// Luminance of 8-bit RGB pixels, as PDQ weighs them (in double precision, then single, as
/// the reference's bindings compute it).
pub fn luma_from_rgb(rgb: &[u8]) -> Vec<f32> {
    rgb.chunks_exact(3)
        .map(|p| {
            (f64::from(p[0]) * 0.299 + f64::from(p[1]) * 0.587 + f64::from(p[2]) * 0.114) as f32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_distance() {
        let h = Pdq([0x1234, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xabcd]);
        let s = h.to_hex();
        assert!(s.starts_with("abcd") && s.ends_with("1234"));
        assert_eq!(Pdq::from_hex(&s), Some(h));
        assert_eq!(
            h.distance(&Pdq([0; 16])),
            0x1234u16.count_ones() + 0xabcdu16.count_ones()
        );
        assert_eq!(Pdq::from_hex("xyz"), None);
    }

    #[test]
    fn torben_is_the_lower_median() {
        assert_eq!(torben_median(&[3.0, 1.0, 2.0, 4.0]), 2.0);
        assert_eq!(torben_median(&[5.0, 5.0, 5.0]), 5.0);
    }
}
