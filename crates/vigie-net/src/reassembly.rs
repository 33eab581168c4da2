//! A bounded buffer that puts byte ranges back in order (TCP segments, QUIC CRYPTO frames)
//! and exposes the contiguous prefix.

/// Most separate ranges kept before later out-of-order data is ignored.
const MAX_RANGES: usize = 64;

/// Bytes received at offsets, kept up to a fixed capacity.
#[derive(Debug, Clone)]
pub(crate) struct RangeBuffer {
    data: Vec<u8>,
    /// Sorted, merged [start, end) ranges received.
    ranges: Vec<(usize, usize)>,
    cap: usize,
}

impl RangeBuffer {
    /// A buffer keeping the first `cap` bytes of a stream.
    pub(crate) fn new(cap: usize) -> Self {
        RangeBuffer {
            data: Vec::new(),
            ranges: Vec::new(),
            cap,
        }
    }

    /// Places `bytes` at `offset`; data beyond the capacity is dropped. Returns true when the
    /// contiguous prefix grew.
    pub(crate) fn insert(&mut self, offset: u64, bytes: &[u8]) -> bool {
        let Ok(start) = usize::try_from(offset) else {
            return false;
        };
        if start >= self.cap || bytes.is_empty() {
            return false;
        }
        let end = start.saturating_add(bytes.len()).min(self.cap);
        if self.ranges.len() >= MAX_RANGES {
            return false;
        }
        let before = self.contiguous_len();
        if self.data.len() < end {
            self.data.resize(end, 0);
        }
        self.data[start..end].copy_from_slice(&bytes[..end - start]);
        self.ranges.push((start, end));
        self.ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.ranges.len());
        for &(s, e) in &self.ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        self.ranges = merged;
        self.contiguous_len() > before
    }

    /// Length of the data received without gap from offset 0.
    pub(crate) fn contiguous_len(&self) -> usize {
        match self.ranges.first() {
            Some(&(0, e)) => e,
            _ => 0,
        }
    }

    /// The contiguous prefix.
    pub(crate) fn contiguous(&self) -> &[u8] {
        &self.data[..self.contiguous_len()]
    }

    /// True once the buffer holds its whole capacity without gap.
    pub(crate) fn is_full(&self) -> bool {
        self.contiguous_len() >= self.cap
    }

    /// Frees the memory (the stream is no longer of interest).
    pub(crate) fn release(&mut self) {
        self.data = Vec::new();
        self.ranges = Vec::new();
        self.cap = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_caps() {
        let mut b = RangeBuffer::new(10);
        assert!(!b.insert(3, b"def"));
        assert!(b.insert(0, b"abc"));
        assert_eq!(b.contiguous(), b"abcdef");
        assert!(b.insert(5, b"fghijklmn"));
        assert_eq!(b.contiguous(), b"abcdefghij");
        assert!(b.is_full());
        assert!(!b.insert(u64::MAX, b"x"));
    }
}
