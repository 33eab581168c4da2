//! The facts that matter when a partner may be watching: apps that may follow the phone's
//! location at all times, paired watches and Bluetooth devices, profile installs and
//! removals, shortcuts that send something private.

use super::findings::{record, shown, sign, Findings};
use crate::model::{IosBackup, LocationAccess, PairedKind};
use vigie_core::{Finding, Message, Severity};
use vigie_indicators::IndicatorKind;

/// The installed apps that may follow the phone's location at all times.
pub(super) fn location_always(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, record(c.file.clone(), c.client.clone(), detail));
    }
}

/// The watches and Bluetooth devices paired with the phone.
pub(super) fn paired_devices(backup: &IosBackup, out: &mut Findings<'_>) {
    for d in &backup.paired_devices {
        let (rule, subject, title) = match d.kind {
            PairedKind::Watch => ("IOS-PAIRED-WATCH", d.address.as_str(), "ios-paired-watch"),
            PairedKind::Bluetooth => ("IOS-PAIRED-BLUETOOTH", "bluetooth", "ios-paired-bluetooth"),
        };
        let finding = sign(rule, Severity::Info, subject, title);
        let detail = format!("{} (last seen {})", d.name, shown(&d.last_seen));
        out.raise(finding, record(d.file.clone(), d.address.clone(), detail));
    }
}

/// The profiles installed and removed, from the phone's profile log.
pub(super) fn profile_events(backup: &IosBackup, out: &mut Findings<'_>) {
    for e in &backup.profile_events {
        let found = out
            .iocs
            .match_exact(IndicatorKind::ConfigurationProfile, &e.profile);
        let when = e.when.as_deref();
        let evidence = record(
            e.file.clone(),
            format!("ProfileEvents {}", e.profile),
            format!("{} by {} ({})", e.operation, e.process, when.unwrap_or("?")),
        );
        let what = "ios-what-profile_events";
        out.matched("IOS-IOC-PROFILE", what, &e.profile, found, evidence.clone());
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
                .arg(
                    "value",
                    match e.process.trim() {
                        "" => super::findings::UNKNOWN,
                        p => p,
                    },
                ),
        );
        out.raise(finding, evidence);
    }
}

/// The shortcuts that take something private and send it.
pub(super) fn sending_shortcuts(backup: &IosBackup, out: &mut Findings<'_>) {
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
        out.raise(finding, record(s.file.clone(), s.locator.clone(), detail));
    }
}
