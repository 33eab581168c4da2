//! The identifiers of the Android rules, as findings carry them.

/// Package name of a known spy app.
pub(crate) const IOC_PACKAGE: &str = "AND-IOC-PACKAGE";
/// Signing certificate of a known spy app.
pub(crate) const IOC_CERT: &str = "AND-IOC-CERT";
/// APK file of a known spy app.
pub(crate) const IOC_APK: &str = "AND-IOC-APK";
/// A known spy app in the battery history (it ran, and may have been removed since).
pub(crate) const IOC_HISTORY: &str = "AND-IOC-HISTORY";
/// A system property named as a known spy app leaves it.
pub(crate) const IOC_PROPERTY: &str = "AND-IOC-PROPERTY";
/// Running process named as a known spy app.
pub(crate) const IOC_PROCESS: &str = "AND-IOC-PROCESS";
/// A monitoring ("watchware") or anti-theft app listed as such.
pub(crate) const WATCHWARE: &str = "AND-WATCHWARE";
/// App installed from outside any store.
pub(crate) const SIDELOADED: &str = "AND-SIDELOADED";
/// App with no launcher icon holding sensitive permissions.
pub(crate) const HIDDEN_SENSITIVE: &str = "AND-HIDDEN-SENSITIVE";
/// Accessibility service of a non-system app.
pub(crate) const ACCESSIBILITY: &str = "AND-ACCESSIBILITY";
/// Device administrator that is not a system app.
pub(crate) const DEVICE_ADMIN: &str = "AND-DEVICE-ADMIN";
/// Notification listener of a non-system app.
pub(crate) const NOTIFICATION_LISTENER: &str = "AND-NOTIFICATION-LISTENER";
/// Installing from unknown sources allowed.
pub(crate) const UNKNOWN_SOURCES: &str = "AND-UNKNOWN-SOURCES";
/// Play Protect (package verifier) disabled.
pub(crate) const VERIFIER_OFF: &str = "AND-VERIFIER-OFF";
/// Reports to the maker or Google turned off (what spy-app installers ask for).
pub(crate) const REPORTS_OFF: &str = "AND-REPORTS-OFF";
/// Accessibility turned on (the services that use it are flagged on their own).
pub(crate) const ACCESSIBILITY_ON: &str = "AND-ACCESSIBILITY-ON";
/// An app installed from a store other than Google Play or the phone maker's.
pub(crate) const THIRD_PARTY_STORE: &str = "AND-THIRD-PARTY-STORE";
/// Developer options or USB debugging on.
pub(crate) const DEVELOPER: &str = "AND-DEVELOPER";
/// Root or hooking framework traces.
pub(crate) const ROOT: &str = "AND-ROOT";
/// User-installed CA certificate (traffic interception).
pub(crate) const USER_CA: &str = "AND-USER-CA";
/// Always-on VPN or global proxy (traffic interception).
pub(crate) const INTERCEPTION: &str = "AND-INTERCEPTION";
/// An app allowed to install other apps.
pub(crate) const INSTALLS_APPS: &str = "AND-INSTALLS-APPS";
/// A crash of a process running as root, system or shell (exploitation attempts crash
/// such processes; most crashes are ordinary bugs).
pub(crate) const PRIVILEGED_CRASH: &str = "AND-PRIVILEGED-CRASH";
/// Location, camera or microphone used in the background.
pub(crate) const BACKGROUND_SENSORS: &str = "AND-BACKGROUND-SENSORS";
