//! The person's word on what a check flagged (an app, a web address): she uses it or set it
//! up herself, she does not know it, or someone else set it up, with a note. Each answer is a
//! row of its own, logged with the operator who recorded it; the latest on a thing counts,
//! and the earlier ones stay in the file.

use crate::store::to_json;
use crate::{CaseError, CaseId, CaseStore};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use vigie_core::{Message, Timestamp};

/// Longest note kept with an answer, in characters (longer ones are cut).
pub const MAX_ANSWER_NOTE: usize = 2000;

/// What the person says of a flagged thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PersonSays {
    /// She uses it, or set it up herself.
    InstalledIt,
    /// She does not know it.
    DoesNotKnowIt,
    /// Someone else set it up.
    SomeoneElse,
}

impl PersonSays {
    /// Every answer, in the order the forms offer them.
    pub const ALL: [PersonSays; 3] = [
        PersonSays::InstalledIt,
        PersonSays::DoesNotKnowIt,
        PersonSays::SomeoneElse,
    ];

    /// The answer's name in forms and stored documents.
    pub fn name(self) -> &'static str {
        match self {
            PersonSays::InstalledIt => "installed-it",
            PersonSays::DoesNotKnowIt => "does-not-know-it",
            PersonSays::SomeoneElse => "someone-else",
        }
    }

    /// The answer that a form's value names.
    pub fn from_name(name: &str) -> Option<PersonSays> {
        PersonSays::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The answer in words (a catalog key).
    pub fn label_key(self) -> String {
        format!("person-says-{}", self.name())
    }
}

/// One answer of the person about a thing a check flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAnswer {
    /// The stored check that flagged it.
    pub scan: i64,
    /// What was flagged, as its findings name it (an app's package, a domain).
    pub subject: String,
    /// What she says of it, when she answered.
    pub says: Option<PersonSays>,
    /// What she added, in the operator's words.
    pub note: String,
    /// When it was recorded.
    pub recorded: Timestamp,
}

impl PersonAnswer {
    /// The answer as a sentence ("The person's answer: someone else set it up — note").
    pub fn message(&self) -> Message {
        let key = match (self.says, self.note.is_empty()) {
            (Some(_), true) => "person-answer",
            (Some(_), false) => "person-answer-noted",
            (None, _) => "person-answer-note",
        };
        let says = self.says.map(|s| s.label_key()).unwrap_or_default();
        Message::new(key)
            .arg("says_keys", says)
            .arg("note", &self.note)
    }
}

impl CaseStore {
    /// Records the person's answer about something check `answer.scan` of `case` flagged.
    pub fn save_answer(&mut self, case: CaseId, answer: &PersonAnswer) -> Result<(), CaseError> {
        match self.row_of("scans", answer.scan)? {
            Some((c, _)) if c == case => {}
            _ => return Err(CaseError::NoScan(answer.scan)),
        }
        let mut kept = answer.clone();
        kept.note = answer.note.trim().chars().take(MAX_ANSWER_NOTE).collect();
        let plain = to_json(&kept)?;
        self.in_transaction(|s| {
            let id = s.next_id("answers")?;
            s.put_row(
                "answers",
                id,
                Some(case.0),
                &plain,
                "answer-saved",
                answer.recorded,
            )
        })
    }

    /// The person's latest answer on each thing flagged in `case`, by check and thing.
    pub fn answers(&self, case: CaseId) -> Result<Vec<PersonAnswer>, CaseError> {
        let mut latest = BTreeMap::new();
        for (id, body) in self.rows_of_case("answers", case)? {
            let a: PersonAnswer = self.open_json("answers", id, &body)?;
            latest.insert((a.scan, a.subject.clone()), a);
        }
        Ok(latest.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KdfParams;

    const T: Timestamp = Timestamp(1_764_000_000_000_000_000);

    #[test]
    fn the_latest_answer_counts_and_belongs_to_its_case() {
        let dir = std::env::temp_dir().join(format!("vigie-answers-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let mut st =
            CaseStore::open(&dir.join("cases.db"), "pw", KdfParams::for_tests(), T).expect("open");
        let case = st.case("PV-A", T).expect("case");
        let other = st.case("PV-B", T).expect("case");
        let scan = st.add_scan(case, b"{}", T).expect("scan");
        let mut a = PersonAnswer {
            scan,
            subject: "com.example.tracker".into(),
            says: Some(PersonSays::DoesNotKnowIt),
            note: String::new(),
            recorded: T,
        };
        st.save_answer(case, &a).expect("saved");
        a.says = Some(PersonSays::InstalledIt);
        a.note = "  pour retrouver son téléphone  ".into();
        st.save_answer(case, &a).expect("saved again");
        let got = st.answers(case).expect("answers");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].says, Some(PersonSays::InstalledIt));
        assert_eq!(got[0].note, "pour retrouver son téléphone");
        // A check of another case is not answered about from this one.
        assert!(matches!(
            st.save_answer(other, &a),
            Err(CaseError::NoScan(_))
        ));
        assert!(st.answers(other).expect("none").is_empty());
        assert!(st.verify().expect("verify").problems.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
