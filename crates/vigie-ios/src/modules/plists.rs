//! The phone's settings and records kept as plists: its global preferences (Lockdown
//! Mode), configuration profiles, the iMessage/FaceTime address lookups, the daily
//! analytics' programs, and the apps' store records in `Info.plist`.

use crate::backup::Backup;
use crate::manifest::ManifestFacts;
use crate::model::{ExploitTrace, IosBackup, ModuleRun, OutsideStoreApp, Profile, SeenKind};
use crate::reading::{dictionaries, plist_key, Reading};
use crate::storage::plist_from_bytes;
use crate::times::{cocoa_time, plist_seconds};
use plist::Value;

/// Installers that are the App Store or device management (MVT's list).
const STORE_INSTALLERS: [&str; 4] = [
    "com.apple.AppStore",
    "com.apple.AppStore.ProductPageExtension",
    "com.apple.dmd",
    "dmd",
];

/// The global preferences (MVT's `global_preferences`): whether Lockdown Mode is on.
pub(super) fn global_preferences(root: &Value, r: &mut Reading<'_>) -> u64 {
    let Some(d) = root.as_dictionary() else {
        return 0;
    };
    r.out.lockdown_mode = d.get("LDMGlobalEnabled").and_then(Value::as_boolean);
    d.len() as u64
}

/// A configuration profile (every `profile-*` plist of their domain): who made it and
/// what it installs.
pub(super) fn profiles(root: &Value, r: &mut Reading<'_>) -> u64 {
    let Some(d) = root.as_dictionary() else {
        return 0;
    };
    let text = |k: &str| d.get(k).and_then(Value::as_string).map(str::to_owned);
    let payload_types = d
        .get("PayloadContent")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_dictionary()?.get("PayloadType")?.as_string())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    r.out.profiles.push(Profile {
        file: r.file.to_owned(),
        uuid: text("PayloadUUID").unwrap_or_default(),
        identifier: text("PayloadIdentifier").unwrap_or_default(),
        name: text("PayloadDisplayName").unwrap_or_default(),
        organization: text("PayloadOrganization").filter(|o| !o.is_empty()),
        payload_types,
        installed: d
            .get("InstallDate")
            .and_then(Value::as_date)
            .map(|t| t.to_xml_format()),
    });
    1
}

/// Apple's lookups of iMessage/FaceTime addresses (`idstatuscache.plist`): e-mail addresses
/// looked up, and the malformed entries an exploit leaves (as MVT checks).
pub(super) fn id_status_cache(root: &Value, r: &mut Reading<'_>) -> u64 {
    let mut n = 0;
    for (app, entries) in dictionaries(root) {
        for (user, entry) in entries {
            n += 1;
            let when = entry
                .as_dictionary()
                .and_then(|d| d.get("LookupDate"))
                .and_then(plist_seconds)
                .and_then(cocoa_time);
            let locator = format!("{app} {}", user.replace('\0', "\\x00"));
            if let Some(email) = user.strip_prefix("mailto:") {
                let email = email.trim_matches('\'').to_owned();
                r.seen(SeenKind::Email, email, locator.clone(), when);
            }
            if user.contains("\0\0") {
                r.out.exploit_traces.push(ExploitTrace {
                    kind: "idstatus-pattern",
                    file: r.file.to_owned(),
                    locator,
                    detail: user.replace('\0', "\\x00"),
                });
            }
        }
    }
    n
}

/// The daily analytics' per-program network use (MVT's `osanalytics_addaily`): program
/// names, for process indicators.
pub(super) fn osanalytics_addaily(root: &Value, r: &mut Reading<'_>) -> u64 {
    let baseline = plist_key(root, "netUsageBaseline").and_then(Value::as_dictionary);
    let mut n = 0;
    for (program, values) in baseline.into_iter().flatten() {
        n += 1;
        let when = values
            .as_array()
            .and_then(|v| v.first())
            .and_then(Value::as_date)
            .map(|t| t.to_xml_format());
        let locator = format!("netUsageBaseline {program}");
        r.seen(SeenKind::Process, program.clone(), locator, when);
    }
    n
}

/// The apps Info.plist describes with their store record (MVT's `applications`): each
/// app's name and who installed it; one installed by another than the App Store or device
/// management (TestFlight, a developer tool, an unknown installer) is kept to be shown.
pub(super) fn applications(
    backup: &Backup,
    _manifest: &ManifestFacts,
    out: &mut IosBackup,
    run: &mut ModuleRun,
) {
    let apps = backup
        .info
        .as_ref()
        .and_then(|info| plist_key(info, "Applications"))
        .and_then(Value::as_dictionary);
    let Some(apps) = apps else {
        return;
    };
    run.files.push("Info.plist".into());
    for (bundle, entry) in apps {
        run.rows += 1;
        let seen_in = out.apps.entry(bundle.clone()).or_default();
        if !seen_in.contains(&"Info.plist") {
            seen_in.push("Info.plist");
        }
        let metadata = entry
            .as_dictionary()
            .and_then(|d| d.get("iTunesMetadata"))
            .and_then(Value::as_data)
            .and_then(|bytes| plist_from_bytes(bytes).ok());
        let text = |k: &str| {
            metadata
                .as_ref()
                .and_then(|m| m.as_dictionary()?.get(k)?.as_string())
                .map(str::to_owned)
        };
        let installer = text("sourceApp");
        if installer
            .as_deref()
            .is_some_and(|s| STORE_INSTALLERS.contains(&s))
        {
            continue;
        }
        out.outside_store.push(OutsideStoreApp {
            bundle: bundle.clone(),
            name: text("itemName").unwrap_or_else(|| bundle.clone()),
            installer,
        });
    }
}
