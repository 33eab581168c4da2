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
    /// An interface the hotspot may not use.
    #[error("{role:?} interface {name:?} refused: {problem:?}")]
    Interface {
        /// The name asked for.
        name: String,
        /// What it was to be.
        role: InterfaceRole,
        /// Why it may not.
        problem: InterfaceProblem,
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
            HotspotError::Interface {
                name,
                role,
                problem,
            } => Message::new(problem.key())
                .arg("interface", name)
                .arg("role", role.key()),
            HotspotError::Io(e) => Message::new("hotspot-error-io").arg("detail", e.to_string()),
        }
    }
}

/// What an interface was to be for the hotspot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterfaceRole {
    /// The interface the phone joins.
    Hotspot,
    /// The way out to the internet.
    Uplink,
}

impl InterfaceRole {
    /// Its name in the translations' `role` selector.
    fn key(self) -> &'static str {
        match self {
            InterfaceRole::Hotspot => "hotspot",
            InterfaceRole::Uplink => "uplink",
        }
    }
}

/// Why the hotspot may not use an interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterfaceProblem {
    /// Not an interface name (characters other than letters, digits, `-`, `_`, `.`, or too long).
    NotAName,
    /// No interface of that name on this machine.
    Missing,
    /// The loopback interface.
    Loopback,
    /// The interface of the station's own default route (its way out, not a hotspot).
    StationUplink,
    /// The uplink is the hotspot's interface itself.
    SameAsHotspot,
}

impl InterfaceProblem {
    /// The message that says it.
    fn key(self) -> &'static str {
        match self {
            InterfaceProblem::NotAName => "hotspot-error-interface-name",
            InterfaceProblem::Missing => "hotspot-error-interface-missing",
            InterfaceProblem::Loopback => "hotspot-error-interface-loopback",
            InterfaceProblem::StationUplink => "hotspot-error-interface-station-uplink",
            InterfaceProblem::SameAsHotspot => "hotspot-error-interface-same",
        }
    }
}
