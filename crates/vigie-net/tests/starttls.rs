//! TLS found after the plaintext preambles that have no real capture in the shared data:
//! PostgreSQL's SSLRequest, MySQL's SSL request and LDAP's StartTLS extended operation.
//! The conversations are built with the project's writer.

use std::net::IpAddr;
use vigie_core::Timestamp;
use vigie_net::write::{client_hello, ethernet, tls_records, TcpConversation};
use vigie_net::{LinkType, Observed, Observer, Packet};

fn starttls_of(
    port: u16,
    client_preamble: &[u8],
    server_reply: &[u8],
) -> Option<(String, &'static str)> {
    let phone: IpAddr = IpAddr::from([10, 0, 0, 5]);
    let server: IpAddr = IpAddr::from([203, 0, 113, 7]);
    let mut c = TcpConversation::new((phone, 41000), (server, port));
    let mut packets = c.open();
    packets.extend(c.client_sends(client_preamble, 1400));
    packets.extend(c.server_sends(server_reply, 1400));
    packets.extend(c.client_sends(&tls_records(&client_hello("db.example.net", &[])), 1400));
    let mut obs = Observer::new();
    let mut found = None;
    let mut sink = |o: vigie_net::Observation| {
        if let Observed::TlsSni {
            name,
            starttls: Some(p),
            ..
        } = o.what
        {
            found = Some((name, p));
        }
    };
    for (i, p) in packets.iter().enumerate() {
        let frame = ethernet(p);
        let pkt = Packet {
            frame: i as u64 + 1,
            ts: Timestamp(i as i64),
            link: LinkType::ETHERNET,
            data: &frame,
            orig_len: frame.len() as u32,
        };
        obs.push(&pkt, &mut sink);
    }
    obs.finish(&mut sink);
    found
}

#[test]
fn postgresql_ssl_request() {
    let ssl_request = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];
    assert_eq!(
        starttls_of(5432, &ssl_request, b"S"),
        Some(("db.example.net".into(), "postgresql"))
    );
}

#[test]
fn mysql_ssl_request() {
    // Client SSL request packet: 4-byte header (length 32, sequence 1), capabilities with CLIENT_SSL.
    let mut req = vec![32, 0, 0, 1, 0x05, 0xae, 0xff, 0x01, 0, 0, 0, 1, 0x21];
    req.resize(36, 0);
    let greeting = b"\x4a\x00\x00\x00\x0a8.0.36\x00";
    assert_eq!(
        starttls_of(3306, &req, greeting),
        Some(("db.example.net".into(), "mysql"))
    );
}

#[test]
fn ldap_start_tls() {
    // ExtendedRequest carrying the StartTLS OID 1.3.6.1.4.1.1466.20037.
    let oid = b"1.3.6.1.4.1.1466.20037";
    let mut req = vec![
        0x30,
        (oid.len() + 7) as u8,
        0x02,
        0x01,
        0x01,
        0x77,
        (oid.len() + 2) as u8,
        0x80,
        oid.len() as u8,
    ];
    req.extend_from_slice(oid);
    let resp = [
        0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00,
    ];
    assert_eq!(
        starttls_of(389, &req, &resp),
        Some(("db.example.net".into(), "ldap"))
    );
}
