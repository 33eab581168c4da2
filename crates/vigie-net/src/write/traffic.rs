//! Synthetic phone traffic for benchmarks.

use super::conversation::TcpConversation;
use super::messages::{
    client_hello, dns_query, dns_response, server_hello_and_certificates, tls_records,
};
use super::packets::{ethernet, udp_packet};
use super::pcap::PcapWriter;
use crate::capture::LinkType;
use crate::quic;
use std::io::{self, Write};
use std::net::IpAddr;
use vigie_core::Timestamp;

/// What one session of the generator is about: its number, the phone, the server, the
/// server's name and the phone's port.
struct Session {
    id: u32,
    phone: IpAddr,
    server: IpAddr,
    name: String,
    port: u16,
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
        let session = Session {
            id: s,
            phone: IpAddr::from([192, 168, 1, 20]),
            server: IpAddr::from([34, (s >> 16) as u8, (s >> 8) as u8, s as u8 | 1]),
            name: format!("api{}.service{}.example.com", s % 97, s % 13),
            port: 20_000 + (s % 40_000) as u16,
        };
        let resolver: IpAddr = IpAddr::from([192, 168, 1, 1]);
        let (phone, port, name) = (session.phone, session.port, &session.name);
        let id = s as u16;
        let mut ip_packets = vec![
            udp_packet(phone, resolver, port, 53, &dns_query(id, name, 1)),
            udp_packet(
                resolver,
                phone,
                53,
                port,
                &dns_response(id, name, &[], &[session.server]),
            ),
        ];
        ip_packets.extend(match self.next() % 10 {
            0 => self.quic(&session),
            1 => self.http(&session),
            _ => self.tls(&session),
        });
        let mut out = Vec::with_capacity(ip_packets.len());
        for p in ip_packets {
            self.ts += 200_000 + (self.next() % 2_000_000) as i64;
            out.push((Timestamp(self.ts), ethernet(&p)));
        }
        out
    }

    /// A QUIC Initial naming the server, then the server's data.
    fn quic(&mut self, s: &Session) -> Vec<Vec<u8>> {
        let mut out = vec![];
        let hello = client_hello(&s.name, &["h3"]);
        let dcid = s.id.to_be_bytes();
        if let Some(p) = quic::seal_client_initial(
            quic::VERSION_1,
            &[dcid.as_slice(), &[9; 4]].concat(),
            &[1],
            0,
            &quic::crypto_frame(0, &hello),
        ) {
            out.push(udp_packet(s.phone, s.server, s.port, 443, &p));
        }
        let down = 20_000 + (self.next() % 200_000) as usize;
        for chunk in vec![0x5au8; down].chunks(1200) {
            out.push(udp_packet(s.server, s.phone, 443, s.port, chunk));
        }
        out
    }

    /// A plain HTTP request for an image, and the image.
    fn http(&mut self, s: &Session) -> Vec<Vec<u8>> {
        let mut c = TcpConversation::new((s.phone, s.port), (s.server, 80));
        let mut out = c.open();
        let req = format!(
            "GET /img/{}.jpg HTTP/1.1\r\nHost: {}\r\nUser-Agent: Dalvik/2.1.0\r\n\r\n",
            s.id, s.name
        );
        out.extend(c.client_sends(req.as_bytes(), 1400));
        let down = 5_000 + (self.next() % 100_000) as usize;
        out.extend(c.server_sends(&vec![0xffu8; down], 1400));
        out.extend(c.close());
        out
    }

    /// A TLS handshake with the server's certificate, then application data both ways.
    fn tls(&mut self, s: &Session) -> Vec<Vec<u8>> {
        let mut c = TcpConversation::new((s.phone, s.port), (s.server, 443));
        let mut out = c.open();
        let hello = tls_records(&client_hello(&s.name, &["h2", "http/1.1"]));
        out.extend(c.client_sends(&hello, 1400));
        let certificate = tls_records(&server_hello_and_certificates(&[&self.cert]));
        out.extend(c.server_sends(&certificate, 1400));
        let up = 500 + (self.next() % 20_000) as usize;
        let down = 2_000 + (self.next() % 400_000) as usize;
        let mut app = vec![23u8, 3, 3, 0x40, 0];
        app.resize(up, 0x17);
        out.extend(c.client_sends(&app, 1400));
        app.resize(down, 0x17);
        out.extend(c.server_sends(&app, 1400));
        out.extend(c.close());
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
