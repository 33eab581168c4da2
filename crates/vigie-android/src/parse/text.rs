//! Plain outputs: `getprop`, `settings list`, `ps`, and a full `dumpsys` cut into its services.

use crate::model::Process;
use std::collections::BTreeMap;

/// The sections of a full `dumpsys` (androidqf `dumpsys.txt`, bug reports): service name and
/// body. Text with no section header is returned whole under the name `""`.
pub fn dumpsys_sections(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut current: Option<(&str, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some(name) = trimmed
            .strip_prefix("DUMP OF SERVICE ")
            .and_then(|r| r.strip_suffix(':'))
        {
            if let Some((n, start)) = current.take() {
                out.push((n, &text[start..offset]));
            }
            current = Some((name.trim(), offset + line.len()));
        }
        offset += line.len();
    }
    match current {
        Some((n, start)) => out.push((n, &text[start..])),
        None => out.push(("", text)),
    }
    out
}

/// `getprop`: lines `[name]: [value]`.
pub fn getprop(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let (k, v) = l.split_once("]: [")?;
            Some((
                k.strip_prefix('[')?.to_owned(),
                v.strip_suffix(']')?.to_owned(),
            ))
        })
        .collect()
}

/// `settings list NAMESPACE`: lines `key=value`.
pub fn settings(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('=')?;
            let k = k.trim();
            (!k.is_empty() && !k.contains(' ')).then(|| (k.to_owned(), v.trim().to_owned()))
        })
        .collect()
}

/// `ps` / `ps -A`: a header line naming the columns, then one process per line.
pub fn ps(text: &str) -> Vec<Process> {
    let mut lines = text.lines();
    let Some(header) = lines.find(|l| l.contains("PID")) else {
        return vec![];
    };
    let cols: Vec<&str> = header.split_whitespace().collect();
    let at = |name: &str| cols.iter().position(|c| *c == name);
    let (Some(user), Some(pid), ppid) = (at("USER"), at("PID"), at("PPID")) else {
        return vec![];
    };
    lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            if f.len() < cols.len() {
                return None;
            }
            Some(Process {
                user: f.get(user)?.to_string(),
                pid: f.get(pid)?.parse().ok()?,
                ppid: ppid.and_then(|i| f.get(i)?.parse().ok()).unwrap_or(0),
                // The name is the last column and may hold spaces.
                name: f[cols.len() - 1..].join(" "),
            })
        })
        .collect()
}

/// How far a line is indented, in bytes.
pub(super) fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}
