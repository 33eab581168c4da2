//! The devices a check saw join the network (by DHCP), one entry per hardware address:
//! what ties a capture to the phone that made it.

use crate::dhcp::DhcpClient;
use crate::observation::{Observation, Observed};
use vigie_core::Timestamp;

/// Most devices remembered per check (a hotspot serves one phone; a capture of a busy
/// network is bounded all the same).
const MAX_DEVICES: usize = 32;

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
}

/// The devices seen so far, in the order they first appeared.
#[derive(Debug, Default)]
pub(crate) struct Devices(Vec<JoinedDevice>);

impl Devices {
    /// Takes in an observation made in `source`: a DHCP message adds its device or tells
    /// more of one already seen.
    pub(crate) fn observe(&mut self, source: &str, o: &Observation) {
        let Observed::DhcpDevice(client) = &o.what else {
            return;
        };
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
            });
        }
    }

    /// The devices seen.
    pub(crate) fn list(&self) -> &[JoinedDevice] {
        &self.0
    }
}
