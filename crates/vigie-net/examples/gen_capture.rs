//! Writes a synthetic phone capture of about the given size, for benchmarks:
//! `cargo run --release -p vigie-net --example gen_capture -- OUT.pcap SIZE_MB`.

use std::io::BufWriter;
use vigie_net::write::TrafficGenerator;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(mb)) = (args.next(), args.next().and_then(|m| m.parse::<u64>().ok()))
    else {
        eprintln!("usage: gen_capture OUT.pcap SIZE_MB");
        std::process::exit(2);
    };
    let cert = include_bytes!("../tests/fixtures/selfsigned-a.hw.cab.der");
    let file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&out)?);
    let packets = TrafficGenerator::new(42, cert).write_capture(file, mb * 1024 * 1024)?;
    eprintln!("{out}: {packets} packets");
    Ok(())
}
