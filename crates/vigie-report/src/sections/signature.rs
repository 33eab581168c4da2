//! Who wrote the report, for whom, with the date and a line to sign: what a document for a
//! judge carries at its end.

use crate::model::Block;
use crate::settings::ReportSettings;
use vigie_core::{Catalog, Message, Timestamp};

/// Writes the block.
pub(crate) fn signature(b: &mut Vec<Block>, cat: &Catalog, s: &ReportSettings, now: Timestamp) {
    b.push(Block::Subheading(cat.key("report-signature-title")));
    let author = s
        .author
        .as_deref()
        .map(|a| super::custody::who(cat, Some(a)))
        .unwrap_or_else(|| cat.key("report-who-unrecorded"));
    let line = match &s.unit {
        Some(unit) => Message::new("report-signature-author")
            .arg("author", author)
            .arg("unit", unit.clone()),
        // No unit in the station's settings: a line to write it by hand.
        None => Message::new("report-signature-author-alone").arg("author", author),
    };
    b.push(Block::Para(cat.text(&line)));
    if s.unit.is_none() {
        b.push(Block::Para(cat.key("report-signature-unit-blank")));
    }
    let when = Message::new("report-signature-date").arg("when", cat.date(&now.to_string()));
    b.push(Block::Para(cat.text(&when)));
    b.push(Block::Para(cat.key("report-signature-line")));
}
