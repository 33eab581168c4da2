//! lockdownd, the phone's gatekeeper (port 62078): device values, pairing, TLS sessions,
//! and starting the services the check reads.

use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use crate::pairing::PairRecord;
use crate::usbmux::{Device, Usbmux};
use plist::Value;

/// lockdownd's port on the phone.
pub(crate) const LOCKDOWN_PORT: u16 = 62078;

/// What a `Pair` request came to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PairAnswer {
    /// The person answered "Trust": the phone's escrow bag.
    Accepted(Option<Vec<u8>>),
    /// The question is on the phone's screen; ask again later.
    Pending,
}

/// A service started on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServiceEndpoint {
    /// Its port.
    pub port: u16,
    /// Whether it speaks TLS.
    pub ssl: bool,
}

/// A lockdown client.
pub(crate) struct Lockdown {
    stream: Option<BoxStream>,
}

impl Lockdown {
    /// Connects to lockdownd on `device`.
    pub(crate) fn connect(mux: &Usbmux, device: &Device) -> Result<Lockdown, DeviceError> {
        let mut l = Lockdown {
            stream: Some(mux.connect(device, LOCKDOWN_PORT)?),
        };
        let reply = l.request("QueryType", [])?;
        match framing::text(&reply, "Type").as_deref() {
            Some("com.apple.mobile.lockdown") => Ok(l),
            other => Err(DeviceError::Protocol(format!("not lockdownd: {other:?}"))),
        }
    }

    fn stream(&mut self) -> Result<&mut BoxStream, DeviceError> {
        self.stream
            .as_mut()
            .ok_or_else(|| DeviceError::Io("the lockdown connection is closed".into()))
    }

    /// Sends a request and returns the reply; an `Error` in the reply is an error.
    fn request<const N: usize>(
        &mut self,
        request: &str,
        fields: [(&str, Value); N],
    ) -> Result<Value, DeviceError> {
        let Value::Dictionary(mut d) = dict(fields) else {
            return Err(DeviceError::Protocol("request".into()));
        };
        d.insert("Label".into(), Value::String("vigie".into()));
        d.insert("Request".into(), Value::String(request.into()));
        let s = self.stream()?;
        framing::send(s, &Value::Dictionary(d))?;
        let reply = framing::receive(s)?;
        if let Some(error) = framing::text(&reply, "Error") {
            return Err(match error.as_str() {
                "PasswordProtected" => DeviceError::Locked,
                "UserDeniedPairing" => DeviceError::PairingDenied,
                _ => DeviceError::Refused(error),
            });
        }
        Ok(reply)
    }

    /// A value (or, with no key, every value) of `domain` (or the main domain).
    pub(crate) fn value(
        &mut self,
        domain: Option<&str>,
        key: Option<&str>,
    ) -> Result<Value, DeviceError> {
        let reply = match (domain, key) {
            (Some(d), Some(k)) => self.request(
                "GetValue",
                [
                    ("Domain", Value::String(d.into())),
                    ("Key", Value::String(k.into())),
                ],
            )?,
            (Some(d), None) => self.request("GetValue", [("Domain", Value::String(d.into()))])?,
            (None, Some(k)) => self.request("GetValue", [("Key", Value::String(k.into()))])?,
            (None, None) => self.request("GetValue", [])?,
        };
        reply
            .as_dictionary()
            .and_then(|d| d.get("Value"))
            .cloned()
            .ok_or_else(|| DeviceError::Protocol("GetValue without Value".into()))
    }

    /// Asks the phone to pair with `record` (it shows "Trust this computer?").
    pub(crate) fn pair(&mut self, record: &PairRecord) -> Result<PairAnswer, DeviceError> {
        let options = dict([("ExtendedPairingErrors", Value::Boolean(true))]);
        match self.request(
            "Pair",
            [
                ("PairRecord", record.request()),
                ("ProtocolVersion", Value::String("2".into())),
                ("PairingOptions", options),
            ],
        ) {
            Ok(reply) => Ok(PairAnswer::Accepted(
                reply
                    .as_dictionary()
                    .and_then(|d| d.get("EscrowBag"))
                    .and_then(Value::as_data)
                    .map(<[u8]>::to_vec),
            )),
            Err(DeviceError::Refused(e)) if e == "PairingDialogResponsePending" => {
                Ok(PairAnswer::Pending)
            }
            Err(e) => Err(e),
        }
    }

    /// Starts a session with a paired phone and switches to TLS when it asks. `Ok(false)`
    /// when the phone does not know this pairing (it was removed on the phone).
    pub(crate) fn start_session(&mut self, record: &PairRecord) -> Result<bool, DeviceError> {
        let reply = match self.request(
            "StartSession",
            [
                ("HostID", Value::String(record.host_id.clone())),
                ("SystemBUID", Value::String(record.system_buid.clone())),
            ],
        ) {
            Ok(r) => r,
            Err(DeviceError::Refused(e)) if e == "InvalidHostID" => return Ok(false),
            Err(e) => return Err(e),
        };
        let ssl = reply
            .as_dictionary()
            .and_then(|d| d.get("EnableSessionSSL"))
            .and_then(Value::as_boolean)
            .unwrap_or(false);
        if ssl {
            let plain = self
                .stream
                .take()
                .ok_or_else(|| DeviceError::Io("the lockdown connection is closed".into()))?;
            self.stream = Some(crate::tls::client(plain, record)?);
        }
        Ok(true)
    }

    /// Starts `service` (with the escrow bag where the service needs it).
    pub(crate) fn start_service(
        &mut self,
        service: &str,
        escrow_bag: Option<&[u8]>,
    ) -> Result<ServiceEndpoint, DeviceError> {
        let reply = match escrow_bag {
            Some(bag) => self.request(
                "StartService",
                [
                    ("Service", Value::String(service.into())),
                    ("EscrowBag", Value::Data(bag.to_vec())),
                ],
            )?,
            None => self.request("StartService", [("Service", Value::String(service.into()))])?,
        };
        let d = reply
            .as_dictionary()
            .ok_or_else(|| DeviceError::Protocol("StartService".into()))?;
        let port = d
            .get("Port")
            .and_then(Value::as_unsigned_integer)
            .and_then(|p| u16::try_from(p).ok())
            .ok_or_else(|| DeviceError::Protocol("StartService without Port".into()))?;
        Ok(ServiceEndpoint {
            port,
            ssl: d
                .get("EnableServiceSSL")
                .and_then(Value::as_boolean)
                .unwrap_or(false),
        })
    }
}
