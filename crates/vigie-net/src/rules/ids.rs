//! Stable rule identifiers of the network check. Each rule's messages in the translation files
//! are its identifier in lower case followed by `-title` and `-explain`.

/// An observed name (DNS, SNI, HTTP Host, certificate) matches a domain indicator.
pub const IOC_DOMAIN: &str = "NET-IOC-DOMAIN";
/// A connection to, or a DNS answer with, an address matching an IP or network indicator.
pub const IOC_IP: &str = "NET-IOC-IP";
/// An HTTP request's URL matches a URL indicator.
pub const IOC_URL: &str = "NET-IOC-URL";
/// A server certificate matches a certificate-hash indicator.
pub const IOC_CERT: &str = "NET-IOC-CERT";
/// A name under a dynamic-DNS provider.
pub const DYNDNS: &str = "NET-DYNDNS";
/// A name under an often-abused top-level domain.
pub const SUSPICIOUS_TLD: &str = "NET-SUSPICIOUS-TLD";
/// A self-signed server certificate.
pub const TLS_SELF_SIGNED: &str = "NET-TLS-SELF-SIGNED";
/// A free, automatically issued certificate.
pub const TLS_FREE_CERT: &str = "NET-TLS-FREE-CERT";
/// A certificate issued for an IP address.
pub const TLS_IP_CERT: &str = "NET-TLS-IP-CERT";
/// TLS on a port where it is unusual.
pub const TLS_NONSTANDARD_PORT: &str = "NET-TLS-NONSTD-PORT";
/// Plain, unencrypted HTTP.
pub const HTTP_PLAIN: &str = "NET-HTTP-PLAIN";
/// HTTP on a port where it is unusual.
pub const HTTP_NONSTANDARD_PORT: &str = "NET-HTTP-NONSTD-PORT";
/// Data sent by POST/PUT over plain HTTP.
pub const HTTP_UPLOAD: &str = "NET-HTTP-UPLOAD";
/// A connection to an address no DNS answer of the capture gave.
pub const UNRESOLVED_IP: &str = "NET-UNRESOLVED-IP";
/// Much more data sent than received.
pub const LARGE_UPLOAD: &str = "NET-LARGE-UPLOAD";
/// Connections at regular intervals.
pub const BEACONING: &str = "NET-BEACONING";
/// Traffic with the traits of the Tor network.
pub const TOR: &str = "NET-TOR";
/// Connections on a high port with an unknown protocol.
pub const NONSTANDARD_PORT: &str = "NET-NONSTD-PORT";
/// Encrypted DNS in use: names resolved that way are invisible to the check.
pub const ENCRYPTED_DNS: &str = "NET-ENCRYPTED-DNS";
