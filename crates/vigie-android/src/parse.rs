//! Parsers of what Android prints: `getprop`, `settings list`, `ps`, `dumpsys` (whole or one
//! service: package, accessibility, appops, device_policy) and androidqf's JSON files. They
//! take text already bounded by the caller, skip what they do not understand, never panic,
//! and allocate no more than the input's size.

use crate::model::{AndroidDevice, AppOpUse, Crash, Package, Process};
use std::collections::BTreeMap;

/// The sections of a full `dumpsys` (androidqf `dumpsys.txt`, bug reports): service name and
/// body. Text with no section header is returned whole under the name `""`.
pub fn dumpsys_sections(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut current: Option<(&str, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(name) = trimmed
            .strip_prefix("DUMP OF SERVICE ")
            .and_then(|r| r.strip_suffix(':'))
        {
            if let Some((n, start)) = current.take() {
                out.push((n, &text[start..offset]));
            }
            current = Some((name.trim(), offset + line.len()));
        }
        offset += line.len();
    }
    match current {
        Some((n, start)) => out.push((n, &text[start..])),
        None => out.push(("", text)),
    }
    out
}

/// `getprop`: lines `[name]: [value]`.
pub fn getprop(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (k, v) = l.split_once("]: [")?;
            Some((
                k.strip_prefix('[')?.to_owned(),
                v.strip_suffix(']')?.to_owned(),
            ))
        })
        .collect()
}

/// `settings list NAMESPACE`: lines `key=value`.
pub fn settings(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('=')?;
            let k = k.trim();
            (!k.is_empty() && !k.contains(' ')).then(|| (k.to_owned(), v.trim().to_owned()))
        })
        .collect()
}

/// `ps` / `ps -A`: a header line naming the columns, then one process per line.
pub fn ps(text: &str) -> Vec<Process> {
    let mut lines = text.lines();
    let Some(header) = lines.find(|l| l.contains("PID")) else {
        return vec![];
    };
    let cols: Vec<&str> = header.split_whitespace().collect();
    let at = |name: &str| cols.iter().position(|c| *c == name);
    let (Some(user), Some(pid), ppid) = (at("USER"), at("PID"), at("PPID")) else {
        return vec![];
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.len() < cols.len() {
                return None;
            }
            Some(Process {
                user: f.get(user)?.to_string(),
                pid: f.get(pid)?.parse().ok()?,
                ppid: ppid.and_then(|i| f.get(i)?.parse().ok()).unwrap_or(0),
                // The name is the last column and may hold spaces.
                name: f[cols.len() - 1..].join(" "),
            })
        })
        .collect()
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

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
                let perm = trimmed.split([':', ' ', ',']).next().unwrap_or_default();
                if kind == "requested" {
                    p.requested_permissions.push(perm.to_owned());
                } else if trimmed.contains("granted=true") {
                    p.granted_permissions.push(perm.to_owned());
                }
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
    flush(current, device);
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

/// Enabled accessibility services from `dumpsys accessibility` (both the older
/// `enabled services: { 0 : pkg/cls }` and the Android 14 `Enabled services:{{pkg/cls}}`).
pub fn dumpsys_accessibility(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let lower = line.trim().to_ascii_lowercase();
        let Some(rest) = lower.strip_prefix("enabled services:") else {
            continue;
        };
        let original = &line.trim()["enabled services:".len()..];
        if rest.contains("{{") || rest.trim_start().starts_with("{{") {
            for part in original.split(['{', '}', ',']) {
                let c = part.trim();
                if c.contains('/') {
                    out.push(c.to_owned());
                }
            }
        } else if rest.trim() == "{" {
            for l in lines.by_ref() {
                let t = l.trim();
                if t.starts_with('}') {
                    break;
                }
                if let Some((_, c)) = t.split_once(':') {
                    let c = c.trim();
                    if c.contains('/') {
                        out.push(c.to_owned());
                    }
                }
            }
        }
    }
    out.dedup();
    out
}

/// Active device administrators from `dumpsys device_policy`.
pub fn dumpsys_device_policy(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth: Option<usize> = None;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("Enabled Device Admins") {
            depth = Some(indent(line));
            continue;
        }
        if let Some(d) = depth {
            if t.is_empty() || indent(line) <= d {
                depth = None;
                continue;
            }
            if indent(line) == d + 2 {
                if let Some(c) = t.strip_suffix(':') {
                    if c.contains('/') {
                        out.push(c.to_owned());
                    }
                }
            }
        }
    }
    out
}

/// Operations whose mode matters by itself (not only their use).
const MODE_OPS: &[&str] = &["REQUEST_INSTALL_PACKAGES"];

/// Who holds the operations of [`MODE_OPS`], from `dumpsys appops`: (package, op, mode).
pub fn dumpsys_appops_modes(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut package: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(p) = t.strip_prefix("Package ").and_then(|r| r.strip_suffix(':')) {
            package = Some(p);
        } else if t.starts_with("Uid ") {
            package = None;
        } else if let Some(p) = package {
            let name = t.split([' ', ':', '(']).next().unwrap_or_default();
            if MODE_OPS.contains(&name) {
                let mode = t
                    .split_once('(')
                    .and_then(|(_, r)| r.split(')').next())
                    .or_else(|| t.split_once("mode=").map(|(_, m)| m.trim()))
                    .unwrap_or_default();
                out.push((p.to_owned(), name.to_owned(), mode.to_owned()));
            }
        }
    }
    out
}

/// A text tombstone (`/data/tombstones/tombstone_NN`): the crashed process, its user, the
/// signal and the time. `None` when the text is not one.
pub fn tombstone(text: &str, file: &str) -> Option<Crash> {
    let mut process = None;
    let mut uid = None;
    let mut signal = String::new();
    let mut when = String::new();
    for line in text.lines().take(200) {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("Timestamp:") {
            when = v.trim().to_owned();
        } else if t.starts_with("pid:") && process.is_none() {
            process = t
                .split_once(">>> ")
                .and_then(|(_, r)| r.split(" <<<").next())
                .map(str::to_owned);
        } else if let Some(v) = t.strip_prefix("uid:") {
            uid = v.trim().parse().ok();
        } else if t.starts_with("signal ") && signal.is_empty() {
            signal = t
                .split_once('(')
                .and_then(|(_, r)| r.split(')').next())
                .unwrap_or_default()
                .to_owned();
        }
    }
    Some(Crash {
        process: process?,
        uid: uid?,
        signal,
        when,
        file: file.to_owned(),
    })
}

/// Packages named in `dumpsys batterystats` (history events `top=`, `job=`, `pkginst=`,
/// `pkgunin=`, and daily `Update PACKAGE vers=`), each with the first line naming it.
pub fn batterystats_packages(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let valid = |p: &str| {
        p.contains('.')
            && p.len() < 256
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    };
    for line in text.lines() {
        let t = line.trim();
        let mut found: Vec<&str> = Vec::new();
        if let Some(rest) = t.strip_prefix("Update ") {
            if let Some(p) = rest.split_whitespace().next() {
                found.push(p);
            }
        }
        for key in ["top=", "job=", "pkginst=", "pkgunin=", "fg=", "longwake="] {
            let mut rest = t;
            while let Some(i) = rest.find(key) {
                rest = &rest[i + key.len()..];
                // uXaY:"package/..." or uXaY:"package"
                if let Some(q) = rest.split('"').nth(1) {
                    found.push(q.split('/').next().unwrap_or(q));
                }
            }
        }
        for p in found {
            if valid(p) && !out.contains_key(p) {
                out.insert(p.to_owned(), t.chars().take(200).collect());
            }
        }
    }
    out
}

/// Data received and sent per package since the last full charge, from
/// `dumpsys batterystats --checkin`: `uid` lines map a UID to its packages, `nt` lines give
/// mobile and Wi-Fi bytes (`9,UID,l,nt,mobileRx,mobileTx,wifiRx,wifiTx,...`).
pub fn batterystats_checkin_network(text: &str) -> BTreeMap<String, (u64, u64)> {
    let mut packages: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let mut bytes: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.trim().split(',').collect();
        match f.as_slice() {
            [_, _, "i", "uid", uid, package, ..] => {
                if let Ok(u) = uid.parse() {
                    packages.entry(u).or_default().push(package);
                }
            }
            [_, uid, "l", "nt", mrx, mtx, wrx, wtx, ..] => {
                let n = |v: &str| v.parse::<u64>().unwrap_or(0);
                if let Ok(u) = uid.parse::<u32>() {
                    let e = bytes.entry(u).or_default();
                    e.0 = e.0.saturating_add(n(mrx).saturating_add(n(wrx)));
                    e.1 = e.1.saturating_add(n(mtx).saturating_add(n(wtx)));
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (uid, use_) in bytes {
        for p in packages.get(&uid).into_iter().flatten() {
            out.insert((*p).to_owned(), use_);
        }
    }
    out
}

/// Sensitive operations recently used, from `dumpsys appops`.
pub fn dumpsys_appops(text: &str) -> Vec<AppOpUse> {
    let mut out = Vec::new();
    let mut package: Option<&str> = None;
    let mut op: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(p) = t.strip_prefix("Package ").and_then(|r| r.strip_suffix(':')) {
            package = Some(p);
            op = None;
        } else if t.starts_with("Uid ") {
            package = None;
            op = None;
        } else if let Some(rest) = t.strip_prefix("Access:") {
            let (Some(p), Some(o)) = (package, op) else {
                continue;
            };
            let rest = rest.trim();
            let Some(close) = rest.find(']') else {
                continue;
            };
            let state = rest[..close]
                .trim_start_matches('[')
                .split('-')
                .next()
                .unwrap_or_default();
            let when: String = rest[close + 1..]
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(AppOpUse {
                package: p.to_owned(),
                op: o.to_owned(),
                state: state.to_owned(),
                when,
            });
        } else if t.ends_with("):") || t.contains(": mode=") {
            let name = t.split([' ', ':', '(']).next().unwrap_or_default();
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                op = Some(name);
            }
        }
    }
    out
}

/// androidqf's `packages.json`: packages with their APK files' hashes and certificates.
pub fn androidqf_packages(
    bytes: &[u8],
    device: &mut AndroidDevice,
    source: &str,
) -> Result<usize, serde_json::Error> {
    #[derive(serde::Deserialize)]
    struct Cert {
        #[serde(rename = "Sha1", default)]
        sha1: String,
        #[serde(rename = "Sha256", default)]
        sha256: String,
    }
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        path: String,
        #[serde(default)]
        sha256: String,
        #[serde(default)]
        certificate: Option<Cert>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        name: String,
        #[serde(default)]
        files: Vec<File>,
        #[serde(default)]
        installer: String,
        #[serde(default)]
        uid: Option<u32>,
        #[serde(default)]
        disabled: bool,
        #[serde(default)]
        system: bool,
    }
    let entries: Vec<Entry> = serde_json::from_slice(bytes)?;
    let n = entries.len();
    for e in entries {
        let mut p = Package {
            name: e.name.clone(),
            installer: known(&e.installer),
            uid: e.uid,
            system: e.system,
            disabled: e.disabled,
            source: source.to_owned(),
            ..Package::default()
        };
        for f in e.files {
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
        let entry = device.package_mut(&e.name, source);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_a_full_dumpsys() {
        let t = "x\nDUMP OF SERVICE a:\none\nDUMP OF SERVICE b:\ntwo\n";
        assert_eq!(dumpsys_sections(t), vec![("a", "one\n"), ("b", "two\n")]);
        assert_eq!(dumpsys_sections("plain"), vec![("", "plain")]);
    }

    #[test]
    fn small_formats() {
        let p = getprop("[ro.build.version.release]: [12]\n[bad\n");
        assert_eq!(
            p.get("ro.build.version.release").map(String::as_str),
            Some("12")
        );
        let s = settings("adb_enabled=1\nnot a setting\n");
        assert_eq!(s.get("adb_enabled").map(String::as_str), Some("1"));
        let ps = ps("USER PID PPID NAME\nroot 1 0 init\nu0_a12 300 1 com.spy:remote\n");
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].name, "com.spy:remote");
    }

    #[test]
    fn accessibility_both_formats() {
        let old = "  enabled services: {\n    0 : com.spy/.Svc\n  }\n";
        assert_eq!(dumpsys_accessibility(old), vec!["com.spy/.Svc"]);
        let new = "     Enabled services:{{com.a/com.a.S}, {com.b/.T}}\n";
        assert_eq!(
            dumpsys_accessibility(new),
            vec!["com.a/com.a.S", "com.b/.T"]
        );
    }

    #[test]
    fn appops_modes_and_tombstones() {
        let t = "  Uid u0a1:\n    Package org.mozilla.firefox:\n      REQUEST_INSTALL_PACKAGES (allow):\n";
        assert_eq!(
            dumpsys_appops_modes(t),
            vec![(
                "org.mozilla.firefox".into(),
                "REQUEST_INSTALL_PACKAGES".into(),
                "allow".into()
            )]
        );
        let ts = "Timestamp: 2023-04-12 12:32:40\npid: 1, tid: 2, name: x  >>> /system/bin/vold <<<\nuid: 0\nsignal 11 (SIGSEGV), code 1 (SEGV_MAPERR)\n";
        let c = tombstone(ts, "tombstone_00").expect("a tombstone");
        assert_eq!(
            (c.process.as_str(), c.uid, c.signal.as_str()),
            ("/system/bin/vold", 0, "SIGSEGV")
        );
        assert!(tombstone("not one", "x").is_none());
    }

    #[test]
    fn battery_history_names_packages() {
        let t = "  +1h26m (2) 095 +top=u0a280:\"com.whatsapp\"\n  +47s (2) 100 +job=u0a94:\"com.spy.app/.Job\"\n      Update com.facebook.katana vers=315814651\n";
        let p = batterystats_packages(t);
        assert!(p.contains_key("com.whatsapp") && p.contains_key("com.spy.app"));
        assert!(p.contains_key("com.facebook.katana"));
    }

    #[test]
    fn network_use_from_checkin() {
        let t = "9,0,i,uid,10123,com.spy.app\n9,10123,l,nt,100,2000,300,4000,1,2,3,4\n9,10124,l,nt,5,5,5,5\n";
        let n = batterystats_checkin_network(t);
        assert_eq!(n.get("com.spy.app"), Some(&(400, 6000)));
        assert_eq!(n.len(), 1);
    }

    #[test]
    fn pm_list_lines() {
        let mut d = AndroidDevice::default();
        pm_list_packages(
            "package:/data/app/~~x==/com.spy-1/base.apk=com.spy  installer=null uid:10200\n",
            &mut d,
            "pm",
        );
        let p = &d.packages["com.spy"];
        assert_eq!(
            (p.uid, p.installer.as_deref(), p.system),
            (Some(10200), None, false)
        );
        assert_eq!(p.apk_paths, vec!["/data/app/~~x==/com.spy-1/base.apk"]);
    }
}
