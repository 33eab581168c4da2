//! STIX 2.1 patterns: one comparison (`[domain-name:value = 'x']`) or several joined by
//! `OR`, and the indicator kind of each object path. Patterns Vigie cannot evaluate (`AND`,
//! `FOLLOWEDBY`, operators other than `=`) are errors naming what is not supported.

use crate::model::IndicatorKind;

/// One `path = 'value'` comparison of a pattern.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Comparison {
    pub(crate) path: String,
    pub(crate) value: String,
}

/// A position in a pattern being read.
struct Cursor<'p> {
    pattern: &'p str,
    at: usize,
}

impl<'p> Cursor<'p> {
    /// The byte at the position, if any.
    fn byte(&self) -> Option<u8> {
        self.pattern.as_bytes().get(self.at).copied()
    }

    /// Whether the whole pattern has been read.
    fn at_end(&self) -> bool {
        self.at >= self.pattern.len()
    }

    /// Moves past the bytes that `f` accepts.
    fn skip_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.byte().is_some_and(&f) {
            self.at += 1;
        }
    }

    /// Moves past spaces.
    fn skip_spaces(&mut self) {
        self.skip_while(|c| c.is_ascii_whitespace());
    }

    /// Moves past spaces, brackets and parentheses.
    fn skip_brackets(&mut self) {
        self.skip_while(|c| c.is_ascii_whitespace() || matches!(c, b'[' | b']' | b'(' | b')'));
    }

    /// An object path, possibly with quoted segments: `file:hashes.'SHA-256'`.
    fn path(&mut self) -> String {
        let start = self.at;
        let in_path = |c: &u8| !c.is_ascii_whitespace() && !matches!(c, b'=' | b'!' | b'<' | b'>');
        while let Some(c) = self.byte().filter(in_path) {
            if c == b'\'' {
                self.at += 1;
                self.skip_while(|c| c != b'\'');
            }
            self.at += 1;
        }
        let end = self.at.min(self.pattern.len());
        self.pattern.get(start..end).unwrap_or_default().to_owned()
    }

    /// The comparison operator, after spaces.
    fn operator(&mut self) -> &'p str {
        self.skip_spaces();
        let start = self.at;
        self.skip_while(|c| !c.is_ascii_whitespace() && c != b'\'');
        self.pattern.get(start..self.at).unwrap_or_default()
    }

    /// A quoted value, after spaces (a backslash escapes the next character).
    fn quoted(&mut self) -> Result<String, String> {
        self.skip_spaces();
        if self.byte() != Some(b'\'') {
            return Err("expected a quoted value".into());
        }
        self.at += 1;
        let mut value = String::new();
        let mut chars = self.pattern[self.at..].char_indices();
        while let Some((off, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                '\'' => {
                    self.at += off + 1;
                    return Ok(value);
                }
                _ => value.push(c),
            }
        }
        Err("unterminated value".into())
    }
}

/// Parses a STIX pattern into the comparisons joined by `OR`. Returns an error naming what is
/// not supported (other operators, `AND`, qualifiers).
pub(crate) fn parse_pattern(pattern: &str) -> Result<Vec<Comparison>, String> {
    let mut cursor = Cursor { pattern, at: 0 };
    let mut out = vec![];
    loop {
        cursor.skip_brackets();
        if cursor.at_end() {
            break;
        }
        let path = cursor.path();
        let op = cursor.operator();
        if op != "=" {
            return Err(format!("operator '{op}' is not supported"));
        }
        let value = cursor.quoted()?;
        out.push(Comparison { path, value });
        cursor.skip_brackets();
        if cursor.at_end() {
            break;
        }
        let rest = &pattern[cursor.at..];
        if let Some(r) = rest.strip_prefix("OR") {
            cursor.at = pattern.len() - r.len();
            continue;
        }
        let word: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
        return Err(format!(
            "'{word}' is not supported (only OR-combined comparisons)"
        ));
    }
    if out.is_empty() {
        return Err("empty pattern".into());
    }
    Ok(out)
}

/// Maps a STIX object path to an indicator kind.
pub(crate) fn kind_of_path(path: &str, value: &str) -> Option<IndicatorKind> {
    let p = path.to_ascii_lowercase().replace(['\'', '"'], "");
    let hash = |alg: &str| -> Option<&'static str> {
        match alg.replace('-', "").as_str() {
            "md5" => Some("md5"),
            "sha1" => Some("sha1"),
            "sha256" => Some("sha256"),
            _ => None,
        }
    };
    Some(match p.as_str() {
        "domain-name:value" => IndicatorKind::Domain,
        "url:value" => IndicatorKind::Url,
        "ipv4-addr:value" | "ipv6-addr:value" if value.contains('/') => IndicatorKind::Cidr,
        "ipv4-addr:value" => IndicatorKind::Ipv4,
        "ipv6-addr:value" => IndicatorKind::Ipv6,
        "email-addr:value" => IndicatorKind::Email,
        "process:name" => IndicatorKind::ProcessName,
        "app:id" => IndicatorKind::AppId,
        "file:name" => IndicatorKind::FileName,
        "file:path" => IndicatorKind::FilePath,
        "configuration-profile:id" => IndicatorKind::ConfigurationProfile,
        "android-property:name" => IndicatorKind::AndroidProperty,
        _ => {
            if let Some(alg) = p.strip_prefix("app:cert.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::AppCertMd5,
                    "sha1" => IndicatorKind::AppCertSha1,
                    _ => IndicatorKind::AppCertSha256,
                }
            } else if let Some(alg) = p.strip_prefix("file:hashes.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::FileMd5,
                    "sha1" => IndicatorKind::FileSha1,
                    _ => IndicatorKind::FileSha256,
                }
            } else if let Some(alg) = p.strip_prefix("x509-certificate:hashes.") {
                match hash(alg)? {
                    "md5" => IndicatorKind::X509Md5,
                    "sha1" => IndicatorKind::X509Sha1,
                    _ => IndicatorKind::X509Sha256,
                }
            } else {
                return None;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_single_and_or_patterns() {
        let one = parse_pattern("[domain-name:value = 'evil.com']").expect("valid");
        assert_eq!(
            one,
            vec![Comparison {
                path: "domain-name:value".into(),
                value: "evil.com".into()
            }]
        );
        let two = parse_pattern("[ipv4-addr:value = '1.2.3.4' OR url:value = 'http://x/\\'q']")
            .expect("valid");
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].value, "http://x/'q");
        let hash = parse_pattern("[file:hashes.'SHA-256' = 'ab']").expect("valid");
        assert_eq!(
            kind_of_path(&hash[0].path, "ab"),
            Some(IndicatorKind::FileSha256)
        );
        let split = parse_pattern("[domain-name:value = 'a.com'] OR [domain-name:value = 'b.com']")
            .expect("valid");
        assert_eq!(split.len(), 2);
    }

    #[test]
    fn rejects_what_it_cannot_evaluate() {
        assert!(parse_pattern("[a:b = 'x' AND c:d = 'y']").is_err());
        assert!(parse_pattern("[a:b LIKE 'x%']").is_err());
        assert!(parse_pattern("[a:b = 'x").is_err());
        assert!(parse_pattern("").is_err());
        assert_eq!(kind_of_path("software:name", "x"), None);
        assert_eq!(
            kind_of_path("app:cert.sha256", "x"),
            Some(IndicatorKind::AppCertSha256)
        );
        assert_eq!(
            kind_of_path("ipv4-addr:value", "1.2.0.0/16"),
            Some(IndicatorKind::Cidr)
        );
    }
}
