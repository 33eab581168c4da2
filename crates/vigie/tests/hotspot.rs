//! `vigie hotspot` run for real, as an operator runs it, in network namespaces: a "station"
//! with an uplink to an "internet" namespace, and a "phone" plugged into the hotspot
//! interface (a veth pair standing for an external access point, since no Wi-Fi radio is at
//! hand; hostapd itself only runs on a Wi-Fi interface). The phone gets its address by DHCP
//! from Vigie's dnsmasq, resolves a stalkerware vendor's name through it (forwarded to the
//! internet's resolver), and reaches a server there through Vigie's NAT. The check stores
//! the finding in a case; when the hotspot stops, the station is as it was.
//!
//! Needs root and Debian's dnsmasq-base, nftables and udhcpc (`.ci/run` installs them);
//! skipped with a message otherwise.

mod common;

use common::{ip, ip_script, NetLab};

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Output of a command run in namespace `ns`.
fn in_ns(ns: &str, args: &[&str]) -> String {
    let out = Command::new("ip")
        .args(["netns", "exec", ns])
        .args(args)
        .output()
        .expect("ip netns exec");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The internet: a resolver that answers every A question with the server's address, and a
/// server that tells each client which address it came from.
const INTERNET: &str = r#"
import socket, threading
def dns():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("203.0.113.53", 53))
    while True:
        q, peer = s.recvfrom(512)
        end = 12
        while end < len(q) and q[end] != 0:
            end += 1 + q[end]
        end += 5
        r = q[:2] + b"\x81\x80\x00\x01\x00\x01\x00\x00\x00\x00" + q[12:end]
        r += b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04" + socket.inet_aton("203.0.113.7")
        s.sendto(r, peer)
threading.Thread(target=dns, daemon=True).start()
t = socket.socket()
t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("203.0.113.7", 8080))
t.listen(8)
while True:
    c, peer = t.accept()
    c.recv(1000)
    c.sendall(("seen from " + peer[0]).encode())
    c.close()
"#;

/// The phone: asks the resolver DHCP gave it for a name, then talks to the answer.
const PHONE: &str = r#"
import socket, sys
server = open(sys.argv[1]).read().split()[0]
name = sys.argv[2]
q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
for label in name.split("."):
    q += bytes([len(label)]) + label.encode()
q += b"\x00\x00\x01\x00\x01"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.sendto(q, (server, 53))
r, _ = s.recvfrom(512)
addr = socket.inet_ntoa(r[-4:])
c = socket.create_connection((addr, 8080), timeout=5)
c.sendall(b"GET / HTTP/1.0\r\nHost: " + name.encode() + b"\r\n\r\n")
print(addr, c.recv(100).decode())
"#;

/// udhcpc's script: sets the address and route it was given, and notes the DNS server.
const DHCP_SCRIPT: &str = r#"#!/bin/sh
case "$1" in
  bound|renew)
    ip addr add "$ip/$mask" dev "$interface"
    for r in $router; do ip route add default via "$r" dev "$interface"; break; done
    echo "$dns" > "$VIGIE_DNS_FILE"
    ;;
esac
"#;

fn program(name: &str) -> bool {
    ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        .iter()
        .any(|d| Path::new(d).join(name).exists())
}

#[test]
fn hotspot_serves_a_phone_and_leaves_the_station_as_it_was() {
    let Some(shared) = common::shared_echap() else {
        return;
    };
    if let Some(missing) = ["dnsmasq", "nft", "udhcpc"]
        .into_iter()
        .find(|p| !program(p))
    {
        eprintln!("skipped: {missing} is missing (Debian packages dnsmasq-base, nftables, udhcpc; .ci/run installs them)");
        return;
    }
    let n = std::process::id() % 200 + 20;
    let (st, ph, inet) = (
        format!("vghs-st{n}"),
        format!("vghs-ph{n}"),
        format!("vghs-in{n}"),
    );
    let Some(mut lab) = NetLab::with_namespace(&st) else {
        return;
    };
    for ns in [&ph, &inet] {
        assert!(ip(&["netns", "add", ns]), "netns {ns}");
        lab.namespaces.push(ns.clone());
    }
    let (hs, hs_phone) = (format!("vghsa{n}"), format!("vghsb{n}"));
    let (up, up_inet) = (format!("vgupa{n}"), format!("vgupb{n}"));
    ip_script(&format!(
        "link add {hs} type veth peer name {hs_phone}
        link set {hs} netns {st}
        link set {hs_phone} netns {ph}
        link add {up} type veth peer name {up_inet}
        link set {up} netns {st}
        link set {up_inet} netns {inet}
        -n {st} link set lo up
        -n {st} addr add 192.0.2.1/24 dev {up}
        -n {st} link set {up} up
        -n {st} route add default via 192.0.2.254
        -n {ph} link set lo up
        -n {ph} link set {hs_phone} up
        -n {inet} link set lo up
        -n {inet} addr add 192.0.2.254/24 dev {up_inet}
        -n {inet} addr add 203.0.113.7/32 dev lo
        -n {inet} addr add 203.0.113.53/32 dev lo
        -n {inet} link set {up_inet} up"
    ));
    // The station's resolver is the internet's.
    NetLab::resolver(&st, "203.0.113.53");
    lab.children.push(
        Command::new("ip")
            .args(["netns", "exec", &inet, "python3", "-c", INTERNET])
            .spawn()
            .expect("internet"),
    );
    let forward_before = in_ns(&st, &["cat", "/proc/sys/net/ipv4/ip_forward"]);

    // The operator starts the hotspot, storing the check in a case.
    let data = common::fresh_dir("hotspot");
    let ioc = shared.join("echap/ioc.yaml");
    let mut hotspot = Command::new("ip")
        .args(["netns", "exec", &st])
        .arg(env!("CARGO_BIN_EXE_vigie"))
        .args(["--lang", "en", "--data-dir"])
        .arg(&data)
        .args([
            "hotspot",
            "--interface",
            &hs,
            "--uplink",
            &up,
            "--duration",
            "12",
            "--case",
            "HS-1",
            "--iocs",
        ])
        .arg(&ioc)
        .env("VIGIE_PASSPHRASE", common::station::PASSPHRASE)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vigie hotspot");
    // Up when the station has its hotspot address and dnsmasq listens.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !in_ns(&st, &["ip", "-4", "addr", "show", &hs]).contains("10.77.77.1/24") {
        assert!(Instant::now() < deadline, "the hotspot did not come up");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(800));

    // The phone joins: DHCP, then a lookup and a connection through the station.
    let script = data.join("udhcpc.sh");
    std::fs::write(&script, DHCP_SCRIPT).expect("script");
    let chmod = Command::new("chmod").arg("+x").arg(&script).status();
    assert!(chmod.is_ok_and(|s| s.success()));
    let dns_file = data.join("phone-dns");
    let dhcp = Command::new("ip")
        .args([
            "netns", "exec", &ph, "udhcpc", "-i", &hs_phone, "-n", "-q", "-f",
        ])
        .args(["-t", "10", "-T", "1", "-s"])
        .arg(&script)
        .env("VIGIE_DNS_FILE", &dns_file)
        .output()
        .expect("udhcpc");
    assert!(
        dhcp.status.success(),
        "DHCP: {}",
        String::from_utf8_lossy(&dhcp.stderr)
    );
    let phone_addr = in_ns(&ph, &["ip", "-4", "addr", "show", &hs_phone]);
    assert!(phone_addr.contains("10.77.77."), "{phone_addr}");
    let dns = std::fs::read_to_string(&dns_file).expect("DNS server given");
    assert_eq!(
        dns.trim(),
        "10.77.77.1",
        "the station is the phone's resolver"
    );
    let phone = Command::new("ip")
        .args(["netns", "exec", &ph, "python3", "-c", PHONE])
        .arg(&dns_file)
        .arg("thetruthspy.com")
        .output()
        .expect("phone");
    let said = String::from_utf8_lossy(&phone.stdout);
    assert!(
        phone.status.success(),
        "{}",
        String::from_utf8_lossy(&phone.stderr)
    );
    assert!(
        said.contains("203.0.113.7 seen from 192.0.2.1"),
        "name forwarded to the internet's resolver, traffic leaving through NAT: {said}"
    );

    // The hotspot ends after its duration: the check is stored, the station restored.
    let mut out = String::new();
    let mut err = String::new();
    hotspot
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("read");
    hotspot
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    let status = hotspot.wait().expect("hotspot ends");
    assert!(
        err.contains("is not a Wi-Fi interface"),
        "the operator is told to plug an access point in: {err}"
    );
    assert!(out.contains("TheTruthSpy"), "{out}\n{err}");
    assert!(err.contains("HS-1"), "{err}");
    assert_eq!(status.code(), Some(1), "findings: exit 1\n{err}");
    assert_eq!(
        in_ns(&st, &["cat", "/proc/sys/net/ipv4/ip_forward"]),
        forward_before,
        "forwarding restored"
    );
    assert!(!in_ns(&st, &["nft", "list", "tables"]).contains("vigie_hotspot"));
    assert!(!in_ns(&st, &["ip", "-4", "addr", "show", &hs]).contains("10.77.77.1"));
    let leftover = Command::new("pgrep")
        .args(["-f", &format!("{}", data.join("run").display())])
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    assert!(leftover.is_empty(), "dnsmasq stopped");
    let _ = std::fs::remove_dir_all(&data);
}

/// An operator's text that is not an interface name (here, nftables syntax that would add an
/// `include` of a root-only file), or loopback, is refused before anything is written or
/// changed; needs neither root nor any program.
#[test]
fn interface_and_uplink_are_checked_before_anything_is_written() {
    let data = common::fresh_dir("hotspot-refused");
    let refused = |interface: &str, uplink: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_vigie"))
            .args(["--lang", "fr", "--data-dir"])
            .arg(&data)
            .args(["hotspot", "--interface", interface, "--uplink", uplink])
            .args(["--duration", "5"])
            .output()
            .expect("vigie runs");
        assert_eq!(out.status.code(), Some(2), "refused: {out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = refused("lo", "eth0\" accept; include \"/etc/shadow");
    assert!(
        said.contains("La sortie vers internet") && said.contains("n’est pas un nom d’interface"),
        "{said}"
    );
    let said = refused("lo", "vigie-none0");
    assert!(said.contains("la boucle locale"), "{said}");
    assert!(
        !data.join("run").join("nat.nft").exists()
            && !data.join("run").join("dnsmasq.conf").exists(),
        "no configuration written"
    );
}
