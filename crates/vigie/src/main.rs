//! Vigie's command line: a thin layer that wires the libraries together and shows results.
//! `main` only calls `try_main`, which parses the arguments and runs one command.

#[macro_use]
mod shown;
mod args;
mod case;
mod devices;
mod doctor;
mod env;
mod feeds;
mod iocs;
mod live;
mod ncii;
mod observe;
mod render;
mod report;
mod run;
mod scan;
mod serve;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match try_main() {
        Ok(code) => code,
        // A reader that stopped reading (`vigie ... | head`) is not an error worth a message.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            say!("vigie: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Parses the arguments and runs the command.
fn try_main() -> anyhow::Result<ExitCode> {
    run::run(args::Cli::parse())
}
