//! What a backup shows that matters when a partner may be watching, beyond indicators:
//! which apps may follow the phone's location at all times (`locationd`), which watches and
//! Bluetooth devices are paired with it (`paired_devices`), and when profiles were
//! installed or removed (`profile_events`). Each fact names the file (and entry) it comes
//! from.

use crate::backup::Backup;
use crate::manifest::ManifestFacts;
use crate::model::{
    IosBackup, LocationAccess, LocationClient, ModuleRun, PairedDevice, PairedKind, ProfileEvent,
    SeenKind,
};
use crate::reading::{
    dictionaries, each_row, plist_key, read_database, read_plist, text_at, time_at, Reading,
};
use crate::times::{cocoa_time, plist_seconds, unix_time};
use plist::Value;
use rusqlite::Connection;

/// The Bluetooth domain of a backup.
const BLUETOOTH_DOMAIN: &str = "SysSharedContainerDomain-systemgroup.com.apple.bluetooth";

/// The times locationd records a program stopped receiving the location.
const LOCATION_STOPPED: [&str; 4] = [
    "LocationTimeStopped",
    "BackgroundLocationTimeStopped",
    "SignificantTimeStopped",
    "ReceivingLocationInformationTimeStopped",
];

/// locationd's record of the programs that asked for the location (`clients.plist`): what
/// each may do, and its name as a process (for indicators, as MVT's `locationd` does).
pub(super) fn locationd(root: &Value, r: &mut Reading<'_>) -> u64 {
    let mut n = 0;
    for (key, d) in dictionaries(root) {
        n += 1;
        let package = key.trim_end_matches(':');
        let bundle = d.get("BundleId").and_then(Value::as_string);
        let process = package.rsplit('/').next().unwrap_or(package);
        for name in [Some(process), bundle].into_iter().flatten() {
            if !name.is_empty() {
                r.seen(SeenKind::Process, name.to_owned(), package.to_owned(), None);
            }
        }
        // CLAuthorizationStatus: 3 = always, 4 = when in use.
        let access = match d.get("Authorization").and_then(Value::as_signed_integer) {
            Some(3) => LocationAccess::Always,
            Some(4) => LocationAccess::WhenInUse,
            _ => LocationAccess::None,
        };
        let last_used = LOCATION_STOPPED
            .iter()
            .filter_map(|k| d.get(k).and_then(plist_seconds))
            .fold(None, |max: Option<f64>, t| {
                Some(max.map_or(t, |m| m.max(t)))
            })
            .and_then(cocoa_time);
        r.out.location_clients.push(LocationClient {
            client: bundle.unwrap_or(package).to_owned(),
            access,
            last_used,
            file: r.file.to_owned(),
        });
    }
    n
}

/// Bluetooth devices paired with the phone (classic and Low Energy), and the watches whose
/// pairing folders the manifest lists; the latest seen first.
pub(super) fn paired_devices(
    backup: &Backup,
    manifest: &ManifestFacts,
    out: &mut IosBackup,
    run: &mut ModuleRun,
) {
    for id in &manifest.watches {
        run.rows += 1;
        out.paired_devices.push(PairedDevice {
            kind: PairedKind::Watch,
            name: String::new(),
            address: id.clone(),
            file: format!("HomeDomain/Library/DeviceRegistry/{id}"),
            last_seen: None,
        });
    }
    let module = "paired_devices";
    let classic = "Library/Preferences/com.apple.MobileBluetooth.devices.plist";
    if let Some(file) = backup.file(BLUETOOTH_DOMAIN, classic) {
        read_plist(backup, file, out, run, module, bluetooth_classic);
    }
    let low_energy = "Library/Database/com.apple.MobileBluetooth.ledevices.paired.db";
    if let Some(file) = backup.file(BLUETOOTH_DOMAIN, low_energy) {
        read_database(backup, file, out, run, module, &bluetooth_low_energy);
    }
    out.paired_devices
        .sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(a.name.cmp(&b.name)));
}

/// Classic Bluetooth devices, by address.
fn bluetooth_classic(root: &Value, r: &mut Reading<'_>) -> u64 {
    let mut n = 0;
    for (address, d) in dictionaries(root) {
        n += 1;
        let text = |k: &str| d.get(k).and_then(Value::as_string).map(str::to_owned);
        r.out.paired_devices.push(PairedDevice {
            kind: PairedKind::Bluetooth,
            name: text("Name")
                .or_else(|| text("DefaultName"))
                .unwrap_or_default(),
            address: address.clone(),
            file: r.file.to_owned(),
            last_seen: d
                .get("LastSeenTime")
                .and_then(plist_seconds)
                .and_then(unix_time),
        });
    }
    n
}

/// Bluetooth Low Energy devices.
fn bluetooth_low_energy(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    each_row(
        conn,
        "SELECT Uuid, Name, Address, LastSeenTime FROM PairedDevices",
        &mut |row| {
            r.out.paired_devices.push(PairedDevice {
                kind: PairedKind::Bluetooth,
                name: text_at(row, 1).unwrap_or_default(),
                address: text_at(row, 2)
                    .or_else(|| text_at(row, 0))
                    .unwrap_or_default(),
                file: r.file.to_owned(),
                last_seen: time_at(row, 3, unix_time),
            });
        },
    )
}

/// The value of `key` in a profile event, whatever its case.
fn event_value<'a>(d: &'a plist::Dictionary, key: &str) -> Option<&'a Value> {
    d.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

/// The phone's log of profiles installed and removed (MVT's `profile_events`).
pub(super) fn profile_events(root: &Value, r: &mut Reading<'_>) -> u64 {
    let events = plist_key(root, "ProfileEvents").and_then(Value::as_array);
    let mut n = 0;
    for event in events.into_iter().flatten() {
        for (profile, d) in dictionaries(event) {
            n += 1;
            let text = |k: &str| {
                event_value(d, k)
                    .and_then(Value::as_string)
                    .map(str::to_owned)
                    .unwrap_or_default()
            };
            let when = event_value(d, "timestamp")
                .and_then(Value::as_date)
                .map(|t| t.to_xml_format());
            let process = text("process");
            if !process.is_empty() {
                let locator = format!("ProfileEvents {profile}");
                r.seen(SeenKind::Process, process.clone(), locator, when.clone());
            }
            r.out.profile_events.push(ProfileEvent {
                profile: profile.clone(),
                operation: text("operation"),
                process,
                when,
                file: r.file.to_owned(),
            });
        }
    }
    n
}
