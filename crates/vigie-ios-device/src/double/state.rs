//! What the fake usbmuxd and phone share across their connections: the phone, its keys,
//! the pairings it trusts and the records usbmuxd keeps, the services started, and the log
//! of every request.

use super::phone::FakeIphone;
use crate::error::DeviceError;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// The state of the fake usbmuxd and its phone.
#[derive(Default)]
pub(crate) struct State {
    /// The phone plugged in.
    pub(crate) phone: Option<FakeIphone>,
    /// The phone's private key (PKCS#8 DER).
    pub(crate) device_key: Vec<u8>,
    /// The phone's public key (PKCS#1 PEM), as lockdown gives it.
    pub(crate) device_public: Vec<u8>,
    /// Pairings the phone knows: host id → (host certificate, device certificate), DER.
    pub(crate) trusted: BTreeMap<String, (Vec<u8>, Vec<u8>)>,
    /// Pairing records usbmuxd keeps, by UDID.
    pub(crate) records: BTreeMap<String, Vec<u8>>,
    /// Services started: port → (name, host id).
    pub(crate) services: BTreeMap<u16, (String, String)>,
    /// The escrow bag the phone gives at pairing and wants back to start the backup service.
    pub(crate) escrow: Vec<u8>,
    /// How many more times the phone answers that pairing waits for the person.
    pub(crate) pending: u32,
    /// Every request received, in order.
    pub(crate) log: Vec<String>,
    /// Whether Vigie holds the sync lock.
    pub(crate) lock_held: bool,
}

/// The state, shared by the connections' threads.
pub(crate) type Shared = Arc<Mutex<State>>;

/// The state, locked (an error when a thread panicked while holding it).
pub(crate) fn locked(state: &Shared) -> Result<MutexGuard<'_, State>, DeviceError> {
    state.lock().map_err(|_| DeviceError::Io("state".into()))
}

/// Notes a request in the log.
pub(crate) fn note(state: &Shared, what: String) {
    if let Ok(mut s) = state.lock() {
        s.log.push(what);
    }
}

/// The phone plugged in, if any.
pub(crate) fn phone(state: &Shared) -> Option<FakeIphone> {
    state.lock().ok().and_then(|s| s.phone.clone())
}
