//! DNS messages (also mDNS and LLMNR): questions, and the answers that tie names to
//! addresses. Tolerant: what was read before damage is kept.

use crate::reader::Reader;
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

/// Reads a (possibly compressed) name at `at`; returns the name and the offset after it.
/// Bytes outside letters, digits, `-`, `_` and `*` are written as `\DDD`, as tshark does.
pub fn read_name(msg: &[u8], at: usize) -> Option<(String, usize)> {
    let mut r = Reader::init(msg);
    r.skip(at)?;
    let name = name(&mut r, msg)?;
    Some((name, r.used()))
}

/// Reads the name at the reader, following compression pointers into `msg`; the reader ends
/// after the name's own bytes.
fn name(r: &mut Reader<'_>, msg: &[u8]) -> Option<String> {
    let mut name = String::new();
    let mut next = labels(r, &mut name)?;
    let mut jumps = 0;
    while let Some(target) = next {
        jumps += 1;
        if jumps > MAX_POINTERS {
            return None;
        }
        let mut at = Reader::init(msg);
        at.skip(target)?;
        next = labels(&mut at, &mut name)?;
    }
    Some(name)
}

/// Reads labels into `name` up to the end of the name (`Some(None)`) or a compression pointer
/// (`Some(Some(target))`).
fn labels(r: &mut Reader<'_>, name: &mut String) -> Option<Option<usize>> {
    loop {
        let len = r.u8()?;
        match len >> 6 {
            0 if len == 0 => return Some(None),
            0 => {
                let label = r.take(usize::from(len))?;
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
            }
            3 => return Some(Some(usize::from(len & 0x3f) << 8 | usize::from(r.u8()?))),
            _ => return None,
        }
    }
}

/// Parses a DNS message. Returns `None` when not even the header and one question can be read.
pub fn parse(msg: &[u8]) -> Option<Message> {
    let mut r = Reader::init(msg);
    let mut header = r.sub(12)?;
    let id = header.u16()?;
    let flags = header.u16()?;
    let qd = usize::from(header.u16()?);
    let rr = usize::from(header.u16()?) + usize::from(header.u16()?) + usize::from(header.u16()?);
    let mut m = Message {
        id,
        response: flags & 0x8000 != 0,
        rcode: (flags & 0x0f) as u8,
        ..Message::default()
    };
    for _ in 0..qd.min(MAX_RECORDS) {
        let Some(name) = name(&mut r, msg) else {
            m.incomplete = true;
            return (!m.questions.is_empty()).then_some(m);
        };
        let Some(qtype) = r.u16() else {
            m.incomplete = true;
            m.questions.push((name, 0));
            return Some(m);
        };
        m.questions.push((name, qtype));
        // The class; a cut one leaves nothing more to read.
        r.take(2).unwrap_or_else(|| r.rest());
    }
    for _ in 0..rr.min(MAX_RECORDS) {
        let Some(record) = record(&mut r, msg) else {
            m.incomplete = true;
            break;
        };
        m.records.push(record);
    }
    if qd == 0 && m.records.is_empty() {
        return None;
    }
    Some(m)
}

/// Reads one resource record.
fn record(r: &mut Reader<'_>, msg: &[u8]) -> Option<Record> {
    let name = name(r, msg)?;
    let rtype = r.u16()?;
    r.skip(6)?; // class, time to live
    let rdlen = r.u16()?;
    let start = r.used();
    let rdata = r.take(usize::from(rdlen))?;
    // Names in the data may point anywhere in the message, hence read from `msg`.
    let name_at = |at| read_name(msg, at).map_or(RData::Other, |(n, _)| RData::Name(n));
    let data = match (rtype, rdata) {
        (1, &[a, b, c, d]) => RData::Addr(IpAddr::V4(Ipv4Addr::new(a, b, c, d))),
        (28, _) => <[u8; 16]>::try_from(rdata)
            .map_or(RData::Other, |a| RData::Addr(IpAddr::V6(Ipv6Addr::from(a)))),
        (5 | 2 | 12, _) => name_at(start),
        (15 | 64 | 65, _) => name_at(start + 2),
        _ => RData::Other,
    };
    Some(Record { name, rtype, data })
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
