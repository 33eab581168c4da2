//! The hotspot: a Wi-Fi access point opened by the station for one check, with Debian's
//! hostapd (the access point) and dnsmasq (DHCP and DNS), NAT to the uplink so that the phone
//! behaves normally, or no uplink at all (captive mode). A random network name and password
//! per check, shown as a QR code. Stopping restores what was changed: the interface's
//! address, IP forwarding, and the NAT table.

use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use vigie_core::Message;

vigie_core::locales!("Translation resources of the hotspot (errors, instructions).");

/// Name of the nftables table the hotspot adds (and removes).
pub const NAT_TABLE: &str = "vigie_hotspot";

/// Why the hotspot could not start or stop.
#[derive(Debug, thiserror::Error)]
pub enum HotspotError {
    /// A program it needs is not installed.
    #[error("{0} is not installed")]
    Missing(&'static str),
    /// A command failed.
    #[error("{command} failed: {detail}")]
    Command {
        /// The command.
        command: String,
        /// What it said.
        detail: String,
    },
    /// Writing the configuration failed.
    #[error("configuration: {0}")]
    Io(#[from] std::io::Error),
}

impl vigie_core::Localized for HotspotError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            HotspotError::Missing(p) => Message::new("hotspot-error-missing").arg("program", *p),
            HotspotError::Command { command, detail } => Message::new("hotspot-error-command")
                .arg("command", command)
                .arg("detail", detail),
            HotspotError::Io(e) => Message::new("hotspot-error-io").arg("detail", e.to_string()),
        }
    }
}

/// Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";

fn random_text(len: usize) -> String {
    use rand_core::{OsRng, RngCore};
    (0..len)
        .map(|_| {
            // 54 symbols; rejection sampling keeps them uniform.
            loop {
                let b = (OsRng.next_u32() & 0xff) as usize;
                if b < ALPHABET.len() * 4 {
                    return char::from(ALPHABET[b % ALPHABET.len()]);
                }
            }
        })
        .collect()
}

/// One hotspot's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotspotConfig {
    /// The Wi-Fi interface that becomes the access point.
    pub interface: String,
    /// The interface towards the internet; `None` for captive mode.
    pub uplink: Option<String>,
    /// Network name.
    pub ssid: String,
    /// WPA2 password.
    pub password: String,
    /// 2.4 GHz channel.
    pub channel: u8,
    /// Regulatory country (ISO 3166 code).
    pub country: String,
    /// The station's address on the hotspot network (a /24).
    pub address: Ipv4Addr,
}

impl HotspotConfig {
    /// Settings with a random name and password, for one check.
    pub fn random(interface: &str, uplink: Option<&str>) -> Self {
        HotspotConfig {
            interface: interface.to_owned(),
            uplink: uplink.map(str::to_owned),
            ssid: format!("Vigie-{}", random_text(4)),
            password: random_text(12),
            channel: 6,
            country: "FR".into(),
            address: Ipv4Addr::new(10, 77, 77, 1),
        }
    }

    fn net(&self, last: u8) -> Ipv4Addr {
        let [a, b, c, _] = self.address.octets();
        Ipv4Addr::new(a, b, c, last)
    }

    /// The network the phone joins, in CIDR notation.
    pub fn subnet(&self) -> String {
        format!("{}/24", self.net(0))
    }

    /// hostapd's configuration: WPA2-PSK (CCMP), 802.11g/n on the chosen channel.
    pub fn hostapd_conf(&self, run_dir: &Path) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Written by Vigie for one check; removed when the hotspot stops."
        );
        let _ = writeln!(s, "interface={}", self.interface);
        let _ = writeln!(s, "driver=nl80211");
        let _ = writeln!(s, "ctrl_interface={}", run_dir.join("hostapd").display());
        let _ = writeln!(s, "ssid={}", self.ssid);
        let _ = writeln!(s, "country_code={}", self.country);
        let _ = writeln!(s, "hw_mode=g");
        let _ = writeln!(s, "channel={}", self.channel);
        let _ = writeln!(s, "ieee80211n=1");
        let _ = writeln!(s, "wmm_enabled=1");
        let _ = writeln!(s, "auth_algs=1");
        let _ = writeln!(s, "ignore_broadcast_ssid=0");
        let _ = writeln!(s, "wpa=2");
        let _ = writeln!(s, "wpa_key_mgmt=WPA-PSK");
        let _ = writeln!(s, "rsn_pairwise=CCMP");
        let _ = writeln!(s, "wpa_passphrase={}", self.password);
        s
    }

    /// dnsmasq's configuration: DHCP on the hotspot only, the station as router and DNS
    /// server; DNS forwarded to the machine's resolvers with an uplink, answered by no one
    /// in captive mode (the phone's questions are still seen by the check).
    pub fn dnsmasq_conf(&self, run_dir: &Path) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# Written by Vigie for one check; removed when the hotspot stops."
        );
        let _ = writeln!(s, "interface={}", self.interface);
        let _ = writeln!(s, "bind-interfaces");
        let _ = writeln!(s, "except-interface=lo");
        let _ = writeln!(
            s,
            "dhcp-range={},{},255.255.255.0,1h",
            self.net(10),
            self.net(200)
        );
        let _ = writeln!(s, "dhcp-option=option:router,{}", self.address);
        let _ = writeln!(s, "dhcp-option=option:dns-server,{}", self.address);
        let _ = writeln!(
            s,
            "dhcp-leasefile={}",
            run_dir.join("dnsmasq.leases").display()
        );
        let _ = writeln!(s, "pid-file={}", run_dir.join("dnsmasq.pid").display());
        if self.uplink.is_none() {
            let _ = writeln!(s, "no-resolv");
        }
        s
    }

    /// The nftables rules that let the phone reach the internet through the uplink.
    pub fn nat_rules(&self) -> Option<String> {
        let uplink = self.uplink.as_ref()?;
        Some(format!(
            "table ip {NAT_TABLE} {{\n  chain postrouting {{\n    type nat hook postrouting priority srcnat; policy accept;\n    ip saddr {} oifname \"{uplink}\" masquerade\n  }}\n}}\n",
            self.subnet()
        ))
    }

    /// What the phone's camera reads to join (the `WIFI:` format of Android and iOS).
    pub fn wifi_uri(&self) -> String {
        fn esc(v: &str) -> String {
            v.chars()
                .flat_map(|c| match c {
                    '\\' | ';' | ',' | ':' | '"' => vec!['\\', c],
                    c => vec![c],
                })
                .collect()
        }
        format!(
            "WIFI:T:WPA;S:{};P:{};;",
            esc(&self.ssid),
            esc(&self.password)
        )
    }

    /// The QR code of [`Self::wifi_uri`] as an SVG image.
    pub fn qr_svg(&self) -> String {
        match qrcode::QrCode::new(self.wifi_uri().as_bytes()) {
            Ok(code) => code
                .render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(240, 240)
                .build(),
            Err(_) => String::new(),
        }
    }

    /// The QR code drawn with characters, for a terminal.
    pub fn qr_text(&self) -> String {
        match qrcode::QrCode::new(self.wifi_uri().as_bytes()) {
            Ok(code) => code
                .render::<char>()
                .quiet_zone(true)
                .module_dimensions(2, 1)
                .dark_color('█')
                .light_color(' ')
                .build(),
            Err(_) => String::new(),
        }
    }
}

fn find_program(name: &'static str) -> Result<PathBuf, HotspotError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/sbin".into()])
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or(HotspotError::Missing(name))
}

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
    pub fn start(config: HotspotConfig, run_dir: &Path) -> Result<Hotspot, HotspotError> {
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
        run(
            &self.ip,
            &[
                "addr",
                "add",
                &format!("{}/24", c.address),
                "dev",
                &c.interface,
            ],
        )?;
        self.address_added = true;
        if let Some(hostapd) = hostapd {
            self.children.push(
                Command::new(hostapd)
                    .arg(&hostapd_conf)
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .spawn()?,
            );
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
            let c = &self.config;
            let _ = run(
                &self.ip,
                &[
                    "addr",
                    "del",
                    &format!("{}/24", c.address),
                    "dev",
                    &c.interface,
                ],
            );
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

    fn fixed(uplink: Option<&str>) -> HotspotConfig {
        HotspotConfig {
            ssid: "Vigie-ab2C".into(),
            password: "pq7rsTuvwx9Z".into(),
            ..HotspotConfig::random("wlan0", uplink)
        }
    }

    #[test]
    fn random_settings_differ_and_read_well() {
        let (a, b) = (
            HotspotConfig::random("wlan0", None),
            HotspotConfig::random("wlan0", None),
        );
        assert_ne!(a.password, b.password);
        assert_eq!(a.password.len(), 12);
        assert!(a.ssid.starts_with("Vigie-") && a.ssid.len() == 10);
        assert!(a
            .password
            .chars()
            .all(|c| c.is_ascii_alphanumeric() && !"0O1lI".contains(c)));
    }

    #[test]
    fn hostapd_file_is_what_hostapd_expects() {
        let text = fixed(Some("eth0")).hostapd_conf(Path::new("/run/vigie"));
        let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        for want in [
            "interface=wlan0",
            "driver=nl80211",
            "ssid=Vigie-ab2C",
            "wpa=2",
            "wpa_key_mgmt=WPA-PSK",
            "rsn_pairwise=CCMP",
            "wpa_passphrase=pq7rsTuvwx9Z",
            "channel=6",
            "hw_mode=g",
            "country_code=FR",
            "ctrl_interface=/run/vigie/hostapd",
        ] {
            assert!(lines.contains(&want), "missing {want} in\n{text}");
        }
        // Every line is key=value, as hostapd parses them.
        assert!(lines.iter().all(|l| l
            .split_once('=')
            .is_some_and(|(k, v)| !k.is_empty() && !v.is_empty())));
    }

    #[test]
    fn dnsmasq_file_serves_only_the_hotspot() {
        let with_uplink = fixed(Some("eth0")).dnsmasq_conf(Path::new("/run/vigie"));
        for want in [
            "interface=wlan0",
            "bind-interfaces",
            "except-interface=lo",
            "dhcp-range=10.77.77.10,10.77.77.200,255.255.255.0,1h",
            "dhcp-option=option:router,10.77.77.1",
            "dhcp-option=option:dns-server,10.77.77.1",
            "dhcp-leasefile=/run/vigie/dnsmasq.leases",
        ] {
            assert!(with_uplink.lines().any(|l| l == want), "missing {want}");
        }
        assert!(!with_uplink.contains("no-resolv"));
        let captive = fixed(None).dnsmasq_conf(Path::new("/run/vigie"));
        assert!(captive.lines().any(|l| l == "no-resolv"));
    }

    #[test]
    fn nat_only_with_an_uplink() {
        assert_eq!(fixed(None).nat_rules(), None);
        let rules = fixed(Some("eth0")).nat_rules().expect("rules");
        assert!(rules.contains(&format!("table ip {NAT_TABLE}")));
        assert!(rules.contains("ip saddr 10.77.77.0/24 oifname \"eth0\" masquerade"));
        assert!(rules.contains("type nat hook postrouting"));
    }

    #[test]
    fn qr_code_carries_the_wifi_settings() {
        let c = HotspotConfig {
            ssid: "Vigie;x".into(),
            ..fixed(None)
        };
        assert_eq!(c.wifi_uri(), "WIFI:T:WPA;S:Vigie\\;x;P:pq7rsTuvwx9Z;;");
        let svg = c.qr_svg();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        assert!(c.qr_text().contains('█'));
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
