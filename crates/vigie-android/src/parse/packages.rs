//! Package lists: the `Packages:` section of `dumpsys package`, androidqf's `packages.json`
//! and `pm list packages`. A package seen in several outputs is filled in from each.

use super::text::indent;
use crate::model::{AndroidDevice, Package};

/// The `Packages:` section of `dumpsys package`, into `device.packages`.
pub fn dumpsys_package(text: &str, device: &mut AndroidDevice, source: &str) {
    let mut in_packages = false;
    let mut current: Option<Package> = None;
    // The permission block being read, and its indentation.
    let mut block: Option<(&str, usize)> = None;
    let flush = |p: Option<Package>, device: &mut AndroidDevice| {
        if let Some(p) = p {
            let entry = device.package_mut(&p.name, source);
            merge_package(entry, p);
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if !in_packages {
            in_packages = line.starts_with("Packages:");
            continue;
        }
        if !line.is_empty() && !line.starts_with(' ') {
            break;
        }
        if let Some(name) = trimmed
            .strip_prefix("Package [")
            .and_then(|r| r.split(']').next())
        {
            if indent(line) == 2 {
                flush(current.take(), device);
                current = Some(Package {
                    name: name.to_owned(),
                    source: source.to_owned(),
                    ..Package::default()
                });
                block = None;
                continue;
            }
        }
        let Some(p) = current.as_mut() else { continue };
        if let Some((kind, depth)) = block {
            if indent(line) > depth && !trimmed.is_empty() {
                read_permission(p, kind, trimmed);
                continue;
            }
            block = None;
        }
        match trimmed {
            "requested permissions:" => block = Some(("requested", indent(line))),
            "install permissions:" | "runtime permissions:" => {
                block = Some(("granted", indent(line)))
            }
            _ => {}
        }
        read_fact(p, trimmed);
    }
    flush(current, device);
}

/// One line of a permission block: a requested permission, or a granted one.
fn read_permission(p: &mut Package, block: &str, trimmed: &str) {
    let perm = trimmed.split([':', ' ', ',']).next().unwrap_or_default();
    if block == "requested" {
        p.requested_permissions.push(perm.to_owned());
    } else if trimmed.contains("granted=true") {
        p.granted_permissions.push(perm.to_owned());
    }
}

/// One line of a package's block: a `key=value` fact, or its state for user 0.
fn read_fact(p: &mut Package, trimmed: &str) {
    if let Some((k, v)) = trimmed.split_once('=') {
        let v = v.trim();
        match k {
            "userId" | "appId" => p.uid = v.parse().ok(),
            "codePath" => p.apk_paths.push(v.to_owned()),
            "versionName" => p.version = Some(v.to_owned()),
            "firstInstallTime" => p.first_install = Some(v.to_owned()),
            "lastUpdateTime" => p.last_update = Some(v.to_owned()),
            "installerPackageName" => p.installer = known(v),
            "flags" | "pkgFlags" => p.system |= v.contains(" SYSTEM "),
            _ => {}
        }
    }
    if trimmed.starts_with("User 0:") {
        // enabled=2 (disabled), 3 (by the user), 4 (until used).
        p.disabled |= trimmed
            .split_whitespace()
            .any(|f| matches!(f, "enabled=2" | "enabled=3" | "enabled=4"));
    }
}

/// Adds what `new` knows to `into` (a package seen in several outputs).
fn merge_package(into: &mut Package, new: Package) {
    fn extend(into: &mut Vec<String>, new: Vec<String>) {
        for v in new {
            if !into.contains(&v) {
                into.push(v);
            }
        }
    }
    into.installer = into.installer.take().or(new.installer);
    into.uid = into.uid.or(new.uid);
    into.first_install = into.first_install.take().or(new.first_install);
    into.last_update = into.last_update.take().or(new.last_update);
    into.version = into.version.take().or(new.version);
    into.launcher = into.launcher.or(new.launcher);
    into.system |= new.system;
    into.disabled |= new.disabled;
    extend(&mut into.apk_paths, new.apk_paths);
    extend(&mut into.apk_sha256, new.apk_sha256);
    extend(&mut into.cert_sha1, new.cert_sha1);
    extend(&mut into.cert_sha256, new.cert_sha256);
    extend(&mut into.requested_permissions, new.requested_permissions);
    extend(&mut into.granted_permissions, new.granted_permissions);
}

/// An installer name, unless it says there is none.
fn known(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && v != "null" && v != "none").then(|| v.to_owned())
}

/// A signing certificate in androidqf's `packages.json`.
#[derive(serde::Deserialize)]
struct QfCertificate {
    #[serde(rename = "Sha1", default)]
    sha1: String,
    #[serde(rename = "Sha256", default)]
    sha256: String,
}

/// An APK file in androidqf's `packages.json`.
#[derive(serde::Deserialize)]
struct QfFile {
    #[serde(default)]
    path: String,
    #[serde(default)]
    sha256: String,
    #[serde(default)]
    certificate: Option<QfCertificate>,
}

/// A package in androidqf's `packages.json`.
#[derive(serde::Deserialize)]
struct QfPackage {
    name: String,
    #[serde(default)]
    files: Vec<QfFile>,
    #[serde(default)]
    installer: String,
    #[serde(default)]
    uid: Option<u32>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    system: bool,
}

impl QfPackage {
    /// The package as Vigie models it, read in `source`.
    fn into_package(self, source: &str) -> Package {
        let mut p = Package {
            name: self.name,
            installer: known(&self.installer),
            uid: self.uid,
            system: self.system,
            disabled: self.disabled,
            source: source.to_owned(),
            ..Package::default()
        };
        for f in self.files {
            if !f.path.is_empty() {
                p.apk_paths.push(f.path);
            }
            if !f.sha256.is_empty() {
                p.apk_sha256.push(f.sha256.to_ascii_lowercase());
            }
            if let Some(c) = f.certificate {
                if !c.sha1.is_empty() {
                    p.cert_sha1.push(c.sha1.to_ascii_lowercase());
                }
                if !c.sha256.is_empty() {
                    p.cert_sha256.push(c.sha256.to_ascii_lowercase());
                }
            }
        }
        p
    }
}

/// androidqf's `packages.json`: packages with their APK files' hashes and certificates.
/// Returns how many it lists.
pub fn androidqf_packages(
    bytes: &[u8],
    device: &mut AndroidDevice,
    source: &str,
) -> Result<usize, serde_json::Error> {
    let entries: Vec<QfPackage> = serde_json::from_slice(bytes)?;
    let n = entries.len();
    for e in entries {
        let p = e.into_package(source);
        let entry = device.package_mut(&p.name, source);
        merge_package(entry, p);
    }
    Ok(n)
}

/// `pm list packages -f -i -U` lines: `package:PATH=NAME  installer=X uid:N`.
pub fn pm_list_packages(text: &str, device: &mut AndroidDevice, source: &str) {
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("package:") else {
            continue;
        };
        let mut fields = rest.split_whitespace();
        let Some(first) = fields.next() else { continue };
        // PATH=NAME: the path itself may hold '=' (base.apk=...), the name is after the last.
        let (path, name) = match first.rsplit_once('=') {
            Some((p, n)) => (Some(p), n),
            None => (None, first),
        };
        let mut p = Package {
            name: name.to_owned(),
            source: source.to_owned(),
            ..Package::default()
        };
        if let Some(path) = path {
            p.apk_paths.push(path.to_owned());
            p.system = path.starts_with("/system/")
                || path.starts_with("/product/")
                || path.starts_with("/vendor/")
                || path.starts_with("/apex/")
                || path.starts_with("/system_ext/");
        }
        for f in fields {
            if let Some(i) = f.strip_prefix("installer=") {
                p.installer = known(i);
            } else if let Some(u) = f.strip_prefix("uid:") {
                p.uid = u.parse().ok();
            }
        }
        let entry = device.package_mut(name, source);
        merge_package(entry, p);
    }
}
