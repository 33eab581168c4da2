//! The pass over every entry of the backup's manifest, before the modules: the apps' own
//! domains, the paths only a jailbroken phone has, and the watches paired with the phone.

/// Most watches counted from the manifest (a damaged manifest could name thousands).
pub(crate) const MAX_WATCHES: usize = 16;

/// The pairing id of a watch whose data the manifest entry belongs to: the phone keeps a
/// folder per paired watch under `HomeDomain/Library/DeviceRegistry/`.
pub(crate) fn watch_pairing(domain: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("Library/DeviceRegistry/")?;
    let id = rest.split('/').next()?;
    (domain == "HomeDomain"
        && id.len() >= 8
        && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'))
    .then(|| id.to_owned())
}

/// Markers of a jailbreak in a backup's domains and paths (apps and folders of Cydia,
/// Sileo, Zebra and the jailbreak tools).
pub(crate) const JAILBREAK_MARKERS: [&str; 10] = [
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
