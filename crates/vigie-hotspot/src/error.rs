//! Why the hotspot could not start or stop.

use vigie_core::Message;

/// Why the hotspot could not start or stop.
#[derive(Debug, thiserror::Error)]
pub enum HotspotError {
    /// A program it needs is not installed.
    #[error("{0} is not installed")]
    Missing(&'static str),
    /// A command failed.
    #[error("{command} failed: {detail}")]
    Command {
        /// The command.
        command: String,
        /// What it said.
        detail: String,
    },
    /// hostapd did not make the interface an access point.
    #[error("{interface} did not become an access point: {detail}")]
    AccessPoint {
        /// The Wi-Fi interface.
        interface: String,
        /// hostapd's last words.
        detail: String,
    },
    /// hostapd ended or stayed silent without making the interface an access point.
    #[error("{interface} did not become an access point within {seconds} s")]
    AccessPointSilent {
        /// The Wi-Fi interface.
        interface: String,
        /// How long it was given.
        seconds: u64,
    },
    /// Writing the configuration failed.
    #[error("configuration: {0}")]
    Io(#[from] std::io::Error),
}

impl vigie_core::Localized for HotspotError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            HotspotError::Missing(p) => Message::new("hotspot-error-missing").arg("program", *p),
            HotspotError::Command { command, detail } => Message::new("hotspot-error-command")
                .arg("command", command)
                .arg("detail", detail),
            HotspotError::AccessPoint { interface, detail } => {
                Message::new("hotspot-error-access-point")
                    .arg("interface", interface)
                    .arg("detail", detail)
            }
            HotspotError::AccessPointSilent { interface, seconds } => {
                Message::new("hotspot-error-access-point-silent")
                    .arg("interface", interface)
                    .arg("seconds", seconds.to_string())
            }
            HotspotError::Io(e) => Message::new("hotspot-error-io").arg("detail", e.to_string()),
        }
    }
}
