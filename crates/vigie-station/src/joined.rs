//! A device seen joining the network, told in words the same way on the command line, the
//! app's pages and the report: what ties a capture to a phone.

use vigie_core::{Catalog, Message};
use vigie_net::JoinedDevice;

/// The device in one line: its name (or that it gave none), its DHCP client, address, the
/// maker of its adapter, the names and web clients it announced, and its hardware address
/// (said to be private when the phone made it up for this network).
pub fn joined_text(cat: &Catalog, d: &JoinedDevice) -> String {
    let list = |values: &[String]| (!values.is_empty()).then(|| values.join(" ; "));
    let name = d
        .client
        .hostname
        .clone()
        .unwrap_or_else(|| cat.key("joined-unnamed"));
    let mac = match d.client.private_mac {
        true => "joined-mac-private",
        false => "joined-mac",
    };
    let facts = [
        ("joined-client", d.client.vendor_class.clone()),
        ("joined-address", d.client.address.map(|a| a.to_string())),
        ("joined-maker", d.maker.clone()),
        ("joined-names", list(&d.mdns_names)),
        ("joined-agents", list(&d.user_agents)),
        (mac, Some(d.client.mac.clone())),
    ];
    let said = facts
        .into_iter()
        .filter_map(|(key, v)| Some(cat.text(&Message::new(key).arg("value", v?))));
    std::iter::once(name)
        .chain(said)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::{Lang, Timestamp};
    use vigie_net::dhcp::DhcpClient;

    #[test]
    fn a_phone_is_told_by_what_it_announced() {
        let cat = crate::catalog(Lang::En, &[]);
        let d = JoinedDevice {
            client: DhcpClient {
                mac: "02:00:00:00:01:00".into(),
                private_mac: true,
                address: "10.77.77.23".parse().ok(),
                hostname: Some("Pixel-8".into()),
                vendor_class: Some("android-dhcp-14".into()),
            },
            source: "wlan0".into(),
            first_seen: Timestamp::now(),
            maker: None,
            user_agents: vec!["Mozilla/5.0 (Linux; Android 14)".into()],
            mdns_names: vec![],
        };
        let text = joined_text(&cat, &d);
        assert!(
            text.starts_with("Pixel-8, DHCP client android-dhcp-14, address 10.77.77.23"),
            "{text}"
        );
        assert!(text.contains("Mozilla/5.0 (Linux; Android 14)"), "{text}");
        assert!(
            text.ends_with(
                "02:00:00:00:01:00 (private address chosen by the phone for this network)"
            ),
            "{text}"
        );
        let unnamed = JoinedDevice {
            client: DhcpClient {
                hostname: None,
                ..d.client.clone()
            },
            ..d
        };
        assert!(joined_text(&cat, &unnamed).starts_with("A device without a name,"));
    }
}
