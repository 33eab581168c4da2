//! DHCP (IPv4): what a device says of itself when it joins a network — its hardware
//! address, the name it gives and its DHCP client — and the address it is given. This is
//! what ties a capture to the phone that made the traffic.

pub use crate::observation::DhcpClient;
use crate::observation::{Emitter, Observed};
use crate::reader::Reader;
use std::net::{IpAddr, Ipv4Addr};

/// The DHCP ports (server, client).
const PORTS: [u16; 2] = [67, 68];
/// The magic cookie that starts the options (RFC 2131).
const COOKIE: [u8; 4] = [99, 130, 83, 99];
/// Longest name or client class kept (option values are at most 255 bytes anyway).
const MAX_TEXT: usize = 64;

/// A DHCP message, as far as it identifies a device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `true` for a client's message (BOOTREQUEST), `false` for a server's.
    pub from_client: bool,
    /// The DHCP message type (1 DISCOVER, 3 REQUEST, 5 ACK, ...), if given.
    pub kind: Option<u8>,
    /// The device, when its hardware is Ethernet (Wi-Fi included): its address is the
    /// one the server gives (`yiaddr`), else the one it asks for (option 50), else the one
    /// it already has (`ciaddr`).
    pub client: Option<DhcpClient>,
}

/// The options that matter here: message type, requested address, name, client class.
type Options = (Option<u8>, Option<Ipv4Addr>, Option<String>, Option<String>);

/// Reads a DHCP message; `None` when the bytes are not one.
pub fn parse(bytes: &[u8]) -> Option<Message> {
    let mut r = Reader::init(bytes);
    let op = r.u8()?;
    let (htype, hlen) = (r.u8()?, r.u8()?);
    r.skip(1 + 4 + 2 + 2)?; // hops, xid, secs, flags
    let ciaddr = Ipv4Addr::from(r.array::<4>()?);
    let yiaddr = Ipv4Addr::from(r.array::<4>()?);
    r.skip(8)?; // siaddr, giaddr
    let chaddr = r.array::<16>()?;
    r.skip(64 + 128)?; // sname, file
    if !matches!(op, 1 | 2) || r.array::<4>()? != COOKIE {
        return None;
    }
    let (kind, requested, hostname, vendor_class) = read_options(&mut r);
    let client = (htype == 1 && hlen == 6).then(|| {
        let mut mac = [0; 6];
        mac.copy_from_slice(&chaddr[..6]);
        let address = [yiaddr, requested.unwrap_or(Ipv4Addr::UNSPECIFIED), ciaddr]
            .into_iter()
            .find(|a| !a.is_unspecified());
        DhcpClient {
            mac: mac_text(mac),
            private_mac: is_private_mac(mac),
            address: address.map(IpAddr::V4),
            hostname,
            vendor_class,
        }
    });
    Some(Message {
        from_client: op == 1,
        kind,
        client,
    })
}

/// Reads the options; damaged options end the reading: what came before is kept.
fn read_options(r: &mut Reader<'_>) -> Options {
    let mut o: Options = (None, None, None, None);
    while let Some(code) = r.u8() {
        match code {
            0 => continue,
            255 => break,
            _ => {}
        }
        let Some(mut value) = r.u8_prefixed() else {
            break;
        };
        let bytes = value.rest();
        match code {
            12 => o.2 = text(bytes),
            50 => o.1 = <[u8; 4]>::try_from(bytes).ok().map(Ipv4Addr::from),
            53 => o.0 = bytes.first().copied(),
            60 => o.3 = text(bytes),
            _ => {}
        }
    }
    o
}

/// An option's text, printable ASCII only, bounded; none when nothing printable is left.
fn text(bytes: &[u8]) -> Option<String> {
    let s: String = bytes
        .iter()
        .take(MAX_TEXT)
        .filter(|b| b.is_ascii_graphic() || **b == b' ')
        .map(|b| char::from(*b))
        .collect();
    let s = s.trim().to_owned();
    (!s.is_empty()).then_some(s)
}

/// The hardware address as people write it (`aa:bb:cc:dd:ee:ff`).
pub fn mac_text(mac: [u8; 6]) -> String {
    mac.map(|b| format!("{b:02x}")).join(":")
}

/// Whether a hardware address is one the device made up (locally administered): phones use
/// a private, random address per network by default, which names no maker.
pub fn is_private_mac(mac: [u8; 6]) -> bool {
    mac[0] & 0x02 != 0
}

/// Observes a UDP datagram between DHCP ports as a device joining; false when it is not DHCP.
pub(crate) fn observe_datagram(payload: &[u8], emit: &mut Emitter<'_>) -> bool {
    if !PORTS.contains(&emit.src.port) || !PORTS.contains(&emit.dst.port) {
        return false;
    }
    let Some(m) = parse(payload) else {
        return false;
    };
    // A server's message other than an acknowledgement says nothing settled of the device.
    if !m.from_client && m.kind != Some(5) {
        return true;
    }
    if let Some(client) = m.client {
        emit.emit(Observed::DhcpDevice(client));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{is_private_mac, parse};
    use crate::write::dhcp_request;

    #[test]
    fn a_request_names_the_device() {
        let mac = [0xda, 0xa1, 0x19, 0x01, 0x02, 0x03];
        let bytes = dhcp_request(mac, "Galaxy-S21", "android-dhcp-14", [192, 168, 42, 17]);
        let m = parse(&bytes).expect("DHCP");
        assert!(m.from_client);
        assert_eq!(m.kind, Some(3));
        let c = m.client.expect("an Ethernet client");
        assert_eq!(c.mac, "da:a1:19:01:02:03");
        assert!(c.private_mac);
        assert_eq!(c.hostname.as_deref(), Some("Galaxy-S21"));
        assert_eq!(c.vendor_class.as_deref(), Some("android-dhcp-14"));
        assert_eq!(c.address, Some([192, 168, 42, 17].into()));
        assert!(is_private_mac(mac));
        assert!(!is_private_mac([0x00, 0x1a, 0x11, 0, 0, 1]));
    }

    #[test]
    fn damaged_or_foreign_bytes_are_not_dhcp() {
        let bytes = dhcp_request([0; 6], "a", "b", [10, 0, 0, 2]);
        for cut in 0..bytes.len() {
            // Cut anywhere: never a panic; before the cookie, not DHCP.
            let m = parse(&bytes[..cut]);
            assert_eq!(m.is_some(), cut >= 240, "cut at {cut}");
        }
        assert!(parse(&[0xff; 300]).is_none());
        // A name made of control bytes is no name.
        let odd = dhcp_request([0; 6], "\u{1}\u{2}", "x", [10, 0, 0, 2]);
        assert_eq!(parse(&odd).and_then(|m| m.client?.hostname), None);
    }
}
