//! `vigie ncii`: intimate images shared without consent — hashes computed locally, the
//! case's evidence locker, copies found in a folder, and the hash list for take-down services.

use crate::env::{Env, Said};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_case::{LockerDescription, LockerItem, LockerKind};
use vigie_core::{Catalog, Message, Timestamp};
use vigie_ncii::MediaKind;

/// What the operator says about the items being added.
pub struct Described {
    /// Kind given with --kind (else guessed from each file).
    pub kind: Option<LockerKind>,
    /// The items are intimate images.
    pub sensitive: bool,
    /// When it was seen or published.
    pub seen_at: String,
    /// Where.
    pub place: String,
    /// Who posted it.
    pub posted_by: String,
    /// Its address.
    pub link: String,
    /// A note.
    pub note: String,
}

impl Described {
    fn description(&self, kind: LockerKind) -> LockerDescription {
        LockerDescription {
            kind,
            seen_at: self.seen_at.clone(),
            place: self.place.clone(),
            posted_by: self.posted_by.clone(),
            link: self.link.clone(),
            note: self.note.clone(),
        }
    }
}

/// The items of case `reference`'s locker.
fn locker_items(env: &Env, reference: &str) -> Result<Vec<LockerItem>> {
    let store = env.store()?;
    let case = store.find(reference).said(&env.cat)?;
    store.locker(case).said(&env.cat)
}

/// The file's own modification time (UTC).
fn file_modified(path: &Path) -> Option<String> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(Timestamp::from_secs_nanos(d.as_secs() as i64, 0).to_string())
}

/// `vigie ncii hash`: PDQ of images, MD5 of videos, for each file.
pub fn hash(cat: &Catalog, files: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut out = crate::shown::stdout();
    let mut rows = Vec::new();
    let mut failed = false;
    for f in files {
        match vigie_ncii::inspect_file(f) {
            Ok(facts) if facts.kind == MediaKind::Other => {
                failed = true;
                let e = vigie_ncii::NciiError::Unsupported;
                say!("{}", cat.text(&e.message(f)));
            }
            Ok(facts) => {
                if let Some(why) = facts.frames_missing {
                    say!(
                        "{}",
                        cat.text(
                            &Message::new(format!("ncii-no-frames-{}", why.as_str()))
                                .arg("path", f.display().to_string())
                        )
                    );
                }
                if let Some(missing) = facts.pdq_missing {
                    failed = true;
                    say!(
                        "{}",
                        cat.text(
                            &Message::new(format!("ncii-no-pdq-{}", missing.as_str()))
                                .arg("path", f.display().to_string())
                        )
                    );
                }
                rows.push((f.display().to_string(), facts));
            }
            Err(e) => {
                failed = true;
                say!("{}", cat.text(&e.message(f)));
            }
        }
    }
    if json {
        let doc: Vec<serde_json::Value> = rows
            .iter()
            .map(|(file, f)| {
                let mut v = serde_json::json!({"file": file, "kind": f.kind, "md5": f.md5,
                    "sha256": f.sha256});
                if let Some(h) = &f.pdq {
                    v["pdq"] = h.pdq.clone().into();
                    v["quality"] = h.quality.into();
                    v["width"] = h.width.into();
                    v["height"] = h.height.into();
                }
                if !f.frames.is_empty() {
                    v["frames"] = serde_json::json!(f.frames);
                }
                if let Some(m) = f.frames_missing {
                    v["frames_missing"] = m.as_str().into();
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        for (file, f) in &rows {
            match &f.pdq {
                Some(h) => writeln!(out, "{} {:>3} {file}", h.pdq, h.quality)?,
                None if f.kind == MediaKind::Video => {
                    writeln!(out, "md5:{} {file}", f.md5)?;
                    for fr in &f.frames {
                        writeln!(out, "  {} {:>3} {file}@{}s", fr.pdq, fr.quality, fr.second)?;
                    }
                }
                None => {}
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn item_line(cat: &Catalog, item: &LockerItem) -> String {
    let d = &item.entry.description;
    let mut line = format!(
        "#{} {} — {}",
        item.id.0,
        cat.key(&format!("ncii-kind-{}", d.kind.as_str())),
        item.entry.file_name.as_deref().unwrap_or(&d.link)
    );
    if item.entry.sensitive {
        line.push_str(&format!(" [{}]", cat.key("ncii-sensitive")));
    }
    if let Some(f) = &item.entry.facts {
        line.push_str(&format!("\n    SHA-256 {}", f.sha256));
        if let Some(h) = &f.pdq {
            line.push_str(&format!(
                "\n    PDQ {} ({} {})",
                h.pdq,
                cat.key("ncii-quality"),
                h.quality
            ));
        }
        if f.kind == MediaKind::Video {
            line.push_str(&format!("\n    MD5 {}", f.md5));
        }
    }
    line
}

/// `vigie ncii add`: files into the case's locker.
pub fn add(
    env: &Env,
    reference: &str,
    files: &[PathBuf],
    described: &Described,
    json: bool,
) -> Result<ExitCode> {
    let cat = &env.cat;
    // Every file must be readable before anything is stored.
    for f in files {
        std::fs::File::open(f)
            .map_err(|e| anyhow!(cat.text(&vigie_ncii::NciiError::Io(e.to_string()).message(f))))?;
    }
    let cat = &env.cat;
    let mut store = env.store()?;
    let case = env.case_in(&mut store, reference)?;
    let mut added = vec![];
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.display().to_string());
        let mut file = std::fs::File::open(f)?;
        let item = vigie_station::add_locker_file(
            &mut store,
            case,
            &name,
            &mut file,
            vigie_station::LockerFileInfo {
                source: Some(f.clone()),
                kind: described.kind,
                description: described.description(LockerKind::Other),
                sensitive: described.sensitive,
                file_modified: file_modified(f),
            },
            Timestamp::now(),
        )
        .said(cat)?;
        added.push(item);
    }
    print_items(cat, &added, json)?;
    say!(
        "{}",
        cat.text(
            &Message::new("ncii-added")
                .arg("count", added.len().to_string())
                .arg("reference", reference)
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `vigie ncii add-link`: a link (no file) into the case's locker.
pub fn add_link(env: &Env, reference: &str, described: &Described, json: bool) -> Result<ExitCode> {
    let cat = &env.cat;
    let mut store = env.store()?;
    let case = env.case_in(&mut store, reference)?;
    let item = store
        .add_locker_item(
            case,
            vigie_case::LockerEntry {
                description: described.description(LockerKind::Link),
                sensitive: described.sensitive,
                ..Default::default()
            },
            Timestamp::now(),
        )
        .said(cat)?;
    print_items(cat, &[item], json)?;
    Ok(ExitCode::SUCCESS)
}

fn print_items(cat: &Catalog, items: &[LockerItem], json: bool) -> Result<()> {
    let mut out = crate::shown::stdout();
    if json {
        serde_json::to_writer_pretty(&mut out, items)?;
        writeln!(out)?;
    } else {
        for item in items {
            writeln!(out, "{}", item_line(cat, item))?;
        }
    }
    Ok(())
}

/// `vigie ncii list`: the items of a case's locker.
pub fn list(env: &Env, reference: &str, json: bool) -> Result<ExitCode> {
    let cat = &env.cat;
    let items = locker_items(env, reference)?;
    if items.is_empty() && !json {
        writeln!(crate::shown::stdout(), "{}", cat.key("ncii-locker-empty"))?;
    }
    print_items(cat, &items, json)?;
    Ok(ExitCode::SUCCESS)
}

/// The locker items copies are looked for: the sensitive ones, or all with `all`.
fn targets(items: &[LockerItem], all: bool) -> Vec<vigie_ncii::Target> {
    items
        .iter()
        .filter(|i| i.entry.sensitive || all)
        .filter_map(|i| {
            let f = i.entry.facts.as_ref()?;
            Some(vigie_ncii::Target {
                label: i.id.0.to_string(),
                pdqs: f.pdqs(),
                sha256: f.sha256.clone(),
            })
        })
        .collect()
}

/// `vigie ncii find`: copies of the case's sensitive items in a folder.
#[allow(clippy::too_many_arguments)]
pub fn find(
    env: &Env,
    reference: &str,
    dir: &Path,
    max_distance: u32,
    threads: Option<usize>,
    all: bool,
    json: bool,
) -> Result<ExitCode> {
    let cat = &env.cat;
    let items = locker_items(env, reference)?;
    let targets = targets(&items, all);
    if targets.is_empty() {
        return Err(anyhow!(cat.text(
            &Message::new("ncii-find-nothing-to-look-for").arg("reference", reference)
        )));
    }
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(2)
    });
    let started = std::time::Instant::now();
    let report = vigie_ncii::find_copies(dir, &targets, max_distance, threads, &|_| {})
        .map_err(|e| anyhow!(cat.text(&e.message(dir))))?;
    let seconds = started.elapsed().as_secs_f64();
    let mut out = crate::shown::stdout();
    if json {
        let doc = serde_json::json!({
            "case": reference,
            "folder": dir.display().to_string(),
            "max_distance": max_distance,
            "files": report.files,
            "images": report.images,
            "images_without_pdq": report.images_without_pdq,
            "videos": report.videos,
            "seconds": seconds,
            "unreadable": report.unreadable.iter()
                .map(|(p, why)| serde_json::json!({"path": p.display().to_string(), "reason": why}))
                .collect::<Vec<_>>(),
            "matches": report.matches.iter().map(|m| serde_json::json!({
                "path": m.path.display().to_string(),
                "item": m.label.parse::<i64>().unwrap_or_default(),
                "distance": m.distance,
                "exact": m.exact,
                "quality": m.quality,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        for m in &report.matches {
            let key = if m.exact {
                "ncii-find-exact"
            } else {
                "ncii-find-similar"
            };
            writeln!(
                out,
                "{}",
                cat.text(
                    &Message::new(key)
                        .arg("path", m.path.display().to_string())
                        .arg("item", &m.label)
                        .arg("distance", m.distance.to_string())
                )
            )?;
        }
        writeln!(
            out,
            "{}",
            cat.text(
                &Message::new("ncii-find-summary")
                    .arg("files", report.files.to_string())
                    .arg("images", report.images.to_string())
                    .arg("videos", report.videos.to_string())
                    .arg("found", report.matches.len().to_string())
                    .arg("distance", max_distance.to_string())
                    .arg("seconds", format!("{seconds:.1}"))
            )
        )?;
        if report.images_without_pdq > 0 {
            writeln!(
                out,
                "{}",
                cat.text(
                    &Message::new("ncii-find-without-pdq")
                        .arg("count", report.images_without_pdq.to_string())
                )
            )?;
        }
        for (p, why) in &report.unreadable {
            writeln!(
                out,
                "{}",
                cat.text(
                    &Message::new("ncii-find-unreadable")
                        .arg("path", p.display().to_string())
                        .arg("detail", why)
                )
            )?;
        }
        writeln!(out, "{}", cat.key("ncii-find-limits"))?;
    }
    Ok(if report.matches.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `vigie ncii hashes`: the hash list of the case's sensitive items, for a take-down
/// service; no image, description or name is in it.
pub fn hashes(
    env: &Env,
    reference: &str,
    out_path: &Path,
    csv: bool,
    all: bool,
) -> Result<ExitCode> {
    let cat = &env.cat;
    let items = locker_items(env, reference)?;
    let (text, count) = if csv {
        vigie_station::hash_list_csv(&items, all)
    } else {
        vigie_station::hash_list_json(&items, all)
    };
    std::fs::write(out_path, &text)?;
    writeln!(
        crate::shown::stdout(),
        "{}",
        cat.text(
            &Message::new("ncii-hashes-written")
                .arg("count", count.to_string())
                .arg("path", out_path.display().to_string())
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
