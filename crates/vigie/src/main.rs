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
mod help;
mod iocs;
mod live;
mod ncii;
mod observe;
mod render;
mod report;
mod run;
mod scan;
mod serve;

use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::io::Write;
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
            let argv: Vec<OsString> = std::env::args_os().collect();
            let cat = env::catalog(env::language(help::lang_in_args(&argv)));
            let line = vigie_core::Message::new("help-error-line").arg("what", format!("{e:#}"));
            say!("{}", cat.text(&line));
            ExitCode::from(2)
        }
    }
}

/// Parses the arguments (the help and argument errors in the operator's language) and runs
/// the command.
fn try_main() -> anyhow::Result<ExitCode> {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let cat = env::catalog(env::language(help::lang_in_args(&argv)));
    let command = help::localized(args::Cli::command(), &cat);
    let matches = match command.try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(e) => {
            let (text, asked) = help::said(&e, &cat);
            return match asked {
                true => {
                    shown::stdout().write_all(text.as_bytes())?;
                    Ok(ExitCode::SUCCESS)
                }
                false => {
                    std::io::stderr().write_all(text.as_bytes())?;
                    Ok(ExitCode::from(2))
                }
            };
        }
    };
    run::run(args::Cli::from_arg_matches(&matches)?)
}
