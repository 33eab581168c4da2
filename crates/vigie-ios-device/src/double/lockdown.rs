//! The fake phone's lockdown service: its values, pairing (as the person on the phone
//! answers it), sessions over TLS with the pairing's certificates, and starting services.

use super::phone::{FakeIphone, TrustAnswer};
use super::state::{locked, note, Shared, State};
use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use crate::pairing::pem_to_der;
use crate::services::{INSTALLATION_PROXY, MOBILEBACKUP2, PROFILES};
use crate::sync::{AFC, NOTIFICATION_PROXY};
use plist::Value;

/// The services the fake phone starts.
const SERVICES: [&str; 5] = [
    INSTALLATION_PROXY,
    PROFILES,
    MOBILEBACKUP2,
    NOTIFICATION_PROXY,
    AFC,
];
/// The first port a service is started on.
const FIRST_SERVICE_PORT: u16 = 49_152;

/// An error answer.
pub(super) fn error(e: &str) -> Value {
    dict([("Error", Value::String(e.into()))])
}

/// A lockdown request.
struct Request {
    /// What it asks (`GetValue`, `Pair`, ...).
    name: String,
    /// Its fields.
    fields: plist::Dictionary,
}

impl Request {
    /// A text field.
    fn text(&self, key: &str) -> Option<String> {
        self.fields
            .get(key)
            .and_then(Value::as_string)
            .map(str::to_owned)
    }
}

/// Serves lockdown until the client closes the connection; a session turns it to TLS.
pub(super) fn serve_lockdown(
    mut stream: BoxStream,
    state: &Shared,
    p: &FakeIphone,
) -> Result<(), DeviceError> {
    let mut session: Option<String> = None;
    while let Ok(req) = framing::receive(&mut stream) {
        let req = Request {
            name: framing::text(&req, "Request").unwrap_or_default(),
            fields: req.as_dictionary().cloned().unwrap_or_default(),
        };
        let what = req.text("Key").or_else(|| req.text("Service"));
        note(
            state,
            format!(
                "lockdown:{}:{}:{}",
                req.name,
                req.text("Domain").unwrap_or_default(),
                what.unwrap_or_default()
            ),
        );
        let reply = match req.name.as_str() {
            "QueryType" => dict([("Type", Value::String("com.apple.mobile.lockdown".into()))]),
            "GetValue" => get_value(state, p, &req, session.is_some()),
            "Pair" => pair(state, p, &req.fields),
            "StartSession" => {
                let host = req.text("HostID").unwrap_or_default();
                match trusted(state, &host) {
                    None => error("InvalidHostID"),
                    Some(pairing) => {
                        stream = start_session(stream, state, pairing)?;
                        session = Some(host);
                        continue;
                    }
                }
            }
            "StartService" => match &session {
                None => error("NoRunningSession"),
                Some(host) => start_service(&mut *locked(state)?, &req, host),
            },
            _ => error("UnsupportedRequest"),
        };
        framing::send(&mut stream, &reply)?;
    }
    Ok(())
}

/// A value of the phone, or all of them in a session.
fn get_value(state: &Shared, p: &FakeIphone, req: &Request, in_session: bool) -> Value {
    match (req.text("Domain").as_deref(), req.text("Key")) {
        (Some("com.apple.mobile.backup"), Some(k)) if k == "WillEncrypt" => {
            dict([("Value", Value::Boolean(p.encrypts_backups))])
        }
        (None, Some(k)) if k == "DevicePublicKey" => {
            let public = state
                .lock()
                .map(|s| s.device_public.clone())
                .unwrap_or_default();
            dict([("Value", Value::Data(public))])
        }
        (None, Some(k)) => match p.values.get(&k) {
            Some(v) => dict([("Value", v.clone())]),
            None => error("MissingValue"),
        },
        (None, None) if in_session => {
            let all = p.values.clone().into_iter().collect();
            dict([("Value", Value::Dictionary(all))])
        }
        _ => error("MissingValue"),
    }
}

/// The pairing the phone keeps with `host`, if it trusts it: the host's certificate and
/// its own, DER.
fn trusted(state: &Shared, host: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    state.lock().ok()?.trusted.get(host).cloned()
}

/// Starts a session: the answer, then TLS with the pairing's certificates.
fn start_session(
    mut stream: BoxStream,
    state: &Shared,
    (host_cert, device_cert): (Vec<u8>, Vec<u8>),
) -> Result<BoxStream, DeviceError> {
    framing::send(
        &mut stream,
        &dict([
            ("SessionID", Value::String("FAKE-SESSION".into())),
            ("EnableSessionSSL", Value::Boolean(true)),
        ]),
    )?;
    let key = state
        .lock()
        .map(|s| s.device_key.clone())
        .unwrap_or_default();
    crate::tls::server(stream, device_cert, key, host_cert)
}

/// Starts a service for `host` on the next port: the backup service only with the escrow
/// bag given at pairing; the file and notification services without TLS, as on a phone.
fn start_service(s: &mut State, req: &Request, host: &str) -> Value {
    let service = req.text("Service").unwrap_or_default();
    let escrow = req.fields.get("EscrowBag").and_then(Value::as_data);
    if !SERVICES.contains(&service.as_str()) {
        return error("InvalidService");
    }
    if service == MOBILEBACKUP2 && escrow != Some(s.escrow.as_slice()) {
        return error("EscrowLocked");
    }
    let port = FIRST_SERVICE_PORT + u16::try_from(s.services.len()).unwrap_or(0);
    s.services.insert(port, (service.clone(), host.to_owned()));
    let ssl = !matches!(service.as_str(), AFC | NOTIFICATION_PROXY);
    dict([
        ("Port", Value::Integer(port.into())),
        ("EnableServiceSSL", Value::Boolean(ssl)),
        ("Service", Value::String(service)),
    ])
}

/// Pairs, as the person on the phone answers: "Trust" after the question stayed on screen,
/// "Don't Trust", or a locked phone. A trusted pairing keeps the record's certificates.
fn pair(state: &Shared, p: &FakeIphone, d: &plist::Dictionary) -> Value {
    let Ok(mut s) = state.lock() else {
        return error("Internal");
    };
    match p.trust {
        TrustAnswer::DontTrust => return error("UserDeniedPairing"),
        TrustAnswer::Locked => return error("PasswordProtected"),
        TrustAnswer::TrustAfter(_) if s.pending > 0 => {
            s.pending -= 1;
            return error("PairingDialogResponsePending");
        }
        TrustAnswer::TrustAfter(_) => {}
    }
    let record = d.get("PairRecord").and_then(Value::as_dictionary);
    let pem = |k: &str| {
        record
            .and_then(|r| r.get(k))
            .and_then(Value::as_data)
            .and_then(|b| pem_to_der(b).ok())
    };
    let host = record
        .and_then(|r| r.get("HostID"))
        .and_then(Value::as_string)
        .map(str::to_owned);
    match (
        host,
        pem("HostCertificate"),
        pem("DeviceCertificate"),
        pem("RootCertificate"),
    ) {
        (Some(host), Some(h), Some(dev), Some(_)) => {
            s.trusted.insert(host, (h, dev));
            dict([("EscrowBag", Value::Data(s.escrow.clone()))])
        }
        _ => error("InvalidPairRecord"),
    }
}
