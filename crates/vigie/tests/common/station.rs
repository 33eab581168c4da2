//! A running `vigie serve` for tests, and a small HTTP/1.1 client (cookies, forms, uploads).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::Vigie;

/// A station app process on a free loopback port; killed when dropped.
pub struct Station {
    pub child: Child,
    pub base: String,
    pub addr: String,
    pub data: PathBuf,
}

impl Drop for Station {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub const PASSPHRASE: &str = "station test passphrase";

impl Station {
    /// Starts `vigie serve` with feeds imported from `../shared` (Echap) when given.
    pub fn start(name: &str, feeds: Option<&Path>) -> Station {
        Station::start_with_env(name, feeds, &[])
    }

    /// As [`Station::start`], with environment variables for the server (e.g. the adb
    /// server's address).
    pub fn start_with_env(name: &str, feeds: Option<&Path>, env: &[(&str, &str)]) -> Station {
        Station::start_in_env(super::fresh_dir(&format!("station-{name}")), feeds, env)
    }

    /// Starts `vigie serve` on an existing, empty data folder.
    pub fn start_in(data: PathBuf, feeds: Option<&Path>) -> Station {
        Station::start_in_env(data, feeds, &[])
    }

    /// Starts `vigie serve` on a data folder whose case file has its own passphrase.
    pub fn start_on(data: PathBuf, passphrase: &str) -> Station {
        Station::start_in_env(data, None, &[("VIGIE_PASSPHRASE", passphrase)])
    }

    fn start_in_env(data: PathBuf, feeds: Option<&Path>, env: &[(&str, &str)]) -> Station {
        if let Some(f) = feeds {
            super::assert_ok(&Vigie::at(&data).run(&["iocs", "import", super::arg(f)]));
        }
        let vigie = env
            .iter()
            .fold(Vigie::at(&data).lang("en"), |v, (k, val)| v.env(k, val));
        Station::spawn(&vigie, data)
    }

    /// Starts `vigie serve` with no passphrase at all (as a service at boot): the app asks
    /// for it on its unlock page.
    pub fn start_locked(data: PathBuf) -> Station {
        let vigie = Vigie::new()
            .data_dir(&data)
            .passphrase(None)
            .no_stdin()
            .lang("en");
        Station::spawn(&vigie, data)
    }

    fn spawn(vigie: &Vigie, data: PathBuf) -> Station {
        let mut child = vigie
            .command(&["serve", "--listen", "127.0.0.1:0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("serve");
        let mut err = BufReader::new(child.stderr.take().expect("stderr"));
        let mut base = None;
        let mut said = String::new();
        while base.is_none() {
            let mut line = String::new();
            if err.read_line(&mut line).expect("a line") == 0 {
                panic!("no address in {said:?}");
            }
            base = line
                .split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(|w| w.trim_end_matches('/').to_owned());
            said.push_str(&line);
        }
        let base = base.unwrap_or_default();
        // Keep draining stderr so the server never blocks on it.
        std::thread::spawn(move || {
            let mut sink = String::new();
            let _ = err.read_to_string(&mut sink);
        });
        let addr = base.trim_start_matches("http://").to_owned();
        Station {
            child,
            base,
            addr,
            data,
        }
    }
}

/// One HTTP response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's bytes (downloads).
    pub raw: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A browser-like client: keeps cookies.
#[derive(Default)]
pub struct Client {
    pub cookies: Vec<(String, String)>,
}

impl Client {
    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn request(
        &mut self,
        addr: &str,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
        extra: &[(&str, &str)],
    ) -> Resp {
        let mut s = TcpStream::connect(addr).expect("connect");
        // The station's address as the Host, unless the test names another.
        let host = extra
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("host"))
            .map_or(addr, |(_, v)| *v);
        let extra: Vec<_> = extra
            .iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("host"))
            .collect();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        if let Some(ct) = content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        if !self.cookies.is_empty() {
            head.push_str(&format!("Cookie: {}\r\n", self.cookie_header()));
        }
        for (k, v) in extra {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).expect("send");
        s.write_all(body).expect("send body");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status: u16 = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|c| c.parse().ok())
            .expect("status");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        for (k, v) in &headers {
            if k.eq_ignore_ascii_case("set-cookie") {
                if let Some((name, value)) = v.split(';').next().and_then(|kv| kv.split_once('=')) {
                    self.cookies.retain(|(n, _)| n != name);
                    if !value.is_empty() {
                        self.cookies.push((name.to_owned(), value.to_owned()));
                    }
                }
            }
        }
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            raw: body,
        }
    }

    pub fn get(&mut self, addr: &str, path: &str) -> Resp {
        self.request(addr, "GET", path, None, b"", &[])
    }

    pub fn post_form(&mut self, addr: &str, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.request(
            addr,
            "POST",
            path,
            Some("application/x-www-form-urlencoded"),
            body.as_bytes(),
            &[],
        )
    }

    /// Posts a form of the pages used before signing in (first start, login, unlock) as a
    /// browser does: with the token of the page's form and its cookie.
    pub fn post_guest(&mut self, addr: &str, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.guest_token(addr, path);
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(addr, path, &all)
    }

    /// The token of the forms used before signing in, from the page at `path` (or the one
    /// it leads to); its cookie is kept.
    pub fn guest_token(&mut self, addr: &str, path: &str) -> String {
        let r = self.get(addr, path);
        match r.header("location").map(str::to_owned) {
            Some(next) => csrf(&self.get(addr, &next).body),
            None => csrf(&r.body),
        }
    }

    pub fn post_files(&mut self, addr: &str, path: &str, files: &[(&str, Vec<u8>)]) -> Resp {
        let boundary = "vigieTestBoundary7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, content) in files {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        self.request(
            addr,
            "POST",
            path,
            Some(&format!("multipart/form-data; boundary={boundary}")),
            &body,
            &[],
        )
    }
}

pub fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[(eol + 4 + size).min(b.len())..];
    }
    out
}

/// Percent-encoding for forms and paths.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The CSRF token in a page.
pub fn csrf(page: &str) -> String {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("csrf token in page")
        .to_owned()
}

/// Creates the administrator and logs in; returns the client.
pub fn admin(st: &Station) -> Client {
    let mut c = Client::default();
    let r = c.post_guest(
        &st.addr,
        "/setup",
        &[("name", "admin"), ("password", "correct horse battery")],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let r = c.post_guest(
        &st.addr,
        "/login",
        &[("name", "admin"), ("password", "correct horse battery")],
    );
    assert_eq!((r.status, r.header("location")), (303, Some("/check")));
    c
}

/// The administrator, logged in, with case `reference` opened: the client and its CSRF token.
pub fn admin_with_case(st: &Station, reference: &str) -> (Client, String) {
    let mut c = admin(st);
    let token = csrf(&c.get(&st.addr, "/cases").body);
    c.post_form(
        &st.addr,
        "/cases",
        &[("csrf", &token), ("reference", reference)],
    );
    (c, token)
}

/// A veth pair made for the test, with a static neighbour so that packets to `peer` leave
/// through it at once; removed when dropped.
pub struct TestLink {
    pub name: String,
    pub address: Ipv4Addr,
    pub peer: Ipv4Addr,
}

impl TestLink {
    /// Makes `{tag}{n}a` (and its peer `{tag}{n}b`) with 10.`net`.n.1/24; `None` without
    /// the rights to (root).
    pub fn create(tag: &str, net: u8) -> Option<TestLink> {
        let n = std::process::id() % 200 + 20;
        let name = format!("{tag}{n}a");
        let address = Ipv4Addr::new(10, net, n as u8, 1);
        let peer = Ipv4Addr::new(10, net, n as u8, 2);
        let ip = |args: &[&str]| {
            Command::new("ip")
                .args(args)
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        ip(&["link", "del", &name]);
        let other = format!("{tag}{n}b");
        let ok = ip(&["link", "add", &name, "type", "veth", "peer", "name", &other])
            && ip(&["link", "set", &other, "up"])
            && ip(&["link", "set", &name, "up"])
            && ip(&["addr", "add", &format!("{address}/24"), "dev", &name])
            && ip(&[
                "neigh",
                "replace",
                &peer.to_string(),
                "lladdr",
                "02:00:00:00:4e:02",
                "dev",
                &name,
            ]);
        let link = TestLink {
            name,
            address,
            peer,
        };
        ok.then_some(link)
    }
}

impl Drop for TestLink {
    fn drop(&mut self) {
        let _ = Command::new("ip")
            .args(["link", "del", &self.name])
            .stderr(Stdio::null())
            .status();
    }
}
