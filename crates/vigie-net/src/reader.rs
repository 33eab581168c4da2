//! The byte reader every parser of the crate reads outside data with.
//!
//! A [`Reader`] walks a borrowed slice from front to back. Each read either returns what was
//! asked for and moves past it, or returns `None` and leaves the reader where it was. A parser
//! written with `?` over a reader is therefore total: short or damaged input ends it, never a
//! panic, and whatever it keeps was backed by bytes that were really there.

/// Byte order of multi-byte integers (pcap and pcapng files are written in either).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endian {
    /// Most significant byte first (network order).
    Big,
    /// Least significant byte first.
    Little,
}

/// A cursor over borrowed bytes: integers (big-endian unless said), slices and length-prefixed
/// parts, each read at most once.
#[derive(Clone, Debug)]
pub(crate) struct Reader<'a> {
    /// The bytes not read yet.
    rest: &'a [u8],
    /// Length of the whole input, so that the offset read so far can be told.
    len: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    #[inline]
    pub(crate) fn init(bytes: &'a [u8]) -> Self {
        Reader {
            rest: bytes,
            len: bytes.len(),
        }
    }

    /// The next `n` bytes.
    #[inline]
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    /// Moves past the next `n` bytes.
    #[inline]
    pub(crate) fn skip(&mut self, n: usize) -> Option<()> {
        self.take(n).map(drop)
    }

    /// The next `N` bytes, as an array.
    #[inline]
    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, tail) = self.rest.split_first_chunk::<N>()?;
        self.rest = tail;
        Some(*head)
    }

    /// Every byte left (the reader is then empty).
    #[inline]
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.rest)
    }

    /// A reader over the next `n` bytes (a part whose length was given before it).
    #[inline]
    pub(crate) fn sub(&mut self, n: usize) -> Option<Reader<'a>> {
        self.take(n).map(Reader::init)
    }

    /// A part preceded by its length in one byte.
    #[inline]
    pub(crate) fn u8_prefixed(&mut self) -> Option<Reader<'a>> {
        self.prefixed(|r| r.u8().map(usize::from))
    }

    /// A part preceded by its length in two bytes.
    #[inline]
    pub(crate) fn u16_prefixed(&mut self) -> Option<Reader<'a>> {
        self.prefixed(|r| r.u16().map(usize::from))
    }

    /// A part preceded by its `length`: both are read, or neither.
    #[inline]
    fn prefixed(&mut self, length: impl FnOnce(&mut Self) -> Option<usize>) -> Option<Reader<'a>> {
        let mut r = self.clone();
        let n = length(&mut r)?;
        let part = r.sub(n)?;
        *self = r;
        Some(part)
    }

    /// How many bytes are left.
    #[inline]
    pub(crate) fn left(&self) -> usize {
        self.rest.len()
    }

    /// Whether any byte is left.
    #[inline]
    pub(crate) fn any_left(&self) -> bool {
        !self.rest.is_empty()
    }

    /// The next byte, left unread.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// How many bytes were read (the offset of the next one in the input).
    #[inline]
    pub(crate) fn used(&self) -> usize {
        self.len - self.rest.len()
    }

    /// One byte.
    #[inline]
    pub(crate) fn u8(&mut self) -> Option<u8> {
        let (&first, tail) = self.rest.split_first()?;
        self.rest = tail;
        Some(first)
    }

    /// A big-endian 16-bit integer.
    #[inline]
    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_be_bytes)
    }

    /// A big-endian 32-bit integer.
    #[inline]
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_be_bytes)
    }

    /// A 16-bit integer in the given byte order.
    #[inline]
    pub(crate) fn u16_in(&mut self, order: Endian) -> Option<u16> {
        self.array().map(match order {
            Endian::Big => u16::from_be_bytes,
            Endian::Little => u16::from_le_bytes,
        })
    }

    /// A 32-bit integer in the given byte order.
    #[inline]
    pub(crate) fn u32_in(&mut self, order: Endian) -> Option<u32> {
        self.array().map(match order {
            Endian::Big => u32::from_be_bytes,
            Endian::Little => u32::from_le_bytes,
        })
    }

    /// A big-endian 24-bit integer (TLS handshake and certificate lengths).
    #[inline]
    pub(crate) fn u24(&mut self) -> Option<usize> {
        let [a, b, c] = self.array()?;
        Some(usize::from(a) << 16 | usize::from(b) << 8 | usize::from(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_integers_and_slices_in_order() {
        let mut r = Reader::init(&[1, 0, 2, 0, 0, 3, 0, 0, 0, 4, 9, 9, 7]);
        assert_eq!(r.u8(), Some(1));
        assert_eq!(r.u16(), Some(2));
        assert_eq!(r.u24(), Some(3));
        assert_eq!(r.u32(), Some(4));
        assert_eq!((r.used(), r.left()), (10, 3));
        assert_eq!(r.peek(), Some(9));
        assert_eq!(r.take(2), Some(&[9, 9][..]));
        assert!(r.any_left());
        assert_eq!(r.rest(), &[7]);
        assert!(!r.any_left());
        assert_eq!(r.rest(), &[] as &[u8]);
    }

    #[test]
    fn either_byte_order() {
        let mut r = Reader::init(&[1, 2, 1, 2, 1, 2, 3, 4, 1, 2, 3, 4]);
        assert_eq!(r.u16_in(Endian::Big), Some(0x0102));
        assert_eq!(r.u16_in(Endian::Little), Some(0x0201));
        assert_eq!(r.u32_in(Endian::Big), Some(0x0102_0304));
        assert_eq!(r.u32_in(Endian::Little), Some(0x0403_0201));
        assert_eq!(r.u16_in(Endian::Big), None);
    }

    #[test]
    fn a_failed_read_moves_nothing() {
        let mut r = Reader::init(&[0xaa, 0xbb]);
        assert_eq!(r.u24(), None);
        assert_eq!(r.take(3), None);
        assert_eq!(r.skip(usize::MAX), None);
        assert_eq!(r.used(), 0);
        assert_eq!(r.u16(), Some(0xaabb));
        assert_eq!(r.u8(), None);
    }

    #[test]
    fn length_prefixed_parts() {
        let mut r = Reader::init(&[2, 5, 6, 0, 1, 8, 0, 9]);
        let mut part = r.u8_prefixed().expect("part");
        assert_eq!((part.u8(), part.u8(), part.u8()), (Some(5), Some(6), None));
        assert_eq!(r.u16_prefixed().map(|mut p| p.rest()), Some(&[8][..]));
        // A length the input does not back: nothing is read, the length byte neither.
        assert!(r.u16_prefixed().is_none());
        assert!(r.u8_prefixed().is_some_and(|mut p| p.rest().is_empty()));
        assert!(r.u8_prefixed().is_none());
        assert_eq!(r.used(), 7);
        assert_eq!(r.sub(1).map(|mut s| s.u8()), Some(Some(9)));
        assert!(r.sub(1).is_none());
    }
}
