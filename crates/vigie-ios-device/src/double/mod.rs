//! A test double: a fake usbmuxd with one fake iPhone behind it, speaking the real protocols
//! over a local Unix socket (usbmuxd framing and pairing records, lockdown with pairing and
//! TLS sessions pinned to the pairing's certificates, the installation proxy, the profile
//! service, the sync lock's notification proxy and AFC, and mobilebackup2's DeviceLink
//! messages with file uploads). It records every request, so tests can prove the check
//! only reads.
//!
//! A test describes the phone ([`FakeIphone`]), starts [`FakeUsbmuxd`] with it, and points
//! the client at its address; a backup can be received into a [`MemorySink`].

mod backup;
mod lockdown;
mod phone;
mod services;
mod sink;
mod state;
mod usbmuxd;

pub use phone::{app, FakeIphone, LockFile, TrustAnswer};
pub use sink::MemorySink;

use crate::pairing::device_key;
use crate::usbmux::UsbmuxAddress;
use state::{Shared, State};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the phone gives at pairing, and wants back to start the backup service.
const ESCROW_BAG: &[u8] = b"fake escrow bag";

/// Requests that only read (by their beginning): usbmuxd's, lockdown's values, pairing,
/// sessions, and starting services.
const READS: &[&str] = &[
    "usbmuxd:",
    "lockdown:QueryType",
    "lockdown:GetValue",
    "lockdown:Pair:",
    "lockdown:StartSession",
    "lockdown:StartService",
];

/// Requests that only read, or only pass the sync lock's signals: listing apps and
/// profiles, a backup, the sync notifications, the lock file opened read-only, locked and
/// let go.
const READ_ONLY_REQUESTS: &[&str] = &[
    "installation_proxy:Browse",
    "profiles:GetProfileList",
    "mobilebackup2:Hello",
    "mobilebackup2:Backup",
    "notification_proxy:com.apple.itunes-mobdev.syncWillStart",
    "notification_proxy:com.apple.itunes-mobdev.syncLockRequest",
    "notification_proxy:com.apple.itunes-mobdev.syncDidStart",
    "notification_proxy:com.apple.itunes-mobdev.syncDidFinish",
    "notification_proxy:Shutdown",
    "afc:open /com.apple.itunes.lock_sync read-only",
    "afc:lock exclusive",
    "afc:unlock",
    "afc:close",
];

/// A running fake usbmuxd.
pub struct FakeUsbmuxd {
    /// Its socket.
    path: PathBuf,
    /// What it and the phone share across connections.
    state: Shared,
}

impl FakeUsbmuxd {
    /// Starts a fake usbmuxd on a socket in `dir`, with `phone` plugged in.
    pub fn start(dir: &Path, phone: FakeIphone) -> std::io::Result<FakeUsbmuxd> {
        let path = dir.join("usbmuxd.sock");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path)?;
        let (key, public) = device_key().map_err(|e| std::io::Error::other(e.to_string()))?;
        let pending = match phone.trust {
            TrustAnswer::TrustAfter(n) => n,
            _ => 0,
        };
        let state = Arc::new(Mutex::new(State {
            phone: Some(phone),
            device_key: key,
            device_public: public,
            escrow: ESCROW_BAG.to_vec(),
            pending,
            ..State::default()
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { break };
                let s = shared.clone();
                std::thread::spawn(move || {
                    let _ = usbmuxd::serve_usbmux(Box::new(conn), &s);
                });
            }
        });
        Ok(FakeUsbmuxd { path, state })
    }

    /// Where it listens.
    pub fn address(&self) -> UsbmuxAddress {
        UsbmuxAddress::Unix(self.path.clone())
    }

    /// The value for `USBMUXD_SOCKET_ADDRESS`.
    pub fn env_value(&self) -> String {
        format!("UNIX:{}", self.path.display())
    }

    /// Every request the phone and usbmuxd received, in order.
    pub fn log(&self) -> Vec<String> {
        self.state.lock().map(|s| s.log.clone()).unwrap_or_default()
    }

    /// Requests the phone received that are not reads (values, pairing, sessions, starting
    /// the read services, listing apps and profiles, a backup) nor the sync lock's passing
    /// signals (notifications, the lock file opened read-only, locked and let go).
    pub fn requests_beyond_reads(&self) -> Vec<String> {
        self.log()
            .into_iter()
            .filter(|l| {
                !READS.iter().any(|p| l.starts_with(p)) && !READ_ONLY_REQUESTS.contains(&l.as_str())
            })
            .collect()
    }

    /// Forgets every pairing on the phone (as "Reset Location & Privacy" does).
    pub fn forget_pairings(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.trusted.clear();
        }
    }
}

impl std::fmt::Debug for FakeUsbmuxd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeUsbmuxd")
            .field("path", &self.path)
            .finish()
    }
}
