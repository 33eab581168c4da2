//! Writes seed inputs for the fuzz targets built with the project's own writer:
//! `cargo run -p vigie-net --example fuzz_seeds -- fuzz/corpus`.

use std::net::IpAddr;
use std::path::Path;
use vigie_net::{quic, write};

fn put(dir: &Path, target: &str, name: &str, data: &[u8]) -> std::io::Result<()> {
    let d = dir.join(target);
    std::fs::create_dir_all(&d)?;
    std::fs::write(d.join(name), data)
}

fn main() -> std::io::Result<()> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fuzz/corpus".into());
    let dir = Path::new(&out);
    let a: IpAddr = IpAddr::from([10, 0, 0, 2]);
    let b: IpAddr = IpAddr::from([93, 184, 216, 34]);
    let join = write::dhcp_request(
        [2, 0, 0, 0, 0, 1],
        "phone",
        "android-dhcp-14",
        [10, 0, 0, 2],
    );
    put(dir, "dhcp", "request", &join)?;
    put(
        dir,
        "dns",
        "query",
        &write::dns_query(1, "www.example.org", 1),
    )?;
    put(
        dir,
        "dns",
        "response",
        &write::dns_response(1, "www.example.org", &["cdn.example.net"], &[b]),
    )?;
    let hello = write::client_hello("www.example.org", &["h2", "http/1.1"]);
    put(dir, "tls", "client_hello_body", &hello[4..])?;
    put(
        dir,
        "tls",
        "client_hello_records",
        &write::tls_records(&hello),
    )?;
    let cert = include_bytes!("../tests/fixtures/selfsigned-a.hw.cab.der");
    let server = write::tls_records(&write::server_hello_and_certificates(&[cert]));
    put(dir, "tls", "server_records", &server)?;
    put(dir, "tls", "certificate", cert)?;
    for (version, name, dcid) in [
        (quic::VERSION_1, "initial_v1", [1, 2, 3, 4, 5, 6, 7, 8]),
        (quic::VERSION_2, "initial_v2", [8, 7, 6, 5, 4, 3, 2, 1]),
    ] {
        let frames = quic::crypto_frame(0, &hello);
        let initial = quic::seal_client_initial(version, &dcid, &[9], 0, &frames);
        put(dir, "quic", name, &initial.unwrap_or_default())?;
    }
    // A short conversation for the packet target: link type Ethernet (selector 1), frames cut at 0xfe.
    let mut conv = write::TcpConversation::new((a, 40000), (b, 443));
    let mut stream = vec![1u8];
    for p in conv
        .open()
        .into_iter()
        .chain(conv.client_sends(&write::tls_records(&hello), 200))
    {
        stream.extend(write::ethernet(&p).into_iter().filter(|x| *x != 0xfe));
        stream.push(0xfe);
    }
    put(dir, "packet", "tls_conversation", &stream)?;
    let mut udp = vec![3u8];
    udp.extend(
        write::udp_packet(a, b, 5353, 53, &write::dns_query(2, "a.example", 28))
            .into_iter()
            .filter(|x| *x != 0xfe),
    );
    put(dir, "packet", "raw_dns", &udp)?;
    let mut capture = write::PcapWriter::new(Vec::new(), vigie_net::LinkType::ETHERNET)?;
    for p in write::TcpConversation::new((a, 40001), (b, 80))
        .client_sends(b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n", 1400)
    {
        capture.write(vigie_core::Timestamp(0), &write::ethernet(&p))?;
    }
    put(dir, "capture", "http.pcap", &capture.into_inner())?;
    Ok(())
}
