//! The devices a check saw join the network (by DHCP), one entry per hardware address,
//! with the web clients (User-Agents) and the local names (mDNS) each then announced from
//! its address: what ties a capture to the phone that made it.

use crate::observation::DhcpClient;
use crate::observation::{Observation, Observed};
use vigie_core::Timestamp;

/// Most devices remembered per check (a hotspot serves one phone; a capture of a busy
/// network is bounded all the same).
const MAX_DEVICES: usize = 32;
/// Most User-Agents and mDNS names kept per device.
const MAX_NAMES: usize = 8;

/// A device seen joining the network: what it said of itself, where and when first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JoinedDevice {
    /// The device, with everything its messages told (the last address given).
    #[serde(flatten)]
    pub client: DhcpClient,
    /// The capture or interface it was seen in.
    pub source: String,
    /// When it was first seen.
    pub first_seen: Timestamp,
    /// Who made its network adapter, from the IEEE's list (none for a private address, or
    /// where the station has no list); the station fills it in.
    #[serde(default)]
    pub maker: Option<String>,
    /// The User-Agents of the web requests sent from its address, first seen first.
    #[serde(default)]
    pub user_agents: Vec<String>,
    /// The names it announced on the local network (mDNS answers from its address).
    #[serde(default)]
    pub mdns_names: Vec<String>,
}

/// The devices seen so far, in the order they first appeared.
#[derive(Debug, Default)]
pub(crate) struct Devices(Vec<JoinedDevice>);

impl Devices {
    /// Takes in an observation made in `source`: a DHCP message adds its device or tells
    /// more of one already seen.
    pub(crate) fn observe(&mut self, source: &str, o: &Observation) {
        match &o.what {
            Observed::DhcpDevice(client) => self.joined(source, o, client),
            Observed::HttpHost {
                user_agent: Some(ua),
                ..
            } => self.announced(o, ua, |d| &mut d.user_agents),
            Observed::DnsAnswer {
                name,
                answer: Some(_),
                via: "mdns",
                ..
            } => self.announced(o, name, |d| &mut d.mdns_names),
            _ => {}
        }
    }

    /// A DHCP message: a new device, or more of one already seen.
    fn joined(&mut self, source: &str, o: &Observation, client: &DhcpClient) {
        if let Some(d) = self.0.iter_mut().find(|d| d.client.mac == client.mac) {
            let known = &mut d.client;
            known.address = client.address.or(known.address);
            known.hostname = client.hostname.clone().or(known.hostname.take());
            known.vendor_class = client.vendor_class.clone().or(known.vendor_class.take());
        } else if self.0.len() < MAX_DEVICES {
            self.0.push(JoinedDevice {
                client: client.clone(),
                source: source.to_owned(),
                first_seen: o.ts,
                maker: None,
                user_agents: vec![],
                mdns_names: vec![],
            });
        }
    }

    /// Something the device at the sender's address said of itself, kept once, bounded.
    fn announced(
        &mut self,
        o: &Observation,
        value: &str,
        list: impl Fn(&mut JoinedDevice) -> &mut Vec<String>,
    ) {
        let from = Some(o.src.ip);
        for d in self.0.iter_mut().filter(|d| d.client.address == from) {
            let names = list(d);
            if names.len() < MAX_NAMES && !names.iter().any(|n| n == value) {
                names.push(value.to_owned());
            }
        }
    }

    /// The devices seen.
    pub(crate) fn list(&self) -> &[JoinedDevice] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Devices;
    use crate::observation::DhcpClient;
    use crate::observation::{Endpoint, Observation, Observed};
    use vigie_core::Timestamp;

    fn from(ip: [u8; 4], what: Observed) -> Observation {
        let src = Endpoint {
            ip: ip.into(),
            port: 5353,
        };
        Observation {
            what,
            ts: Timestamp::from_secs_nanos(1_760_000_000, 0),
            frame: 1,
            src,
            dst: src,
        }
    }

    #[test]
    fn what_a_device_announces_from_its_address_is_kept_with_it() {
        let mut devices = Devices::default();
        let phone = [192, 168, 42, 17];
        let client = DhcpClient {
            mac: "da:a1:19:01:02:03".into(),
            private_mac: true,
            address: Some(phone.into()),
            hostname: None,
            vendor_class: Some("android-dhcp-14".into()),
        };
        devices.observe("hotspot", &from([0, 0, 0, 0], Observed::DhcpDevice(client)));
        let mdns = |name: &str| Observed::DnsAnswer {
            name: name.into(),
            query: None,
            rtype: 1,
            answer: Some("192.168.42.17".into()),
            rcode: 0,
            via: "mdns",
        };
        let web = |ua: &str| Observed::HttpHost {
            name: "example.org".into(),
            method: "GET".into(),
            url: None,
            user_agent: Some(ua.into()),
        };
        for _ in 0..2 {
            devices.observe("hotspot", &from(phone, mdns("Galaxy-S21.local")));
            devices.observe(
                "hotspot",
                &from(phone, web("Dalvik/2.1.0 (Linux; Android 14)")),
            );
        }
        // Another machine's announcements are not the phone's.
        devices.observe("hotspot", &from([192, 168, 42, 99], mdns("printer.local")));
        let d = &devices.list()[0];
        assert_eq!(d.mdns_names, ["Galaxy-S21.local"]);
        assert_eq!(d.user_agents, ["Dalvik/2.1.0 (Linux; Android 14)"]);
        assert_eq!(devices.list().len(), 1);
    }
}
