//! Packet decoding, from the link layer to TCP/UDP, through the tunnels seen in real traffic.
//!
//! Zero-copy and total: every function takes `&[u8]`, never panics, and stops at the first
//! layer it cannot read. Handled: Ethernet (VLAN, QinQ, MPLS, PPPoE), Linux cooked v1/v2, raw
//! IP, BSD loopback, PPP, 802.11 data frames (with or without radiotap), IPv4/IPv6 with
//! extension headers and fragments, and the tunnels IP-in-IP (4in4, 6in4, 4in6, 6in6), GRE
//! (with ERSPAN II/III and transparent Ethernet bridging), VXLAN, Geneve, Teredo, AYIYA and
//! GTP-U. The innermost TCP or UDP packet is what the analysis sees.
//!
//! A frame is entered by its link type ([`link`]); the layers then call one another (a tunnel
//! carries Ethernet, which carries IP, which carries tunnels), so they live in one file
//! ([`layers`]); what decoding gives is in [`decoded`].

mod decoded;
mod layers;
mod link;

pub(crate) use decoded::{Decode, Decoded, Fragment, SkipReason, Transport};
pub(crate) use layers::{decode_ip, decode_transport, icmp_quoted};
pub(crate) use link::decode_link;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::LinkType;
    use crate::write::{ethernet, tcp_packet, udp_packet};
    use std::net::{IpAddr, Ipv4Addr};

    fn v4(a: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, a))
    }

    #[test]
    fn ethernet_vlan_tcp_and_padding() {
        let ip = tcp_packet(v4(1), v4(2), 1234, 443, 7, 0, 0x18, b"hello");
        let mut frame = ethernet(&ip);
        // Insert a VLAN tag and link padding.
        frame.splice(12..12, [0x81, 0x00, 0x00, 0x05]);
        frame.extend_from_slice(&[0; 10]);
        let Decode::Packet(d) = decode_link(LinkType::ETHERNET, &frame) else {
            panic!("not decoded")
        };
        assert_eq!(d.src, v4(1));
        assert_eq!(
            d.transport,
            Transport::Tcp {
                sport: 1234,
                dport: 443,
                seq: 7,
                flags: 0x18,
                payload: b"hello"
            }
        );
    }

    #[test]
    fn vxlan_and_ip_in_ip() {
        let inner = ethernet(&udp_packet(v4(3), v4(4), 5353, 53, b"q"));
        let mut vx = vec![0x08, 0, 0, 0, 0, 0, 1, 0];
        vx.extend_from_slice(&inner);
        let outer = udp_packet(v4(1), v4(2), 40000, 4789, &vx);
        let Decode::Packet(d) = decode_ip(&outer, 0) else {
            panic!("not decoded")
        };
        assert_eq!((d.src, d.tunnel_depth), (v4(3), 1));
        let inner = udp_packet(v4(5), v4(6), 1, 2, b"x");
        let mut outer = vec![
            0x45, 0, 0, 0, 0, 0, 0, 0, 64, 4, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        let total = (20 + inner.len()) as u16;
        outer[2..4].copy_from_slice(&total.to_be_bytes());
        outer.extend_from_slice(&inner);
        let Decode::Packet(d) = decode_ip(&outer, 0) else {
            panic!("not decoded")
        };
        assert_eq!(d.dst, v4(6));
    }

    #[test]
    fn icmp_error_keeps_the_quoted_packet() {
        let quoted = udp_packet(v4(1), v4(2), 5000, 53, b"query");
        let mut icmp = vec![3, 3, 0, 0, 0, 0, 0, 0];
        icmp.extend_from_slice(&quoted);
        let Decode::Packet(d) = decode_transport(v4(2), v4(1), 1, &icmp, icmp.len() as u32, 0)
        else {
            panic!("not decoded")
        };
        assert_eq!(icmp_quoted(&d), Some(&quoted[..]));
    }

    #[test]
    fn damaged_input_never_panics() {
        for len in 0..64 {
            let junk: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            for link in [0, 1, 9, 101, 105, 108, 113, 127, 228, 229, 276] {
                let _ = decode_link(LinkType(link), &junk);
            }
            let mut v4 = junk.clone();
            if let Some(b) = v4.first_mut() {
                *b = 0x45;
            }
            let _ = decode_ip(&v4, 0);
        }
    }
}
