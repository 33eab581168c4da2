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
/// Longest operator name (longer ones are refused at login and when an account is made).
pub(crate) const MAX_NAME_CHARS: usize = 64;
/// Longest password read (Argon2 reads every byte of it).
pub(crate) const MAX_PASSWORD_BYTES: usize = 1024;

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

/// Failed attempts per key (an address, an account) within [`FAILURE_WINDOW`].
struct Failures<K>(Mutex<HashMap<K, VecDeque<Instant>>>);

impl<K: std::hash::Hash + Eq> Default for Failures<K> {
    fn default() -> Self {
        Failures(Mutex::new(HashMap::new()))
    }
}

impl<K: std::hash::Hash + Eq> Failures<K> {
    /// Whether `key` has failed fewer than [`MAX_FAILURES`] times in the window.
    fn allowed(&self, key: &K) -> bool {
        let Ok(mut m) = self.0.lock() else {
            return false;
        };
        let Some(q) = m.get_mut(key) else {
            return true;
        };
        while q.front().is_some_and(|t| t.elapsed() >= FAILURE_WINDOW) {
            q.pop_front();
        }
        q.len() < MAX_FAILURES
    }

    /// Records a failure of `key`; keys whose failures are all past the window are dropped.
    fn failed(&self, key: K) {
        if let Ok(mut m) = self.0.lock() {
            m.retain(|_, q| q.back().is_some_and(|t| t.elapsed() < FAILURE_WINDOW));
            m.entry(key).or_default().push_back(Instant::now());
        }
    }

    /// Forgets the failures of `key`.
    fn clear(&self, key: &K) {
        if let Ok(mut m) = self.0.lock() {
            m.remove(key);
        }
    }
}

/// Failed logins per client address and per account: five in five minutes from one
/// address, or on one account from any number of addresses, and that address or account
/// waits until the oldest is five minutes old (never longer: the real operator gets in
/// again).
#[derive(Default)]
pub(crate) struct LoginLimiter {
    by_address: Failures<IpAddr>,
    by_account: Failures<String>,
}

/// The account a typed name stands for, as the limiter counts it.
fn account_key(name: &str) -> String {
    name.trim()
        .chars()
        .take(MAX_NAME_CHARS)
        .flat_map(char::to_lowercase)
        .collect()
}

impl LoginLimiter {
    /// Whether this address may try this account now.
    pub(crate) fn allowed(&self, ip: IpAddr, name: &str) -> bool {
        self.by_address.allowed(&ip) && self.by_account.allowed(&account_key(name))
    }

    /// Records a failed attempt.
    pub(crate) fn failed(&self, ip: IpAddr, name: &str) {
        self.by_address.failed(ip);
        self.by_account.failed(account_key(name));
    }

    /// Forgets the failures of an address and an account after a successful login.
    pub(crate) fn succeeded(&self, ip: IpAddr, name: &str) {
        self.by_address.clear(&ip);
        self.by_account.clear(&account_key(name));
    }
}

/// Password hashes computed at once: each Argon2id takes 19 MiB and a core for tens of
/// milliseconds, and logins are open to anyone who reaches the station.
const HASHING_AT_ONCE: usize = 2;
/// How long a login waits for its turn before the station says it is busy.
const HASHING_WAIT: Duration = Duration::from_secs(5);

/// The turns for hashing a password: at most [`HASHING_AT_ONCE`] at a time, the others
/// waiting (a few bytes each) up to [`HASHING_WAIT`].
pub(crate) struct PasswordTurns {
    turns: tokio::sync::Semaphore,
    wait: Duration,
}

impl Default for PasswordTurns {
    fn default() -> Self {
        PasswordTurns::new(HASHING_AT_ONCE, HASHING_WAIT)
    }
}

impl PasswordTurns {
    /// `at_once` turns, each waited for at most `wait`.
    fn new(at_once: usize, wait: Duration) -> Self {
        PasswordTurns {
            turns: tokio::sync::Semaphore::new(at_once),
            wait,
        }
    }

    /// A turn, held while the password is hashed; `None` when the station stayed busy.
    pub(crate) async fn wait(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        tokio::time::timeout(self.wait, self.turns.acquire())
            .await
            .ok()?
            .ok()
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
        for n in 0..MAX_FAILURES {
            assert!(l.allowed(ip, &format!("name{n}")));
            l.failed(ip, &format!("name{n}"));
        }
        assert!(!l.allowed(ip, "ana"));
        assert!(l.allowed([127, 0, 0, 2].into(), "ana"));
    }

    #[test]
    fn a_spread_of_addresses_cannot_try_one_account_more() {
        let l = LoginLimiter::default();
        for n in 0..MAX_FAILURES as u8 {
            let ip: IpAddr = [10, 0, 0, n].into();
            assert!(l.allowed(ip, "Ana"));
            l.failed(ip, "Ana");
        }
        assert!(!l.allowed([10, 0, 1, 1].into(), " ana "));
        assert!(l.allowed([10, 0, 1, 1].into(), "bea"));
        // The real operator, once in, clears the account's count.
        l.succeeded([10, 0, 1, 2].into(), "ana");
        assert!(l.allowed([10, 0, 1, 1].into(), "ana"));
    }

    #[test]
    fn only_a_few_passwords_are_hashed_at_once() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let turns = PasswordTurns::new(2, Duration::from_millis(50));
            let first = turns.wait().await;
            let second = turns.wait().await;
            assert!(first.is_some() && second.is_some());
            assert!(
                turns.wait().await.is_none(),
                "a third waits, then is told busy"
            );
            drop(first);
            assert!(turns.wait().await.is_some(), "a turn given back is taken");
        });
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
