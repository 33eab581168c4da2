//! Sessions, CSRF tokens and login rate limiting.

use rand_core::{OsRng, RngCore};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A session never lasts longer than this, active or not.
const MAX_SESSION: Duration = Duration::from_secs(12 * 3600);
/// Failed logins allowed per address within [`FAILURE_WINDOW`].
pub(crate) const MAX_FAILURES: usize = 5;
/// Window of the login rate limit.
const FAILURE_WINDOW: Duration = Duration::from_secs(300);

/// A random token (256 bits, hexadecimal).
pub(crate) fn token() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// A logged-in operator.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) operator: String,
    pub(crate) admin: bool,
    pub(crate) csrf: String,
    created: Instant,
    last_seen: Instant,
}

/// Open sessions, by token.
pub(crate) struct Sessions {
    idle: Duration,
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    pub(crate) fn new(idle: Duration) -> Self {
        Sessions {
            idle,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// Opens a session; returns its token.
    pub(crate) fn open(&self, operator: &str, admin: bool) -> String {
        let t = token();
        let now = Instant::now();
        if let Ok(mut m) = self.map.lock() {
            m.retain(|_, s| now - s.last_seen < self.idle && now - s.created < MAX_SESSION);
            m.insert(
                t.clone(),
                Session {
                    operator: operator.to_owned(),
                    admin,
                    csrf: token(),
                    created: now,
                    last_seen: now,
                },
            );
        }
        t
    }

    /// The session of a token, if still valid (its idle time restarts).
    pub(crate) fn get(&self, token: &str) -> Option<Session> {
        let now = Instant::now();
        let mut m = self.map.lock().ok()?;
        let s = m.get_mut(token)?;
        if now - s.last_seen >= self.idle || now - s.created >= MAX_SESSION {
            m.remove(token);
            return None;
        }
        s.last_seen = now;
        Some(s.clone())
    }

    /// Ends a session.
    pub(crate) fn close(&self, token: &str) {
        if let Ok(mut m) = self.map.lock() {
            m.remove(token);
        }
    }
}

/// Failed logins per client address.
#[derive(Default)]
pub(crate) struct LoginLimiter {
    failures: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// Whether this address may try again now.
    pub(crate) fn allowed(&self, ip: IpAddr) -> bool {
        let Ok(mut m) = self.failures.lock() else {
            return false;
        };
        let q = m.entry(ip).or_default();
        while q.front().is_some_and(|t| t.elapsed() >= FAILURE_WINDOW) {
            q.pop_front();
        }
        q.len() < MAX_FAILURES
    }

    /// Records a failed attempt.
    pub(crate) fn failed(&self, ip: IpAddr) {
        if let Ok(mut m) = self.failures.lock() {
            m.entry(ip).or_default().push_back(Instant::now());
        }
    }

    /// Forgets the failures of an address after a successful login.
    pub(crate) fn succeeded(&self, ip: IpAddr) {
        if let Ok(mut m) = self.failures.lock() {
            m.remove(&ip);
        }
    }
}

/// Compares secrets in constant time.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A cookie's value from a `Cookie` header.
pub(crate) fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_when_idle() {
        let s = Sessions::new(Duration::from_millis(50));
        let t = s.open("ana", true);
        assert_eq!(s.get(&t).map(|x| x.operator), Some("ana".into()));
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.get(&t).is_none());
    }

    #[test]
    fn logins_are_rate_limited_per_address() {
        let l = LoginLimiter::default();
        let ip: IpAddr = [127, 0, 0, 1].into();
        for _ in 0..MAX_FAILURES {
            assert!(l.allowed(ip));
            l.failed(ip);
        }
        assert!(!l.allowed(ip));
        assert!(l.allowed([127, 0, 0, 2].into()));
    }

    #[test]
    fn cookies_and_secrets() {
        assert_eq!(
            cookie("a=1; vigie_session=xyz; b=2", "vigie_session"),
            Some("xyz")
        );
        assert_eq!(cookie("a=1", "vigie_session"), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
