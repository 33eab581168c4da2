//! Running the `vigie` binary as an operator does — one way to give it a data folder, a
//! language, a passphrase and more environment — and reading what it said: its exit code
//! (with its output printed when the code is not the one wanted), its text, its JSON.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// How a run is given its data folder.
#[derive(Clone)]
enum Data {
    /// Neither: the binary's default.
    Default,
    /// `--data-dir DIR`.
    Flag(PathBuf),
    /// `VIGIE_DATA_DIR=DIR`.
    Env(PathBuf),
}

/// What a run is given as `VIGIE_PASSPHRASE`.
#[derive(Clone)]
enum Passphrase {
    /// Whatever the test's own environment holds.
    Inherited,
    /// This one.
    Set(String),
    /// None at all.
    Removed,
}

/// One way to run `vigie`; each setter returns a changed copy, so one value serves a test's
/// runs in English and in French alike.
#[derive(Clone)]
pub struct Vigie {
    data: Data,
    lang: Option<String>,
    passphrase: Passphrase,
    env: Vec<(String, OsString)>,
    no_stdin: bool,
}

impl Vigie {
    /// `vigie` with nothing set: the environment's passphrase, if any, and no data folder.
    pub fn new() -> Vigie {
        Vigie {
            data: Data::Default,
            lang: None,
            passphrase: Passphrase::Inherited,
            env: Vec::new(),
            no_stdin: false,
        }
    }

    /// `vigie --data-dir DATA` with the station's test passphrase.
    pub fn at(data: &Path) -> Vigie {
        Vigie::new()
            .data_dir(data)
            .passphrase(Some(super::station::PASSPHRASE))
    }

    /// The same with `--data-dir DATA`.
    pub fn data_dir(&self, data: &Path) -> Vigie {
        let mut v = self.clone();
        v.data = Data::Flag(data.to_path_buf());
        v
    }

    /// The same with `VIGIE_DATA_DIR=DATA`.
    pub fn data_env(&self, data: &Path) -> Vigie {
        let mut v = self.clone();
        v.data = Data::Env(data.to_path_buf());
        v
    }

    /// The same with `--lang LANG`.
    pub fn lang(&self, lang: &str) -> Vigie {
        let mut v = self.clone();
        v.lang = Some(lang.to_owned());
        v
    }

    /// The same with this passphrase, or (`None`) with none at all in the environment.
    pub fn passphrase(&self, passphrase: Option<&str>) -> Vigie {
        let mut v = self.clone();
        v.passphrase = passphrase.map_or(Passphrase::Removed, |p| Passphrase::Set(p.to_owned()));
        v
    }

    /// The same with one more environment variable.
    pub fn env(&self, key: &str, value: impl AsRef<OsStr>) -> Vigie {
        let mut v = self.clone();
        v.env.push((key.to_owned(), value.as_ref().to_owned()));
        v
    }

    /// The same with nothing on its standard input (no terminal to ask a passphrase on).
    pub fn no_stdin(&self) -> Vigie {
        let mut v = self.clone();
        v.no_stdin = true;
        v
    }

    /// The command `vigie [--lang L] [--data-dir D] ARGS`, ready to be started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vigie"));
        if let Some(lang) = &self.lang {
            c.args(["--lang", lang]);
        }
        match &self.data {
            Data::Default => {}
            Data::Flag(d) => {
                c.arg("--data-dir").arg(d);
            }
            Data::Env(d) => {
                c.env("VIGIE_DATA_DIR", d);
            }
        }
        c.args(args);
        match &self.passphrase {
            Passphrase::Inherited => {}
            Passphrase::Set(p) => {
                c.env("VIGIE_PASSPHRASE", p);
            }
            Passphrase::Removed => {
                c.env_remove("VIGIE_PASSPHRASE");
            }
        }
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        if self.no_stdin {
            c.stdin(Stdio::null());
        }
        c
    }

    /// Runs `vigie scan KIND INPUT --iocs FEED... MORE`: a check of one input against feeds.
    pub fn scan(&self, kind: &str, input: &Path, feeds: &[&Path], more: &[&str]) -> Output {
        self.check(&["scan", kind, arg(input)], feeds, more)
    }

    /// Runs `vigie scan KIND --iocs FEED... MORE`: a check of a connected phone.
    pub fn scan_phone(&self, kind: &str, feeds: &[&Path], more: &[&str]) -> Output {
        self.check(&["scan", kind], feeds, more)
    }

    fn check(&self, what: &[&str], feeds: &[&Path], more: &[&str]) -> Output {
        let mut args = what.to_vec();
        for f in feeds {
            args.extend(["--iocs", arg(f)]);
        }
        args.extend_from_slice(more);
        self.run(&args)
    }

    /// Runs `vigie ARGS` to its end.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run vigie")
    }
}

impl Default for Vigie {
    fn default() -> Self {
        Vigie::new()
    }
}

/// A path as a command-line argument.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// What a program printed on its standard output.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What a program printed on its standard error.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn said(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    )
}

/// Asserts that a program succeeded, printing what it said where not; returns its standard
/// output.
#[track_caller]
pub fn assert_ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", said(out));
    stdout(out)
}

/// Asserts that a program exited with `code`, printing what it said where not; returns its
/// standard output.
#[track_caller]
pub fn assert_code(out: &Output, code: i32) -> String {
    assert_eq!(out.status.code(), Some(code), "{}", said(out));
    stdout(out)
}

/// Asserts that `vigie` refused (exit 2) and said `needle` on its standard error.
#[track_caller]
pub fn assert_refused(out: &Output, needle: &str) {
    assert_code(out, 2);
    assert!(
        stderr(out).contains(needle),
        "{needle:?} not said: {}",
        said(out)
    );
}

/// Asserts that `text` says each of `phrases`, printing the text where one is missing.
#[track_caller]
pub fn assert_says(text: &str, phrases: &[&str]) {
    for phrase in phrases {
        assert!(text.contains(phrase), "{phrase:?} not in:\n{text}");
    }
}

/// A program's standard output read as JSON.
#[track_caller]
pub fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}): {}", said(out)))
}

/// The findings of a check's JSON document.
pub fn findings(doc: &Value) -> Vec<Value> {
    doc["findings"].as_array().expect("findings").clone()
}

/// Whether one of the findings has the rule `rule` and `needle` anywhere in it.
pub fn has_finding(findings: &[Value], rule: &str, needle: &str) -> bool {
    findings
        .iter()
        .any(|f| f["rule"] == rule && serde_json::to_string(f).expect("json").contains(needle))
}

/// `vigie report WHAT --format html --out OUT`, which must succeed: the HTML written.
#[track_caller]
pub fn html_report(v: &Vigie, what: &str, out: &Path) -> String {
    assert_ok(&v.run(&["report", what, "--format", "html", "--out", arg(out)]));
    std::fs::read_to_string(out).expect("report")
}
