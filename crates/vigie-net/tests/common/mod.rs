//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use vigie_net::{CaptureReader, Observation, Observer};

#[path = "../../../../testing/shared_data.rs"]
mod shared_data;
#[allow(unused_imports)]
pub use shared_data::shared;

/// Every capture file under `dir`, sorted.
pub fn captures(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().contains(".pcap") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// tshark printing, for every packet of `file`, the names the network check also observes:
/// DNS questions, TLS server names and HTTP hosts.
pub fn tshark_names(file: &Path) -> Command {
    let mut tshark = Command::new("tshark");
    tshark.args(["-n", "-r"]).arg(file).args([
        "-T",
        "fields",
        "-e",
        "dns.qry.name",
        "-e",
        "tls.handshake.extensions_server_name",
        "-e",
        "http.host",
    ]);
    tshark
}

/// Every observation of a capture file, to its end. Damaged files end with an error after what
/// could be read: that is expected, not a failure.
pub fn observe_file(file: &Path, sink: &mut dyn FnMut(Observation)) {
    let mut reader = CaptureReader::open(file).expect("capture opens");
    let mut obs = Observer::new();
    while let Ok(Some(p)) = reader.next_packet() {
        obs.push(&p, sink);
    }
    obs.finish(sink);
}
