//! DNS (also mDNS and LLMNR): the message parser, and what the observer makes of messages,
//! over UDP or TCP.

mod message;
mod observe;

pub use message::{parse, read_name, Message, RData, Record};
pub(crate) use observe::{dns_via, observe_message, DnsCache, TcpFraming};
