//! `vigie observe`: what was observed in a capture (names, handshakes, certificates, flows),
//! one line or one JSON object per observation.

use crate::args::ObserveFormat;
use crate::env::Env;
use crate::render;
use anyhow::Result;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use vigie_net::{CaptureReader, Observer};

/// Prints the observations of `file`; damage part-way is said on standard error.
pub fn observe(env: &Env, file: &Path, format: ObserveFormat) -> Result<ExitCode> {
    let mut reader =
        CaptureReader::open(file).map_err(|e| crate::scan::capture_error(env, file, &e))?;
    let mut observer = Observer::new();
    let mut out = std::io::BufWriter::new(crate::shown::stdout());
    let mut failed: Option<std::io::Error> = None;
    let mut sink = |o: vigie_net::Observation| {
        if failed.is_some() {
            return;
        }
        let r = match format {
            ObserveFormat::Jsonl => serde_json::to_writer(&mut out, &o)
                .map_err(std::io::Error::from)
                .and_then(|_| out.write_all(b"\n")),
            ObserveFormat::Text => render::observation_line(&mut out, &o),
        };
        if let Err(e) = r {
            failed = Some(e);
        }
    };
    let mut stopped = None;
    loop {
        match reader.next_packet() {
            Ok(Some(p)) => observer.push(&p, &mut sink),
            Ok(None) => break,
            Err(e) => {
                stopped = Some(e);
                break;
            }
        }
    }
    observer.finish(&mut sink);
    if let Some(e) = failed.filter(|e| e.kind() != std::io::ErrorKind::BrokenPipe) {
        return Err(e.into());
    }
    out.flush().ok();
    if let Some(e) = stopped {
        say!("vigie: {}: {}", file.display(), env.cat.say(&e));
    }
    Ok(ExitCode::SUCCESS)
}
