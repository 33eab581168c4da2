//! A small W3C WebDriver client for Debian's headless Chromium (through chromedriver), enough to
//! drive the station app as an operator does: open pages, type, click, upload, read text, and
//! take screenshots kept as test artefacts.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// WebDriver's code of the Tab key.
pub const TAB: &str = "\u{E004}";
/// WebDriver's code of the Enter key.
pub const ENTER: &str = "\u{E007}";

/// Whether the browser and its driver are installed (`.ci/run` installs them).
pub fn available() -> bool {
    Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()
}

/// Whether the browser or its driver is missing; where so, says that the test is skipped and
/// `how` to get them.
pub fn missing(how: &str) -> bool {
    let missing = !available();
    if missing {
        eprintln!("skipped: /usr/bin/chromium and /usr/bin/chromedriver are needed ({how})");
    }
    missing
}

/// `../shared/data` for a browser test, or `None` (saying why) where the browser, its driver
/// (see [`missing`]) or the shared data is missing.
pub fn shared_for_browser(how: &str) -> Option<PathBuf> {
    if missing(how) {
        return None;
    }
    super::shared()
}

/// Asks `probe` every `every_ms` until it answers, for up to `secs`; then panics with `why()`.
fn wait_for<T>(
    secs: u64,
    every_ms: u64,
    mut probe: impl FnMut() -> Option<T>,
    why: impl Fn() -> String,
) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(Instant::now() < deadline, "{}", why());
        std::thread::sleep(Duration::from_millis(every_ms));
    }
}

/// One headless Chromium session; the browser and the driver end when dropped.
pub struct Browser {
    driver: Child,
    addr: String,
    session: String,
    profile: PathBuf,
    artefacts: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = call(
            &self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// One HTTP/1.1 exchange with chromedriver; returns the status and the JSON body.
fn call(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<(u16, Value)> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        payload.len()
    );
    if body.is_some() {
        head.push_str("Content-Type: application/json; charset=utf-8\r\n");
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes())?;
    s.write_all(payload.as_bytes())?;
    // chromedriver keeps connections open: read the headers, then exactly the body.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16384];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = s.read(&mut buf)?;
        if n == 0 {
            return Err(std::io::Error::other(
                "connection closed before the headers",
            ));
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let length: Option<usize> = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok());
    let mut body = raw[split + 4..].to_vec();
    match length {
        Some(len) => {
            while body.len() < len {
                let n = s.read(&mut buf)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut body)?;
            if head.contains("transfer-encoding: chunked") {
                body = super::station::dechunk(&body);
            }
        }
    }
    let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    Ok((status, value))
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with an empty profile; screenshots go to
    /// `target/artefacts/`.
    pub fn start(name: &str) -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver");
        let addr = format!("127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while call(&addr, "GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile =
            std::env::temp_dir().join(format!("vigie-chromium-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        // The flags that keep Chromium quiet on a machine with no outside network.
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--window-size=1200,900".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let (status, v) = call(&addr, "POST", "/session", Some(&caps)).expect("new session");
        assert_eq!(status, 200, "new session: {v}");
        let session = v["value"]["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        let artefacts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/artefacts");
        std::fs::create_dir_all(&artefacts).expect("artefacts dir");
        Browser {
            driver,
            addr,
            session,
            profile,
            artefacts,
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{path}", self.session);
        let (status, v) = call(&self.addr, method, &full, body.as_ref()).expect("webdriver call");
        assert_eq!(status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    /// Opens a URL and waits for the page to load.
    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    /// The current page's address.
    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The text a script in the page returns (empty where it returns no text).
    pub fn script_text(&self, script: &str) -> String {
        self.script(script).as_str().unwrap_or_default().to_owned()
    }

    /// The page's whole HTML.
    pub fn html(&self) -> String {
        self.script_text("return document.documentElement.outerHTML;")
    }

    /// Waits up to 10 s for the address to satisfy `want` (a click's navigation may still run).
    pub fn wait_url(&self, what: &str, want: impl Fn(&str) -> bool) -> String {
        wait_for(
            10,
            50,
            || Some(self.url()).filter(|u| want(u)),
            || format!("never {what}: still {}:\n{}", self.url(), self.text()),
        )
    }

    /// Runs a script in the page and returns its result.
    pub fn script(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Runs a script that calls its last argument back with its result, and returns that result.
    pub fn script_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Presses and lets go of one key, as a keyboard does (`key` is a character or one of
    /// WebDriver's codes, such as [`TAB`] and [`ENTER`]), for the element that has the focus.
    pub fn press(&self, key: &str) {
        let keys = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.cmd("POST", "/actions", Some(keys));
    }

    /// Types text with the keyboard into the element that has the focus.
    pub fn keys(&self, text: &str) {
        for c in text.chars() {
            self.press(&c.to_string());
        }
    }

    /// What has the keyboard's focus: its id, or else its tag and class (`a.skip`).
    pub fn focused(&self) -> String {
        self.script_text(
            "const e = document.activeElement; return e.id || (e.tagName.toLowerCase() + '.' + e.className);",
        )
    }

    /// The element that a CSS selector designates, waiting up to 10 s for it.
    pub fn find(&self, css: &str) -> String {
        let full = format!("/session/{}/element", self.session);
        let body = json!({ "using": "css selector", "value": css });
        wait_for(
            10,
            100,
            || match call(&self.addr, "POST", &full, Some(&body)) {
                Ok((200, v)) => v["value"][ELEMENT].as_str().map(str::to_owned),
                _ => None,
            },
            || format!("no element {css} on {}", self.url()),
        )
    }

    /// Types text into the element a CSS selector designates (for a file input: a path).
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.cmd("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Attaches files to a file input (the browser wants canonical paths).
    pub fn attach(&self, css: &str, files: &[&Path]) {
        let id = self.find(css);
        let text = files
            .iter()
            .map(|f| {
                f.canonicalize()
                    .expect("file to attach")
                    .display()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Clicks the element a CSS selector designates.
    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// The visible text of the whole page.
    pub fn text(&self) -> String {
        self.script_text("return document.body.innerText;")
    }

    /// The page's `lang` attribute.
    pub fn lang(&self) -> String {
        self.script_text("return document.documentElement.lang;")
    }

    /// Waits up to `secs` for the page's visible text to contain `needle`.
    pub fn wait_text(&self, needle: &str, secs: u64) -> String {
        wait_for(
            secs,
            100,
            || Some(self.text()).filter(|t| t.contains(needle)),
            || {
                let t = self.text();
                format!("{needle:?} never appeared on {}:\n{t}", self.url())
            },
        )
    }

    /// On the setup page: creates the administrator, then logs in as it (ends on /check, the
    /// home page).
    pub fn create_admin_and_login(&self) {
        for (form, next) in [("/setup", "/login"), ("/login", "/check")] {
            self.wait_url(form, |u| u.ends_with(form));
            self.type_into("#name", "admin");
            self.type_into("#password", "correct horse battery");
            self.click("#submit");
            self.wait_url(next, |u| u.ends_with(next));
        }
    }

    /// From the station's setup page: creates the administrator, logs in, switches the app to
    /// English and opens case `reference` (ends on its page).
    pub fn open_case_in_english(&self, base: &str, reference: &str) {
        self.goto(&format!("{base}/setup"));
        self.create_admin_and_login();
        self.click("#lang");
        self.wait_text("Cases", 5);
        self.goto(&format!("{base}/cases"));
        self.type_into("#reference", reference);
        self.click("#new-case");
        let page = format!("/cases/{reference}");
        self.wait_url("the case", |u| u.contains(&page));
    }

    /// On a check's result screen: opens its details and returns the page's text.
    pub fn result_details(&self) -> String {
        self.click("#result-details summary");
        self.text()
    }

    /// Gives the page a viewport of `width`×`height` (the window's frame added around it).
    pub fn viewport(&self, width: i64, height: i64) {
        let rect = |w: i64, h: i64| {
            self.cmd(
                "POST",
                "/window/rect",
                Some(json!({"width": w, "height": h})),
            );
        };
        rect(width, height);
        let inner = self.script("return [window.innerWidth, window.innerHeight];");
        let (w, h) = (inner[0].as_i64(), inner[1].as_i64());
        if let (Some(w), Some(h)) = (w, h) {
            rect(2 * width - w, 2 * height - h);
        }
    }

    /// Saves the page as a station's touchscreen (1024×600) and a laptop (1280×800) show it,
    /// as `<name>-1024.png` and `<name>-1280.png`; the viewport is left at 1280×800.
    pub fn screenshots(&self, name: &str) {
        for (w, h) in [(1024, 600), (1280, 800)] {
            self.viewport(w, h);
            self.screenshot(&format!("{name}-{w}"));
        }
    }

    /// Saves a PNG screenshot as `target/artefacts/<name>.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = decode_base64(b64.as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let path = self.artefacts.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }
}

/// Standard base64 (WebDriver screenshots), without a dependency for one test.
fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let digits: Vec<u32> = s.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for group in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in group.iter().enumerate() {
            n |= d << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..group.len().saturating_sub(1)]);
    }
    out
}
