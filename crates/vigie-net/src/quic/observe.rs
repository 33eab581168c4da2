//! QUIC as the observer sees it: a connection's client Initials are decrypted and their
//! CRYPTO data put back in order until the ClientHello is whole, which is then observed.

use super::crypto::{open_initial, InitialKeys};
use super::packet::{crypto_frames, long_header, LongHeader, VERSION_2};
use crate::observation::{Emitter, FlowSummary, Observed, ObserverStats};
use crate::reassembly::RangeBuffer;
use crate::tls;

/// Bytes of CRYPTO data reassembled per connection.
const CRYPTO_CAP: usize = 64 * 1024;

/// Whether a datagram starts like a QUIC long-header packet.
pub(crate) fn starts_long_header(datagram: &[u8]) -> bool {
    datagram.first().is_some_and(|b| b & 0xc0 == 0xc0)
}

/// A QUIC connection's client Initials, until its ClientHello is read.
#[derive(Debug)]
pub(crate) struct QuicState {
    crypto: RangeBuffer,
    /// The destination connection id of the client's first Initial.
    first_dcid: Option<Vec<u8>>,
    /// The last keys derived, with the connection id and version they are for.
    keys: Option<(Vec<u8>, u32, InitialKeys)>,
    done: bool,
}

impl QuicState {
    /// A connection whose Initials are still to come.
    pub(crate) fn new() -> Self {
        QuicState {
            crypto: RangeBuffer::new(CRYPTO_CAP),
            first_dcid: None,
            keys: None,
            done: false,
        }
    }

    /// Reads the Initial packets of a client datagram (several may be coalesced); the
    /// ClientHello, once whole, is observed.
    pub(crate) fn read(
        &mut self,
        datagram: &[u8],
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) {
        if self.done {
            return;
        }
        let mut rest = datagram;
        while let Some(h) = long_header(rest) {
            if h.initial {
                summary.quic = true;
                match self.open(rest.get(..h.packet_len).unwrap_or(rest), &h) {
                    Some(frames) => {
                        stats.quic_initials += 1;
                        if self.crypto_data(&frames, h.version, stats, summary, emit) {
                            self.done = true;
                            self.crypto.release();
                            return;
                        }
                    }
                    None => stats.quic_undecryptable += 1,
                }
            }
            if h.packet_len == 0 || h.packet_len >= rest.len() {
                break;
            }
            rest = rest.get(h.packet_len..).unwrap_or_default();
        }
    }

    /// The frames of one Initial packet, decrypted with the keys of the client's first
    /// connection id or, after a Retry, of the packet's own.
    fn open(&mut self, packet: &[u8], h: &LongHeader<'_>) -> Option<Vec<u8>> {
        let first = self
            .first_dcid
            .get_or_insert_with(|| h.dcid.to_vec())
            .clone();
        for dcid in [first, h.dcid.to_vec()] {
            let cached = matches!(&self.keys, Some((c, v, _)) if *c == dcid && *v == h.version);
            if !cached {
                self.keys = InitialKeys::derive(h.version, &dcid, true)
                    .map(|k| (dcid.clone(), h.version, k));
            }
            let plain = self
                .keys
                .as_ref()
                .and_then(|(_, _, keys)| open_initial(packet, h.pn_offset, keys));
            if plain.is_some() {
                return plain;
            }
        }
        None
    }

    /// Adds an Initial's CRYPTO frames; true once the connection needs no more (its
    /// ClientHello was read, or the buffer is full without one).
    fn crypto_data(
        &mut self,
        frames: &[u8],
        version: u32,
        stats: &mut ObserverStats,
        summary: &mut FlowSummary,
        emit: &mut Emitter<'_>,
    ) -> bool {
        for (offset, data) in crypto_frames(frames) {
            self.crypto.insert(offset, data);
        }
        let Some(&(1, body)) = tls::messages(self.crypto.contiguous()).first() else {
            return self.crypto.is_full();
        };
        if let Some(ch) = tls::parse_client_hello(body) {
            stats.quic_client_hellos += 1;
            let version = if version == VERSION_2 { 2 } else { 1 };
            let what = tls::observe_client_hello(ch, 'q', None, summary, |name, _, ja4, alpn| {
                Observed::QuicSni {
                    name,
                    ja4,
                    alpn,
                    version,
                }
            });
            emit.emit(what);
        }
        true
    }
}
