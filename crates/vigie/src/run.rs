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
        } => crate::report::report(&env, &reference, format, &out, &country),
        Command::Ncii { action } => ncii(&env, action),
        Command::Verify { file } => crate::report::verify(&env, &file),
        Command::Serve {
            listen,
            allow_remote,
            retention_days,
        } => crate::serve::serve(&env, listen, allow_remote, retention_days),
        Command::Hotspot {
            interface,
            uplink,
            duration,
            iocs,
            case,
        } => crate::live::hotspot(
            &env,
            &interface,
            uplink.as_deref(),
            Duration::from_secs(duration),
            &iocs,
            case.as_deref(),
        ),
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
    let json = |f: ScanFormat| f == ScanFormat::Json;
    match target {
        ScanTarget::Pcap {
            files,
            iocs,
            format,
            case,
        } => crate::scan::captures(env, &files, &iocs, json(format), case.as_deref()),
        ScanTarget::Live {
            interface,
            duration,
            iocs,
            format,
            case,
        } => crate::live::live(
            env,
            &interface,
            std::time::Duration::from_secs(duration),
            &iocs,
            json(format),
            case.as_deref(),
        ),
        ScanTarget::Android {
            serial,
            iocs,
            format,
            case,
        } => crate::devices::android(env, serial.as_deref(), &iocs, json(format), case.as_deref()),
        ScanTarget::AndroidDump {
            path,
            iocs,
            format,
            case,
        } => crate::devices::android_dump(env, &path, &iocs, json(format), case.as_deref()),
        ScanTarget::IosBackup {
            path,
            password_file,
            iocs,
            format,
            case,
        } => crate::devices::ios_backup(
            env,
            &path,
            password_file.as_deref(),
            &iocs,
            json(format),
            case.as_deref(),
        ),
        ScanTarget::Ios {
            udid,
            password_file,
            no_backup,
            iocs,
            format,
            case,
        } => crate::devices::ios_phone(
            env,
            crate::devices::PhoneOptions {
                udid,
                password_file,
                backup: !no_backup,
                iocs,
                json: json(format),
                case,
            },
        ),
    }
}
