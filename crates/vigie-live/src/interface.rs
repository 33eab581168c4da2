//! The network interfaces of this machine, as the kernel lists them in `/sys/class/net`.

/// A network interface the station could capture on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceInfo {
    /// Its name (`wlan0`, `eth0`).
    pub name: String,
    /// Administratively up.
    pub up: bool,
    /// A Wi-Fi interface (can host a hotspot).
    pub wireless: bool,
    /// Its addresses.
    pub addresses: Vec<String>,
}

/// The interfaces of this machine, loopback excluded.
pub fn interfaces() -> Vec<InterfaceInfo> {
    pnet_datalink::interfaces()
        .into_iter()
        .filter(|i| !i.is_loopback())
        .map(|i| InterfaceInfo {
            wireless: std::path::Path::new("/sys/class/net")
                .join(&i.name)
                .join("wireless")
                .exists(),
            up: i.is_up(),
            addresses: i.ips.iter().map(|a| a.to_string()).collect(),
            name: i.name,
        })
        .collect()
}

/// Whether the interface is still there and not down.
pub(crate) fn present(name: &str) -> bool {
    let dir = std::path::Path::new("/sys/class/net").join(name);
    match std::fs::read_to_string(dir.join("operstate")) {
        Ok(state) => state.trim() != "down",
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_not_offered() {
        assert!(interfaces().iter().all(|i| i.name != "lo"));
    }
}
