//! DNS as the observer sees it: a query's questions and a response's answers become
//! observations, answers teach which name an address has (for the flows that follow), and a
//! TCP stream's length-prefixed messages are read one after the other.

use super::message::{parse, RData};
use crate::observation::{Emitter, FlowSummary, Observed, ObserverStats};
use crate::reader::Reader;
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;

/// Names remembered from DNS answers (address → name).
const MAX_DNS_CACHE: usize = 32_768;

/// How DNS is carried on a port: `dns`, `mdns` or `llmnr`.
pub(crate) fn dns_via(port: u16) -> Option<&'static str> {
    match port {
        53 => Some("dns"),
        5353 => Some("mdns"),
        5355 => Some("llmnr"),
        _ => None,
    }
}

/// Address → name learnt from DNS answers, bounded, oldest forgotten first.
#[derive(Debug, Default)]
pub(crate) struct DnsCache {
    map: HashMap<IpAddr, String>,
    order: VecDeque<IpAddr>,
}

impl DnsCache {
    fn insert(&mut self, ip: IpAddr, name: &str) {
        if self.map.insert(ip, name.to_owned()).is_none() {
            self.order.push_back(ip);
            if self.order.len() > MAX_DNS_CACHE {
                if let Some(old) = self.order.pop_front() {
                    self.map.remove(&old);
                }
            }
        }
    }

    /// The name DNS answers gave `ip`, if any.
    pub(crate) fn name_of(&self, ip: IpAddr) -> Option<String> {
        self.map.get(&ip).cloned()
    }
}

/// Reads one DNS message carried `via` a transport: a query's questions, or a response's
/// answers (learnt into `cache`), are observed. False when the bytes are not DNS.
pub(crate) fn observe_message(
    msg: &[u8],
    via: &'static str,
    cache: &mut DnsCache,
    stats: &mut ObserverStats,
    emit: &mut Emitter<'_>,
) -> bool {
    let Some(m) = parse(msg) else {
        return false;
    };
    stats.dns_messages += 1;
    if !m.response {
        for (name, qtype) in m.questions {
            emit.emit(Observed::DnsQuery { name, qtype, via });
        }
        return true;
    }
    let query = m.questions.first().map(|q| q.0.clone());
    let mut any = false;
    for r in m.records {
        let answer = match r.data {
            RData::Addr(ip) => {
                cache.insert(ip, query.as_deref().unwrap_or(&r.name));
                Some(ip.to_string())
            }
            RData::Name(n) => Some(n),
            RData::Other => None,
        };
        if answer.is_some() || via != "mdns" {
            any = true;
            emit.emit(Observed::DnsAnswer {
                name: r.name,
                query: query.clone(),
                rtype: r.rtype,
                answer,
                rcode: m.rcode,
                via,
            });
        }
    }
    if !any {
        for (name, _) in m.questions {
            emit.emit(Observed::DnsAnswer {
                name: name.clone(),
                query: Some(name),
                rtype: 0,
                answer: None,
                rcode: m.rcode,
                via,
            });
        }
    }
    true
}

/// Where the next message of one direction of a DNS-over-TCP stream starts.
#[derive(Debug, Default)]
pub(crate) struct TcpFraming {
    at: usize,
}

impl TcpFraming {
    /// Reads the length-prefixed messages of the stream not read yet; true when one is still
    /// incomplete (keep the stream).
    pub(crate) fn read(
        &mut self,
        stream: &[u8],
        cache: &mut DnsCache,
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) -> bool {
        let mut r = Reader::init(stream.get(self.at..).unwrap_or_default());
        while let Some(mut msg) = r.u16_prefixed() {
            if observe_message(msg.rest(), "dns-tcp", cache, stats, emit) {
                summary.dns = true;
            }
        }
        self.at += r.used();
        r.left() >= 2
    }
}
