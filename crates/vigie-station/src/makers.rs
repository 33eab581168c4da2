//! Who made a network adapter, from the IEEE's list of assigned address prefixes as Debian's
//! `ieee-data` package installs it. A private (random) address names no maker; a station
//! without the list names none either.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;
use vigie_net::JoinedDevice;

/// Where Debian's `ieee-data` puts the list of 24-bit prefixes.
const OUI_LIST: &str = "/usr/share/ieee-data/oui.csv";
/// Largest list read (today's is about 3 MB).
const MAX_LIST: u64 = 32 * 1024 * 1024;

/// The list, read once per process (empty where it cannot be read).
fn makers() -> &'static HashMap<[u8; 3], String> {
    static LIST: OnceLock<HashMap<[u8; 3], String>> = OnceLock::new();
    LIST.get_or_init(|| {
        let mut text = String::new();
        let read =
            std::fs::File::open(OUI_LIST).and_then(|f| f.take(MAX_LIST).read_to_string(&mut text));
        match read {
            Ok(_) => parse_list(&text),
            Err(_) => HashMap::new(),
        }
    })
}

/// Reads the IEEE's CSV (`Registry,Assignment,Organization Name,Organization Address`):
/// prefix → organisation. Lines that do not parse are passed over.
fn parse_list(text: &str) -> HashMap<[u8; 3], String> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(3, ',');
            let (_, prefix, rest) = (parts.next()?, parts.next()?, parts.next()?);
            let bytes = hex::decode(prefix.trim()).ok()?;
            let prefix: [u8; 3] = bytes.try_into().ok()?;
            Some((prefix, first_field(rest)?.to_owned()))
        })
        .collect()
}

/// The first field of a CSV line's rest, quoted or not, trimmed; none when empty.
fn first_field(rest: &str) -> Option<&str> {
    let field = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split(',').next()?,
    };
    let field = field.trim();
    (!field.is_empty()).then_some(field)
}

/// The maker of the adapter with hardware address `mac` (`aa:bb:cc:dd:ee:ff`), if listed.
pub(crate) fn maker_of(mac: &str) -> Option<String> {
    let bytes = hex::decode(mac.replace(':', "")).ok()?;
    let prefix: [u8; 3] = bytes.get(..3)?.try_into().ok()?;
    makers().get(&prefix).cloned()
}

/// The devices, each with its adapter's maker where its address is not a private one.
pub(crate) fn with_makers(devices: &[JoinedDevice]) -> Vec<JoinedDevice> {
    devices
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if !d.client.private_mac {
                d.maker = maker_of(&d.client.mac);
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{maker_of, parse_list};

    #[test]
    fn reads_plain_and_quoted_names() {
        let list = parse_list(
            "Registry,Assignment,Organization Name,Organization Address\n\
             MA-L,002272,American Micro-Fuel Device Corp.,2181 Buchanan Loop\n\
             MA-L,F0D1A9,\"Apple, Inc.\",1 Infinite Loop\n\
             MA-L,zz,broken,\n\
             MA-L,001122,,\n",
        );
        assert_eq!(list.len(), 2);
        assert_eq!(list[&[0xf0, 0xd1, 0xa9]], "Apple, Inc.");
        assert_eq!(
            list[&[0x00, 0x22, 0x72]],
            "American Micro-Fuel Device Corp."
        );
    }

    #[test]
    #[allow(clippy::print_stderr)] // a test says why it skips
    fn the_installed_list_names_makers() {
        if !std::path::Path::new(super::OUI_LIST).exists() {
            eprintln!("skipped: Debian's ieee-data is not installed (.ci/run installs it)");
            return;
        }
        assert_eq!(
            maker_of("00:22:72:01:02:03").as_deref(),
            Some("American Micro-Fuel Device Corp.")
        );
        assert_eq!(maker_of("not a mac"), None);
    }
}
