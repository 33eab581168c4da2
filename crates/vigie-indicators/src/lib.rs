//! Vigie's indicator model.
//!
//! Feeds in several formats — the Echap association's `ioc.yaml` / `watchware.yaml`, STIX 2.1
//! bundles as Amnesty's MVT publishes them, TinyCheck's JSON export, MISP events, CSV exports
//! and plain lists — load into one normalised [`IndicatorSet`]. Every [`Indicator`] keeps its
//! source, the app or campaign it belongs to and its [`ThreatCategory`]. Lookups cost a number
//! of hash probes bounded by the number of labels in a name (or bits in an address), never by
//! the number of indicators.
//!
//! What a feed holds that Vigie cannot use is kept as [`Unsupported`] entries and reported,
//! never dropped silently.

mod load;
mod model;
mod normalize;
mod set;
mod store;

pub use load::mvt_index::{mvt_index, IndexEntry, IndexLocation};
pub use load::{load_bytes, load_path, FeedFormat, LoadError};
pub use model::{Indicator, IndicatorKind, IndicatorRole, Source, Unsupported};
pub use normalize::{normalize_domain, normalize_hash, normalize_url, url_host};
pub use set::{IndicatorSet, SourceSummary};
pub use store::{FeedStore, ImportOutcome, Pins, StoreError, StoredFeed};
pub use vigie_core::ThreatCategory;
