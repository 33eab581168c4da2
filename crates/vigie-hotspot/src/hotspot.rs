//! A running hotspot: the programs it starts (hostapd, dnsmasq), the address, forwarding and
//! NAT it sets, and how stopping restores them.

use crate::config::{HotspotConfig, NAT_TABLE};
use crate::error::HotspotError;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Where a program is: on the `PATH`, or in the system folders root has.
fn find_program(name: &'static str) -> Result<PathBuf, HotspotError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(HotspotError::Missing(name))
}

/// Runs a program to its end; a failure says what it printed.
fn run(program: &Path, args: &[&str]) -> Result<(), HotspotError> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()?;
    if out.status.success() {
        Ok(())
    } else {
        Err(HotspotError::Command {
            command: format!("{} {}", program.display(), args.join(" ")),
            detail: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        })
    }
}

/// How long hostapd may take to make the interface an access point (it sets the radio
/// down and up, and a slow machine's first start takes seconds).
const AP_START: Duration = Duration::from_secs(20);

/// hostapd's lines, read on their own thread for as long as it runs (so that its output
/// never fills up and blocks it).
fn hostapd_events(out: ChildStdout) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            // Nobody listens once the access point is up: the rest is read and let go.
            let _ = tx.send(line);
        }
    });
    rx
}

/// Waits until hostapd says the access point is up (`AP-ENABLED`); its exit, a refusal or
/// silence past [`AP_START`] is an error carrying its last lines.
fn wait_enabled(said: &Receiver<String>, interface: &str) -> Result<(), HotspotError> {
    let deadline = Instant::now() + AP_START;
    let mut last: Vec<String> = vec![];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match said.recv_timeout(left) {
            Ok(line) if line.contains("AP-ENABLED") => return Ok(()),
            Ok(line) => {
                let refused = line.contains("AP-DISABLED");
                last.push(line);
                if last.len() > 3 {
                    last.remove(0);
                }
                if !refused {
                    continue;
                }
            }
            // Exited (its output closed), or silent past the deadline.
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
        }
        if last.is_empty() {
            return Err(HotspotError::AccessPointSilent {
                interface: interface.to_owned(),
                seconds: AP_START.as_secs(),
            });
        }
        return Err(HotspotError::AccessPoint {
            interface: interface.to_owned(),
            detail: last.join(" / "),
        });
    }
}

/// The kernel switch of IP forwarding.
const IP_FORWARD: &str = "/proc/sys/net/ipv4/ip_forward";

/// Whether `interface` is a Wi-Fi interface (one hostapd can make an access point of).
pub fn is_wireless(interface: &str) -> bool {
    let dir = Path::new("/sys/class/net").join(interface);
    dir.join("wireless").exists() || dir.join("phy80211").exists()
}

/// A running hotspot; [`Hotspot::stop`] (or dropping it) restores the machine.
///
/// On a Wi-Fi interface, hostapd makes it an access point. On any other interface (an
/// Ethernet port with a travel router in access-point mode plugged in, say), the network
/// name and password are the external access point's own: Vigie serves addresses (DHCP),
/// names (DNS) and the way out (NAT) on it, and checks the traffic all the same.
#[derive(Debug)]
pub struct Hotspot {
    config: HotspotConfig,
    wifi: bool,
    run_dir: PathBuf,
    children: Vec<Child>,
    ip: PathBuf,
    nft: Option<PathBuf>,
    forward_before: Option<String>,
    address_added: bool,
    stopped: bool,
}

impl Hotspot {
    /// Starts the access point described by `config`, writing its files in `run_dir`.
    /// On failure, whatever was already changed is undone.
    /// Its interfaces are checked first (see [`crate::InterfaceProblem`]): nothing is
    /// written or changed for one the hotspot may not use.
    pub fn start(config: HotspotConfig, run_dir: &Path) -> Result<Hotspot, HotspotError> {
        crate::interfaces::check_on_this_machine(&config)?;
        let wifi = is_wireless(&config.interface);
        let hostapd = if wifi {
            Some(find_program("hostapd")?)
        } else {
            None
        };
        let dnsmasq = find_program("dnsmasq")?;
        let ip = find_program("ip")?;
        let nft = match config.uplink {
            Some(_) => Some(find_program("nft")?),
            None => None,
        };
        std::fs::create_dir_all(run_dir)?;
        let mut h = Hotspot {
            config,
            wifi,
            run_dir: run_dir.to_path_buf(),
            children: vec![],
            ip,
            nft,
            forward_before: None,
            address_added: false,
            stopped: false,
        };
        match h.bring_up(hostapd.as_deref(), &dnsmasq) {
            Ok(()) => Ok(h),
            Err(e) => {
                h.teardown();
                Err(e)
            }
        }
    }

    fn bring_up(&mut self, hostapd: Option<&Path>, dnsmasq: &Path) -> Result<(), HotspotError> {
        let c = self.config.clone();
        let hostapd_conf = self.run_dir.join("hostapd.conf");
        let dnsmasq_conf = self.run_dir.join("dnsmasq.conf");
        if hostapd.is_some() {
            std::fs::write(&hostapd_conf, c.hostapd_conf(&self.run_dir))?;
        }
        std::fs::write(&dnsmasq_conf, c.dnsmasq_conf(&self.run_dir))?;
        run(&self.ip, &["link", "set", &c.interface, "up"])?;
        self.address("add")?;
        self.address_added = true;
        if let Some(hostapd) = hostapd {
            let mut child = Command::new(hostapd)
                .arg(&hostapd_conf)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .spawn()?;
            let said = child.stdout.take().map(hostapd_events);
            self.children.push(child);
            if let Some(said) = said {
                wait_enabled(&said, &c.interface)?;
            }
        }
        self.children.push(
            Command::new(dnsmasq)
                .arg("--keep-in-foreground")
                .arg(format!("--conf-file={}", dnsmasq_conf.display()))
                .stdin(Stdio::null())
                .spawn()?,
        );
        if let (Some(nft), Some(rules)) = (&self.nft, c.nat_rules()) {
            self.forward_before = Some(std::fs::read_to_string(IP_FORWARD)?);
            std::fs::write(IP_FORWARD, "1\n")?;
            let file = self.run_dir.join("nat.nft");
            std::fs::write(&file, rules)?;
            run(nft, &["-f", &file.display().to_string()])?;
        }
        // A program that exits at once (busy interface, no AP mode) is an error now, not later.
        std::thread::sleep(std::time::Duration::from_millis(500));
        for child in &mut self.children {
            if let Ok(Some(status)) = child.try_wait() {
                return Err(HotspotError::Command {
                    command: format!("{child:?}"),
                    detail: status.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Adds (`add`) or removes (`del`) the station's address on the interface.
    fn address(&self, action: &str) -> Result<(), HotspotError> {
        let c = &self.config;
        let address = format!("{}/24", c.address);
        run(&self.ip, &["addr", action, &address, "dev", &c.interface])
    }

    /// The settings in use.
    pub fn config(&self) -> &HotspotConfig {
        &self.config
    }

    /// Whether Vigie runs the Wi-Fi access point itself (hostapd); otherwise an external
    /// access point is plugged into the interface, with its own name and password.
    pub fn runs_wifi(&self) -> bool {
        self.wifi
    }

    fn teardown(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        if let Some(nft) = &self.nft {
            let _ = run(nft, &["delete", "table", "ip", NAT_TABLE]);
        }
        if let Some(before) = &self.forward_before {
            let _ = std::fs::write(IP_FORWARD, before);
        }
        if self.address_added {
            let _ = self.address("del");
        }
        let _ = std::fs::remove_file(self.run_dir.join("hostapd.conf"));
        let _ = std::fs::remove_file(self.run_dir.join("dnsmasq.conf"));
        let _ = std::fs::remove_file(self.run_dir.join("nat.nft"));
    }

    /// Stops the access point and restores the machine's previous state.
    pub fn stop(mut self) {
        self.teardown();
    }
}

impl Drop for Hotspot {
    fn drop(&mut self) {
        self.teardown();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// hostapd's lines as they would come, then its output closing.
    fn said(lines: &[&str]) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        for l in lines {
            tx.send((*l).to_owned()).expect("send");
        }
        rx
    }

    #[test]
    fn the_access_point_is_up_only_when_hostapd_says_so() {
        let up = said(&[
            "wlan0: interface state UNINITIALIZED->ENABLED",
            "wlan0: AP-ENABLED",
        ]);
        assert!(wait_enabled(&up, "wlan0").is_ok());
        let refused = said(&[
            "nl80211: Could not configure driver mode",
            "wlan0: AP-DISABLED",
        ]);
        match wait_enabled(&refused, "wlan0") {
            Err(HotspotError::AccessPoint { interface, detail }) => {
                assert_eq!(interface, "wlan0");
                assert!(
                    detail.contains("Could not configure driver mode"),
                    "{detail}"
                );
            }
            other => panic!("{other:?}"),
        }
        let exited = said(&[]);
        assert!(matches!(
            wait_enabled(&exited, "wlan0"),
            Err(HotspotError::AccessPointSilent { seconds: 20, .. })
        ));
    }

    #[test]
    fn missing_programs_are_named() {
        let e = find_program("vigie-no-such-program").expect_err("missing");
        assert_eq!(
            vigie_core::Localized::message(&e).key,
            "hotspot-error-missing"
        );
    }
}
