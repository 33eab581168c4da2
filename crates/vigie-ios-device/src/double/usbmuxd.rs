//! The fake usbmuxd: the device list, the pairing records it keeps, the system BUID, and
//! connections to the phone's lockdown port or to a service started on it.

use super::lockdown::serve_lockdown;
use super::phone::FakeIphone;
use super::services::serve_service;
use super::state::{note, phone, Shared};
use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use crate::lockdown::LOCKDOWN_PORT;
use crate::usbmux::{read_message, write_message};
use plist::Value;

/// usbmuxd's number for the fake phone.
const DEVICE_ID: u64 = 7;
/// usbmuxd's result: done.
const OK: u64 = 0;
/// usbmuxd's result: a request it does not know.
const BAD_COMMAND: u64 = 1;
/// usbmuxd's result: no such device (here: no pairing record for it).
const BAD_DEVICE: u64 = 2;
/// usbmuxd's result: nothing listens on that port of the phone.
const CONNECTION_REFUSED: u64 = 3;

/// A `Result` message.
fn result(n: u64) -> Value {
    dict([
        ("MessageType", Value::String("Result".into())),
        ("Number", Value::Integer(n.into())),
    ])
}

/// The device list: the fake phone, on USB.
fn device_list(p: &FakeIphone) -> Value {
    let props = dict([
        ("DeviceID", Value::Integer(DEVICE_ID.into())),
        ("SerialNumber", Value::String(p.udid.clone())),
        ("ConnectionType", Value::String("USB".into())),
        ("ProductID", Value::Integer(4776.into())),
    ]);
    let entry = dict([
        ("DeviceID", Value::Integer(DEVICE_ID.into())),
        ("MessageType", Value::String("Attached".into())),
        ("Properties", props),
    ]);
    dict([("DeviceList", Value::Array(vec![entry]))])
}

/// The answer to `ReadPairRecord`: the record kept for the id asked, if any.
fn read_pair_record(state: &Shared, msg: &Value) -> Value {
    let id = framing::text(msg, "PairRecordID").unwrap_or_default();
    let data = state.lock().ok().and_then(|s| s.records.get(&id).cloned());
    match data {
        Some(d) => dict([("PairRecordData", Value::Data(d))]),
        None => result(BAD_DEVICE),
    }
}

/// Keeps the record of `SavePairRecord`.
fn save_pair_record(state: &Shared, msg: &Value) -> Value {
    let id = framing::text(msg, "PairRecordID").unwrap_or_default();
    let data = msg
        .as_dictionary()
        .and_then(|d| d.get("PairRecordData"))
        .and_then(Value::as_data)
        .map(<[u8]>::to_vec);
    if let (Some(data), Ok(mut s)) = (data, state.lock()) {
        s.records.insert(id, data);
    }
    result(OK)
}

/// The port a `Connect` asks for (given in network byte order), if it is the lockdown
/// port or a service started.
fn port_to_connect(state: &Shared, msg: &Value) -> Option<u16> {
    let port = msg
        .as_dictionary()
        .and_then(|d| d.get("PortNumber"))
        .and_then(Value::as_unsigned_integer)
        .and_then(|p| u16::try_from(p).ok())
        .map(u16::swap_bytes)
        .unwrap_or(0);
    let known = port == LOCKDOWN_PORT
        || state
            .lock()
            .map(|s| s.services.contains_key(&port))
            .unwrap_or(false);
    known.then_some(port)
}

/// Serves one client of usbmuxd: its requests, until it connects to the phone (the
/// connection then carries that port).
pub(super) fn serve_usbmux(mut stream: BoxStream, state: &Shared) -> Result<(), DeviceError> {
    loop {
        let (tag, msg) = read_message(&mut stream)?;
        let kind = framing::text(&msg, "MessageType").unwrap_or_default();
        note(state, format!("usbmuxd:{kind}"));
        let Some(p) = phone(state) else { return Ok(()) };
        let reply = match kind.as_str() {
            "ListDevices" => device_list(&p),
            "ReadPairRecord" => read_pair_record(state, &msg),
            "SavePairRecord" => save_pair_record(state, &msg),
            "ReadBUID" => dict([("BUID", Value::String("FAKE-BUID-0001".into()))]),
            "Connect" => match port_to_connect(state, &msg) {
                None => result(CONNECTION_REFUSED),
                Some(port) => {
                    write_message(&mut stream, tag, &result(OK))?;
                    return if port == LOCKDOWN_PORT {
                        serve_lockdown(stream, state, &p)
                    } else {
                        serve_service(stream, state, &p, port)
                    };
                }
            },
            _ => result(BAD_COMMAND),
        };
        write_message(&mut stream, tag, &reply)?;
    }
}
