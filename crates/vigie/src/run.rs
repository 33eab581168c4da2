//! Each command to the one short function that runs it.

use crate::args::{Cli, Command, NciiAction, ScanFormat, ScanTarget};
use crate::env::Env;
use anyhow::Result;
use std::process::ExitCode;
use std::time::Duration;

/// Runs the command; the exit code follows the CLI contract (0 nothing high or medium, 1
/// found, 2 an error).
pub fn run(cli: Cli) -> Result<ExitCode> {
    let env = Env::new(&cli);
    match cli.command {
        Command::Scan { target } => scan(&env, target),
        Command::Observe { file, format } => crate::observe::observe(&env, &file, format),
        Command::Iocs { action } => crate::iocs::iocs(&env, action),
        Command::Case { action } => crate::case::case(&env, action),
        Command::Report {
            reference,
            format,
            out,
            country,
            audience,
        } => crate::report::report(&env, &reference, format, &out, &country, audience),
        Command::Ncii { action } => ncii(&env, action),
        Command::Verify { file, key } => crate::report::verify(&env, &file, key.as_deref()),
        Command::Doctor { format } => crate::doctor::doctor(&env, format == ScanFormat::Json),
        Command::Serve {
            listen,
            allow_remote,
            retention_days,
        } => crate::serve::serve(&env, listen, allow_remote, retention_days),
        Command::Hotspot {
            interface,
            uplink,
            duration,
            check,
        } => {
            let duration = Duration::from_secs(duration);
            crate::live::hotspot(&env, &interface, uplink.as_deref(), duration, &check)
        }
    }
}

/// Runs `vigie ncii ACTION`.
fn ncii(env: &Env, action: NciiAction) -> Result<ExitCode> {
    let json = |f: ScanFormat| f == ScanFormat::Json;
    match action {
        NciiAction::Hash { files, format } => crate::ncii::hash(&env.cat, &files, json(format)),
        NciiAction::Add {
            case,
            files,
            described,
            kind,
            format,
        } => crate::ncii::add(env, &case, &files, &described.described(kind), json(format)),
        NciiAction::AddLink {
            case,
            url,
            mut described,
            format,
        } => {
            described.link = url;
            crate::ncii::add_link(env, &case, &described.described(None), json(format))
        }
        NciiAction::List { case, format } => crate::ncii::list(env, &case, json(format)),
        NciiAction::Find {
            case,
            dir,
            max_distance,
            threads,
            all,
            format,
        } => crate::ncii::find(env, &case, &dir, max_distance, threads, all, json(format)),
        NciiAction::Hashes {
            case,
            out,
            csv,
            all,
        } => crate::ncii::hashes(env, &case, &out, csv, all),
    }
}

/// Runs `vigie scan TARGET`.
fn scan(env: &Env, target: ScanTarget) -> Result<ExitCode> {
    use crate::devices;
    match target {
        ScanTarget::Pcap { files, check } => crate::scan::captures(env, &files, &check),
        ScanTarget::Live {
            interface,
            duration,
            check,
        } => crate::live::live(env, &interface, Duration::from_secs(duration), &check),
        ScanTarget::Android { serial, check } => devices::android(env, serial.as_deref(), &check),
        ScanTarget::AndroidDump { path, check } => devices::android_dump(env, &path, &check),
        ScanTarget::IosBackup {
            path,
            password_file,
            check,
        } => devices::ios_backup(env, &path, password_file.as_deref(), &check),
        ScanTarget::Ios {
            udid,
            password_file,
            no_backup,
            check,
        } => devices::ios_phone(env, udid, password_file.as_deref(), !no_backup, &check),
    }
}
