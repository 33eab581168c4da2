//! TLS as the observer sees it: the client's hello (its server name and fingerprints, and the
//! STARTTLS protocol that came before it), the server's hello and certificate chain, and the
//! certificates already summarised.

use super::handshake::{
    find_handshake_start, handshake_bytes, messages, parse_certificates, parse_client_hello,
    parse_server_hello, sslv2_server_certificate, ClientHello,
};
use crate::cert::{self, CertInfo};
use crate::observation::{Emitter, FlowSummary, Observed, ObserverStats};
use std::collections::HashMap;

/// Most summarised certificates kept for reuse.
const MAX_CERT_CACHE: usize = 1024;

/// Certificates recently summarised: servers present the same one to every connection.
#[derive(Debug, Default)]
pub(crate) struct CertCache {
    /// The hasher is seeded at random per process, so crafted certificates cannot aim at
    /// collisions.
    certs: HashMap<Vec<u8>, CertInfo, foldhash::fast::RandomState>,
}

impl CertCache {
    /// The summary of a DER certificate; `None` when it does not parse.
    fn summary(&mut self, der: &[u8]) -> Option<CertInfo> {
        if let Some(c) = self.certs.get(der) {
            return Some(c.clone());
        }
        let info = cert::summarize(der)?;
        if self.certs.len() >= MAX_CERT_CACHE {
            self.certs.clear();
        }
        self.certs.insert(der.to_vec(), info.clone());
        Some(info)
    }
}

/// What a ClientHello shows: a named hello becomes the protocol's own observation (`named`
/// gets the name, the hello, its JA4 and its ALPN list) and names the flow; a hello without
/// a name is observed by its fingerprints. `transport` is JA4's (`'t'` TCP, `'q'` QUIC).
pub(crate) fn observe_client_hello(
    mut ch: ClientHello,
    transport: char,
    starttls: Option<&'static str>,
    summary: &mut FlowSummary,
    named: impl FnOnce(String, &ClientHello, String, Vec<String>) -> Observed,
) -> Observed {
    let ja4 = ch.ja4(transport);
    let alpn = std::mem::take(&mut ch.alpn);
    match ch.sni.take() {
        Some(name) => {
            summary.sni = Some(name.clone());
            named(name, &ch, ja4, alpn)
        }
        None => Observed::TlsClientHello {
            ja3: ch.ja3(),
            ja4,
            alpn,
            starttls,
        },
    }
}

/// The STARTTLS-style protocol that preceded a TLS handshake found at an offset of a stream.
fn starttls_protocol(prefix: &[u8], server_port: u16) -> &'static str {
    let text = String::from_utf8_lossy(&prefix[..prefix.len().min(4096)]).to_ascii_uppercase();
    if prefix.starts_with(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]) {
        "postgresql"
    } else if text.contains("<STARTTLS") {
        "xmpp"
    } else if text.contains("EHLO")
        || text.contains("HELO")
        || matches!(server_port, 25 | 465 | 587 | 2525)
    {
        "smtp"
    } else if text.contains("STLS") || server_port == 110 {
        "pop3"
    } else if text.contains("AUTH TLS") || text.contains("AUTH SSL") {
        "ftp"
    } else if text.contains("CAP LS")
        || text.contains("NICK ")
        || matches!(server_port, 6667 | 6697)
    {
        "irc"
    } else if text.contains("STARTTLS") || server_port == 143 {
        "imap"
    } else if server_port == 389 || prefix.windows(22).any(|w| w == b"1.3.6.1.4.1.1466.20037") {
        "ldap"
    } else if server_port == 3306 {
        "mysql"
    } else {
        "other"
    }
}

/// Where the search for the ClientHello of a client stream stands.
#[derive(Debug, Default)]
pub(crate) struct ClientHelloScan {
    /// Offset the search resumes at.
    from: usize,
    done: bool,
}

impl ClientHelloScan {
    /// Looks for the ClientHello in the client stream; true while it is still to come (keep
    /// the stream).
    pub(crate) fn read(
        &mut self,
        stream: &[u8],
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) -> bool {
        if self.done {
            return false;
        }
        let Some(start) = find_handshake_start(stream, self.from, 1) else {
            self.from = stream.len().saturating_sub(5);
            return true;
        };
        let (hs, _) = handshake_bytes(stream, start);
        let Some(&(1, body)) = messages(&hs).first() else {
            self.from = start;
            return true;
        };
        self.done = true;
        if let Some(ch) = parse_client_hello(body) {
            stats.tls_client_hellos += 1;
            summary.tls = true;
            let before = stream.get(..start).unwrap_or_default();
            let starttls = (start > 0).then(|| starttls_protocol(before, emit.dst.port));
            summary.starttls = starttls;
            emit.emit(observe_client_hello(
                ch,
                't',
                starttls,
                summary,
                |name, ch, ja4, alpn| Observed::TlsSni {
                    name,
                    ja3: ch.ja3(),
                    ja4,
                    alpn,
                    starttls,
                },
            ));
        }
        false
    }
}

/// Where the search for the server's hello and certificates of a server stream stands.
#[derive(Debug, Default)]
pub(crate) struct ServerHelloScan {
    /// Offset the search resumes at.
    from: usize,
    done: bool,
}

impl ServerHelloScan {
    /// Whether the server's handshake was read (or can no longer be).
    pub(crate) fn is_done(&self) -> bool {
        self.done
    }

    /// Looks for the server's hello and leaf certificate in the server stream; true while
    /// they are still to come.
    pub(crate) fn read(
        &mut self,
        stream: &[u8],
        certs: &mut CertCache,
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) -> bool {
        if let Some(der) = sslv2_server_certificate(stream) {
            observe_certificate(der, 1, certs, stats, summary, emit);
            self.done = true;
        } else if let Some(start) = find_handshake_start(stream, self.from, 2) {
            self.from = start;
            let (hs, closed) = handshake_bytes(stream, start);
            for (ty, body) in messages(&hs) {
                match ty {
                    2 => {
                        let version = parse_server_hello(body);
                        summary.tls_version = version;
                        if version.is_some_and(|v| v >= 0x0304) {
                            // TLS 1.3: the certificates that follow are encrypted.
                            stats.tls13_sessions += 1;
                            self.done = true;
                            break;
                        }
                    }
                    11 => {
                        let chain = parse_certificates(body);
                        if let Some(der) = chain.first() {
                            observe_certificate(der, chain.len(), certs, stats, summary, emit);
                        }
                        self.done = true;
                        break;
                    }
                    _ => {}
                }
            }
            self.done |= closed;
        } else {
            self.from = stream.len().saturating_sub(5);
        }
        !self.done
    }
}

/// Observes a server's leaf certificate (of a chain of `chain_len`), and keeps it in the
/// flow's summary.
fn observe_certificate(
    der: &[u8],
    chain_len: usize,
    certs: &mut CertCache,
    stats: &mut ObserverStats,
    summary: &mut FlowSummary,
    emit: &mut Emitter<'_>,
) {
    let Some(info) = certs.summary(der) else {
        return;
    };
    stats.tls_certificates += 1;
    summary.tls = true;
    summary.cert = Some(info.clone());
    emit.emit(Observed::TlsCert {
        name: info.common_name.clone(),
        cert: info,
        chain_len,
    });
}
