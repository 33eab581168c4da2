//! The project's own capture writer and packet builders.
//!
//! Tests, benchmarks and fuzz seeds build captures in code with these (a phone resolving and
//! contacting servers over DNS, TLS and QUIC) instead of committing large binary files.

use crate::capture::LinkType;
use std::io::{self, Write};
use std::net::IpAddr;
use vigie_core::Timestamp;

/// Writes a classic pcap file (microsecond timestamps, little-endian).
#[derive(Debug)]
pub struct PcapWriter<W: Write> {
    out: W,
}

impl<W: Write> PcapWriter<W> {
    /// Writes the file header for `link` and returns the writer.
    pub fn new(mut out: W, link: LinkType) -> io::Result<Self> {
        out.write_all(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0])?;
        out.write_all(&[0; 8])?;
        out.write_all(&262_144u32.to_le_bytes())?;
        out.write_all(&link.0.to_le_bytes())?;
        Ok(PcapWriter { out })
    }

    /// A writer continuing a stream whose header was already written elsewhere.
    pub fn continuing(out: W) -> Self {
        PcapWriter { out }
    }

    /// Appends one packet.
    pub fn write(&mut self, ts: Timestamp, data: &[u8]) -> io::Result<()> {
        let secs = ts.0.div_euclid(1_000_000_000);
        let micros = ts.0.rem_euclid(1_000_000_000) / 1000;
        let len = u32::try_from(data.len()).map_err(|_| io::Error::other("packet too large"))?;
        self.out
            .write_all(&u32::try_from(secs).unwrap_or(0).to_le_bytes())?;
        self.out
            .write_all(&u32::try_from(micros).unwrap_or(0).to_le_bytes())?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(&len.to_le_bytes())?;
        self.out.write_all(data)
    }

    /// The underlying writer, to hand over what was written so far.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        &self.out
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

fn checksum_add(mut sum: u32, data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(2);
    for c in &mut chunks {
        sum = sum.wrapping_add(u32::from(u16::from_be_bytes([c[0], c[1]])));
    }
    if let [last] = chunks.remainder() {
        sum = sum.wrapping_add(u32::from(*last) << 8);
    }
    sum
}

fn checksum_fold(mut sum: u32) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// Wraps an IP packet in an Ethernet II frame between two made-up station addresses.
pub fn ethernet(ip_packet: &[u8]) -> Vec<u8> {
    let ethertype: u16 = if ip_packet.first().map(|b| b >> 4) == Some(6) {
        0x86dd
    } else {
        0x0800
    };
    let mut f = Vec::with_capacity(14 + ip_packet.len());
    f.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02]);
    f.extend_from_slice(&ethertype.to_be_bytes());
    f.extend_from_slice(ip_packet);
    f
}

/// Builds an IP packet (v4 or v6 by address family) around a transport segment.
fn ip_packet(
    src: IpAddr,
    dst: IpAddr,
    proto: u8,
    mut segment: Vec<u8>,
    checksum_at: usize,
) -> Vec<u8> {
    let len = segment.len();
    let mut pseudo = 0u32;
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            pseudo = checksum_add(pseudo, &s.octets());
            pseudo = checksum_add(pseudo, &d.octets());
        }
        (IpAddr::V6(s), IpAddr::V6(d)) => {
            pseudo = checksum_add(pseudo, &s.octets());
            pseudo = checksum_add(pseudo, &d.octets());
        }
        _ => {}
    }
    pseudo = pseudo
        .wrapping_add(u32::from(proto))
        .wrapping_add(len as u32);
    let sum = checksum_fold(checksum_add(pseudo, &segment));
    if let Some(slot) = segment.get_mut(checksum_at..checksum_at + 2) {
        slot.copy_from_slice(&sum.to_be_bytes());
    }
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            let total = (20 + len) as u16;
            let mut h = vec![0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, 64, proto, 0, 0];
            h[2..4].copy_from_slice(&total.to_be_bytes());
            h.extend_from_slice(&s.octets());
            h.extend_from_slice(&d.octets());
            let c = checksum_fold(checksum_add(0, &h));
            h[10..12].copy_from_slice(&c.to_be_bytes());
            h.extend_from_slice(&segment);
            h
        }
        (s, d) => {
            let to_v6 = |a: IpAddr| match a {
                IpAddr::V6(v) => v,
                IpAddr::V4(v) => v.to_ipv6_mapped(),
            };
            let mut h = vec![0x60, 0, 0, 0];
            h.extend_from_slice(&(len as u16).to_be_bytes());
            h.extend_from_slice(&[proto, 64]);
            h.extend_from_slice(&to_v6(s).octets());
            h.extend_from_slice(&to_v6(d).octets());
            h.extend_from_slice(&segment);
            h
        }
    }
}

/// A UDP datagram in an IP packet.
pub fn udp_packet(src: IpAddr, dst: IpAddr, sport: u16, dport: u16, payload: &[u8]) -> Vec<u8> {
    let mut seg = Vec::with_capacity(8 + payload.len());
    seg.extend_from_slice(&sport.to_be_bytes());
    seg.extend_from_slice(&dport.to_be_bytes());
    seg.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    seg.extend_from_slice(&[0, 0]);
    seg.extend_from_slice(payload);
    ip_packet(src, dst, 17, seg, 6)
}

/// TCP flag bits.
pub mod tcp_flags {
    /// FIN.
    pub const FIN: u8 = 0x01;
    /// SYN.
    pub const SYN: u8 = 0x02;
    /// PSH.
    pub const PSH: u8 = 0x08;
    /// ACK.
    pub const ACK: u8 = 0x10;
}

/// A TCP segment in an IP packet.
#[allow(clippy::too_many_arguments)]
pub fn tcp_packet(
    src: IpAddr,
    dst: IpAddr,
    sport: u16,
    dport: u16,
    seq: u32,
    ack: u32,
    flags: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut seg = Vec::with_capacity(20 + payload.len());
    seg.extend_from_slice(&sport.to_be_bytes());
    seg.extend_from_slice(&dport.to_be_bytes());
    seg.extend_from_slice(&seq.to_be_bytes());
    seg.extend_from_slice(&ack.to_be_bytes());
    seg.extend_from_slice(&[0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    seg.extend_from_slice(payload);
    ip_packet(src, dst, 6, seg, 16)
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    for label in name
        .trim_end_matches('.')
        .split('.')
        .filter(|l| !l.is_empty())
    {
        out.push(label.len().min(63) as u8);
        out.extend_from_slice(&label.as_bytes()[..label.len().min(63)]);
    }
    out.push(0);
}

/// A DNS query for `name` (type A = 1, AAAA = 28, HTTPS = 65).
pub fn dns_query(id: u16, name: &str, qtype: u16) -> Vec<u8> {
    let mut m = Vec::with_capacity(32 + name.len());
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    push_name(&mut m, name);
    m.extend_from_slice(&qtype.to_be_bytes());
    m.extend_from_slice(&[0, 1]);
    m
}

/// A DNS response to a query for `name`: an optional CNAME chain, then A/AAAA records.
pub fn dns_response(id: u16, name: &str, cnames: &[&str], addrs: &[IpAddr]) -> Vec<u8> {
    let qtype: u16 = if addrs.first().is_some_and(IpAddr::is_ipv6) {
        28
    } else {
        1
    };
    let mut m = Vec::with_capacity(64);
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&[0x81, 0x80, 0, 1]);
    m.extend_from_slice(&((cnames.len() + addrs.len()) as u16).to_be_bytes());
    m.extend_from_slice(&[0, 0, 0, 0]);
    push_name(&mut m, name);
    m.extend_from_slice(&qtype.to_be_bytes());
    m.extend_from_slice(&[0, 1]);
    let mut owner = name.to_owned();
    for c in cnames {
        push_name(&mut m, &owner);
        m.extend_from_slice(&[0, 5, 0, 1, 0, 0, 0x0e, 0x10]);
        let mut rdata = vec![];
        push_name(&mut rdata, c);
        m.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        m.extend_from_slice(&rdata);
        owner = (*c).to_owned();
    }
    for a in addrs {
        push_name(&mut m, &owner);
        match a {
            IpAddr::V4(v) => {
                m.extend_from_slice(&[0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4]);
                m.extend_from_slice(&v.octets());
            }
            IpAddr::V6(v) => {
                m.extend_from_slice(&[0, 28, 0, 1, 0, 0, 0x0e, 0x10, 0, 16]);
                m.extend_from_slice(&v.octets());
            }
        }
    }
    m
}

fn ext(out: &mut Vec<u8>, ty: u16, body: &[u8]) {
    out.extend_from_slice(&ty.to_be_bytes());
    out.extend_from_slice(&(body.len() as u16).to_be_bytes());
    out.extend_from_slice(body);
}

/// A TLS 1.3-style ClientHello handshake message (without record header) naming `sni`, with
/// the extensions a phone's browser sends (GREASE included) so fingerprints are realistic.
pub fn client_hello(sni: &str, alpn: &[&str]) -> Vec<u8> {
    let mut body = vec![0x03, 0x03];
    body.extend((0..32u8).map(|i| i.wrapping_mul(7)));
    body.push(32);
    body.extend((0..32u8).map(|i| i.wrapping_mul(13)));
    let suites: [u16; 8] = [
        0x0a0a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030,
    ];
    body.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for s in suites {
        body.extend_from_slice(&s.to_be_bytes());
    }
    body.extend_from_slice(&[1, 0]);
    let mut exts = vec![];
    ext(&mut exts, 0x1a1a, &[]);
    let mut sni_body = vec![];
    sni_body.extend_from_slice(&((sni.len() + 3) as u16).to_be_bytes());
    sni_body.push(0);
    sni_body.extend_from_slice(&(sni.len() as u16).to_be_bytes());
    sni_body.extend_from_slice(sni.as_bytes());
    if !sni.is_empty() {
        ext(&mut exts, 0, &sni_body);
    }
    ext(&mut exts, 0x0017, &[]);
    ext(&mut exts, 0xff01, &[0]);
    ext(&mut exts, 0x000a, &[0, 6, 0x0a, 0x0a, 0, 0x1d, 0, 0x17]);
    ext(&mut exts, 0x000b, &[1, 0]);
    ext(&mut exts, 0x0023, &[]);
    if !alpn.is_empty() {
        let mut list = vec![];
        for p in alpn {
            list.push(p.len() as u8);
            list.extend_from_slice(p.as_bytes());
        }
        let mut b = (list.len() as u16).to_be_bytes().to_vec();
        b.extend_from_slice(&list);
        ext(&mut exts, 0x0010, &b);
    }
    ext(&mut exts, 0x0005, &[1, 0, 0, 0, 0]);
    ext(
        &mut exts,
        0x000d,
        &[0, 8, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03],
    );
    let mut ks = vec![0, 36, 0, 0x1d, 0, 32];
    ks.extend([0x42u8; 32]);
    ext(&mut exts, 0x0033, &ks);
    ext(&mut exts, 0x002d, &[1, 1]);
    ext(&mut exts, 0x002b, &[4, 0x03, 0x04, 0x03, 0x03]);
    body.extend_from_slice(&(exts.len() as u16).to_be_bytes());
    body.extend_from_slice(&exts);
    handshake(1, &body)
}

/// A handshake message: type and 24-bit length before the body.
pub fn handshake(msg_type: u8, body: &[u8]) -> Vec<u8> {
    let mut m = vec![msg_type];
    m.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    m.extend_from_slice(body);
    m
}

/// TLS records of content type 22 (handshake) carrying `data`, split every 16 KiB.
pub fn tls_records(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 5);
    for chunk in data.chunks(16_384) {
        out.extend_from_slice(&[22, 3, 1]);
        out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        out.extend_from_slice(chunk);
    }
    out
}

/// A TLS 1.2 ServerHello then Certificate message carrying the DER certificates given.
pub fn server_hello_and_certificates(certs_der: &[&[u8]]) -> Vec<u8> {
    let mut sh = vec![0x03, 0x03];
    sh.extend([0x11u8; 32]);
    sh.push(0);
    sh.extend_from_slice(&[0xc0, 0x2f, 0]);
    sh.extend_from_slice(&[0, 0]);
    let mut list = vec![];
    for c in certs_der {
        list.extend_from_slice(&(c.len() as u32).to_be_bytes()[1..]);
        list.extend_from_slice(c);
    }
    let mut cert_body = (list.len() as u32).to_be_bytes()[1..].to_vec();
    cert_body.extend_from_slice(&list);
    let mut msgs = handshake(2, &sh);
    msgs.extend_from_slice(&handshake(11, &cert_body));
    msgs
}

/// A TCP conversation between a client and a server: handshake, data both ways, and close,
/// with consistent sequence numbers. Each call returns the IP packets it produced.
#[derive(Debug, Clone)]
pub struct TcpConversation {
    client: (IpAddr, u16),
    server: (IpAddr, u16),
    client_seq: u32,
    server_seq: u32,
}

impl TcpConversation {
    /// A conversation from `client` to `server` (address, port).
    pub fn new(client: (IpAddr, u16), server: (IpAddr, u16)) -> Self {
        TcpConversation {
            client,
            server,
            client_seq: 1000,
            server_seq: 5000,
        }
    }

    /// SYN, SYN-ACK, ACK.
    pub fn open(&mut self) -> Vec<Vec<u8>> {
        let (c, s) = (self.client, self.server);
        let p1 = tcp_packet(c.0, s.0, c.1, s.1, self.client_seq, 0, tcp_flags::SYN, &[]);
        let p2 = tcp_packet(
            s.0,
            c.0,
            s.1,
            c.1,
            self.server_seq,
            self.client_seq + 1,
            tcp_flags::SYN | tcp_flags::ACK,
            &[],
        );
        self.client_seq += 1;
        self.server_seq += 1;
        let p3 = tcp_packet(
            c.0,
            s.0,
            c.1,
            s.1,
            self.client_seq,
            self.server_seq,
            tcp_flags::ACK,
            &[],
        );
        vec![p1, p2, p3]
    }

    /// Data from the client, cut into segments of at most `mss` bytes.
    pub fn client_sends(&mut self, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        self.sends(true, data, mss)
    }

    /// Data from the server, cut into segments of at most `mss` bytes.
    pub fn server_sends(&mut self, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        self.sends(false, data, mss)
    }

    fn sends(&mut self, from_client: bool, data: &[u8], mss: usize) -> Vec<Vec<u8>> {
        let (mut from, mut to) = (self.client, self.server);
        if !from_client {
            std::mem::swap(&mut from, &mut to);
        }
        let mut out = vec![];
        for chunk in data.chunks(mss.max(1)) {
            let (seq, ack) = if from_client {
                (self.client_seq, self.server_seq)
            } else {
                (self.server_seq, self.client_seq)
            };
            let flags = tcp_flags::ACK | tcp_flags::PSH;
            out.push(tcp_packet(
                from.0, to.0, from.1, to.1, seq, ack, flags, chunk,
            ));
            let next = seq.wrapping_add(chunk.len() as u32);
            if from_client {
                self.client_seq = next;
            } else {
                self.server_seq = next;
            }
        }
        out
    }

    /// FIN from the client and the server's FIN-ACK.
    pub fn close(&mut self) -> Vec<Vec<u8>> {
        let (c, s) = (self.client, self.server);
        let p1 = tcp_packet(
            c.0,
            s.0,
            c.1,
            s.1,
            self.client_seq,
            self.server_seq,
            tcp_flags::FIN | tcp_flags::ACK,
            &[],
        );
        let p2 = tcp_packet(
            s.0,
            c.0,
            s.1,
            c.1,
            self.server_seq,
            self.client_seq + 1,
            tcp_flags::FIN | tcp_flags::ACK,
            &[],
        );
        vec![p1, p2]
    }
}

/// Synthetic traffic of a phone for benchmarks: sessions of DNS, TLS (handshake, certificate,
/// then bulk data both ways), QUIC Initials and plain HTTP, to many servers, with realistic
/// sizes and timing. Deterministic: the same seed gives the same capture.
#[derive(Debug)]
pub struct TrafficGenerator {
    state: u64,
    ts: i64,
    session: u32,
    cert: Vec<u8>,
}

impl TrafficGenerator {
    /// A generator whose TLS servers present `cert_der`.
    pub fn new(seed: u64, cert_der: &[u8]) -> Self {
        TrafficGenerator {
            state: seed | 1,
            ts: 1_760_000_000_000_000_000,
            session: 0,
            cert: cert_der.to_vec(),
        }
    }

    fn next(&mut self) -> u64 {
        // xorshift64*: good enough to vary sizes and addresses.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// The next session's packets (Ethernet frames) with their times.
    pub fn session(&mut self) -> Vec<(Timestamp, Vec<u8>)> {
        self.session = self.session.wrapping_add(1);
        let s = self.session;
        let phone: IpAddr = IpAddr::from([192, 168, 1, 20]);
        let resolver: IpAddr = IpAddr::from([192, 168, 1, 1]);
        let server: IpAddr = IpAddr::from([34, (s >> 16) as u8, (s >> 8) as u8, s as u8 | 1]);
        let name = format!("api{}.service{}.example.com", s % 97, s % 13);
        let port = 20_000 + (s % 40_000) as u16;
        let mut ip_packets: Vec<Vec<u8>> = vec![];
        let id = s as u16;
        ip_packets.push(udp_packet(
            phone,
            resolver,
            port,
            53,
            &dns_query(id, &name, 1),
        ));
        ip_packets.push(udp_packet(
            resolver,
            phone,
            53,
            port,
            &dns_response(id, &name, &[], &[server]),
        ));
        match self.next() % 10 {
            0 => {
                let hello = client_hello(&name, &["h3"]);
                let dcid = s.to_be_bytes();
                if let Some(p) = crate::quic::seal_client_initial(
                    crate::quic::VERSION_1,
                    &[dcid.as_slice(), &[9; 4]].concat(),
                    &[1],
                    0,
                    &crate::quic::crypto_frame(0, &hello),
                ) {
                    ip_packets.push(udp_packet(phone, server, port, 443, &p));
                }
                let down = 20_000 + (self.next() % 200_000) as usize;
                for chunk in vec![0x5au8; down].chunks(1200) {
                    ip_packets.push(udp_packet(server, phone, 443, port, chunk));
                }
            }
            1 => {
                let mut c = TcpConversation::new((phone, port), (server, 80));
                ip_packets.extend(c.open());
                let req = format!(
                    "GET /img/{s}.jpg HTTP/1.1\r\nHost: {name}\r\nUser-Agent: Dalvik/2.1.0\r\n\r\n"
                );
                ip_packets.extend(c.client_sends(req.as_bytes(), 1400));
                let down = 5_000 + (self.next() % 100_000) as usize;
                ip_packets.extend(c.server_sends(&vec![0xffu8; down], 1400));
                ip_packets.extend(c.close());
            }
            _ => {
                let mut c = TcpConversation::new((phone, port), (server, 443));
                ip_packets.extend(c.open());
                ip_packets.extend(c.client_sends(
                    &tls_records(&client_hello(&name, &["h2", "http/1.1"])),
                    1400,
                ));
                let cert = self.cert.clone();
                ip_packets.extend(
                    c.server_sends(&tls_records(&server_hello_and_certificates(&[&cert])), 1400),
                );
                let up = 500 + (self.next() % 20_000) as usize;
                let down = 2_000 + (self.next() % 400_000) as usize;
                let mut app = vec![23u8, 3, 3, 0x40, 0];
                app.resize(up, 0x17);
                ip_packets.extend(c.client_sends(&app, 1400));
                app.resize(down, 0x17);
                ip_packets.extend(c.server_sends(&app, 1400));
                ip_packets.extend(c.close());
            }
        }
        let mut out = Vec::with_capacity(ip_packets.len());
        for p in ip_packets {
            self.ts += 200_000 + (self.next() % 2_000_000) as i64;
            out.push((Timestamp(self.ts), ethernet(&p)));
        }
        out
    }

    /// Writes sessions to `w` until about `bytes` have been written; returns the packet count.
    pub fn write_capture<W: Write>(&mut self, w: W, bytes: u64) -> io::Result<u64> {
        let mut pw = PcapWriter::new(w, LinkType::ETHERNET)?;
        let (mut written, mut packets) = (24u64, 0u64);
        while written < bytes {
            for (ts, frame) in self.session() {
                pw.write(ts, &frame)?;
                written += 16 + frame.len() as u64;
                packets += 1;
            }
        }
        pw.into_inner().flush()?;
        Ok(packets)
    }
}
