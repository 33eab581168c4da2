//! One hotspot's settings (a random network name and password per check), and the files and
//! rules they make: hostapd's and dnsmasq's configurations, the NAT rules, the QR code.

use std::fmt::Write as _;
use std::net::Ipv4Addr;
use std::path::Path;

/// Name of the nftables table the hotspot adds (and removes).
pub const NAT_TABLE: &str = "vigie_hotspot";

/// The first line of every configuration file the hotspot writes.
const CONF_HEADER: &str = "# Written by Vigie for one check; removed when the hotspot stops.";

/// Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";

/// `len` random symbols of [`ALPHABET`].
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

    /// The address ending in `last` on the hotspot network.
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
        let mut s = format!("{CONF_HEADER}\n");
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
        let mut s = format!("{CONF_HEADER}\n");
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
}
