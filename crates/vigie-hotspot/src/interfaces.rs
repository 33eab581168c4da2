//! Which interfaces a hotspot may use, checked before anything is written or changed: names
//! that are interface names and nothing else (they go into hostapd's, dnsmasq's and
//! nftables' files), interfaces this machine has, never loopback, never the same one twice,
//! and never the station's own way out (the interface of its default route) as the hotspot.

use crate::config::HotspotConfig;
use crate::error::{HotspotError, InterfaceProblem, InterfaceRole};
use std::path::Path;

/// Longest interface name the kernel accepts (`IFNAMSIZ` less its final zero).
const NAME_MAX: usize = 15;

/// The kernel's loopback flag (`IFF_LOOPBACK`) in `/sys/class/net/NAME/flags`.
const IFF_LOOPBACK: u32 = 0x8;

/// Whether `name` is an interface name: 1 to 15 letters, digits, `-`, `_` or `.`, not `.`
/// or `..`. Stricter than the kernel, so that no name can carry a quote, a space or a line
/// into a configuration file.
pub(crate) fn is_interface_name(name: &str) -> bool {
    (1..=NAME_MAX).contains(&name.len())
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

/// What the machine says about its interfaces: `/sys/class/net` and the routing table.
pub(crate) struct Machine<'a> {
    /// The folder of the kernel's interfaces (`/sys/class/net`).
    pub(crate) net: &'a Path,
    /// The IPv4 routing table, as `/proc/net/route` gives it.
    pub(crate) routes: &'a str,
}

impl Machine<'_> {
    fn exists(&self, name: &str) -> bool {
        self.net.join(name).exists()
    }

    fn is_loopback(&self, name: &str) -> bool {
        std::fs::read_to_string(self.net.join(name).join("flags"))
            .ok()
            .and_then(|f| u32::from_str_radix(f.trim().trim_start_matches("0x"), 16).ok())
            .is_some_and(|flags| flags & IFF_LOOPBACK != 0)
    }

    /// Whether the machine's default IPv4 route goes out through `name`.
    fn is_default_route(&self, name: &str) -> bool {
        self.routes.lines().skip(1).any(|line| {
            let mut cols = line.split_whitespace();
            cols.next() == Some(name) && cols.next() == Some("00000000")
        })
    }

    /// The problem with one interface in its role, if any.
    fn problem(&self, name: &str, role: InterfaceRole) -> Option<InterfaceProblem> {
        if !is_interface_name(name) {
            Some(InterfaceProblem::NotAName)
        } else if !self.exists(name) {
            Some(InterfaceProblem::Missing)
        } else if self.is_loopback(name) {
            Some(InterfaceProblem::Loopback)
        } else if role == InterfaceRole::Hotspot && self.is_default_route(name) {
            Some(InterfaceProblem::StationUplink)
        } else {
            None
        }
    }

    /// Checks the hotspot's interface and its uplink.
    pub(crate) fn check(&self, config: &HotspotConfig) -> Result<(), HotspotError> {
        let refuse = |name: &str, role, problem| HotspotError::Interface {
            name: name.to_owned(),
            role,
            problem,
        };
        let hotspot = config.interface.as_str();
        // Names first, both of them: nothing else is asked about a text that is not one.
        let named = [
            (Some(hotspot), InterfaceRole::Hotspot),
            (config.uplink.as_deref(), InterfaceRole::Uplink),
        ];
        for (name, role) in named {
            if let Some(name) = name.filter(|n| !is_interface_name(n)) {
                return Err(refuse(name, role, InterfaceProblem::NotAName));
            }
        }
        if let Some(p) = self.problem(hotspot, InterfaceRole::Hotspot) {
            return Err(refuse(hotspot, InterfaceRole::Hotspot, p));
        }
        if let Some(uplink) = config.uplink.as_deref() {
            if let Some(p) = self.problem(uplink, InterfaceRole::Uplink) {
                return Err(refuse(uplink, InterfaceRole::Uplink, p));
            }
            if uplink == hotspot {
                return Err(refuse(
                    uplink,
                    InterfaceRole::Uplink,
                    InterfaceProblem::SameAsHotspot,
                ));
            }
        }
        Ok(())
    }
}

/// Checks `config`'s interfaces against this machine.
pub(crate) fn check_on_this_machine(config: &HotspotConfig) -> Result<(), HotspotError> {
    let routes = std::fs::read_to_string("/proc/net/route").unwrap_or_default();
    Machine {
        net: Path::new("/sys/class/net"),
        routes: &routes,
    }
    .check(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A machine with `lo`, `wlan0` and `eth0` (its default route).
    fn machine(dir: &Path) -> String {
        for (name, flags) in [("lo", "0x9"), ("wlan0", "0x1003"), ("eth0", "0x1003")] {
            std::fs::create_dir_all(dir.join(name)).expect("dir");
            std::fs::write(dir.join(name).join("flags"), format!("{flags}\n")).expect("flags");
        }
        "Iface\tDestination\tGateway \tFlags\n\
         eth0\t00000000\t0102A8C0\t0003\n\
         eth0\t0002A8C0\t00000000\t0001\n"
            .to_owned()
    }

    fn problem(interface: &str, uplink: Option<&str>) -> Option<(String, InterfaceProblem)> {
        static RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("vigie-ifs-{}-{run}", std::process::id()));
        let routes = machine(&dir);
        let m = Machine {
            net: &dir,
            routes: &routes,
        };
        let found = match m.check(&HotspotConfig::random(interface, uplink)) {
            Ok(()) => None,
            Err(HotspotError::Interface { name, problem, .. }) => Some((name, problem)),
            Err(e) => panic!("unexpected error {e}"),
        };
        let _ = std::fs::remove_dir_all(&dir);
        found
    }

    #[test]
    fn uplink_with_nftables_syntax_is_refused_before_any_file() {
        let evil = "eth0\" accept; include \"/etc/shadow";
        assert_eq!(
            problem("wlan0", Some(evil)),
            Some((evil.to_owned(), InterfaceProblem::NotAName))
        );
        for name in ["wlan0\nssid=x", "a b", "../lo", "", ".", "x234567890123456"] {
            assert!(!is_interface_name(name), "{name:?}");
        }
        for name in ["wlan0", "wlx00c0ca123456", "enp0s31f6", "br-lan", "eth0.10"] {
            assert!(is_interface_name(name), "{name:?}");
        }
    }

    #[test]
    fn loopback_missing_and_the_stations_own_uplink_are_refused() {
        use InterfaceProblem::*;
        assert_eq!(problem("lo", None), Some(("lo".into(), Loopback)));
        assert_eq!(problem("wlan0", Some("lo")), Some(("lo".into(), Loopback)));
        assert_eq!(problem("wlan9", None), Some(("wlan9".into(), Missing)));
        assert_eq!(problem("eth0", None), Some(("eth0".into(), StationUplink)));
        assert_eq!(
            problem("wlan0", Some("wlan0")),
            Some(("wlan0".into(), SameAsHotspot))
        );
        assert_eq!(problem("wlan0", Some("eth0")), None);
        assert_eq!(problem("wlan0", None), None);
    }
}
