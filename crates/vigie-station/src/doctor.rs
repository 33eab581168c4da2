//! `vigie doctor`: whether this box can run every check, item by item, each with what to do
//! when it cannot — a Wi-Fi adapter that can be an access point, the regulatory domain, the
//! hotspot's tools, the phone tools, free disk, the clock, the feeds' age, the case file.
//! It only reads: nothing on the box is changed.

use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use vigie_core::{Message, Timestamp};

/// How an item of the box stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// Works.
    Ok,
    /// Works, but something should be looked at.
    Warning,
    /// Missing: a check cannot run until it is fixed.
    Missing,
}

/// One item the doctor looked at.
#[derive(Debug, Clone, Serialize)]
pub struct DoctorItem {
    /// Stable name of the item (`wifi-ap`, `hostapd`, `disk`, ...).
    pub item: &'static str,
    /// How it stands.
    pub health: Health,
    /// What was found.
    pub found: Message,
    /// What to do, when something is to be done.
    pub todo: Option<Message>,
}

/// Everything the doctor looked at.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// The items, in the order a person sets up a box.
    pub items: Vec<DoctorItem>,
}

impl Diagnosis {
    /// Whether every check can run (warnings allowed).
    pub fn ready(&self) -> bool {
        self.items.iter().all(|i| i.health != Health::Missing)
    }
}

/// Feeds older than this many days are said to be updated.
const STALE_DAYS: i64 = 30;
/// Less free space than this on the data disk is a warning.
const LOW_DISK: u64 = 2_000_000_000;

fn item(item: &'static str, health: Health, found: Message, todo: Option<&str>) -> DoctorItem {
    DoctorItem {
        item,
        health,
        found,
        todo: todo.map(Message::new),
    }
}

/// Looks at the box whose data are in `data_dir`.
pub fn diagnose(data_dir: &Path, now: Timestamp) -> Diagnosis {
    let mut items = vec![wifi(), regulatory()];
    for (tool, name) in [
        ("hostapd", "hostapd"),
        ("dnsmasq", "dnsmasq-base"),
        ("nft", "nftables"),
        ("adb", "adb"),
        ("usbmuxd", "usbmuxd"),
        ("ffmpeg", "ffmpeg"),
    ] {
        items.push(tool_item(tool, name));
    }
    items.push(disk(data_dir));
    items.push(clock(now));
    items.push(feeds(data_dir, now));
    items.push(case_file(data_dir));
    Diagnosis { items }
}

/// Where a program is: the `PATH`, then the system folders a service's `PATH` may lack.
fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn tool_item(tool: &'static str, package: &str) -> DoctorItem {
    match find_tool(tool) {
        Some(p) => {
            let found = Message::new("doctor-tool-found")
                .arg("tool", tool)
                .arg("path", p.display().to_string());
            item(tool, Health::Ok, found, None)
        }
        None => DoctorItem {
            item: tool,
            health: Health::Missing,
            found: Message::new("doctor-tool-missing").arg("tool", tool),
            todo: Some(Message::new("doctor-tool-install").arg("package", package)),
        },
    }
}

/// The output of `iw ARGS`, when iw is there and answers.
fn iw(args: &[&str]) -> Option<String> {
    let out = Command::new(find_tool("iw")?).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// How many of the radios `iw list` describes can be an access point.
pub fn radios_with_ap(iw_list: &str) -> (usize, usize) {
    let (mut radios, mut with_ap) = (0, 0);
    for radio in iw_list.split("Wiphy ").skip(1) {
        radios += 1;
        let modes = radio
            .split("Supported interface modes:")
            .nth(1)
            .map(|rest| {
                rest.lines()
                    .skip(1)
                    .take_while(|l| l.trim_start().starts_with('*'))
                    .any(|l| l.trim().trim_start_matches('*').trim() == "AP")
            })
            .unwrap_or(false);
        if modes {
            with_ap += 1;
        }
    }
    (radios, with_ap)
}

fn wifi() -> DoctorItem {
    let Some(list) = iw(&["list"]) else {
        let found = Message::new("doctor-tool-missing").arg("tool", "iw");
        let todo = Message::new("doctor-tool-install").arg("package", "iw");
        return DoctorItem {
            item: "wifi-ap",
            health: Health::Missing,
            found,
            todo: Some(todo),
        };
    };
    match radios_with_ap(&list) {
        (0, _) => item(
            "wifi-ap",
            Health::Missing,
            Message::new("doctor-wifi-none"),
            Some("doctor-wifi-plug"),
        ),
        (radios, 0) => item(
            "wifi-ap",
            Health::Missing,
            Message::new("doctor-wifi-no-ap").arg("radios", radios.to_string()),
            Some("doctor-wifi-plug"),
        ),
        (_, ap) => item(
            "wifi-ap",
            Health::Ok,
            Message::new("doctor-wifi-ap").arg("radios", ap.to_string()),
            None,
        ),
    }
}

/// The country `iw reg get` gives for the whole box (`00` is the world domain).
pub fn regulatory_country(iw_reg: &str) -> Option<String> {
    iw_reg
        .lines()
        .find_map(|l| l.trim().strip_prefix("country "))
        .and_then(|rest| rest.split(':').next())
        .map(str::to_owned)
}

fn regulatory() -> DoctorItem {
    match iw(&["reg", "get"]).as_deref().and_then(regulatory_country) {
        Some(c) if c != "00" => item(
            "regulatory",
            Health::Ok,
            Message::new("doctor-reg-set").arg("country", c),
            None,
        ),
        _ => item(
            "regulatory",
            Health::Warning,
            Message::new("doctor-reg-unset"),
            Some("doctor-reg-todo"),
        ),
    }
}

fn disk(data_dir: &Path) -> DoctorItem {
    let probe = std::iter::successors(Some(data_dir), |d| d.parent()).find(|d| d.exists());
    let free = probe
        .and_then(|d| nix::sys::statvfs::statvfs(d).ok())
        .map(|v| v.blocks_available().saturating_mul(v.fragment_size()));
    match free {
        Some(f) => {
            let found = Message::new("doctor-disk").arg("free", (f / 1_000_000_000).to_string());
            if f < LOW_DISK {
                item("disk", Health::Warning, found, Some("doctor-disk-todo"))
            } else {
                item("disk", Health::Ok, found, None)
            }
        }
        None => item(
            "disk",
            Health::Warning,
            Message::new("doctor-disk-unknown"),
            None,
        ),
    }
}

fn clock(now: Timestamp) -> DoctorItem {
    // A box without a battery-backed clock and without network starts in 1970.
    let year = now
        .to_string()
        .get(..4)
        .and_then(|y| y.parse::<u32>().ok())
        .unwrap_or(0);
    let found = Message::new("doctor-clock").arg("now", now.to_string());
    if year < 2025 {
        item("clock", Health::Missing, found, Some("doctor-clock-todo"))
    } else {
        item("clock", Health::Ok, found, None)
    }
}

fn feeds(data_dir: &Path, now: Timestamp) -> DoctorItem {
    let store = vigie_indicators::FeedStore::new(&data_dir.join("feeds"));
    let list = store.list().unwrap_or_default();
    let Some(newest) = list.iter().map(|f| f.age_days(now)).min() else {
        return item(
            "feeds",
            Health::Missing,
            Message::new("doctor-feeds-none"),
            Some("doctor-feeds-todo"),
        );
    };
    let found = Message::new("doctor-feeds")
        .arg("count", list.len().to_string())
        .arg("days", newest.max(0).to_string());
    if newest > STALE_DAYS {
        item("feeds", Health::Warning, found, Some("doctor-feeds-todo"))
    } else {
        item("feeds", Health::Ok, found, None)
    }
}

fn case_file(data_dir: &Path) -> DoctorItem {
    let path = data_dir.join("cases.db");
    if path.is_file() {
        let found = Message::new("doctor-cases").arg("path", path.display().to_string());
        item("case-file", Health::Ok, found, None)
    } else {
        let found = Message::new("doctor-cases-new").arg("path", path.display().to_string());
        item("case-file", Health::Ok, found, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of `iw list` on a box with one USB adapter that can be an access point and
    /// one internal card that cannot.
    const IW_LIST: &str = "Wiphy phy1\n\twiphy index: 1\n\tSupported interface modes:\n\t\t * IBSS\n\t\t * managed\n\t\t * AP\n\t\t * AP/VLAN\n\t\t * monitor\n\tBand 1:\n\t\tCapabilities: 0x1862\nWiphy phy0\n\tSupported interface modes:\n\t\t * managed\n\t\t * monitor\n\tBand 1:\n";

    #[test]
    fn radios_that_can_be_an_access_point_are_counted() {
        assert_eq!(radios_with_ap(IW_LIST), (2, 1));
        assert_eq!(radios_with_ap(""), (0, 0));
        // "AP/VLAN" alone is not an access point.
        let vlan = "Wiphy phy0\n\tSupported interface modes:\n\t\t * AP/VLAN\n\t\t * managed\n";
        assert_eq!(radios_with_ap(vlan), (1, 0));
    }

    #[test]
    fn the_regulatory_country_is_read() {
        let set = "global\ncountry FR: DFS-ETSI\n\t(2400 - 2483 @ 40), (N/A, 20), (N/A)\n";
        assert_eq!(regulatory_country(set).as_deref(), Some("FR"));
        assert_eq!(
            regulatory_country("global\ncountry 00: DFS-UNSET\n").as_deref(),
            Some("00")
        );
        assert_eq!(regulatory_country(""), None);
    }

    #[test]
    fn a_box_without_feeds_is_not_ready_and_says_what_to_do() {
        let dir = std::env::temp_dir().join(format!("vigie-doctor-{}", std::process::id()));
        let d = diagnose(&dir, Timestamp(1_764_000_000_000_000_000));
        let feeds = d.items.iter().find(|i| i.item == "feeds").expect("feeds");
        assert_eq!(feeds.health, Health::Missing);
        assert_eq!(
            feeds.todo.as_ref().map(|m| m.key.as_str()),
            Some("doctor-feeds-todo")
        );
        assert!(!d.ready());
        let clock = d.items.iter().find(|i| i.item == "clock").expect("clock");
        assert_eq!(clock.health, Health::Ok);
        let old = diagnose(&dir, Timestamp(0));
        let clock = old.items.iter().find(|i| i.item == "clock").expect("clock");
        assert_eq!(
            clock.health,
            Health::Missing,
            "1970: the clock was never set"
        );
    }
}
