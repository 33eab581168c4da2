//! The interview checklist: questions an operator may go through with the person (all
//! optional), stored in the case; the answers appear in the report and steer its next steps.

use serde_json::Value;

/// The questions, by key; their texts are `interview-<key>` in the translation files.
pub const QUESTIONS: &[&str] = &[
    "consent",
    "phone-access",
    "shared-accounts",
    "location-sharing",
    "cloud-backup",
    "unknown-devices",
    "images-shared",
];

/// An answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Yes.
    Yes,
    /// No.
    No,
    /// The person does not know.
    DontKnow,
}

impl Answer {
    /// From its form value (`yes`, `no`, `unknown`).
    pub fn parse(v: &str) -> Option<Answer> {
        match v {
            "yes" => Some(Answer::Yes),
            "no" => Some(Answer::No),
            "unknown" => Some(Answer::DontKnow),
            _ => None,
        }
    }

    /// Its form value.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::DontKnow => "unknown",
        }
    }
}

/// Answers as stored: `{"answers": {KEY: {"answer": "yes", "note": "..."}}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interview {
    /// (question key, answer, note), in the order of [`QUESTIONS`].
    pub answers: Vec<(&'static str, Answer, String)>,
}

impl Interview {
    /// Reads stored answers; unknown keys and values are left out.
    pub fn from_json(v: &Value) -> Interview {
        let answers = QUESTIONS
            .iter()
            .filter_map(|q| {
                let a = &v["answers"][*q];
                let answer = Answer::parse(a["answer"].as_str()?)?;
                let note = a["note"].as_str().unwrap_or_default().trim().to_owned();
                Some((*q, answer, note))
            })
            .collect();
        Interview { answers }
    }

    /// The document to store.
    pub fn to_json(&self) -> Value {
        let mut answers = serde_json::Map::new();
        for (q, a, note) in &self.answers {
            answers.insert(
                (*q).to_owned(),
                serde_json::json!({"answer": a.code(), "note": note}),
            );
        }
        serde_json::json!({ "answers": answers })
    }

    /// The answer to a question, with its note, if one was given.
    pub fn answer(&self, key: &str) -> Option<(Answer, &str)> {
        let found = self.answers.iter().find(|(q, _, _)| *q == key);
        found.map(|(_, a, note)| (*a, note.as_str()))
    }

    /// Whether the person answered yes to a question.
    pub fn yes(&self, key: &str) -> bool {
        self.answers
            .iter()
            .any(|(q, a, _)| *q == key && *a == Answer::Yes)
    }
}
