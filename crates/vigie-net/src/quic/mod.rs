//! QUIC Initial packets (versions 1 and 2): header protection removal, AES-GCM decryption
//! with the keys every observer can derive from the connection id, and CRYPTO frames, so
//! that the ClientHello (and its SNI) of a QUIC connection can be read.

mod crypto;
mod observe;
mod packet;

pub use crypto::{open_initial, seal_client_initial, InitialKeys};
pub(crate) use observe::{starts_long_header, QuicState};
pub use packet::{crypto_frame, crypto_frames, long_header, LongHeader, VERSION_1, VERSION_2};
