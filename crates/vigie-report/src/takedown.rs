//! Take-down requests and the chronology of a case's evidence locker, from the editable
//! guidance files (`takedown-*` keys): what was published where and when, as told by the
//! person, and one draft request per place or address. No image is ever part of them.

use crate::guidance::Guidance;
use vigie_case::{LockerItem, LockerKind};

/// One line of the chronology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChronologyRow {
    /// The locker item's number.
    pub item: i64,
    /// When, as told (or "not said").
    pub when: String,
    /// Where.
    pub place: String,
    /// Who posted it.
    pub who: String,
    /// What it is (kind, and the file's name or the address).
    pub what: String,
    /// The file's SHA-256, where there is a file.
    pub sha256: Option<String>,
}

/// A draft request to a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its title ("Request to …").
    pub title: String,
    /// Its text, to copy.
    pub text: String,
}

/// The chronology and the drafts of a locker.
#[derive(Debug, Clone, Default)]
pub struct Takedown {
    /// What was published where and when, oldest first as told (items with no date last).
    pub chronology: Vec<ChronologyRow>,
    /// One draft per item that has a place or an address.
    pub drafts: Vec<Draft>,
}

/// Builds the chronology and drafts of `items` for case `reference`; `kind_name` names an
/// item's kind in the guidance's language.
pub fn takedown(
    guidance: &Guidance,
    reference: &str,
    items: &[LockerItem],
    kind_name: &dyn Fn(LockerKind) -> String,
) -> Takedown {
    let not_said = guidance
        .text("takedown-not-said", &[])
        .unwrap_or_else(|| "—".into());
    let or_not_said = |s: &str| {
        if s.trim().is_empty() {
            not_said.clone()
        } else {
            s.trim().to_owned()
        }
    };
    let mut sorted: Vec<&LockerItem> = items.iter().collect();
    sorted.sort_by(|a, b| {
        let (da, db) = (&a.entry.description.seen_at, &b.entry.description.seen_at);
        (da.trim().is_empty(), da, a.id).cmp(&(db.trim().is_empty(), db, b.id))
    });
    let mut out = Takedown::default();
    for item in sorted {
        let e = &item.entry;
        let d = &e.description;
        let name = e.file_name.as_deref().unwrap_or(&d.link);
        out.chronology.push(ChronologyRow {
            item: item.id.0,
            when: or_not_said(&d.seen_at),
            place: or_not_said(&d.place),
            who: or_not_said(&d.posted_by),
            what: format!("{} — {name}", kind_name(d.kind)),
            sha256: e.facts.as_ref().map(|f| f.sha256.clone()),
        });
        if d.place.trim().is_empty() && d.link.trim().is_empty() {
            continue;
        }
        let place = if d.place.trim().is_empty() {
            d.link.trim().to_owned()
        } else {
            d.place.trim().to_owned()
        };
        let hash = e
            .facts
            .as_ref()
            .map(|f| f.sha256.clone())
            .unwrap_or_else(|| not_said.clone());
        let what = kind_name(d.kind).to_lowercase();
        let args = [
            ("case", reference),
            ("when", &or_not_said(&d.seen_at)),
            ("where", &place),
            ("who", &or_not_said(&d.posted_by)),
            ("link", &or_not_said(&d.link)),
            ("what", &what),
            ("hash", &hash),
        ];
        out.drafts.push(Draft {
            title: guidance
                .text("takedown-draft-title", &args)
                .unwrap_or_else(|| place.clone()),
            text: guidance.text("takedown-draft", &args).unwrap_or_default(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_case::{LockerDescription, LockerEntry, LockerId};
    use vigie_core::Lang;

    fn item(id: i64, seen_at: &str, place: &str, link: &str) -> LockerItem {
        LockerItem {
            id: LockerId(id),
            added: "2026-11-25T10:00:00Z".into(),
            added_by: None,
            entry: LockerEntry {
                description: LockerDescription {
                    kind: LockerKind::Link,
                    seen_at: seen_at.into(),
                    place: place.into(),
                    posted_by: String::new(),
                    link: link.into(),
                    note: String::new(),
                },
                ..Default::default()
            },
        }
    }

    #[test]
    fn chronology_is_ordered_as_told_and_drafts_name_the_place() {
        let g = Guidance::load(Lang::Fr, None).expect("guidance");
        let items = [
            item(1, "", "", ""),
            item(2, "2026-11-21", "Telegram", "https://t.me/x/1"),
            item(3, "2026-11-20", "", "https://example.org/p"),
        ];
        let t = takedown(&g, "PV-1", &items, &|k| format!("{k:?}"));
        let order: Vec<i64> = t.chronology.iter().map(|r| r.item).collect();
        assert_eq!(order, vec![3, 2, 1]);
        assert_eq!(t.chronology[2].when, "non précisé");
        assert_eq!(t.drafts.len(), 2);
        assert_eq!(t.drafts[1].title, "Demande à Telegram");
        assert!(t.drafts[1].text.contains("https://t.me/x/1"));
        assert!(t.drafts[1].text.contains("PV-1"));
        assert!(t.drafts[0].text.contains("sur https://example.org/p"));
    }
}
