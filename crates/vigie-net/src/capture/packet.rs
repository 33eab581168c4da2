//! What the capture reader hands out: packets, with the link type of their interface.

use vigie_core::Timestamp;

/// A link-layer type (pcap LINKTYPE_* value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LinkType(pub u32);

impl LinkType {
    /// BSD loopback (host-order address family).
    pub const NULL: LinkType = LinkType(0);
    /// Ethernet.
    pub const ETHERNET: LinkType = LinkType(1);
    /// PPP.
    pub const PPP: LinkType = LinkType(9);
    /// Raw IP (v4 or v6 by version nibble).
    pub const RAW: LinkType = LinkType(101);
    /// 802.11 without radio header.
    pub const IEEE802_11: LinkType = LinkType(105);
    /// OpenBSD loopback (network-order address family).
    pub const LOOP: LinkType = LinkType(108);
    /// Linux cooked capture v1.
    pub const LINUX_SLL: LinkType = LinkType(113);
    /// 802.11 with a radiotap header.
    pub const RADIOTAP: LinkType = LinkType(127);
    /// Raw IPv4.
    pub const IPV4: LinkType = LinkType(228);
    /// Raw IPv6.
    pub const IPV6: LinkType = LinkType(229);
    /// Linux cooked capture v2.
    pub const LINUX_SLL2: LinkType = LinkType(276);
}

/// One packet record, borrowed from the reader's buffer.
#[derive(Debug)]
pub struct Packet<'a> {
    /// 1-based packet number in the file (as tshark and Wireshark number them).
    pub frame: u64,
    /// Capture time.
    pub ts: Timestamp,
    /// Link-layer type of the packet's interface.
    pub link: LinkType,
    /// Captured bytes.
    pub data: &'a [u8],
    /// Length of the packet on the wire (may exceed `data.len()` when the snapshot was cut).
    pub orig_len: u32,
}
