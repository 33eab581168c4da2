//! What a backup shows that matters when a partner may be watching, beyond indicators:
//! which apps may follow the phone's location at all times, which watches and Bluetooth
//! devices are paired with it, and when profiles were installed or removed. Each fact
//! names the file (and entry) it comes from.

use crate::backup::{Backup, FileRef};
use crate::model::{
    IosBackup, LocationAccess, LocationClient, ModuleRun, PairedDevice, PairedKind, ProfileEvent,
    SeenKind,
};
use crate::reading::{each_row, push};
use crate::times::{cocoa_time, plist_seconds, unix_time};
use plist::Value;
use rusqlite::Connection;

/// The domain where iOS keeps configuration profiles.
pub(crate) const PROFILES_DOMAIN: &str =
    "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles";

/// The Bluetooth domain of a backup.
const BLUETOOTH_DOMAIN: &str = "SysSharedContainerDomain-systemgroup.com.apple.bluetooth";

/// Reads one plist file of the backup into `run`, handing its root to `each`.
fn with_plist(
    backup: &Backup,
    file: Option<FileRef>,
    run: &mut ModuleRun,
    each: &mut dyn FnMut(&str, &Value) -> u64,
) {
    let Some(file) = file else { return };
    run.files.push(file.label.clone());
    match backup.read_plist(&file) {
        Ok(v) => run.rows += each(&file.label, &v),
        Err(e) => run.problem = Some(e.to_string()),
    }
}

/// locationd's record of the programs that asked for the location: what each may do, and
/// its name as a process (for indicators, as MVT's `locationd` module does).
pub(crate) fn locationd(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("locationd");
    let file = backup.file("RootDomain", "Library/Caches/locationd/clients.plist");
    with_plist(backup, file, &mut run, &mut |label, root| {
        let mut n = 0;
        for (key, entry) in root.as_dictionary().into_iter().flatten() {
            let Some(d) = entry.as_dictionary() else {
                continue;
            };
            n += 1;
            let package = key.trim_end_matches(':');
            let bundle = d.get("BundleId").and_then(Value::as_string);
            let process = package.rsplit('/').next().unwrap_or(package);
            for name in [Some(process), bundle].into_iter().flatten() {
                if !name.is_empty() {
                    push(
                        out,
                        "locationd",
                        SeenKind::Process,
                        name.to_owned(),
                        label,
                        package.to_owned(),
                        None,
                    );
                }
            }
            // CLAuthorizationStatus: 3 = always, 4 = when in use.
            let access = match d.get("Authorization").and_then(Value::as_signed_integer) {
                Some(3) => LocationAccess::Always,
                Some(4) => LocationAccess::WhenInUse,
                _ => LocationAccess::None,
            };
            let last_used = [
                "LocationTimeStopped",
                "BackgroundLocationTimeStopped",
                "SignificantTimeStopped",
                "ReceivingLocationInformationTimeStopped",
            ]
            .iter()
            .filter_map(|k| d.get(k).and_then(plist_seconds))
            .fold(None, |max: Option<f64>, t| {
                Some(max.map_or(t, |m| m.max(t)))
            })
            .and_then(cocoa_time);
            out.location_clients.push(LocationClient {
                client: bundle.unwrap_or(package).to_owned(),
                access,
                last_used,
                file: label.to_owned(),
            });
        }
        n
    });
    out.modules.push(run);
}

/// Bluetooth devices paired with the phone (classic and Low Energy), and the watches whose
/// pairing folders the manifest lists.
pub(crate) fn paired_devices(backup: &Backup, watches: &[String], out: &mut IosBackup) {
    let mut run = ModuleRun::new("paired_devices");
    for id in watches {
        run.rows += 1;
        out.paired_devices.push(PairedDevice {
            kind: PairedKind::Watch,
            name: String::new(),
            address: id.clone(),
            file: format!("HomeDomain/Library/DeviceRegistry/{id}"),
            last_seen: None,
        });
    }
    let classic = backup.file(
        BLUETOOTH_DOMAIN,
        "Library/Preferences/com.apple.MobileBluetooth.devices.plist",
    );
    with_plist(backup, classic, &mut run, &mut |label, root| {
        let mut n = 0;
        for (address, entry) in root.as_dictionary().into_iter().flatten() {
            let Some(d) = entry.as_dictionary() else {
                continue;
            };
            n += 1;
            let text = |k: &str| d.get(k).and_then(Value::as_string).map(str::to_owned);
            out.paired_devices.push(PairedDevice {
                kind: PairedKind::Bluetooth,
                name: text("Name")
                    .or_else(|| text("DefaultName"))
                    .unwrap_or_default(),
                address: address.clone(),
                file: label.to_owned(),
                last_seen: d
                    .get("LastSeenTime")
                    .and_then(plist_seconds)
                    .and_then(unix_time),
            });
        }
        n
    });
    if let Some(file) = backup.file(
        BLUETOOTH_DOMAIN,
        "Library/Database/com.apple.MobileBluetooth.ledevices.paired.db",
    ) {
        match backup.database(&file) {
            Ok(conn) => match low_energy(&conn, &file.label, out) {
                Ok(n) => run.rows += n,
                Err(e) => run.problem = Some(format!("{}: {e}", file.label)),
            },
            Err(e) => run.problem = Some(e.to_string()),
        }
        run.files.push(file.label);
    }
    out.paired_devices
        .sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(a.name.cmp(&b.name)));
    out.modules.push(run);
}

fn low_energy(conn: &Connection, file: &str, out: &mut IosBackup) -> rusqlite::Result<u64> {
    each_row(
        conn,
        "SELECT Uuid, Name, Address, LastSeenTime FROM PairedDevices",
        &mut |row| {
            let text = |i: usize| row.get::<_, Option<String>>(i).ok().flatten();
            out.paired_devices.push(PairedDevice {
                kind: PairedKind::Bluetooth,
                name: text(1).unwrap_or_default(),
                address: text(2).or_else(|| text(0)).unwrap_or_default(),
                file: file.to_owned(),
                last_seen: row
                    .get::<_, Option<f64>>(3)
                    .ok()
                    .flatten()
                    .and_then(unix_time),
            });
        },
    )
}

/// The phone's log of profiles installed and removed (MVT's `profile_events`).
pub(crate) fn profile_events(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("profile_events");
    let file = backup.file(
        PROFILES_DOMAIN,
        "Library/ConfigurationProfiles/MCProfileEvents.plist",
    );
    with_plist(backup, file, &mut run, &mut |label, root| {
        let events = root
            .as_dictionary()
            .and_then(|d| d.get("ProfileEvents"))
            .and_then(Value::as_array);
        let mut n = 0;
        for event in events.into_iter().flatten() {
            for (profile, detail) in event.as_dictionary().into_iter().flatten() {
                let Some(d) = detail.as_dictionary() else {
                    continue;
                };
                n += 1;
                let text = |k: &str| {
                    d.iter()
                        .find(|(key, _)| key.eq_ignore_ascii_case(k))
                        .and_then(|(_, v)| v.as_string())
                        .map(str::to_owned)
                        .unwrap_or_default()
                };
                let when = d
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case("timestamp"))
                    .and_then(|(_, v)| v.as_date())
                    .map(|t| t.to_xml_format());
                let process = text("process");
                if !process.is_empty() {
                    push(
                        out,
                        "profile_events",
                        SeenKind::Process,
                        process.clone(),
                        label,
                        format!("ProfileEvents {profile}"),
                        when.clone(),
                    );
                }
                out.profile_events.push(ProfileEvent {
                    profile: profile.clone(),
                    operation: text("operation"),
                    process,
                    when,
                    file: label.to_owned(),
                });
            }
        }
        n
    });
    out.modules.push(run);
}
