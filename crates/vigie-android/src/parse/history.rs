//! What happened on the phone: tombstones of crashed processes, and the battery statistics
//! (packages its history names, data each app used).

use crate::model::Crash;
use std::collections::BTreeMap;

/// A text tombstone (`/data/tombstones/tombstone_NN`): the crashed process, its user, the
/// signal and the time. `None` when the text is not one.
pub fn tombstone(text: &str, file: &str) -> Option<Crash> {
    let mut process = None;
    let mut uid = None;
    let mut signal = String::new();
    let mut when = String::new();
    for line in text.lines().take(200) {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("Timestamp:") {
            when = v.trim().to_owned();
        } else if t.starts_with("pid:") && process.is_none() {
            process = t
                .split_once(">>> ")
                .and_then(|(_, r)| r.split(" <<<").next())
                .map(str::to_owned);
        } else if let Some(v) = t.strip_prefix("uid:") {
            uid = v.trim().parse().ok();
        } else if t.starts_with("signal ") && signal.is_empty() {
            signal = t
                .split_once('(')
                .and_then(|(_, r)| r.split(')').next())
                .unwrap_or_default()
                .to_owned();
        }
    }
    Some(Crash {
        process: process?,
        uid: uid?,
        signal,
        when,
        file: file.to_owned(),
    })
}

/// Packages named in `dumpsys batterystats` (history events `top=`, `job=`, `pkginst=`,
/// `pkgunin=`, and daily `Update PACKAGE vers=`), each with the first line naming it.
pub fn batterystats_packages(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let valid = |p: &str| {
        p.contains('.')
            && p.len() < 256
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    };
    for line in text.lines() {
        let t = line.trim();
        let mut found: Vec<&str> = Vec::new();
        if let Some(rest) = t.strip_prefix("Update ") {
            if let Some(p) = rest.split_whitespace().next() {
                found.push(p);
            }
        }
        for key in ["top=", "job=", "pkginst=", "pkgunin=", "fg=", "longwake="] {
            let mut rest = t;
            while let Some(i) = rest.find(key) {
                rest = &rest[i + key.len()..];
                // uXaY:"package/..." or uXaY:"package"
                if let Some(q) = rest.split('"').nth(1) {
                    found.push(q.split('/').next().unwrap_or(q));
                }
            }
        }
        for p in found {
            if valid(p) && !out.contains_key(p) {
                out.insert(p.to_owned(), t.chars().take(200).collect());
            }
        }
    }
    out
}

/// Data received and sent per package since the last full charge, from
/// `dumpsys batterystats --checkin`: `uid` lines map a UID to its packages, `nt` lines give
/// mobile and Wi-Fi bytes (`9,UID,l,nt,mobileRx,mobileTx,wifiRx,wifiTx,...`).
pub fn batterystats_checkin_network(text: &str) -> BTreeMap<String, (u64, u64)> {
    let mut packages: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    let mut bytes: BTreeMap<u32, (u64, u64)> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.trim().split(',').collect();
        match f.as_slice() {
            [_, _, "i", "uid", uid, package, ..] => {
                if let Ok(u) = uid.parse() {
                    packages.entry(u).or_default().push(package);
                }
            }
            [_, uid, "l", "nt", mrx, mtx, wrx, wtx, ..] => {
                let n = |v: &str| v.parse::<u64>().unwrap_or(0);
                if let Ok(u) = uid.parse::<u32>() {
                    let e = bytes.entry(u).or_default();
                    e.0 = e.0.saturating_add(n(mrx).saturating_add(n(wrx)));
                    e.1 = e.1.saturating_add(n(mtx).saturating_add(n(wtx)));
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for (uid, use_) in bytes {
        for p in packages.get(&uid).into_iter().flatten() {
            out.insert((*p).to_owned(), use_);
        }
    }
    out
}
