//! Android rules: indicator matches on package names, signing certificates, APK hashes and
//! process names, and the heuristics of stalkerware checks (app from outside a store, hidden
//! app with sensitive permissions, accessibility / device admin / notification access held by
//! a non-system app, Play Protect off, unknown sources, root, interception, background use
//! of location, camera or microphone). Every finding names the package and the raw output
//! that showed it, and says what the app can see.

use crate::model::{AndroidDevice, Package};
use std::collections::BTreeMap;
use vigie_core::{
    Coverage, Evidence, Finding, FindingSet, Message, Severity, ThreatCategory, Verdict,
};
use vigie_indicators::{Indicator, IndicatorKind, IndicatorSet};

/// Rule identifiers.
pub mod ids {
    /// Package name of a known spy app.
    pub const IOC_PACKAGE: &str = "AND-IOC-PACKAGE";
    /// Signing certificate of a known spy app.
    pub const IOC_CERT: &str = "AND-IOC-CERT";
    /// APK file of a known spy app.
    pub const IOC_APK: &str = "AND-IOC-APK";
    /// A known spy app in the battery history (it ran, and may have been removed since).
    pub const IOC_HISTORY: &str = "AND-IOC-HISTORY";
    /// Running process named as a known spy app.
    pub const IOC_PROCESS: &str = "AND-IOC-PROCESS";
    /// A monitoring ("watchware") or anti-theft app listed as such.
    pub const WATCHWARE: &str = "AND-WATCHWARE";
    /// App installed from outside any store.
    pub const SIDELOADED: &str = "AND-SIDELOADED";
    /// App with no launcher icon holding sensitive permissions.
    pub const HIDDEN_SENSITIVE: &str = "AND-HIDDEN-SENSITIVE";
    /// Accessibility service of a non-system app.
    pub const ACCESSIBILITY: &str = "AND-ACCESSIBILITY";
    /// Device administrator that is not a system app.
    pub const DEVICE_ADMIN: &str = "AND-DEVICE-ADMIN";
    /// Notification listener of a non-system app.
    pub const NOTIFICATION_LISTENER: &str = "AND-NOTIFICATION-LISTENER";
    /// Installing from unknown sources allowed.
    pub const UNKNOWN_SOURCES: &str = "AND-UNKNOWN-SOURCES";
    /// Play Protect (package verifier) disabled.
    pub const VERIFIER_OFF: &str = "AND-VERIFIER-OFF";
    /// Reports to the maker or Google turned off (what spy-app installers ask for).
    pub const REPORTS_OFF: &str = "AND-REPORTS-OFF";
    /// Accessibility turned on (the services that use it are flagged on their own).
    pub const ACCESSIBILITY_ON: &str = "AND-ACCESSIBILITY-ON";
    /// An app installed from a store other than Google Play or the phone maker's.
    pub const THIRD_PARTY_STORE: &str = "AND-THIRD-PARTY-STORE";
    /// Developer options or USB debugging on.
    pub const DEVELOPER: &str = "AND-DEVELOPER";
    /// Root or hooking framework traces.
    pub const ROOT: &str = "AND-ROOT";
    /// User-installed CA certificate (traffic interception).
    pub const USER_CA: &str = "AND-USER-CA";
    /// Always-on VPN or global proxy (traffic interception).
    pub const INTERCEPTION: &str = "AND-INTERCEPTION";
    /// An app allowed to install other apps.
    pub const INSTALLS_APPS: &str = "AND-INSTALLS-APPS";
    /// A crash of a process running as root, system or shell (exploitation attempts crash
    /// such processes; most crashes are ordinary bugs).
    pub const PRIVILEGED_CRASH: &str = "AND-PRIVILEGED-CRASH";
    /// Location, camera or microphone used in the background.
    pub const BACKGROUND_SENSORS: &str = "AND-BACKGROUND-SENSORS";
}

/// Settings that protect the phone, their safe value, and the rule raised otherwise (the
/// same list as MVT's dangerous settings).
const PROTECTIONS: &[(&str, &str, &str, Severity, &str)] = &[
    (
        "verifier_verify_adb_installs",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-adb-verify-off",
    ),
    (
        "package_verifier_enable",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-play-protect-off",
    ),
    (
        "package_verifier_state",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-apk-verify-off",
    ),
    (
        "package_verifier_user_consent",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-play-protect-off",
    ),
    (
        "upload_apk_enable",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-play-protect-off",
    ),
    (
        "adb_install_need_confirm",
        "1",
        ids::VERIFIER_OFF,
        Severity::Medium,
        "setting-adb-confirm-off",
    ),
    (
        "send_security_reports",
        "1",
        ids::REPORTS_OFF,
        Severity::Low,
        "setting-security-reports-off",
    ),
    (
        "samsung_errorlog_agree",
        "1",
        ids::REPORTS_OFF,
        Severity::Low,
        "setting-crash-logs-off",
    ),
    (
        "send_action_app_error",
        "1",
        ids::REPORTS_OFF,
        Severity::Low,
        "setting-app-errors-off",
    ),
    (
        "accessibility_enabled",
        "0",
        ids::ACCESSIBILITY_ON,
        Severity::Low,
        "setting-accessibility-on",
    ),
];

/// Stores that come with phones (Google Play and the makers' own).
const MAIN_STORES: &[&str] = &[
    "com.android.vending",
    "com.google.android.feedback",
    "com.sec.android.app.samsungapps",
    "com.huawei.appmarket",
    "com.xiaomi.market",
    "com.xiaomi.mipicks",
    "com.heytap.market",
    "com.oppo.market",
    "com.bbk.appstore",
    "com.vivo.appstore",
];

/// Installers that are app stores.
const STORES: &[&str] = &[
    "com.android.vending",
    "com.google.android.feedback",
    "com.amazon.venezia",
    "com.sec.android.app.samsungapps",
    "com.huawei.appmarket",
    "com.xiaomi.market",
    "com.xiaomi.mipicks",
    "com.heytap.market",
    "com.oppo.market",
    "com.bbk.appstore",
    "com.vivo.appstore",
    "org.fdroid.fdroid",
    "com.aurora.store",
];

/// Packages of root managers and hooking frameworks.
const ROOT_PACKAGES: &[&str] = &[
    "com.topjohnwu.magisk",
    "eu.chainfire.supersu",
    "com.koushikdutta.superuser",
    "com.noshufou.android.su",
    "de.robv.android.xposed.installer",
    "org.meowcat.edxposed.manager",
    "org.lsposed.manager",
    "com.kingroot.kinguser",
];

/// Permissions and what they let an app see, as translation keys.
const CAPABILITIES: &[(&str, &str)] = &[
    ("android.permission.READ_SMS", "cap-sms"),
    ("android.permission.RECEIVE_SMS", "cap-sms"),
    ("android.permission.SEND_SMS", "cap-sms"),
    ("android.permission.READ_CALL_LOG", "cap-calls"),
    ("android.permission.PROCESS_OUTGOING_CALLS", "cap-calls"),
    ("android.permission.ANSWER_PHONE_CALLS", "cap-calls"),
    ("android.permission.ACCESS_FINE_LOCATION", "cap-location"),
    ("android.permission.ACCESS_COARSE_LOCATION", "cap-location"),
    (
        "android.permission.ACCESS_BACKGROUND_LOCATION",
        "cap-location",
    ),
    ("android.permission.RECORD_AUDIO", "cap-microphone"),
    ("android.permission.CAMERA", "cap-camera"),
    ("android.permission.READ_CONTACTS", "cap-contacts"),
    ("android.permission.READ_EXTERNAL_STORAGE", "cap-files"),
    ("android.permission.READ_MEDIA_IMAGES", "cap-files"),
    ("android.permission.MANAGE_EXTERNAL_STORAGE", "cap-files"),
];

/// What a package can see, as translation keys, from its grants and special accesses.
fn capabilities(device: &AndroidDevice, p: &Package) -> Vec<&'static str> {
    let mut caps: Vec<&'static str> = Vec::new();
    let mut add = |c: &'static str| {
        if !caps.contains(&c) {
            caps.push(c);
        }
    };
    let perms: &[String] = if p.granted_permissions.is_empty() {
        &p.requested_permissions
    } else {
        &p.granted_permissions
    };
    for (perm, cap) in CAPABILITIES {
        if perms.iter().any(|x| x == perm) {
            add(cap);
        }
    }
    let holds = |list: &[String]| {
        list.iter()
            .any(|c| AndroidDevice::component_package(c) == p.name)
    };
    if holds(&device.notification_listeners) {
        add("cap-notifications");
    }
    if holds(&device.accessibility_services) {
        add("cap-screen");
    }
    if holds(&device.device_admins) {
        add("cap-device-admin");
    }
    caps
}

/// The capability keys, or one saying none was seen.
fn caps_or_none(caps: &[&'static str]) -> Vec<&'static str> {
    if caps.is_empty() {
        vec!["cap-none"]
    } else {
        caps.to_vec()
    }
}

/// The first install date as the device gives it, or a dash when unknown.
fn since_of(p: &Package) -> String {
    p.first_install.clone().unwrap_or_else(|| "—".into())
}

/// Whether a package is part of the system (unknown packages count as not).
fn is_system(device: &AndroidDevice, name: &str) -> bool {
    device.packages.get(name).is_some_and(|p| p.system)
}

struct Builder<'a> {
    iocs: &'a IndicatorSet,
    device: &'a AndroidDevice,
    findings: FindingSet,
}

impl Builder<'_> {
    fn evidence(&self, output: &str, detail: String) -> Evidence {
        Evidence::RawOutput {
            name: output.to_owned(),
            sha256: self
                .device
                .output_sha256(output)
                .unwrap_or_default()
                .to_owned(),
            detail,
        }
    }

    /// An indicator match on a package (name, certificate or APK).
    fn ioc(&mut self, rule: &str, p: &Package, ind: &Indicator, what: &str, value: &str) {
        let app = ind.app.clone().unwrap_or_else(|| p.name.clone());
        let caps = capabilities(self.device, p);
        let (rule, severity, key) = if ind.category == ThreatCategory::Watchware {
            (ids::WATCHWARE, Severity::Medium, "and-watchware")
        } else {
            (rule, Severity::High, "and-ioc")
        };
        let since = since_of(p);
        let title = Message::new(format!("{key}-title"))
            .arg("app", &app)
            .arg("package", &p.name);
        let explanation = Message::new(format!("{key}-explain"))
            .arg("app", &app)
            .arg("package", &p.name)
            .arg_keys("matched_keys", &[what])
            .arg("since", since)
            .arg_keys("can_keys", &caps_or_none(&caps));
        // Certificates read from the APKs are recorded in their own output.
        let output = if what.starts_with("match-cert")
            && self.device.output_sha256("apk certificates").is_some()
        {
            "apk certificates"
        } else {
            p.source.as_str()
        };
        let ev = self.evidence(
            output,
            format!("{} {value}", what.trim_start_matches("match-")),
        );
        let r = self.iocs.reference(ind);
        self.findings.raise(
            Finding::new(rule, severity, &p.name, title, explanation).with_indicator(Some(r)),
            Some(ev),
        );
    }

    fn package_rules(&mut self) {
        let device = self.device;
        for p in device.packages.values() {
            for ind in self.iocs.match_exact(IndicatorKind::AppId, &p.name) {
                self.ioc(ids::IOC_PACKAGE, p, ind, "match-package", &p.name);
            }
            for c in &p.cert_sha1 {
                for ind in self.iocs.match_exact(IndicatorKind::AppCertSha1, c) {
                    self.ioc(ids::IOC_CERT, p, ind, "match-cert-sha1", c);
                }
            }
            for c in &p.cert_sha256 {
                for ind in self.iocs.match_exact(IndicatorKind::AppCertSha256, c) {
                    self.ioc(ids::IOC_CERT, p, ind, "match-cert-sha256", c);
                }
            }
            for h in &p.apk_sha256 {
                for ind in self.iocs.match_exact(IndicatorKind::FileSha256, h) {
                    self.ioc(ids::IOC_APK, p, ind, "match-apk", h);
                }
            }
            // A system app whose installer is not a store was updated from outside one.
            if p.system && p.installer.as_deref().is_none_or(|i| STORES.contains(&i)) {
                continue;
            }
            let caps = capabilities(device, p);
            let sensitive = caps.iter().any(|c| *c != "cap-files");
            let since = since_of(p);
            let from_store = p.installer.as_deref().is_some_and(|i| STORES.contains(&i));
            if !from_store {
                let installer = p.installer.clone();
                let ev = self.evidence(
                    &p.source,
                    format!("installer {}", installer.as_deref().unwrap_or("null")),
                );
                let key = match installer {
                    Some(_) => "and-sideloaded-explain",
                    None => "and-sideloaded-unknown-explain",
                };
                self.findings.raise(
                    Finding::new(
                        ids::SIDELOADED,
                        if sensitive {
                            Severity::Medium
                        } else {
                            Severity::Low
                        },
                        &p.name,
                        Message::new("and-sideloaded-title").arg("package", &p.name),
                        Message::new(key)
                            .arg("package", &p.name)
                            .arg("installer", installer.unwrap_or_default())
                            .arg("since", since.clone())
                            .arg_keys("can_keys", &caps_or_none(&caps)),
                    ),
                    Some(ev),
                );
            }
            if let Some(store) = p
                .installer
                .as_deref()
                .filter(|i| STORES.contains(i) && !MAIN_STORES.contains(i))
            {
                let ev = self.evidence(&p.source, format!("installer {store}"));
                self.findings.raise(
                    Finding::new(
                        ids::THIRD_PARTY_STORE,
                        Severity::Info,
                        &p.name,
                        Message::new("and-third-party-store-title").arg("package", &p.name),
                        Message::new("and-third-party-store-explain")
                            .arg("package", &p.name)
                            .arg("installer", store),
                    ),
                    Some(ev),
                );
            }
            if p.launcher == Some(false) && sensitive {
                let ev = self.evidence(&p.source, "no launcher activity".into());
                self.findings.raise(
                    Finding::new(
                        ids::HIDDEN_SENSITIVE,
                        Severity::Medium,
                        &p.name,
                        Message::new("and-hidden-title").arg("package", &p.name),
                        Message::new("and-hidden-explain")
                            .arg("package", &p.name)
                            .arg("since", since)
                            .arg_keys("can_keys", &caps_or_none(&caps)),
                    ),
                    Some(ev),
                );
            }
            if ROOT_PACKAGES.contains(&p.name.as_str()) {
                let ev = self.evidence(&p.source, format!("package {}", p.name));
                self.root(&p.name.clone(), ev);
            }
        }
    }

    fn root(&mut self, what: &str, ev: Evidence) {
        self.findings.raise(
            Finding::new(
                ids::ROOT,
                Severity::Medium,
                "device",
                Message::new("and-root-title"),
                Message::new("and-root-explain").arg("what", what),
            ),
            Some(ev),
        );
    }

    /// Accessibility, device admin and notification access held by non-system apps.
    fn special_access(&mut self) {
        let device = self.device;
        // What gives each access: rule, message key, severity, kind of source, and the
        // output's name when the source was not noted.
        let specs = [
            (
                ids::ACCESSIBILITY,
                "and-accessibility",
                Severity::Medium,
                "accessibility",
                "dumpsys accessibility",
            ),
            (
                ids::DEVICE_ADMIN,
                "and-device-admin",
                Severity::Medium,
                "device_policy",
                "dumpsys device_policy",
            ),
            (
                ids::NOTIFICATION_LISTENER,
                "and-notification-listener",
                Severity::Low,
                "settings-secure",
                "settings secure",
            ),
        ];
        let lists = [
            &device.accessibility_services,
            &device.device_admins,
            &device.notification_listeners,
        ]
        .into_iter()
        .zip(specs);
        for (list, (rule, key, severity, kind, output)) in lists {
            for component in list {
                let pkg = AndroidDevice::component_package(component);
                if is_system(device, pkg) {
                    continue;
                }
                let caps = device
                    .packages
                    .get(pkg)
                    .map(|p| capabilities(device, p))
                    .unwrap_or_default();
                let source = device.source_of(kind, output);
                let ev = self.evidence(&source, component.clone());
                // An access held by a known spy app that the package list did not show.
                if !device.packages.contains_key(pkg) {
                    for ind in self.iocs.match_exact(IndicatorKind::AppId, pkg) {
                        let p = Package {
                            name: pkg.to_owned(),
                            source: source.clone(),
                            ..Package::default()
                        };
                        self.ioc(ids::IOC_PACKAGE, &p, ind, "match-package", pkg);
                    }
                }
                self.findings.raise(
                    Finding::new(
                        rule,
                        severity,
                        pkg,
                        Message::new(format!("{key}-title")).arg("package", pkg),
                        Message::new(format!("{key}-explain"))
                            .arg("package", pkg)
                            .arg("component", component)
                            .arg_keys("can_keys", &caps_or_none(&caps)),
                    ),
                    Some(ev),
                );
            }
        }
    }

    fn settings_rules(&mut self) {
        let device = self.device;
        let out = |ns: &str| device.source_of(&format!("settings-{ns}"), "settings");
        if device.setting("secure", "install_non_market_apps") == Some("1") {
            let ev = self.evidence(&out("secure"), "install_non_market_apps=1".into());
            self.findings.raise(
                Finding::new(
                    ids::UNKNOWN_SOURCES,
                    Severity::Low,
                    "device",
                    Message::new("and-unknown-sources-title"),
                    Message::new("and-unknown-sources-explain"),
                ),
                Some(ev),
            );
        }
        for (key, safe, rule, severity, what) in PROTECTIONS {
            let Some((ns, value)) = device
                .settings
                .iter()
                .find_map(|(ns, m)| m.get(*key).map(|v| (ns.as_str(), v.as_str())))
            else {
                continue;
            };
            if value == *safe {
                continue;
            }
            let ev = self.evidence(&out(ns), format!("{key}={value}"));
            self.findings.raise(
                Finding::new(
                    *rule,
                    *severity,
                    *key,
                    Message::new("and-setting-title")
                        .arg("key", *key)
                        .arg("value", value)
                        .arg_keys("what_keys", &[what]),
                    Message::new(format!("{}-explain", rule.to_ascii_lowercase()))
                        .arg("key", *key)
                        .arg("value", value),
                ),
                Some(ev),
            );
        }
        for key in ["adb_enabled", "development_settings_enabled"] {
            if device.setting("global", key) == Some("1") {
                let ev = self.evidence(&out("global"), format!("{key}=1"));
                self.findings.raise(
                    Finding::new(
                        ids::DEVELOPER,
                        Severity::Info,
                        "device",
                        Message::new("and-developer-title"),
                        Message::new("and-developer-explain"),
                    ),
                    Some(ev),
                );
            }
        }
        if let Some(vpn) = device
            .always_on_vpn
            .as_deref()
            .filter(|v| !is_system(device, v))
        {
            let ev = self.evidence(&out("secure"), format!("always_on_vpn_app={vpn}"));
            self.findings.raise(
                Finding::new(
                    ids::INTERCEPTION,
                    Severity::Low,
                    vpn,
                    Message::new("and-vpn-title").arg("package", vpn),
                    Message::new("and-vpn-explain").arg("package", vpn),
                ),
                Some(ev),
            );
        }
        if let Some(proxy) = device.http_proxy.as_deref() {
            let ev = self.evidence(&out("global"), format!("http_proxy={proxy}"));
            self.findings.raise(
                Finding::new(
                    ids::INTERCEPTION,
                    Severity::Medium,
                    proxy,
                    Message::new("and-proxy-title").arg("proxy", proxy),
                    Message::new("and-proxy-explain").arg("proxy", proxy),
                ),
                Some(ev),
            );
        }
        for ca in &device.user_ca_certificates {
            let ev = self.evidence("user CA certificates", ca.clone());
            self.findings.raise(
                Finding::new(
                    ids::USER_CA,
                    Severity::Medium,
                    ca,
                    Message::new("and-user-ca-title"),
                    Message::new("and-user-ca-explain").arg("certificate", ca),
                ),
                Some(ev),
            );
        }
    }

    fn device_rules(&mut self) {
        let device = self.device;
        for trace in &device.root_traces {
            let source = device.source_of("root", "root");
            let ev = self.evidence(&source, trace.clone());
            self.root(trace, ev);
        }
        for (prop, bad) in [("ro.debuggable", "1"), ("ro.secure", "0")] {
            if device.properties.get(prop).map(String::as_str) == Some(bad) {
                let ev = self.evidence(
                    &device.source_of("getprop", "getprop"),
                    format!("{prop}={bad}"),
                );
                self.root(&format!("{prop}={bad}"), ev);
            }
        }
        for proc in &device.processes {
            let base = proc.name.split(':').next().unwrap_or_default();
            let mut hits: Vec<&Indicator> = self
                .iocs
                .match_exact(IndicatorKind::ProcessName, &proc.name);
            if !device.packages.contains_key(base) {
                hits.extend(self.iocs.match_exact(IndicatorKind::AppId, base));
            }
            for ind in hits {
                let ev = self.evidence(
                    &device.source_of("ps", "ps"),
                    format!("pid {} {}", proc.pid, proc.name),
                );
                let r = self.iocs.reference(ind);
                let app = ind.app.clone().unwrap_or_else(|| base.to_owned());
                self.findings.raise(
                    Finding::new(
                        ids::IOC_PROCESS,
                        if ind.category == ThreatCategory::Watchware {
                            Severity::Medium
                        } else {
                            Severity::High
                        },
                        &proc.name,
                        Message::new("and-ioc-process-title")
                            .arg("app", &app)
                            .arg("process", &proc.name),
                        Message::new("and-ioc-process-explain")
                            .arg("app", &app)
                            .arg("process", &proc.name),
                    )
                    .with_indicator(Some(r)),
                    Some(ev),
                );
            }
        }
        for (pkg, op, mode) in &device.app_op_modes {
            if is_system(device, pkg) {
                continue;
            }
            let allowed = mode == "allow";
            let source = device.source_of("appops", "dumpsys appops");
            let ev = self.evidence(&source, format!("{pkg} {op} ({mode})"));
            self.findings.raise(
                Finding::new(
                    ids::INSTALLS_APPS,
                    if allowed {
                        Severity::Low
                    } else {
                        Severity::Info
                    },
                    pkg,
                    Message::new("and-installs-apps-title").arg("package", pkg.as_str()),
                    Message::new(if allowed {
                        "and-installs-apps-explain"
                    } else {
                        "and-installs-apps-asked-explain"
                    })
                    .arg("package", pkg.as_str())
                    .arg("mode", mode.as_str()),
                ),
                Some(ev),
            );
        }
        for c in &device.crashes {
            let who = match c.uid {
                0 => "uid-root",
                1000 => "uid-system",
                2000 => "uid-shell",
                _ => continue,
            };
            let ev = self.evidence(&c.file, format!("{} uid {} {}", c.process, c.uid, c.signal));
            self.findings.raise(
                Finding::new(
                    ids::PRIVILEGED_CRASH,
                    Severity::Low,
                    &c.process,
                    Message::new("and-crash-title").arg("process", c.process.as_str()),
                    Message::new("and-crash-explain")
                        .arg("process", c.process.as_str())
                        .arg_keys("who_keys", &[who])
                        .arg("signal", c.signal.as_str())
                        .arg("when", c.when.as_str()),
                ),
                Some(ev),
            );
        }
        for (pkg, line) in &device.history_packages {
            if device.packages.contains_key(pkg) {
                continue;
            }
            for ind in self.iocs.match_exact(IndicatorKind::AppId, pkg) {
                let source = device.source_of("batterystats", "dumpsys batterystats");
                let ev = self.evidence(&source, line.clone());
                let r = self.iocs.reference(ind);
                let app = ind.app.clone().unwrap_or_else(|| pkg.clone());
                let watch = ind.category == ThreatCategory::Watchware;
                self.findings.raise(
                    Finding::new(
                        ids::IOC_HISTORY,
                        if watch {
                            Severity::Medium
                        } else {
                            Severity::High
                        },
                        pkg,
                        Message::new("and-ioc-history-title")
                            .arg("app", &app)
                            .arg("package", pkg.as_str()),
                        Message::new("and-ioc-history-explain")
                            .arg("app", &app)
                            .arg("package", pkg.as_str()),
                    )
                    .with_indicator(Some(r)),
                    Some(ev),
                );
            }
        }
        // Location, camera and microphone used while the app was in the background.
        let mut bg: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
        for u in &device.app_ops {
            let cap = match u.op.as_str() {
                "FINE_LOCATION"
                | "COARSE_LOCATION"
                | "MONITOR_LOCATION"
                | "MONITOR_HIGH_POWER_LOCATION" => "cap-location",
                "CAMERA" => "cap-camera",
                "RECORD_AUDIO" => "cap-microphone",
                _ => continue,
            };
            if !matches!(u.state.as_str(), "bg" | "cch" | "fgsvc") || is_system(device, &u.package)
            {
                continue;
            }
            let caps = bg.entry(&u.package).or_default();
            if !caps.contains(&cap) {
                caps.push(cap);
            }
        }
        for (pkg, caps) in bg {
            let last = device
                .app_ops
                .iter()
                .filter(|u| u.package == pkg)
                .map(|u| u.when.as_str())
                .max()
                .unwrap_or_default()
                .to_owned();
            let source = device.source_of("appops", "dumpsys appops");
            let ev = self.evidence(&source, format!("{pkg} {}", caps.join(",")));
            self.findings.raise(
                Finding::new(
                    ids::BACKGROUND_SENSORS,
                    Severity::Low,
                    pkg,
                    Message::new("and-background-title").arg("package", pkg),
                    Message::new("and-background-explain")
                        .arg("package", pkg)
                        .arg("last", last)
                        .arg_keys("what_keys", &caps),
                ),
                Some(ev),
            );
        }
    }
}

/// Runs every Android rule on what was observed and returns the verdict, with what was and
/// was not checked.
pub fn check(device: &AndroidDevice, iocs: &IndicatorSet) -> Verdict {
    let mut b = Builder {
        iocs,
        device,
        findings: FindingSet::new(),
    };
    b.package_rules();
    b.special_access();
    b.settings_rules();
    b.device_rules();
    // An app listed both as stalkerware and as watchware (feeds can disagree) is named
    // once, as the more serious.
    let spyware: std::collections::BTreeSet<String> = b
        .findings
        .as_slice()
        .iter()
        .filter(|f| f.severity == Severity::High)
        .map(|f| f.subject.clone())
        .collect();
    let findings: Vec<Finding> = b
        .findings
        .into_vec()
        .into_iter()
        .filter(|f| !(f.rule == ids::WATCHWARE && spyware.contains(&f.subject)))
        .collect();
    Verdict::new(findings, coverage(device, iocs))
}

fn coverage(device: &AndroidDevice, iocs: &IndicatorSet) -> Coverage {
    let mut c = Coverage::default();
    let third_party = device.packages.values().filter(|p| !p.system).count();
    c.checked.push(
        Message::new("and-coverage-packages")
            .arg("packages", device.packages.len().to_string())
            .arg("third_party", third_party.to_string()),
    );
    let with_certs = device
        .packages
        .values()
        .filter(|p| !p.cert_sha1.is_empty() || !p.cert_sha256.is_empty())
        .count();
    c.checked
        .push(Message::new("and-coverage-certificates").arg("count", with_certs.to_string()));
    c.checked.push(
        Message::new("and-coverage-indicators")
            .arg("count", iocs.len().to_string())
            .arg(
                "sources",
                iocs.sources()
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
    );
    c.checked.push(
        Message::new("and-coverage-outputs").arg(
            "outputs",
            device
                .outputs
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    if with_certs == 0 {
        c.not_checked
            .push(Message::new("and-not-checked-certificates"));
    }
    for (what, why) in &device.missing {
        c.not_checked.push(
            Message::new("and-not-checked-missing")
                .arg("what", what)
                .arg("why", why),
        );
    }
    c.not_checked.push(Message::new("and-not-checked-general"));
    c
}
