//! TLS with a paired phone. Neither side is checked against a public authority: each one
//! pins the certificate that pairing gave the other (this computer accepts only the device
//! certificate of its pairing record; the phone accepts only the host certificate).

use crate::error::DeviceError;
use crate::framing::BoxStream;
use crate::pairing::{pem_to_der, private_key_der, PairRecord};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{
    verify_tls12_signature, verify_tls13_signature, CryptoProvider, WebPkiSupportedAlgorithms,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use std::sync::Arc;

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_error(e: impl std::fmt::Display) -> DeviceError {
    DeviceError::Tls(e.to_string())
}

/// Accepts exactly one certificate.
#[derive(Debug)]
pub(crate) struct Pinned {
    certificate: Vec<u8>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl Pinned {
    pub(crate) fn new(certificate: Vec<u8>) -> Pinned {
        Pinned {
            certificate,
            algorithms: provider().signature_verification_algorithms,
        }
    }

    fn check(&self, presented: &CertificateDer<'_>) -> Result<(), rustls::Error> {
        if presented.as_ref() == self.certificate.as_slice() {
            Ok(())
        } else {
            Err(rustls::Error::General(
                "not the certificate of the pairing".into(),
            ))
        }
    }
}

/// The handshake-signature checks both verifier traits ask for: the pinned certificate's
/// signatures, with the provider's algorithms.
macro_rules! handshake_signatures {
    () => {
        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            verify_tls12_signature(message, cert, dss, &self.algorithms)
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, rustls::Error> {
            verify_tls13_signature(message, cert, dss, &self.algorithms)
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.algorithms.supported_schemes()
        }
    };
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.check(end_entity)
            .map(|()| ServerCertVerified::assertion())
    }

    handshake_signatures!();
}

impl ClientCertVerifier for Pinned {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        self.check(end_entity)
            .map(|()| ClientCertVerified::assertion())
    }

    handshake_signatures!();
}

/// Turns `stream` into a TLS client session with the paired phone.
pub(crate) fn client(stream: BoxStream, record: &PairRecord) -> Result<BoxStream, DeviceError> {
    let device = pem_to_der(&record.device_certificate)?;
    let host = pem_to_der(&record.host_certificate)?;
    let key = private_key_der(&record.host_private_key)?;
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Pinned::new(device)))
        .with_client_auth_cert(
            vec![CertificateDer::from(host)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )
        .map_err(tls_error)?;
    let name = ServerName::try_from("iphone").map_err(tls_error)?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(tls_error)?;
    let mut tls = rustls::StreamOwned::new(conn, stream);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock).map_err(tls_error)?;
    }
    Ok(Box::new(tls))
}

/// Turns `stream` into a TLS server session (the test double's side): `certificate` and
/// `key` (DER) are the phone's, `client` the only host certificate accepted.
#[cfg(feature = "test-double")]
pub(crate) fn server(
    stream: BoxStream,
    certificate: Vec<u8>,
    key: Vec<u8>,
    client: Vec<u8>,
) -> Result<BoxStream, DeviceError> {
    let config = rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?
        .with_client_cert_verifier(Arc::new(Pinned::new(client)))
        .with_single_cert(
            vec![CertificateDer::from(certificate)],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
        )
        .map_err(tls_error)?;
    let conn = rustls::ServerConnection::new(Arc::new(config)).map_err(tls_error)?;
    let mut tls = rustls::StreamOwned::new(conn, stream);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock).map_err(tls_error)?;
    }
    Ok(Box::new(tls))
}
