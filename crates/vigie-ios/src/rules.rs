//! From what a backup shows to findings: indicator matches on apps, links, domains,
//! processes and e-mail addresses (each naming the database and row), and the signs that
//! matter on their own (jailbreak traces, deleted data-use records, Lockdown Mode).

use crate::manifest::is_jailbreak_app;
use crate::model::{IosBackup, LocationAccess, PairedKind, SeenKind};
use std::collections::BTreeSet;
use vigie_core::{
    Coverage, Evidence, Finding, FindingSet, Message, Severity, ThreatCategory, Verdict,
};
use vigie_indicators::{Indicator, IndicatorKind, IndicatorSet};

struct Builder<'a> {
    iocs: &'a IndicatorSet,
    findings: FindingSet,
}

impl Builder<'_> {
    /// A finding for each indicator matched by `value`.
    fn matched(
        &mut self,
        rule: &str,
        what: &str,
        value: &str,
        found: Vec<&Indicator>,
        evidence: Evidence,
    ) {
        for ind in found {
            let watchware = ind.category == ThreatCategory::Watchware;
            let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
            let (severity, key) = if watchware {
                (Severity::Medium, "ios-watchware")
            } else {
                (Severity::High, "ios-ioc")
            };
            let title = Message::new(format!("{key}-title")).arg("app", &app);
            let explanation = Message::new(format!("{key}-explain"))
                .arg("app", &app)
                .arg("value", value)
                .arg_keys("what_keys", &[what]);
            let r = self.iocs.reference(ind);
            // One finding per matched value: each names its own indicator.
            self.findings.raise(
                Finding::new(rule, severity, &ind.value, title, explanation)
                    .with_indicator(Some(r)),
                Some(evidence.clone()),
            );
        }
    }
}

/// The indicators a value of this kind matches.
fn matches<'a>(iocs: &'a IndicatorSet, kind: SeenKind, value: &str) -> Vec<&'a Indicator> {
    match kind {
        SeenKind::Url => {
            let mut found = iocs.match_url(value);
            if found.is_empty() {
                if let Some(host) = vigie_indicators::url_host(value) {
                    found = iocs.match_domain(&host);
                }
            }
            found
        }
        SeenKind::Domain => iocs.match_domain(value),
        SeenKind::Process => iocs.match_exact(IndicatorKind::ProcessName, value),
        SeenKind::Email => iocs.match_exact(IndicatorKind::Email, value),
        SeenKind::FilePath => iocs.match_exact(IndicatorKind::FilePath, value),
    }
}

/// What a profile's payload lets its maker do, when it matters for someone being watched.
fn profile_capability(payload_type: &str) -> Option<&'static str> {
    Some(match payload_type {
        "com.apple.mdm" => "ios-cap-profile-mdm",
        "com.apple.vpn.managed" | "com.apple.vpn.managed.applayer" => "ios-cap-profile-vpn",
        "com.apple.proxy.http.global" => "ios-cap-profile-proxy",
        "com.apple.security.root" | "com.apple.security.pem" | "com.apple.security.pkcs1" => {
            "ios-cap-profile-root"
        }
        "com.apple.notificationsettings" => "ios-cap-profile-notifications",
        _ => return None,
    })
}

/// Evidence of a record: the file, the entry in it, and what it says.
fn record(
    file: impl Into<String>,
    locator: impl Into<String>,
    detail: impl Into<String>,
) -> Evidence {
    Evidence::Record {
        file: file.into(),
        locator: locator.into(),
        detail: detail.into(),
    }
}

/// A finding whose title and explanation take no argument: the messages `{key}-title` and
/// `{key}-explain`.
fn sign(rule: &str, severity: Severity, subject: &str, key: &str) -> Finding {
    Finding::new(
        rule,
        severity,
        subject,
        Message::new(format!("{key}-title")),
        Message::new(format!("{key}-explain")),
    )
}

/// A time as shown in a finding's words, or a dash when unknown.
fn shown(when: &Option<String>) -> String {
    when.clone().unwrap_or_else(|| "—".into())
}

/// Checks what a backup shows against the indicators.
pub fn check(backup: &IosBackup, iocs: &IndicatorSet) -> Verdict {
    let mut b = Builder {
        iocs,
        findings: FindingSet::new(),
    };
    b.apps_and_values(backup);
    b.profiles(backup);
    b.apple_ids(backup);
    b.jailbreak(backup);
    b.exploit_traces(backup);
    b.missing_processes(backup);
    b.signed_outside_store(backup);
    b.location_always(backup);
    b.paired_devices(backup);
    b.profile_events(backup);
    b.sending_shortcuts(backup);
    b.installed_outside_store(backup);
    b.lockdown_mode(backup);
    Verdict::new(b.findings.into_vec(), coverage(backup))
}

impl Builder<'_> {
    /// Raises `finding` with one record as its evidence.
    fn raise(&mut self, finding: Finding, evidence: Evidence) {
        self.findings.raise(finding, Some(evidence));
    }

    /// The apps, and the values seen in the databases, that indicators name.
    fn apps_and_values(&mut self, backup: &IosBackup) {
        for (app, sources) in &backup.apps {
            let found = self.iocs.match_exact(IndicatorKind::AppId, app);
            let evidence = record(sources.join(", "), app.clone(), format!("app {app}"));
            self.matched("IOS-IOC-APP", "ios-what-app", app, found, evidence);
        }
        for s in &backup.seen {
            let found = matches(self.iocs, s.kind, &s.value);
            if found.is_empty() {
                continue;
            }
            let rule = match s.kind {
                SeenKind::Url => "IOS-IOC-URL",
                SeenKind::Domain => "IOS-IOC-DOMAIN",
                SeenKind::Process => "IOS-IOC-PROCESS",
                SeenKind::Email => "IOS-IOC-EMAIL",
                SeenKind::FilePath => "IOS-IOC-FILE",
            };
            let detail = match &s.when {
                Some(w) => format!("{} {} ({w})", s.kind.as_str(), s.value),
                None => format!("{} {}", s.kind.as_str(), s.value),
            };
            let evidence = record(s.file.clone(), s.locator.clone(), detail);
            let what = format!("ios-what-{}", s.module);
            self.matched(rule, &what, &s.value, found, evidence);
        }
    }

    /// Each configuration profile: one named by an indicator, and what each lets its maker do.
    fn profiles(&mut self, backup: &IosBackup) {
        for p in &backup.profiles {
            let evidence = record(
                p.file.clone(),
                format!("PayloadUUID {}", p.uuid),
                format!("{} ({})", p.name, p.identifier),
            );
            for value in [&p.uuid, &p.identifier] {
                let found = self
                    .iocs
                    .match_exact(IndicatorKind::ConfigurationProfile, value);
                let what = "ios-what-profiles";
                self.matched("IOS-IOC-PROFILE", what, value, found, evidence.clone());
            }
            let caps: BTreeSet<&str> = p
                .payload_types
                .iter()
                .filter_map(|t| profile_capability(t))
                .collect();
            let (severity, caps) = if caps.is_empty() {
                (Severity::Low, vec!["ios-cap-profile-settings"])
            } else {
                (Severity::Medium, caps.into_iter().collect())
            };
            let explain = if p.organization.is_some() {
                "ios-profile-explain"
            } else {
                "ios-profile-explain-unknown"
            };
            let explanation = Message::new(explain)
                .arg("name", &p.name)
                .arg("organization", p.organization.clone().unwrap_or_default())
                .arg("when", shown(&p.installed))
                .arg_keys("can_keys", &caps);
            let title = Message::new("ios-profile-title").arg("name", &p.name);
            let finding = Finding::new("IOS-PROFILE", severity, &p.uuid, title, explanation);
            self.raise(finding, evidence);
        }
    }

    /// The Apple ID the phone is signed in with.
    fn apple_ids(&mut self, backup: &IosBackup) {
        for a in backup.accounts.iter().filter(|a| a.is_apple_id()) {
            let finding = Finding::new(
                "IOS-APPLE-ID",
                Severity::Info,
                &a.user,
                Message::new("ios-apple-id-title").arg("user", &a.user),
                Message::new("ios-apple-id-explain").arg("user", &a.user),
            );
            let evidence = record(
                a.file.clone(),
                format!("ZACCOUNT {}", a.user),
                format!("{} {}", a.kind, a.user),
            );
            self.raise(finding, evidence);
        }
    }

    /// The paths and apps only a jailbroken phone has.
    fn jailbreak(&mut self, backup: &IosBackup) {
        let apps = backup.apps.keys().filter(|a| is_jailbreak_app(a));
        for p in backup.jailbreak_paths.iter().chain(apps) {
            let finding = sign(
                "IOS-JAILBREAK",
                Severity::Medium,
                "jailbreak",
                "ios-jailbreak",
            );
            self.raise(finding, record("Manifest.db", p.clone(), p.clone()));
        }
    }

    /// The traces known exploits leave.
    fn exploit_traces(&mut self, backup: &IosBackup) {
        for t in &backup.exploit_traces {
            let key = format!("ios-exploit-{}", t.kind);
            let finding = sign("IOS-EXPLOIT-TRACE", Severity::High, t.kind, &key);
            let evidence = record(t.file.clone(), t.locator.clone(), t.detail.clone());
            self.raise(finding, evidence);
        }
    }

    /// The records missing from the data-use database.
    fn missing_processes(&mut self, backup: &IosBackup) {
        for m in &backup.missing_processes {
            let subject = "DataUsage.sqlite";
            let finding = sign(
                "IOS-DATAUSAGE-MISSING",
                Severity::Low,
                subject,
                "ios-missing-process",
            );
            let detail = format!(
                "missing process {} after {} ({})",
                m.id,
                m.previous,
                m.previous_when.as_deref().unwrap_or("?")
            );
            let evidence = record(m.file.clone(), format!("ZPROCESS Z_PK {}", m.id), detail);
            self.raise(finding, evidence);
        }
    }

    /// The apps a connected phone listed as signed by another than the App Store.
    fn signed_outside_store(&mut self, backup: &IosBackup) {
        for (app, name, signer) in backup.live.iter().flat_map(|l| &l.outside_store) {
            let finding = Finding::new(
                "IOS-APP-OUTSIDE-STORE",
                Severity::Medium,
                app,
                Message::new("ios-outside-store-title").arg("name", name),
                Message::new("ios-outside-store-explain")
                    .arg("name", name)
                    .arg("value", app)
                    .arg("organization", signer),
            );
            let evidence = record(
                "installation_proxy",
                format!("CFBundleIdentifier {app}"),
                format!("SignerIdentity {signer}"),
            );
            self.raise(finding, evidence);
        }
    }

    /// The apps the backup's store records say were not installed from the App Store or by
    /// device management.
    fn installed_outside_store(&mut self, backup: &IosBackup) {
        for a in &backup.outside_store {
            let key = if a.installer.is_some() {
                "ios-outside-store-installer-explain"
            } else {
                "ios-outside-store-unknown-explain"
            };
            let installer = a.installer.clone().unwrap_or_default();
            let finding = Finding::new(
                "IOS-APP-OUTSIDE-STORE",
                Severity::Medium,
                &a.bundle,
                Message::new("ios-outside-store-title").arg("name", &a.name),
                Message::new(key)
                    .arg("name", &a.name)
                    .arg("value", &a.bundle)
                    .arg("organization", &installer),
            );
            let detail = if installer.is_empty() {
                "no iTunesMetadata sourceApp".into()
            } else {
                format!("sourceApp {installer}")
            };
            let evidence = record("Info.plist", format!("Applications {}", a.bundle), detail);
            self.raise(finding, evidence);
        }
    }

    /// Lockdown Mode, when it is on.
    fn lockdown_mode(&mut self, backup: &IosBackup) {
        if backup.lockdown_mode != Some(true) {
            return;
        }
        let finding = sign(
            "IOS-LOCKDOWN-MODE",
            Severity::Info,
            "lockdown",
            "ios-lockdown",
        );
        let evidence = record(
            "HomeDomain/Library/Preferences/.GlobalPreferences.plist",
            "LDMGlobalEnabled",
            "LDMGlobalEnabled = true",
        );
        self.raise(finding, evidence);
    }

    /// The installed apps that may follow the phone's location at all times.
    fn location_always(&mut self, backup: &IosBackup) {
        let always = backup
            .location_clients
            .iter()
            .filter(|c| c.access == LocationAccess::Always && c.is_installed_app());
        for c in always {
            let when = shown(&c.last_used);
            let finding = Finding::new(
                "IOS-LOCATION-ALWAYS",
                Severity::Info,
                &c.client,
                Message::new("ios-location-always-title").arg("app", &c.client),
                Message::new("ios-location-always-explain")
                    .arg("app", &c.client)
                    .arg("when", &when),
            );
            let detail = format!("Authorization = always (last used {when})");
            self.raise(finding, record(c.file.clone(), c.client.clone(), detail));
        }
    }

    /// The watches and Bluetooth devices paired with the phone.
    fn paired_devices(&mut self, backup: &IosBackup) {
        for d in &backup.paired_devices {
            let (rule, subject, title) = match d.kind {
                PairedKind::Watch => ("IOS-PAIRED-WATCH", d.address.as_str(), "ios-paired-watch"),
                PairedKind::Bluetooth => {
                    ("IOS-PAIRED-BLUETOOTH", "bluetooth", "ios-paired-bluetooth")
                }
            };
            let finding = sign(rule, Severity::Info, subject, title);
            let detail = format!("{} (last seen {})", d.name, shown(&d.last_seen));
            self.raise(finding, record(d.file.clone(), d.address.clone(), detail));
        }
    }

    /// The profiles installed and removed, from the phone's profile log.
    fn profile_events(&mut self, backup: &IosBackup) {
        for e in &backup.profile_events {
            let found = self
                .iocs
                .match_exact(IndicatorKind::ConfigurationProfile, &e.profile);
            let when = e.when.as_deref();
            let evidence = record(
                e.file.clone(),
                format!("ProfileEvents {}", e.profile),
                format!("{} by {} ({})", e.operation, e.process, when.unwrap_or("?")),
            );
            let what = "ios-what-profile_events";
            self.matched("IOS-IOC-PROFILE", what, &e.profile, found, evidence.clone());
            let key = if e.operation.eq_ignore_ascii_case("remove") {
                "ios-profile-event-removed"
            } else {
                "ios-profile-event-installed"
            };
            let finding = Finding::new(
                "IOS-PROFILE-EVENT",
                Severity::Low,
                format!("{} {}", e.profile, when.unwrap_or("")),
                Message::new(format!("{key}-title")).arg("name", &e.profile),
                Message::new(format!("{key}-explain"))
                    .arg("name", &e.profile)
                    .arg("when", shown(&e.when))
                    .arg("value", &e.process),
            );
            self.raise(finding, evidence);
        }
    }

    /// The shortcuts that take something private and send it.
    fn sending_shortcuts(&mut self, backup: &IosBackup) {
        for s in &backup.sending_shortcuts {
            let finding = Finding::new(
                "IOS-SHORTCUT-SENDS",
                Severity::Low,
                &s.locator,
                Message::new("ios-shortcut-sends-title").arg("name", &s.name),
                Message::new("ios-shortcut-sends-explain")
                    .arg("name", &s.name)
                    .arg("when", shown(&s.created)),
            );
            let detail = format!("takes {}; sends {}", s.takes.join(", "), s.sends.join(", "));
            self.raise(finding, record(s.file.clone(), s.locator.clone(), detail));
        }
    }
}

/// What the check read, and what it could not.
fn coverage(backup: &IosBackup) -> Coverage {
    let mut c = Coverage::default();
    if let Some(live) = &backup.live {
        c.checked.push(
            Message::new("ios-covered-live")
                .arg("apps", live.apps.to_string())
                .arg("count", live.profiles.to_string()),
        );
        if !live.backup {
            c.not_checked
                .push(Message::new("ios-not-covered-no-backup"));
        }
        if !live.backup_file_errors.is_empty() {
            c.not_checked.push(
                Message::new("ios-not-covered-backup-files")
                    .arg("count", live.backup_file_errors.len().to_string())
                    .arg("detail", live.backup_file_errors.join("; ")),
            );
        }
    }
    if backup.live.as_ref().is_none_or(|l| l.backup) {
        c.checked.push(
            Message::new("ios-covered-backup")
                .arg("entries", backup.manifest_entries.to_string())
                .arg("apps", backup.apps.len().to_string()),
        );
    }
    for m in &backup.modules {
        let key = match (&m.problem, m.files.is_empty()) {
            (Some(_), _) => "ios-covered-module-problem",
            (None, true) => "ios-covered-module-absent",
            (None, false) => "ios-covered-module",
        };
        let what = format!("ios-what-{}", m.module);
        let line = Message::new(key)
            .arg_keys("what_keys", &[what.as_str()])
            .arg("rows", m.rows.to_string())
            .arg("detail", m.problem.clone().unwrap_or_default());
        if key == "ios-covered-module" {
            c.checked.push(line);
        } else {
            c.not_checked.push(line);
        }
    }
    c.not_checked
        .push(Message::new("ios-not-covered-unencrypted"));
    c.not_checked.push(Message::new("ios-not-covered-icloud"));
    c.not_checked.push(Message::new("ios-not-covered-find-my"));
    c
}
