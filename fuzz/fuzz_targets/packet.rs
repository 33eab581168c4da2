//! Frames of every link type through the decoders, tunnels and observer. The first byte
//! picks the link type; the rest is cut into frames at each 0xfe byte and fed as a stream,
//! so that flows, fragments and stream reassembly build up across frames.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_core::Timestamp;
use vigie_net::{LinkType, Observer, Packet};

const LINKS: [u32; 11] = [0, 1, 9, 101, 105, 108, 113, 127, 228, 229, 276];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let link = LinkType(LINKS[usize::from(sel) % LINKS.len()]);
    let mut observer = Observer::new();
    let mut sink = |_o: vigie_net::Observation| {};
    for (i, frame) in rest.split(|b| *b == 0xfe).enumerate() {
        let ts = Timestamp::from_secs_nanos(i as i64, 0);
        let p = Packet { frame: i as u64 + 1, ts, link, data: frame, orig_len: frame.len() as u32 };
        observer.push(&p, &mut sink);
    }
    observer.finish(&mut sink);
});
