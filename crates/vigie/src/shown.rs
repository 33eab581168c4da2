//! What reaches the terminal. Names in captures, backups, dumps and feeds are chosen by
//! others (an SNI can carry `ESC[2J`, which clears the screen, then a false all-clear), so
//! every control character but the line break and the tab is written out as `\u{1b}`,
//! never obeyed. JSON output is unchanged: it has none left raw.

use std::io::{self, Write};

/// Writes to `W`, with control characters shown as escapes.
pub struct Shown<W: Write>(pub W);

/// Whether `b` (at the start of `rest`) begins a control character, and its code point and
/// length in bytes: C0 (but `\n` and `\t`), DEL, and C1 (`U+0080`–`U+009F`, two bytes in
/// UTF-8, which some terminals read as escapes too).
fn control(rest: &[u8]) -> Option<(u8, usize)> {
    match rest {
        [b, ..] if (*b < 0x20 && *b != b'\n' && *b != b'\t') || *b == 0x7f => Some((*b, 1)),
        [0xc2, c, ..] if (0x80..=0x9f).contains(c) => Some((*c, 2)),
        _ => None,
    }
}

impl<W: Write> Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let (mut start, mut i) = (0, 0);
        while i < buf.len() {
            match control(&buf[i..]) {
                Some((code, len)) => {
                    self.0.write_all(&buf[start..i])?;
                    write!(self.0, "\\u{{{code:x}}}")?;
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Standard output, shown.
pub fn stdout() -> Shown<io::StdoutLock<'static>> {
    Shown(io::stdout().lock())
}

/// One line on standard error, shown (what [`say!`] writes). A terminal that is gone is
/// let go, as `eprintln!` cannot do.
pub fn err_line(args: std::fmt::Arguments<'_>) {
    let mut err = Shown(io::stderr().lock());
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}

/// `eprintln!`, with control characters shown as escapes ([`err_line`]).
macro_rules! say {
    ($($t:tt)*) => {
        $crate::shown::err_line(format_args!($($t)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        let mut out = Shown(Vec::new());
        out.write_all(text.as_bytes()).expect("write");
        String::from_utf8(out.0).expect("utf-8")
    }

    #[test]
    fn escapes_are_written_out_and_text_is_kept() {
        assert_eq!(
            shown("x\u{1b}[2J\r\u{9b}8m é\tok\n"),
            "x\\u{1b}[2J\\u{d}\\u{9b}8m é\tok\n"
        );
        assert_eq!(shown("Vigie — « vérifié »"), "Vigie — « vérifié »");
    }
}
