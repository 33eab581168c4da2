//! The command line's help and argument errors in the operator's language: every command's
//! description and every option's help come from the help catalogs (`locales/help-*.ftl`,
//! keyed by the command's path and the option's name), clap's own headings and notes
//! (usage, options, defaults, possible values) are replaced by translated ones, and a
//! mistake in the arguments is said in French or English, with the usage and where to
//! find help.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;
use vigie_core::{Catalog, Lang, LocaleResource, Message};

/// The help catalogs.
pub const LOCALES: &[LocaleResource] = &[
    LocaleResource {
        lang: Lang::En,
        source: include_str!("../locales/help-en.ftl"),
    },
    LocaleResource {
        lang: Lang::Fr,
        source: include_str!("../locales/help-fr.ftl"),
    },
];

/// The key of a command's description: `help-vigie-scan-network`.
pub fn command_key(path: &[&str]) -> String {
    format!("help-{}", path.join("-"))
}

/// The key of an option's help: `help-vigie-scan-network--iocs`.
pub fn arg_key(path: &[&str], arg: &str) -> String {
    format!("{}--{}", command_key(path), arg.replace('_', "-"))
}

/// Whether an argument is clap's own (help and version), which the catalogs word too.
fn is_builtin(id: &str) -> bool {
    matches!(id, "help" | "version")
}

/// The `--lang` given on the command line (`--lang fr`, `--lang=en`), if any: the help and
/// the argument errors come before the arguments are understood.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return v.parse().ok();
        }
        if a == "--lang" {
            return it.next().and_then(|v| v.parse().ok());
        }
    }
    None
}

/// `command` (the derived one) with every description, help, heading and note from `cat`.
pub fn localized(command: Command, cat: &Catalog) -> Command {
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        cat.key("help-usage")
    );
    walk(command, cat, &["vigie"], &template)
}

/// One command and, under it, its subcommands.
fn walk(mut command: Command, cat: &Catalog, path: &[&str], template: &str) -> Command {
    command = command
        .about(cat.key(&command_key(path)))
        .long_about(None)
        .help_template(template.to_owned())
        .subcommand_help_heading(cat.key("help-commands"))
        .subcommand_value_name(cat.key("help-command"))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(cat.key("help-help"))
                .help_heading(cat.key("help-options")),
        );
    if path.len() == 1 {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(cat.key("help-version"))
                .help_heading(cat.key("help-options")),
        );
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| !is_builtin(id))
        .collect();
    for id in ids {
        let key = arg_key(path, &id);
        command = command.mut_arg(id.as_str(), |a| arg(a, cat, &key));
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(&name);
        command = command.mut_subcommand(name.as_str(), |c| walk(c, cat, &sub_path, template));
    }
    command
}

/// One option: its help from `key`, then its default, possible values and environment
/// variable said in `cat`'s language; under the translated heading of its kind.
fn arg(a: Arg, cat: &Catalog, key: &str) -> Arg {
    let mut help = cat.key(key);
    let takes_values = a.get_action().takes_values();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() && takes_values {
        let m = Message::new("help-possible").arg("values", values.join(", "));
        help.push_str(&format!(" {}", cat.text(&m)));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_values {
        let m = Message::new("help-default").arg("value", defaults.join(", "));
        help.push_str(&format!(" {}", cat.text(&m)));
    }
    if let Some(env) = a.get_env() {
        let m = Message::new("help-env").arg("name", env.to_string_lossy());
        help.push_str(&format!(" {}", cat.text(&m)));
    }
    let heading = match a.is_positional() {
        true => "help-arguments",
        false => "help-options",
    };
    let a = a
        .help(help)
        .long_help(None)
        .hide_env(true)
        .help_heading(cat.key(heading));
    match takes_values {
        true => a.hide_possible_values(true).hide_default_value(true),
        false => a,
    }
}

/// A clap error as the operator reads it: help and version as they are (already in her
/// language), else what is wrong in `cat`'s language, the usage and where to find help.
pub fn said(e: &clap::Error, cat: &Catalog) -> (String, bool) {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return (e.render().to_string(), true);
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return (e.render().to_string(), false);
    }
    let context = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        _ => String::new(),
    };
    let (key, what) = match e.kind() {
        ErrorKind::UnknownArgument => ("help-error-unknown", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => (
            "help-error-command",
            context(ContextKind::InvalidSubcommand),
        ),
        ErrorKind::InvalidValue => ("help-error-value", context(ContextKind::InvalidValue)),
        ErrorKind::MissingRequiredArgument => {
            ("help-error-missing", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => ("help-error-no-command", String::new()),
        ErrorKind::ArgumentConflict => ("help-error-conflict", context(ContextKind::InvalidArg)),
        ErrorKind::ValueValidation => ("help-error-value", context(ContextKind::InvalidValue)),
        ErrorKind::TooManyValues => ("help-error-too-many", context(ContextKind::InvalidArg)),
        _ => ("help-error-other", String::new()),
    };
    let mut text = cat.text(&Message::new(key).arg("what", &what));
    let valid = context(ContextKind::ValidValue);
    if !valid.is_empty() {
        let m = Message::new("help-possible").arg("values", valid);
        text.push_str(&format!(" {}", cat.text(&m)));
    }
    let suggested = context(ContextKind::SuggestedSubcommand) + &context(ContextKind::SuggestedArg);
    if !suggested.is_empty() {
        let m = Message::new("help-error-suggested").arg("what", suggested);
        text.push_str(&format!(". {}", cat.text(&m)));
    }
    let line = cat.text(&Message::new("help-error-line").arg("what", text));
    let usage = context(ContextKind::Usage);
    let usage = match usage.trim().strip_prefix("Usage:").map(str::trim) {
        Some(u) if !u.is_empty() => format!("{} {u}\n\n", cat.key("help-usage")),
        _ => String::new(),
    };
    let hint = cat.key("help-error-hint");
    (format!("{line}\n\n{usage}{hint}\n"), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the help of `command` (at `path`) and of its subcommands looks up.
    fn keys(command: &Command, path: &[&str], out: &mut Vec<String>) {
        out.push(command_key(path));
        for a in command.get_arguments() {
            if !is_builtin(a.get_id().as_str()) {
                out.push(arg_key(path, a.get_id().as_str()));
            }
        }
        for c in command.get_subcommands() {
            let mut sub = path.to_vec();
            sub.push(c.get_name());
            keys(c, &sub, out);
        }
    }

    #[test]
    fn every_command_and_option_has_its_help_in_both_languages() {
        let mut wanted = vec![];
        keys(
            &<crate::args::Cli as clap::CommandFactory>::command(),
            &["vigie"],
            &mut wanted,
        );
        assert!(wanted.len() > 100, "{}", wanted.len());
        for lang in [Lang::Fr, Lang::En] {
            let cat = Catalog::new(lang, &[LOCALES]);
            let missing: Vec<&String> = wanted.iter().filter(|k| !cat.has(k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
        // And no entry is left over from a command or option that is gone.
        for source in [LOCALES[0].source, LOCALES[1].source] {
            for line in source.lines().filter(|l| l.starts_with("help-vigie")) {
                let key = line.split(' ').next().unwrap_or_default();
                assert!(wanted.iter().any(|k| k == key), "stale: {key}");
            }
        }
    }

    #[test]
    fn the_translated_commands_are_well_formed() {
        for lang in [Lang::Fr, Lang::En] {
            let cat = Catalog::new(lang, &[LOCALES]);
            localized(<crate::args::Cli as clap::CommandFactory>::command(), &cat).debug_assert();
        }
    }

    #[test]
    fn the_language_is_read_before_the_arguments_are() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_in_args(&args(&["vigie", "--lang", "en", "x"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_in_args(&args(&["vigie", "scan", "--lang=fr"])),
            Some(Lang::Fr)
        );
        assert_eq!(lang_in_args(&args(&["vigie", "--help"])), None);
    }
}
