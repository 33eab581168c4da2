//! The kinds of check Vigie makes, spelled one way everywhere (stored checks, JSON, pages).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a check looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// Capture files (pcap, pcapng).
    Network,
    /// Traffic read live on an interface (or the hotspot).
    NetworkLive,
    /// An Android phone over USB, or a dump of one (androidqf, MVT, bug report).
    Android,
    /// An iPhone backup made by Finder or iTunes, read in place.
    IosBackup,
    /// The iPhone connected by cable, with the backup it sends.
    IosDevice,
}

impl CheckKind {
    /// Every kind.
    pub const ALL: [CheckKind; 5] = [
        CheckKind::Network,
        CheckKind::NetworkLive,
        CheckKind::Android,
        CheckKind::IosBackup,
        CheckKind::IosDevice,
    ];

    /// The one spelling (`network`, `network-live`, `android`, `ios-backup`, `ios-device`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Network => "network",
            CheckKind::NetworkLive => "network-live",
            CheckKind::Android => "android",
            CheckKind::IosBackup => "ios-backup",
            CheckKind::IosDevice => "ios-device",
        }
    }

    /// The translation key of its name for people (`check-kind-network`, ...).
    pub fn label_key(self) -> String {
        format!("check-kind-{}", self.as_str())
    }

    /// The translation key of its name as a title (`check-title-network`, ...).
    pub fn title_key(self) -> String {
        format!("check-title-{}", self.as_str())
    }

    /// Whether it checks network traffic (a capture or live).
    pub fn is_network(self) -> bool {
        matches!(self, CheckKind::Network | CheckKind::NetworkLive)
    }
}

impl fmt::Display for CheckKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CheckKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CheckKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown kind of check '{s}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_in_text_and_json() {
        for k in CheckKind::ALL {
            assert_eq!(k.as_str().parse::<CheckKind>(), Ok(k));
            let json = serde_json::to_string(&k).expect("json");
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(serde_json::from_str::<CheckKind>(&json).expect("back"), k);
        }
    }
}
