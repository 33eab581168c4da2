//! `vigie verify`'s side of an export, offline and streamed: the archive is read once, block
//! by block, hashing as it goes (a 2.4 GB archive no longer takes as much memory); only the
//! manifest and the signature are kept. Then the signature over every byte before its own
//! header, each entry's blocks and content against the manifest, and that nothing is
//! missing or added.

use crate::export::{blocks, fingerprint, Manifest, BLOCK};
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use std::io::Read;
use vigie_core::Message;

/// Largest manifest or signature read (a manifest lists thousands of files in a few MiB).
const MAX_KEPT: u64 = 64 * 1024 * 1024;

/// What checking an export found.
#[derive(Debug, Clone, Default)]
pub struct ExportCheck {
    /// The manifest, when it could be read.
    pub manifest: Option<Manifest>,
    /// The fingerprint of the key the archive names as its signer (SHA-256 of the public
    /// key, 64 hex digits). A forger can sign with a key of his own: only comparing it with
    /// the station's ([`crate::CaseStore::station_fingerprint`]) proves who signed.
    pub key_fingerprint: Option<String>,
    /// Entries checked.
    pub checked: usize,
    /// What is wrong, each naming the entry it is in.
    pub problems: Vec<Message>,
}

impl ExportCheck {
    /// Whether the archive names `fingerprint` (64 hex digits) as its signer.
    pub fn signed_by(&self, fingerprint: &str) -> bool {
        self.key_fingerprint.as_deref() == Some(fingerprint)
    }
}

/// A fingerprint as typed (any case, spaces or colons between groups), as 64 hex digits;
/// `None` when it is not one.
pub fn parse_fingerprint(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (digits.len() == 64 && digits.bytes().all(|b| b.is_ascii_hexdigit())).then_some(digits)
}

/// One tar entry as read.
struct Entry {
    path: String,
    /// Its header block.
    header: [u8; BLOCK],
    /// Content bytes present, their SHA-256, and whether the whole announced size was there.
    size: u64,
    content_sha256: String,
    whole: bool,
    /// SHA-256 of header, content and padding.
    blocks_sha256: String,
    /// The content, for the manifest and the signature.
    kept: Option<Vec<u8>>,
    /// SHA-256 of every byte of the archive before this entry's header.
    before: [u8; 32],
}

/// The archive as read: its entries, and whether it ended with end-of-archive blocks and
/// nothing but zeros after them (`None`: it did not end so).
struct Scanned {
    entries: Vec<Entry>,
    clean_end: Option<bool>,
}

/// Reads up to `buf.len()` bytes; fewer only at the end of the archive.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// The size a header announces, if it can be read.
fn announced_size(h: &[u8; BLOCK]) -> Option<u64> {
    std::str::from_utf8(&h[124..136])
        .ok()
        .map(|s| s.trim_matches(|c: char| c == '\0' || c == ' '))
        .and_then(|s| u64::from_str_radix(s, 8).ok())
}

/// Reads the archive once, hashing each entry and everything before each header.
fn scan(r: &mut impl Read) -> std::io::Result<Scanned> {
    let mut all = Sha256::new();
    let mut entries = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let mut header = [0u8; BLOCK];
        if read_full(r, &mut header)? < BLOCK {
            return Ok(Scanned {
                entries,
                clean_end: None,
            });
        }
        if header.iter().all(|&b| b == 0) {
            // The end: nothing but zeros may follow.
            let mut zeros = true;
            loop {
                let n = read_full(r, &mut buf)?;
                zeros &= buf[..n].iter().all(|&b| b == 0);
                if n < buf.len() {
                    return Ok(Scanned {
                        entries,
                        clean_end: Some(zeros),
                    });
                }
            }
        }
        let before: [u8; 32] = all.clone().finalize().into();
        all.update(header);
        let name_end = header[..100].iter().position(|&b| b == 0).unwrap_or(100);
        let path = String::from_utf8_lossy(&header[..name_end]).into_owned();
        let mut blocks_hash = Sha256::new();
        blocks_hash.update(header);
        let Some(size) = announced_size(&header) else {
            entries.push(Entry {
                path,
                header,
                size: 0,
                content_sha256: hex::encode(Sha256::digest(b"")),
                whole: false,
                blocks_sha256: hex::encode(blocks_hash.finalize()),
                kept: None,
                before,
            });
            return Ok(Scanned {
                entries,
                clean_end: None,
            });
        };
        let keeps = (entries.is_empty() && path == "manifest.json") || path == "manifest.sig";
        let mut kept = (keeps && size <= MAX_KEPT).then(Vec::new);
        let mut content = Sha256::new();
        let mut left = size;
        while left > 0 {
            let want = left.min(buf.len() as u64) as usize;
            let n = read_full(r, &mut buf[..want])?;
            content.update(&buf[..n]);
            blocks_hash.update(&buf[..n]);
            all.update(&buf[..n]);
            if let Some(k) = kept.as_mut() {
                k.extend_from_slice(&buf[..n]);
            }
            left -= n as u64;
            if n < want {
                break;
            }
        }
        let whole = left == 0;
        let pad = ((BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64) as usize;
        let padded = whole && read_full(r, &mut buf[..pad])? == pad;
        if padded {
            blocks_hash.update(&buf[..pad]);
            all.update(&buf[..pad]);
        }
        entries.push(Entry {
            path,
            header,
            size: size - left,
            content_sha256: hex::encode(content.finalize()),
            whole,
            blocks_sha256: hex::encode(blocks_hash.finalize()),
            kept,
            before,
        });
        if !padded {
            return Ok(Scanned {
                entries,
                clean_end: None,
            });
        }
    }
}

/// Checks an export, offline: the signature over everything before it, then each entry's
/// blocks and content against the manifest, and that nothing is missing or added. The
/// archive is read once, with memory that does not grow with it.
pub fn check_export(mut archive: impl Read) -> ExportCheck {
    let mut report = ExportCheck::default();
    let scanned = match scan(&mut archive) {
        Ok(s) => s,
        Err(e) => {
            report
                .problems
                .push(Message::new("export-unreadable").arg("detail", e.to_string()));
            return report;
        }
    };
    let problem = |key: &str, path: &str| Message::new(key).arg("file", path);
    let entries = &scanned.entries;
    let Some(first) = entries.first().filter(|e| e.path == "manifest.json") else {
        report
            .problems
            .push(problem("export-no-manifest", "manifest.json"));
        return report;
    };
    let parsed = first
        .kept
        .as_deref()
        .filter(|_| first.whole)
        .and_then(|m| serde_json::from_slice::<Manifest>(m).ok());
    let Some(manifest) = parsed else {
        report
            .problems
            .push(problem("export-altered", "manifest.json"));
        return report;
    };
    let key = hex::decode(&manifest.station_key)
        .ok()
        .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
        .and_then(|k| VerifyingKey::from_bytes(&k).ok());
    report.key_fingerprint = key.as_ref().map(fingerprint);
    let sig = entries.iter().rposition(|e| e.path == "manifest.sig");
    let signature_ok = match (sig.map(|i| &entries[i]), &key) {
        (Some(s), Some(k)) => s
            .kept
            .as_deref()
            .and_then(|b| Signature::from_slice(b).ok())
            .is_some_and(|signature| k.verify(&s.before, &signature).is_ok()),
        _ => false,
    };
    let mut located = check_entries(&manifest, entries, &mut report);
    located |= check_ending(first, sig, &scanned, &mut report.problems);
    if !signature_ok {
        // A change the entries do not show is in the manifest or the signature itself.
        let name = if sig.is_none() || located {
            "manifest.sig"
        } else {
            "manifest.json / manifest.sig"
        };
        report.problems.push(problem("export-signature", name));
    }
    report.manifest = Some(manifest);
    report
}

/// Each entry against the manifest, and entries the manifest does not list; true when a
/// problem was found in a named entry.
fn check_entries(manifest: &Manifest, entries: &[Entry], report: &mut ExportCheck) -> bool {
    let problem = |key: &str, path: &str| Message::new(key).arg("file", path);
    let listed: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.path != "manifest.json" && e.path != "manifest.sig")
        .collect();
    let mut located = false;
    for want in &manifest.entries {
        match listed.iter().find(|e| e.path == want.path) {
            None => report.problems.push(problem("export-missing", &want.path)),
            Some(e) => {
                report.checked += 1;
                if !e.whole || e.size != want.size || e.content_sha256 != want.sha256 {
                    report.problems.push(problem("export-altered", &want.path));
                    located = true;
                } else if e.blocks_sha256 != want.blocks_sha256 {
                    report
                        .problems
                        .push(problem("export-header-altered", &want.path));
                    located = true;
                }
            }
        }
    }
    for e in &listed {
        if !manifest.entries.iter().any(|w| w.path == e.path) {
            report.problems.push(problem("export-added", &e.path));
            located = true;
        }
    }
    located
}

/// The signature's own blocks are exactly what the station writes (the signed manifest's
/// date, zero padding), and only end-of-archive zeros follow it; true when not.
fn check_ending(
    first: &Entry,
    sig: Option<usize>,
    scanned: &Scanned,
    problems: &mut Vec<Message>,
) -> bool {
    let problem = |key: &str, path: &str| Message::new(key).arg("file", path);
    let mut located = false;
    if let Some(s) = sig.map(|i| &scanned.entries[i]) {
        let mtime = std::str::from_utf8(&first.header[136..148])
            .ok()
            .map(|t| t.trim_matches(|c: char| c == '\0' || c == ' '))
            .and_then(|t| u64::from_str_radix(t, 8).ok())
            .unwrap_or(0);
        let expected = s
            .kept
            .as_deref()
            .map(|c| hex::encode(Sha256::digest(blocks("manifest.sig", c, mtime))));
        if expected.as_deref() != Some(s.blocks_sha256.as_str()) {
            problems.push(problem("export-header-altered", "manifest.sig"));
            located = true;
        }
    }
    let sig_is_last = sig.is_some_and(|i| i + 1 == scanned.entries.len());
    match scanned.clean_end {
        Some(true) if sig_is_last || sig.is_none() => {}
        _ => {
            problems.push(problem("export-trailer-altered", "(end of archive)"));
            located = true;
        }
    }
    located
}
