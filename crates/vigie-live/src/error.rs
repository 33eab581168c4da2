//! Why a live capture could not start or went on no longer.

use std::io;
use vigie_core::Message;

/// Why a live capture could not start or went on no longer.
#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    /// No interface of this name.
    #[error("no network interface named {0}")]
    NoInterface(String),
    /// The loopback interface, which carries only the station's own traffic.
    #[error("{0} is the loopback interface: no phone's traffic goes through it")]
    Loopback(String),
    /// Capturing needs privileges the process lacks.
    #[error("capturing on {0} needs administrator rights (root or CAP_NET_RAW)")]
    Permission(String),
    /// The interface went away or down during the capture.
    #[error("interface {0} disappeared or went down")]
    Gone(String),
    /// Any other system error.
    #[error("capture on {0}: {1}")]
    Io(String, io::Error),
}

impl vigie_core::Localized for LiveError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            LiveError::NoInterface(i) => {
                Message::new("live-error-no-interface").arg("interface", i)
            }
            LiveError::Loopback(i) => Message::new("live-error-loopback").arg("interface", i),
            LiveError::Permission(i) => Message::new("live-error-permission").arg("interface", i),
            LiveError::Gone(i) => Message::new("live-error-gone").arg("interface", i),
            LiveError::Io(i, e) => Message::new("live-error-io")
                .arg("interface", i)
                .arg("detail", e.to_string()),
        }
    }
}
