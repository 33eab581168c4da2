//! Normalisation of indicator and observed values, so that both sides compare equal.

/// Normalises a domain name: lowercase, no trailing dot, no leading `*.` or `.`, and
/// internationalised names in their ASCII (punycode) form. Returns `None` for a value that
/// cannot be a domain name (empty, spaces, a bare IP address is kept as is).
pub fn normalize_domain(raw: &str) -> Option<String> {
    let mut s = raw.trim();
    if let Some(rest) = s.strip_prefix("*.") {
        s = rest;
    }
    s = s.trim_start_matches('.').trim_end_matches('.');
    if s.is_empty() || s.len() > 253 || s.contains(|c: char| c.is_whitespace() || c == '/') {
        return None;
    }
    let ascii = if s.is_ascii() {
        // Fast path: names on the wire are ASCII already.
        s.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(s).ok()?
    };
    let valid = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.');
    (!ascii.is_empty() && ascii.bytes().all(valid)).then_some(ascii)
}

/// Normalises a hexadecimal hash: lowercase, without `:` or space separators.
pub fn normalize_hash(raw: &str) -> String {
    raw.trim()
        .chars()
        .filter(|c| !matches!(c, ':' | ' ' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalises a URL for comparison: lowercase scheme and host, no default port, no fragment.
/// A URL without a scheme is taken as `http://`.
pub fn normalize_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (scheme, rest) = match raw.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_owned(), raw),
    };
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = split_host_port(authority);
    let host = normalize_domain(host)?;
    let port = match (scheme.as_str(), port) {
        ("http", Some("80")) | ("https", Some("443")) | (_, None) => String::new(),
        (_, Some(p)) => format!(":{p}"),
    };
    let path = path.split('#').next().unwrap_or("/");
    let path = if path.is_empty() || path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_owned()
    };
    Some(format!("{scheme}://{host}{port}{path}"))
}

/// Host part of a URL (normalised), or `None` when there is none.
pub fn url_host(raw: &str) -> Option<String> {
    let rest = raw.trim().split_once("://").map_or(raw.trim(), |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    normalize_domain(split_host_port(authority).0)
}

fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        // [v6]:port
        return match rest.split_once(']') {
            Some((h, p)) => (h, p.strip_prefix(':')),
            None => (rest, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') && p.chars().all(|c| c.is_ascii_digit()) => (h, Some(p)),
        _ => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(
            normalize_domain("Example.COM.").as_deref(),
            Some("example.com")
        );
        assert_eq!(normalize_domain("*.evil.net").as_deref(), Some("evil.net"));
        assert_eq!(
            normalize_domain("bücher.de").as_deref(),
            Some("xn--bcher-kva.de")
        );
        assert_eq!(normalize_domain(""), None);
        assert_eq!(normalize_domain("a b.com"), None);
        assert_eq!(normalize_domain("??"), None);
    }

    #[test]
    fn hashes_and_urls() {
        assert_eq!(normalize_hash("AB:CD:ef"), "abcdef");
        for (url, normalized) in [
            ("HTTPS://Evil.Example:443/a?b#c", "https://evil.example/a?b"),
            ("evil.example", "http://evil.example/"),
            ("http://x.org:8080", "http://x.org:8080/"),
        ] {
            assert_eq!(normalize_url(url).as_deref(), Some(normalized));
        }
        assert_eq!(
            url_host("https://user@Sub.X.org:8443/p").as_deref(),
            Some("sub.x.org")
        );
    }
}
