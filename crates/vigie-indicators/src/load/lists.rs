//! CSV exports and plain lists (one indicator per line, or a hosts file).

use crate::model::{IndicatorKind, IndicatorRole};
use crate::set::IndicatorSet;
use std::net::IpAddr;
use vigie_core::ThreatCategory;

/// Guesses an indicator's kind from its value alone.
fn guess_kind(v: &str) -> Option<IndicatorKind> {
    if v.parse::<IpAddr>().is_ok() {
        return Some(if v.contains(':') {
            IndicatorKind::Ipv6
        } else {
            IndicatorKind::Ipv4
        });
    }
    if v.contains('/') && v.parse::<ipnet::IpNet>().is_ok() {
        return Some(IndicatorKind::Cidr);
    }
    if v.contains("://") {
        return Some(IndicatorKind::Url);
    }
    if v.contains('@') {
        return Some(IndicatorKind::Email);
    }
    if v.bytes().all(|b| b.is_ascii_hexdigit()) {
        return match v.len() {
            32 => Some(IndicatorKind::FileMd5),
            40 => Some(IndicatorKind::FileSha1),
            64 => Some(IndicatorKind::FileSha256),
            _ => None,
        };
    }
    if v.contains('.') && !v.contains(char::is_whitespace) {
        return Some(IndicatorKind::Domain);
    }
    None
}

/// The kind a list's file name announces (MVT's `domains.txt`, `package_names.txt`, ...).
fn kind_from_file_name(name: &str) -> Option<IndicatorKind> {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches(".txt");
    Some(match n {
        "domains" | "hosts" => IndicatorKind::Domain,
        "ip-addresses" | "ips" => IndicatorKind::Ipv4,
        "package_names" | "packages" | "app_ids" => IndicatorKind::AppId,
        "package_cert_hashes" => IndicatorKind::AppCertSha256,
        "sha256" => IndicatorKind::FileSha256,
        "sha1" => IndicatorKind::FileSha1,
        "md5" => IndicatorKind::FileMd5,
        "emails" => IndicatorKind::Email,
        "processes" => IndicatorKind::ProcessName,
        "file_names" => IndicatorKind::FileName,
        "file_paths" => IndicatorKind::FilePath,
        "config_profiles" => IndicatorKind::ConfigurationProfile,
        "urls" => IndicatorKind::Url,
        _ => return None,
    })
}

/// Loads a plain list: one value a line (`#` starts a comment), or a hosts file; the file
/// name may announce the kind (`domains.txt`, `package_names.txt`, ...).
pub(crate) fn load_plain(set: &mut IndicatorSet, src: usize, text: &str, file_name: &str) {
    let announced = kind_from_file_name(file_name);
    for (no, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        // hosts-file lines: "0.0.0.0 name" → the name.
        let mut tokens = line.split_whitespace();
        let first = tokens.next().unwrap_or_default();
        let value = match tokens.last() {
            Some(last) if first.parse::<IpAddr>().is_ok() => last,
            _ => line,
        };
        let kind = match announced {
            Some(IndicatorKind::Ipv4) | Some(IndicatorKind::Domain) => {
                guess_kind(value).or(announced)
            }
            Some(k) => Some(k),
            None => guess_kind(value),
        };
        match kind {
            Some(k) => {
                set.add(
                    k,
                    value,
                    IndicatorRole::Indicator,
                    None,
                    ThreatCategory::Spyware,
                    src,
                );
            }
            None => set.add_unsupported(
                src,
                &format!("line {}: {value}", no + 1),
                "cannot tell what this value is",
            ),
        }
    }
}

/// The columns of a CSV export Vigie reads.
enum CsvShape {
    /// Echap samples.csv: SHA256, Package Name, Certificate, Version, App.
    Samples {
        sha: usize,
        pkg: usize,
        cert: usize,
        app: Option<usize>,
    },
    /// Echap network.csv: type, indicator, app.
    Typed {
        ty: usize,
        ind: usize,
        app: Option<usize>,
    },
}

impl CsvShape {
    /// The shape its (lowercase) headers announce.
    fn of(headers: &[String]) -> Result<CsvShape, String> {
        let col = |name: &str| headers.iter().position(|h| h == name);
        if let (Some(sha), Some(pkg), Some(cert)) =
            (col("sha256"), col("package name"), col("certificate"))
        {
            Ok(CsvShape::Samples {
                sha,
                pkg,
                cert,
                app: col("app"),
            })
        } else if let (Some(ty), Some(ind)) = (col("type"), col("indicator")) {
            Ok(CsvShape::Typed {
                ty,
                ind,
                app: col("app"),
            })
        } else {
            Err(format!("unknown CSV columns: {}", headers.join(", ")))
        }
    }
}

/// Loads a CSV export (Echap's `samples.csv` or `network.csv`).
pub(crate) fn load_csv(set: &mut IndicatorSet, src: usize, text: &str) -> Result<(), String> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let shape = CsvShape::of(&headers)?;
    for (no, rec) in rdr.records().enumerate() {
        match rec {
            Ok(rec) => add_row(set, src, &shape, &rec),
            Err(e) => set.add_unsupported(src, &format!("row {}", no + 2), &e.to_string()),
        }
    }
    Ok(())
}

/// The indicators of one CSV row.
fn add_row(set: &mut IndicatorSet, src: usize, shape: &CsvShape, rec: &csv::StringRecord) {
    let get = |i: usize| rec.get(i).map(str::trim).filter(|s| !s.is_empty());
    let cat = ThreatCategory::Stalkerware;
    match *shape {
        CsvShape::Samples {
            sha,
            pkg,
            cert,
            app,
        } => {
            let app = app.and_then(get);
            let columns = [
                (sha, IndicatorKind::FileSha256),
                (pkg, IndicatorKind::AppId),
                (cert, IndicatorKind::AppCertSha1),
            ];
            for (column, kind) in columns {
                if let Some(v) = get(column) {
                    set.add(kind, v, IndicatorRole::Indicator, app, cat, src);
                }
            }
        }
        CsvShape::Typed { ty, ind, app } => {
            let app = app.and_then(get);
            let (Some(t), Some(v)) = (get(ty), get(ind)) else {
                return;
            };
            let kind = match t {
                "domain" => IndicatorKind::Domain,
                "ip" | "ipv4" | "ip4addr" => IndicatorKind::Ipv4,
                "ipv6" | "ip6addr" => IndicatorKind::Ipv6,
                "url" => IndicatorKind::Url,
                "package" => IndicatorKind::AppId,
                other => {
                    set.add_unsupported(src, &format!("{other},{v}"), "unknown indicator type");
                    return;
                }
            };
            set.add(kind, v, IndicatorRole::C2, app, cat, src);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FeedFormat, Source};

    #[test]
    fn plain_lists_and_hosts() {
        let mut set = IndicatorSet::new();
        let src = set.add_source(Source::for_test("t", FeedFormat::PlainList));
        load_plain(
            &mut set,
            src,
            "# comment\n0.0.0.0 evil.com\nfoo.org\n1.2.3.4\n??\n",
            "hosts",
        );
        assert_eq!(set.len(), 3);
        assert_eq!(set.unsupported().len(), 1);
        load_plain(&mut set, src, "com.spy.app\n", "package_names.txt");
        assert_eq!(
            set.match_exact(IndicatorKind::AppId, "com.spy.app").len(),
            1
        );
    }
}
