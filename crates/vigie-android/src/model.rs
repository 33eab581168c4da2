//! What an Android check observes on a device, before any rule runs: the packages with their
//! installer, times, certificates and permissions, the special accesses (accessibility,
//! device admin, notification listeners), app-ops history, settings, properties, processes
//! and root traces. Each comes with the raw output it was read from.

use serde::Serialize;
use std::collections::BTreeMap;
use vigie_core::Message;

/// One installed package.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Package {
    /// Package name, e.g. `com.whatsapp`.
    pub name: String,
    /// Installer package (`com.android.vending` for Google Play), `None` when unknown or null.
    pub installer: Option<String>,
    /// Linux user id of the app.
    pub uid: Option<u32>,
    /// Where its APK files are.
    pub apk_paths: Vec<String>,
    /// SHA-256 of its APK files (when acquired).
    pub apk_sha256: Vec<String>,
    /// SHA-1 of its signing certificates, lowercase hexadecimal.
    pub cert_sha1: Vec<String>,
    /// SHA-256 of its signing certificates, lowercase hexadecimal.
    pub cert_sha256: Vec<String>,
    /// First installation time as the device gives it.
    pub first_install: Option<String>,
    /// Last update time as the device gives it.
    pub last_update: Option<String>,
    /// Version name.
    pub version: Option<String>,
    /// Part of the system image.
    pub system: bool,
    /// Disabled by the user or the system.
    pub disabled: bool,
    /// Has an icon in the launcher (`None` when the acquisition could not tell).
    pub launcher: Option<bool>,
    /// Permissions requested.
    pub requested_permissions: Vec<String>,
    /// Permissions granted (install-time and runtime).
    pub granted_permissions: Vec<String>,
    /// Where this package's facts were read (raw output name).
    pub source: String,
}

/// One running process.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Process {
    /// User running it.
    pub user: String,
    /// Process id.
    pub pid: u32,
    /// Parent process id.
    pub ppid: u32,
    /// Process name.
    pub name: String,
}

/// A recent use of a sensitive operation by an app (from app-ops).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AppOpUse {
    /// The package.
    pub package: String,
    /// The operation, e.g. `FINE_LOCATION`, `CAMERA`, `RECORD_AUDIO`, `READ_SMS`.
    pub op: String,
    /// The app's state then (`fg`, `bg`, `top`, `fgsvc`, `cch`, ...).
    pub state: String,
    /// When, as the device gives it.
    pub when: String,
}

/// A crash of a native process, from a tombstone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Crash {
    /// The process (its command line).
    pub process: String,
    /// The Linux user it ran as.
    pub uid: u32,
    /// The signal, e.g. `SIGSEGV`.
    pub signal: String,
    /// When, as the tombstone gives it.
    pub when: String,
    /// The tombstone file.
    pub file: String,
}

/// An output acquired from the device (or read from a dump), identified by its hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RawOutput {
    /// What it is, e.g. `dumpsys package` or `packages.json`.
    pub name: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Everything an Android check observed.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AndroidDevice {
    /// System properties (`getprop`).
    pub properties: BTreeMap<String, String>,
    /// Settings by namespace (`secure`, `global`, `system`) and key.
    pub settings: BTreeMap<String, BTreeMap<String, String>>,
    /// Installed packages, by name.
    pub packages: BTreeMap<String, Package>,
    /// Enabled accessibility services (`package/class`).
    pub accessibility_services: Vec<String>,
    /// Active device administrators (`package/class`).
    pub device_admins: Vec<String>,
    /// Enabled notification listeners (`package/class`).
    pub notification_listeners: Vec<String>,
    /// Recent uses of sensitive operations.
    pub app_ops: Vec<AppOpUse>,
    /// App-ops modes of operations that matter (package, operation, mode), e.g. who may
    /// install other apps (`REQUEST_INSTALL_PACKAGES`).
    pub app_op_modes: Vec<(String, String, String)>,
    /// Running processes.
    pub processes: Vec<Process>,
    /// Crashes of native processes (bug report tombstones).
    pub crashes: Vec<Crash>,
    /// Data each app received and sent since the last full charge (bytes, mobile and Wi-Fi
    /// together), from the battery statistics.
    pub network_use: BTreeMap<String, (u64, u64)>,
    /// Packages the battery history saw (on screen, running jobs, installed, updated), with
    /// the first line that showed each: apps removed since are still there.
    pub history_packages: BTreeMap<String, String>,
    /// Files found that root tools leave (`su`, Magisk, Xposed, ...).
    pub root_traces: Vec<String>,
    /// User-installed CA certificates (file names or subjects).
    pub user_ca_certificates: Vec<String>,
    /// Always-on VPN package, if set.
    pub always_on_vpn: Option<String>,
    /// Global HTTP proxy, if set.
    pub http_proxy: Option<String>,
    /// The outputs this was read from.
    pub outputs: Vec<RawOutput>,
    /// Which output each kind of observation came from (`package`, `appops`, `root`,
    /// `settings-secure`, ...), for the evidence of findings.
    pub sources: BTreeMap<String, String>,
    /// Parts of the acquisition that failed or were absent, with why: a message whose
    /// words name the part (given as `what`) and the reason (for coverage).
    pub missing: Vec<(String, Message)>,
}

impl AndroidDevice {
    /// Records an output that was read, and returns its name (for evidence pointers).
    pub fn add_output(&mut self, name: &str, bytes: &[u8]) -> String {
        use sha2::Digest;
        self.outputs.push(RawOutput {
            name: name.to_owned(),
            sha256: hex::encode(sha2::Sha256::digest(bytes)),
            size: bytes.len() as u64,
        });
        name.to_owned()
    }

    /// Notes that observations of `kind` come from `output` (the first one named stays).
    pub fn note_source(&mut self, kind: &str, output: &str) {
        self.sources
            .entry(kind.to_owned())
            .or_insert_with(|| output.to_owned());
    }

    /// The output observations of `kind` came from, or `default`.
    pub fn source_of(&self, kind: &str, default: &str) -> String {
        self.sources
            .get(kind)
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    }

    /// The SHA-256 of a recorded output.
    pub fn output_sha256(&self, name: &str) -> Option<&str> {
        self.outputs
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.sha256.as_str())
    }

    /// A setting's value, from the namespace Android keeps it in (`home`: `secure`,
    /// `global` or `system`) first, then from any other (dumps may file it elsewhere).
    pub fn setting(&self, home: &str, key: &str) -> Option<&str> {
        self.settings
            .get(home)
            .and_then(|m| m.get(key))
            .or_else(|| {
                self.settings
                    .iter()
                    .filter(|(ns, _)| ns.as_str() != home)
                    .find_map(|(_, m)| m.get(key))
            })
            .map(String::as_str)
    }

    /// The package that a component name (`package/class`) belongs to.
    pub fn component_package(component: &str) -> &str {
        component.split('/').next().unwrap_or(component).trim()
    }

    /// Marks a package (creating it) and returns it for filling in.
    pub fn package_mut(&mut self, name: &str, source: &str) -> &mut Package {
        self.packages
            .entry(name.to_owned())
            .or_insert_with(|| Package {
                name: name.to_owned(),
                source: source.to_owned(),
                ..Package::default()
            })
    }
}
