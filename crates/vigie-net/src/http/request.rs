//! HTTP/1.x request heads: method, target, Host and User-Agent.

/// An HTTP request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Request {
    /// Method (GET, POST, ...).
    pub method: String,
    /// Request target as sent.
    pub target: String,
    /// Host header, if any.
    pub host: Option<String>,
    /// User-Agent header, if any.
    pub user_agent: Option<String>,
    /// Content-Length, if any.
    pub content_length: Option<u64>,
    /// Length of the head in bytes (request line and headers).
    pub head_len: usize,
}

const METHODS: &[&[u8]] = &[
    b"GET ",
    b"POST ",
    b"PUT ",
    b"HEAD ",
    b"DELETE ",
    b"OPTIONS ",
    b"PATCH ",
    b"CONNECT ",
    b"TRACE ",
    b"PROPFIND ",
];

/// True when `data` starts like an HTTP request.
pub(super) fn looks_like_request(data: &[u8]) -> bool {
    METHODS.iter().any(|m| data.starts_with(m))
}

/// The bytes are not an HTTP/1.x request head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NotHttp;

/// Parses a request head at the start of `data`. `Ok(None)` when more bytes are needed.
pub(super) fn parse_request(data: &[u8]) -> Result<Option<Request>, NotHttp> {
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(data) {
        Ok(httparse::Status::Complete(head_len)) => {
            let find = |name: &str| {
                req.headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case(name))
                    .map(|h| String::from_utf8_lossy(h.value).trim().to_owned())
            };
            Ok(Some(Request {
                method: req.method.unwrap_or_default().to_owned(),
                target: req.path.unwrap_or_default().to_owned(),
                host: find("host"),
                user_agent: find("user-agent"),
                content_length: find("content-length").and_then(|v| v.parse().ok()),
                head_len,
            }))
        }
        Ok(httparse::Status::Partial) => Ok(None),
        Err(_) => Err(NotHttp),
    }
}

impl Request {
    /// The host without a port.
    pub(super) fn host_name(&self) -> Option<&str> {
        let h = self.host.as_deref()?;
        if let Some(rest) = h.strip_prefix('[') {
            return rest.split(']').next();
        }
        Some(
            h.rsplit_once(':')
                .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
                .map_or(h, |(n, _)| n),
        )
    }

    /// The full URL (`http://host/target`), when the host is known.
    pub(super) fn url(&self) -> Option<String> {
        if self.target.starts_with("http://") || self.target.starts_with("https://") {
            return Some(self.target.clone());
        }
        Some(format!("http://{}{}", self.host.as_deref()?, self.target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_heads() {
        let r = parse_request(b"POST /up?x=1 HTTP/1.1\r\nHost: Spy.example:8080\r\nUser-Agent: okhttp/4\r\nContent-Length: 12\r\n\r\nbody")
            .expect("valid")
            .expect("complete");
        assert_eq!(r.method, "POST");
        assert_eq!(r.host_name(), Some("Spy.example"));
        assert_eq!(r.url().as_deref(), Some("http://Spy.example:8080/up?x=1"));
        assert_eq!(r.content_length, Some(12));
        assert_eq!(parse_request(b"GET / HTTP/1.1\r\nHost: a"), Ok(None));
        assert!(parse_request(b"GET / HTTP/1.1\r\n\x00\r\n\r\n").is_err());
        assert!(looks_like_request(b"GET /"));
    }
}
