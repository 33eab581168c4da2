//! Vigie's command line: a thin layer that wires the libraries together and shows results.

mod cli;
mod feeds;
mod render;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vigie: {e:#}");
            ExitCode::from(2)
        }
    }
}
