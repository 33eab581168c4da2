//! From what a backup shows to findings: indicator matches on apps, links, domains,
//! processes and e-mail addresses (each naming the database and row), and the signs that
//! matter on their own (jailbreak traces, deleted data-use records, Lockdown Mode).

use crate::model::{IosBackup, LocationAccess, PairedKind, SeenKind};
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

/// Checks what a backup shows against the indicators.
pub fn check(backup: &IosBackup, iocs: &IndicatorSet) -> Verdict {
    let mut b = Builder {
        iocs,
        findings: FindingSet::new(),
    };
    for (app, sources) in &backup.apps {
        let found = iocs.match_exact(IndicatorKind::AppId, app);
        let evidence = Evidence::Record {
            file: sources.join(", "),
            locator: app.clone(),
            detail: format!("app {app}"),
        };
        b.matched("IOS-IOC-APP", "ios-what-app", app, found, evidence);
    }
    for s in &backup.seen {
        let found = matches(iocs, s.kind, &s.value);
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
        let evidence = Evidence::Record {
            file: s.file.clone(),
            locator: s.locator.clone(),
            detail: match &s.when {
                Some(w) => format!("{} {} ({w})", s.kind.as_str(), s.value),
                None => format!("{} {}", s.kind.as_str(), s.value),
            },
        };
        let what = format!("ios-what-{}", s.module);
        b.matched(rule, &what, &s.value, found, evidence);
    }
    for p in &backup.profiles {
        let evidence = Evidence::Record {
            file: p.file.clone(),
            locator: format!("PayloadUUID {}", p.uuid),
            detail: format!("{} ({})", p.name, p.identifier),
        };
        for value in [&p.uuid, &p.identifier] {
            let found = iocs.match_exact(IndicatorKind::ConfigurationProfile, value);
            b.matched(
                "IOS-IOC-PROFILE",
                "ios-what-profiles",
                value,
                found,
                evidence.clone(),
            );
        }
        let caps: Vec<&str> = p
            .payload_types
            .iter()
            .filter_map(|t| profile_capability(t))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let severity = if caps.is_empty() {
            Severity::Low
        } else {
            Severity::Medium
        };
        let caps = if caps.is_empty() {
            vec!["ios-cap-profile-settings"]
        } else {
            caps
        };
        b.findings.raise(
            Finding::new(
                "IOS-PROFILE",
                severity,
                &p.uuid,
                Message::new("ios-profile-title").arg("name", &p.name),
                Message::new(if p.organization.is_some() {
                    "ios-profile-explain"
                } else {
                    "ios-profile-explain-unknown"
                })
                .arg("name", &p.name)
                .arg("organization", p.organization.clone().unwrap_or_default())
                .arg("when", p.installed.clone().unwrap_or_else(|| "—".into()))
                .arg_keys("can_keys", &caps),
            ),
            Some(evidence),
        );
    }
    for a in backup.accounts.iter().filter(|a| a.is_apple_id()) {
        b.findings.raise(
            Finding::new(
                "IOS-APPLE-ID",
                Severity::Info,
                &a.user,
                Message::new("ios-apple-id-title").arg("user", &a.user),
                Message::new("ios-apple-id-explain").arg("user", &a.user),
            ),
            Some(Evidence::Record {
                file: a.file.clone(),
                locator: format!("ZACCOUNT {}", a.user),
                detail: format!("{} {}", a.kind, a.user),
            }),
        );
    }
    let jailbreak_apps: Vec<&String> = backup
        .apps
        .keys()
        .filter(|a| crate::manifest::is_jailbreak_app(a))
        .collect();
    if !backup.jailbreak_paths.is_empty() || !jailbreak_apps.is_empty() {
        for p in backup.jailbreak_paths.iter().chain(jailbreak_apps) {
            b.findings.raise(
                Finding::new(
                    "IOS-JAILBREAK",
                    Severity::Medium,
                    "jailbreak",
                    Message::new("ios-jailbreak-title"),
                    Message::new("ios-jailbreak-explain"),
                ),
                Some(Evidence::Record {
                    file: "Manifest.db".into(),
                    locator: p.clone(),
                    detail: p.clone(),
                }),
            );
        }
    }
    for t in &backup.exploit_traces {
        b.findings.raise(
            Finding::new(
                "IOS-EXPLOIT-TRACE",
                Severity::High,
                t.kind,
                Message::new(format!("ios-exploit-{}-title", t.kind)),
                Message::new(format!("ios-exploit-{}-explain", t.kind)),
            ),
            Some(Evidence::Record {
                file: t.file.clone(),
                locator: t.locator.clone(),
                detail: t.detail.clone(),
            }),
        );
    }
    for m in &backup.missing_processes {
        b.findings.raise(
            Finding::new(
                "IOS-DATAUSAGE-MISSING",
                Severity::Low,
                "DataUsage.sqlite",
                Message::new("ios-missing-process-title"),
                Message::new("ios-missing-process-explain"),
            ),
            Some(Evidence::Record {
                file: m.file.clone(),
                locator: format!("ZPROCESS Z_PK {}", m.id),
                detail: format!(
                    "missing process {} after {} ({})",
                    m.id,
                    m.previous,
                    m.previous_when.as_deref().unwrap_or("?")
                ),
            }),
        );
    }
    for (app, name, signer) in backup.live.iter().flat_map(|l| &l.outside_store) {
        b.findings.raise(
            Finding::new(
                "IOS-APP-OUTSIDE-STORE",
                Severity::Medium,
                app,
                Message::new("ios-outside-store-title").arg("name", name),
                Message::new("ios-outside-store-explain")
                    .arg("name", name)
                    .arg("value", app)
                    .arg("organization", signer),
            ),
            Some(Evidence::Record {
                file: "installation_proxy".into(),
                locator: format!("CFBundleIdentifier {app}"),
                detail: format!("SignerIdentity {signer}"),
            }),
        );
    }
    abuse_facts(backup, &mut b);
    for a in &backup.outside_store {
        let key = if a.installer.is_some() {
            "ios-outside-store-installer-explain"
        } else {
            "ios-outside-store-unknown-explain"
        };
        let installer = a.installer.clone().unwrap_or_default();
        b.findings.raise(
            Finding::new(
                "IOS-APP-OUTSIDE-STORE",
                Severity::Medium,
                &a.bundle,
                Message::new("ios-outside-store-title").arg("name", &a.name),
                Message::new(key)
                    .arg("name", &a.name)
                    .arg("value", &a.bundle)
                    .arg("organization", &installer),
            ),
            Some(Evidence::Record {
                file: "Info.plist".into(),
                locator: format!("Applications {}", a.bundle),
                detail: if installer.is_empty() {
                    "no iTunesMetadata sourceApp".into()
                } else {
                    format!("sourceApp {installer}")
                },
            }),
        );
    }
    if backup.lockdown_mode == Some(true) {
        b.findings.raise(
            Finding::new(
                "IOS-LOCKDOWN-MODE",
                Severity::Info,
                "lockdown",
                Message::new("ios-lockdown-title"),
                Message::new("ios-lockdown-explain"),
            ),
            Some(Evidence::Record {
                file: "HomeDomain/Library/Preferences/.GlobalPreferences.plist".into(),
                locator: "LDMGlobalEnabled".into(),
                detail: "LDMGlobalEnabled = true".into(),
            }),
        );
    }
    Verdict::new(b.findings.into_vec(), coverage(backup))
}

/// The facts that matter when a partner may be watching: apps that may follow the phone's
/// location at all times, paired watches and Bluetooth devices, profile installs and
/// removals, shortcuts that send something private.
fn abuse_facts(backup: &IosBackup, b: &mut Builder<'_>) {
    for c in backup
        .location_clients
        .iter()
        .filter(|c| c.access == LocationAccess::Always && c.is_installed_app())
    {
        let when = c.last_used.clone().unwrap_or_else(|| "—".into());
        b.findings.raise(
            Finding::new(
                "IOS-LOCATION-ALWAYS",
                Severity::Info,
                &c.client,
                Message::new("ios-location-always-title").arg("app", &c.client),
                Message::new("ios-location-always-explain")
                    .arg("app", &c.client)
                    .arg("when", &when),
            ),
            Some(Evidence::Record {
                file: c.file.clone(),
                locator: c.client.clone(),
                detail: format!("Authorization = always (last used {when})"),
            }),
        );
    }
    for d in &backup.paired_devices {
        let (rule, subject, title) = match d.kind {
            PairedKind::Watch => ("IOS-PAIRED-WATCH", d.address.as_str(), "ios-paired-watch"),
            PairedKind::Bluetooth => ("IOS-PAIRED-BLUETOOTH", "bluetooth", "ios-paired-bluetooth"),
        };
        let seen = d.last_seen.clone().unwrap_or_else(|| "—".into());
        b.findings.raise(
            Finding::new(
                rule,
                Severity::Info,
                subject,
                Message::new(format!("{title}-title")),
                Message::new(format!("{title}-explain")),
            ),
            Some(Evidence::Record {
                file: d.file.clone(),
                locator: d.address.clone(),
                detail: format!("{} (last seen {seen})", d.name),
            }),
        );
    }
    for e in &backup.profile_events {
        let found = b
            .iocs
            .match_exact(IndicatorKind::ConfigurationProfile, &e.profile);
        let evidence = Evidence::Record {
            file: e.file.clone(),
            locator: format!("ProfileEvents {}", e.profile),
            detail: format!(
                "{} by {} ({})",
                e.operation,
                e.process,
                e.when.as_deref().unwrap_or("?")
            ),
        };
        b.matched(
            "IOS-IOC-PROFILE",
            "ios-what-profile_events",
            &e.profile,
            found,
            evidence.clone(),
        );
        let key = if e.operation.eq_ignore_ascii_case("remove") {
            "ios-profile-event-removed"
        } else {
            "ios-profile-event-installed"
        };
        b.findings.raise(
            Finding::new(
                "IOS-PROFILE-EVENT",
                Severity::Low,
                format!("{} {}", e.profile, e.when.as_deref().unwrap_or("")),
                Message::new(format!("{key}-title")).arg("name", &e.profile),
                Message::new(format!("{key}-explain"))
                    .arg("name", &e.profile)
                    .arg("when", e.when.clone().unwrap_or_else(|| "—".into()))
                    .arg("value", &e.process),
            ),
            Some(evidence),
        );
    }
    for s in &backup.sending_shortcuts {
        b.findings.raise(
            Finding::new(
                "IOS-SHORTCUT-SENDS",
                Severity::Low,
                &s.locator,
                Message::new("ios-shortcut-sends-title").arg("name", &s.name),
                Message::new("ios-shortcut-sends-explain")
                    .arg("name", &s.name)
                    .arg("when", s.created.clone().unwrap_or_else(|| "—".into())),
            ),
            Some(Evidence::Record {
                file: s.file.clone(),
                locator: s.locator.clone(),
                detail: format!("takes {}; sends {}", s.takes.join(", "), s.sends.join(", ")),
            }),
        );
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
