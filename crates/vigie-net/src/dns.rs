//! DNS messages (also mDNS and LLMNR): questions, and the answers that tie names to
//! addresses. Tolerant: what was read before damage is kept.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Longest name kept (the DNS maximum).
const MAX_NAME: usize = 255;
/// Most compression pointers followed in one name.
const MAX_POINTERS: usize = 64;
/// Most records read from one message.
const MAX_RECORDS: usize = 512;

/// The data of an answer record that matters for the analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RData {
    /// An A or AAAA address.
    Addr(IpAddr),
    /// A name: CNAME, NS, PTR, MX exchange, SVCB/HTTPS target.
    Name(String),
    /// Anything else.
    Other,
}

/// One resource record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Owner name.
    pub name: String,
    /// Record type (1 A, 5 CNAME, 28 AAAA, 65 HTTPS, ...).
    pub rtype: u16,
    /// Its data.
    pub data: RData,
}

/// A DNS message, as much of it as could be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    /// Transaction id.
    pub id: u16,
    /// True for a response.
    pub response: bool,
    /// Response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN).
    pub rcode: u8,
    /// Questions: (name, type).
    pub questions: Vec<(String, u16)>,
    /// Answer, authority and additional records.
    pub records: Vec<Record>,
    /// True when the message was cut or damaged before its end.
    pub incomplete: bool,
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// Reads a (possibly compressed) name at `at`; returns the name and the offset after it.
/// Bytes outside letters, digits, `-`, `_` and `*` are written as `\DDD`, as tshark does.
pub fn read_name(msg: &[u8], mut at: usize) -> Option<(String, usize)> {
    let mut name = String::new();
    let mut end = None;
    let mut jumps = 0;
    loop {
        let len = *msg.get(at)?;
        match len >> 6 {
            0 => {
                if len == 0 {
                    return Some((name, end.unwrap_or(at + 1)));
                }
                let label = msg.get(at + 1..at + 1 + usize::from(len))?;
                if !name.is_empty() {
                    name.push('.');
                }
                for &c in label {
                    if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'*' | b'/') {
                        name.push(c as char);
                    } else {
                        name.push_str(&format!("\\{c:03}"));
                    }
                }
                if name.len() > MAX_NAME * 4 {
                    return None;
                }
                at += 1 + usize::from(len);
            }
            3 => {
                let ptr = usize::from(be16(msg, at)? & 0x3fff);
                jumps += 1;
                if jumps > MAX_POINTERS {
                    return None;
                }
                end.get_or_insert(at + 2);
                at = ptr;
            }
            _ => return None,
        }
    }
}

/// Parses a DNS message. Returns `None` when not even the header and one question can be read.
pub fn parse(msg: &[u8]) -> Option<Message> {
    if msg.len() < 12 {
        return None;
    }
    let id = be16(msg, 0)?;
    let flags = be16(msg, 2)?;
    let qd = usize::from(be16(msg, 4)?);
    let rr = usize::from(be16(msg, 6)?) + usize::from(be16(msg, 8)?) + usize::from(be16(msg, 10)?);
    let mut m = Message {
        id,
        response: flags & 0x8000 != 0,
        rcode: (flags & 0x0f) as u8,
        ..Message::default()
    };
    let mut at = 12;
    for _ in 0..qd.min(MAX_RECORDS) {
        let Some((name, next)) = read_name(msg, at) else {
            m.incomplete = true;
            return (!m.questions.is_empty()).then_some(m);
        };
        let Some(qtype) = be16(msg, next) else {
            m.incomplete = true;
            m.questions.push((name, 0));
            return Some(m);
        };
        m.questions.push((name, qtype));
        at = next + 4;
    }
    for _ in 0..rr.min(MAX_RECORDS) {
        let Some((name, next)) = read_name(msg, at) else {
            m.incomplete = true;
            break;
        };
        let (Some(rtype), Some(rdlen)) = (be16(msg, next), be16(msg, next + 8)) else {
            m.incomplete = true;
            break;
        };
        let start = next + 10;
        let Some(rdata) = msg.get(start..start + usize::from(rdlen)) else {
            m.incomplete = true;
            break;
        };
        let data = match rtype {
            1 if rdata.len() == 4 => RData::Addr(IpAddr::V4(Ipv4Addr::new(
                rdata[0], rdata[1], rdata[2], rdata[3],
            ))),
            28 if rdata.len() == 16 => {
                let mut a = [0u8; 16];
                a.copy_from_slice(rdata);
                RData::Addr(IpAddr::V6(Ipv6Addr::from(a)))
            }
            5 | 2 | 12 => read_name(msg, start).map_or(RData::Other, |(n, _)| RData::Name(n)),
            15 => read_name(msg, start + 2).map_or(RData::Other, |(n, _)| RData::Name(n)),
            64 | 65 => read_name(msg, start + 2).map_or(RData::Other, |(n, _)| RData::Name(n)),
            _ => RData::Other,
        };
        m.records.push(Record { name, rtype, data });
        at = start + usize::from(rdlen);
    }
    if qd == 0 && m.records.is_empty() {
        return None;
    }
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{dns_query, dns_response};

    #[test]
    fn query_and_response_with_cname() {
        let q = parse(&dns_query(7, "www.Example.com", 1)).expect("query");
        assert_eq!(q.questions, vec![("www.Example.com".to_owned(), 1)]);
        assert!(!q.response);
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let r = parse(&dns_response(7, "a.example", &["b.example"], &[a])).expect("response");
        assert!(r.response);
        assert_eq!(r.records[0].data, RData::Name("b.example".into()));
        assert_eq!(
            r.records[1],
            Record {
                name: "b.example".into(),
                rtype: 1,
                data: RData::Addr(a)
            }
        );
    }

    #[test]
    fn pointer_loops_and_damage() {
        // A name that points to itself.
        let mut m = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1];
        assert!(parse(&m).is_none());
        m.truncate(5);
        assert!(parse(&m).is_none());
        let mut cut = dns_response(1, "x.example", &[], &["192.0.2.1".parse().expect("ip")]);
        cut.truncate(cut.len() - 2);
        let r = parse(&cut).expect("questions survive");
        assert!(r.incomplete);
        assert_eq!(r.questions[0].0, "x.example");
        assert_eq!(
            read_name(b"\x03a\x00b\x00", 0).map(|(n, _)| n),
            Some("a\\000b".into())
        );
    }
}
