//! Protocol messages: DNS queries and responses, a DHCP request, TLS ClientHello,
//! ServerHello and certificates, and the records that carry them.

use std::net::IpAddr;

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

/// A DHCP REQUEST from a device with hardware address `mac`, giving its `hostname` and
/// client class, asking for `address` (what a phone sends when it joins a network).
pub fn dhcp_request(mac: [u8; 6], hostname: &str, class: &str, address: [u8; 4]) -> Vec<u8> {
    let mut m = vec![1, 1, 6, 0, 0x3d, 0x1d, 0x00, 0x01, 0, 0, 0, 0];
    m.extend_from_slice(&[0; 16]); // ciaddr, yiaddr, siaddr, giaddr
    m.extend_from_slice(&mac);
    m.extend_from_slice(&[0; 10 + 64 + 128]); // rest of chaddr, sname, file
    m.extend_from_slice(&[99, 130, 83, 99, 53, 1, 3, 50, 4]);
    m.extend_from_slice(&address);
    for (code, value) in [(12u8, hostname), (60, class)] {
        let value = &value.as_bytes()[..value.len().min(255)];
        m.extend_from_slice(&[code, value.len() as u8]);
        m.extend_from_slice(value);
    }
    m.push(255);
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
