//! The pass over the backup's `Info.plist` and every entry of its manifest, before the
//! modules: the device's facts, the installed apps (Info.plist's list and the apps' own
//! domains), the paths only a jailbroken phone has, and the watches paired with the phone.

use crate::backup::Backup;
use crate::error::BackupError;
use crate::model::IosBackup;
use crate::reading::plist_key;
use std::collections::BTreeSet;

/// The device facts read from `Info.plist`.
const DEVICE_FACTS: [&str; 7] = [
    "Device Name",
    "Product Type",
    "Product Version",
    "Build Version",
    "Last Backup Date",
    "Serial Number",
    "Unique Identifier",
];

/// Most jailbreak paths kept (a jailbroken phone's backup can hold thousands).
const MAX_JAILBREAK_PATHS: usize = 50;

/// Most watches counted from the manifest (a damaged manifest could name thousands).
const MAX_WATCHES: usize = 16;

/// The pairing id of a watch whose data the manifest entry belongs to: the phone keeps a
/// folder per paired watch under `HomeDomain/Library/DeviceRegistry/`.
fn watch_pairing(domain: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("Library/DeviceRegistry/")?;
    let id = rest.split('/').next()?;
    (domain == "HomeDomain"
        && id.len() >= 8
        && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
    .then(|| id.to_owned())
}

/// Markers of a jailbreak in a backup's domains and paths (apps and folders of Cydia,
/// Sileo, Zebra and the jailbreak tools).
const JAILBREAK_MARKERS: [&str; 10] = [
    "com.saurik.Cydia",
    "org.coolstar.SileoStore",
    "xyz.willy.Zebra",
    "science.xnu.undecimus",
    "com.opa334.Dopamine",
    "palera1n",
    "checkra1n",
    "unc0ver",
    "/Library/MobileSubstrate",
    "com.opa334.TrollStore",
];

/// Whether an app is one that only a jailbroken phone can have.
pub(crate) fn is_jailbreak_app(app: &str) -> bool {
    JAILBREAK_MARKERS
        .iter()
        .any(|m| m.contains('.') && !m.contains('/') && app == *m)
}

/// What the manifest's entries tell the modules.
pub(crate) struct ManifestFacts {
    /// The pairing ids of the watches the phone keeps data for.
    pub(crate) watches: Vec<String>,
}

/// Reads the device's facts and installed apps from `Info.plist`, then every entry of the
/// manifest: the apps' domains, jailbreak paths, and the watches (returned for the modules).
pub(crate) fn read_manifest(
    backup: &Backup,
    out: &mut IosBackup,
) -> Result<ManifestFacts, BackupError> {
    for key in DEVICE_FACTS {
        if let Some(v) = backup.info_text(key) {
            out.device.insert(key.to_owned(), v);
        }
    }
    let installed = backup
        .info
        .as_ref()
        .and_then(|info| plist_key(info, "Installed Applications"))
        .and_then(plist::Value::as_array);
    for app in installed
        .into_iter()
        .flatten()
        .filter_map(plist::Value::as_string)
    {
        out.apps
            .entry(app.to_owned())
            .or_default()
            .push("Info.plist");
    }
    let mut jailbreak = BTreeSet::new();
    let mut app_domains = BTreeSet::new();
    let mut watches = BTreeSet::new();
    out.manifest_entries = backup.for_each_entry(&mut |domain, path| {
        if watches.len() < MAX_WATCHES {
            watches.extend(watch_pairing(domain, path));
        }
        if let Some(app) = domain.strip_prefix("AppDomain-") {
            app_domains.insert(app.to_owned());
        }
        for marker in JAILBREAK_MARKERS {
            if (domain.contains(marker) || path.contains(marker))
                && jailbreak.len() < MAX_JAILBREAK_PATHS
            {
                jailbreak.insert(format!("{domain}/{path}"));
            }
        }
    })?;
    for app in app_domains {
        out.apps.entry(app).or_default().push("Manifest.db");
    }
    out.jailbreak_paths = jailbreak.into_iter().collect();
    Ok(ManifestFacts {
        watches: watches.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_folders_are_told_from_other_registry_files() {
        assert_eq!(
            watch_pairing(
                "HomeDomain",
                "Library/DeviceRegistry/2D6F1B9A-77E2-4F0B-9C55-0A1B2C3D4E5F/NanoPreferencesSync"
            )
            .as_deref(),
            Some("2D6F1B9A-77E2-4F0B-9C55-0A1B2C3D4E5F")
        );
        assert_eq!(
            watch_pairing(
                "HomeDomain",
                "Library/DeviceRegistry.state/activeStateMachine.plist"
            ),
            None
        );
        assert_eq!(
            watch_pairing("HomeDomain", "Library/DeviceRegistry/pairingstore.plist"),
            None
        );
        assert_eq!(
            watch_pairing("AppDomain-x", "Library/DeviceRegistry/2D6F1B9A-77E2"),
            None
        );
    }
}
