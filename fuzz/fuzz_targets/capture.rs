//! A whole capture file (pcap, pcapng, gzip) through reading, decoding and observation.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_net::{CaptureReader, Observer};

fuzz_target!(|data: &[u8]| {
    let Ok(mut reader) = CaptureReader::from_reader(std::io::Cursor::new(data.to_vec())) else { return };
    let mut observer = Observer::new();
    let mut sink = |_o: vigie_net::Observation| {};
    while let Ok(Some(p)) = reader.next_packet() {
        observer.push(&p, &mut sink);
    }
    observer.finish(&mut sink);
});
