//! What an update did with one feed.

use crate::download::FetchError;
use vigie_core::{Localized, Message};
use vigie_indicators::{StoreError, StoredFeed};

/// What an update did with one feed.
#[derive(Debug)]
pub enum Outcome {
    /// Stored (new, or a new version).
    Stored(StoredFeed),
    /// Downloaded but refused by the store; the stored version is kept.
    Refused(StoreError),
    /// Not downloaded; the stored version is kept.
    Failed(FetchError),
    /// Nothing new at the source.
    Unchanged,
}

impl Outcome {
    /// True when the feed was stored.
    pub fn is_stored(&self) -> bool {
        matches!(self, Outcome::Stored(_) | Outcome::Unchanged)
    }

    /// A translatable message for a failure (keys in the command line's translation files).
    pub fn failure_message(&self) -> Option<Message> {
        match self {
            Outcome::Stored(_) | Outcome::Unchanged => None,
            Outcome::Refused(e) => Some(e.message()),
            Outcome::Failed(FetchError::Transfer { url, detail }) => Some(
                Message::new("update-error-transfer")
                    .arg("url", url)
                    .arg("detail", detail),
            ),
            Outcome::Failed(FetchError::TooLarge { url, limit }) => Some(
                Message::new("update-error-too-large")
                    .arg("url", url)
                    .arg("limit", limit.to_string()),
            ),
        }
    }
}
