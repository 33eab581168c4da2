//! The signs that matter on their own: configuration profiles (and what each lets its
//! maker do), the Apple ID, jailbreak traces, exploit traces, deleted data-use records,
//! apps from outside the App Store, Lockdown Mode.

use super::findings::{record, shown, sign, Findings};
use crate::manifest::is_jailbreak_app;
use crate::model::IosBackup;
use std::collections::BTreeSet;
use vigie_core::{Finding, Message, Severity};
use vigie_indicators::IndicatorKind;

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

/// Each configuration profile: one named by an indicator, and what each lets its maker do.
pub(super) fn profiles(backup: &IosBackup, out: &mut Findings<'_>) {
    for p in &backup.profiles {
        let evidence = record(
            p.file.clone(),
            format!("PayloadUUID {}", p.uuid),
            format!("{} ({})", p.name, p.identifier),
        );
        for value in [&p.uuid, &p.identifier] {
            let found = out
                .iocs
                .match_exact(IndicatorKind::ConfigurationProfile, value);
            let what = "ios-what-profiles";
            out.matched("IOS-IOC-PROFILE", what, value, found, evidence.clone());
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
        out.raise(finding, evidence);
    }
}

/// The Apple ID the phone is signed in with.
pub(super) fn apple_ids(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, evidence);
    }
}

/// The paths and apps only a jailbroken phone has.
pub(super) fn jailbreak(backup: &IosBackup, out: &mut Findings<'_>) {
    let apps = backup.apps.keys().filter(|a| is_jailbreak_app(a));
    for p in backup.jailbreak_paths.iter().chain(apps) {
        let finding = sign(
            "IOS-JAILBREAK",
            Severity::Medium,
            "jailbreak",
            "ios-jailbreak",
        );
        out.raise(finding, record("Manifest.db", p.clone(), p.clone()));
    }
}

/// The traces known exploits leave.
pub(super) fn exploit_traces(backup: &IosBackup, out: &mut Findings<'_>) {
    for t in &backup.exploit_traces {
        let key = format!("ios-exploit-{}", t.kind);
        let finding = sign("IOS-EXPLOIT-TRACE", Severity::High, t.kind, &key);
        let evidence = record(t.file.clone(), t.locator.clone(), t.detail.clone());
        out.raise(finding, evidence);
    }
}

/// The records missing from the data-use database.
pub(super) fn missing_processes(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, evidence);
    }
}

/// The apps a connected phone listed as signed by another than the App Store.
pub(super) fn signed_outside_store(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, evidence);
    }
}

/// The apps the backup's store records say were not installed from the App Store or by
/// device management.
pub(super) fn installed_outside_store(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, evidence);
    }
}

/// Lockdown Mode, when it is on.
pub(super) fn lockdown_mode(backup: &IosBackup, out: &mut Findings<'_>) {
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
    out.raise(finding, evidence);
}
