//! DeviceLink, the message protocol of the phone's backup service: each message is a
//! plist list whose first item names it; the host answers each request with a status.

use crate::error::DeviceError;
use crate::framing::{self, BoxStream};
use plist::Value;

/// What DeviceLink sends for an empty parameter.
const EMPTY: &str = "___EmptyParameterString___";

/// A DeviceLink message of `items`.
pub(crate) fn message(items: Vec<Value>) -> Value {
    Value::Array(items)
}

/// Answers the phone's last request with a status: its code, description and value.
pub(crate) fn status(
    stream: &mut BoxStream,
    code: i64,
    description: Option<&str>,
    value: Option<Value>,
) -> Result<(), DeviceError> {
    framing::send_binary(
        stream,
        &message(vec![
            Value::String("DLMessageStatusResponse".into()),
            Value::Integer(code.into()),
            Value::String(description.unwrap_or(EMPTY).into()),
            value.unwrap_or_else(|| Value::String(EMPTY.into())),
        ]),
    )
}

/// Answers "done, no error" to the phone's last request.
pub(crate) fn done(stream: &mut BoxStream) -> Result<(), DeviceError> {
    status(
        stream,
        0,
        None,
        Some(Value::Dictionary(plist::Dictionary::new())),
    )
}

/// Receives a DeviceLink message (a list that is not empty).
pub(crate) fn receive_array(stream: &mut BoxStream) -> Result<Vec<Value>, DeviceError> {
    match framing::receive(stream)? {
        Value::Array(a) if !a.is_empty() => Ok(a),
        other => Err(DeviceError::Protocol(format!(
            "a DeviceLink message that is not a list: {other:?}"
        ))),
    }
}

/// The name of a DeviceLink message.
pub(crate) fn name_of(msg: &[Value]) -> &str {
    msg.first().and_then(Value::as_string).unwrap_or("")
}

/// A `DLMessageProcessMessage` carrying `body`.
pub(crate) fn process_message(body: Value) -> Value {
    message(vec![Value::String("DLMessageProcessMessage".into()), body])
}

/// The progress (0–100) a DeviceLink message carries, where it does.
pub(crate) fn progress_of(msg: &[Value]) -> Option<f64> {
    msg.iter()
        .skip(1)
        .find_map(Value::as_real)
        .filter(|p| (0.0..=100.0).contains(p))
}
