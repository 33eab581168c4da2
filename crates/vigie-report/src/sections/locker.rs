//! The evidence locker's part of a report: each item by its description and fingerprints
//! (what was told apart from what the file records); what the person told of when and where
//! is in the chronology. No image is ever printed.

use super::Sources;
use crate::guidance::Guidance;
use crate::model::Block;
use vigie_case::{LockerItem, LockerKind};
use vigie_core::{Catalog, Message};

/// Writes the section.
pub(crate) fn locker(b: &mut Vec<Block>, cat: &Catalog, guidance: &Guidance, src: &Sources) {
    b.push(Block::PageBreak);
    b.push(Block::Heading(cat.key("report-locker-title")));
    b.push(Block::Para(cat.key("report-locker-intro")));
    for item in &src.locker {
        item_blocks(b, cat, item);
        // A file withdrawn from the case (added by mistake) is said so where it is described.
        let withdrawn = src
            .evidence
            .iter()
            .filter(|e| Some(e.id) == item.entry.evidence)
            .find_map(|e| e.withdrawn.as_ref());
        if let Some(w) = withdrawn {
            let m = Message::new("report-locker-withdrawn")
                .arg("when", cat.date(&w.when))
                .arg("by", super::custody::who(cat, w.by.as_deref()))
                .arg("reason", &w.reason);
            b.push(Block::Para(cat.text(&m)));
        }
    }
    // What the items date is in the chronology; here, the law in plain words.
    if let Some(legal) = guidance.text("takedown-legal", &[]) {
        b.push(Block::Para(legal));
    }
}

/// A labelled value.
fn field(cat: &Catalog, key: &str, value: &str) -> String {
    cat.text(
        &Message::new("report-locker-field")
            .arg("label", cat.key(key))
            .arg("value", value),
    )
}

/// The name of an item's kind.
fn kind_name(cat: &Catalog, k: LockerKind) -> String {
    cat.key(&format!("ncii-kind-{}", k.as_str()))
}

/// One item: its title, what was told, what the file records.
fn item_blocks(b: &mut Vec<Block>, cat: &Catalog, item: &LockerItem) {
    let e = &item.entry;
    let d = &e.description;
    let mut title = format!(
        "#{} {} — {}",
        item.id.0,
        kind_name(cat, d.kind),
        e.file_name.as_deref().unwrap_or(&d.link)
    );
    if e.sensitive {
        title.push_str(&format!(" ({})", cat.key("ncii-sensitive")));
    }
    b.push(Block::Subheading(title));
    let told = [
        ("report-locker-seen-at", &d.seen_at),
        ("report-locker-place", &d.place),
        ("report-locker-posted-by", &d.posted_by),
        ("report-locker-link", &d.link),
        ("report-locker-note", &d.note),
    ];
    for (key, value) in told.iter().filter(|(_, v)| !v.trim().is_empty()) {
        b.push(Block::Bullet(field(cat, key, value)));
    }
    b.push(Block::Para(format!(
        "{} {}",
        cat.key("report-locker-file-says"),
        recorded(cat, item).join(" · ")
    )));
}

/// What a file records itself: when it was added, its fingerprints, its dates and device.
fn recorded(cat: &Catalog, item: &LockerItem) -> Vec<String> {
    let e = &item.entry;
    let mut file = vec![field(cat, "report-locker-added", &cat.date(&item.added))];
    let Some(f) = &e.facts else {
        return file;
    };
    file.push(format!("SHA-256 {}", f.sha256));
    if let Some(h) = &f.pdq {
        let quality = cat.key("ncii-quality");
        file.push(format!("PDQ {} ({quality} {})", h.pdq, h.quality));
    }
    file.push(format!("MD5 {}", f.md5));
    if let Some(m) = &e.file_modified {
        file.push(field(cat, "report-locker-file-date", m));
    }
    if let Some(x) = &f.exif {
        if let Some(taken) = &x.taken {
            file.push(field(cat, "report-locker-exif-taken", taken));
        }
        if let Some(device) = &x.device {
            file.push(field(cat, "report-locker-exif-device", device));
        }
    }
    file
}
