#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
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
//!
//! The flow: [`load_path`] (a file or a folder) or [`load_bytes`] detects each feed's
//! [`FeedFormat`] and adds its indicators to an [`IndicatorSet`], normalised; the checks then
//! ask the set (`match_domain`, `match_ip`, `match_exact`, ...). A [`FeedStore`] keeps the
//! feeds a station has imported, each version checked before it replaces the last.
//!
//! # Example
//!
//! ```
//! use vigie_indicators::{load_bytes, IndicatorKind, IndicatorSet};
//!
//! let feed = b"
//! - name: SpyApp
//!   packages: [com.spy.app]
//!   c2:
//!     domains: [c2.spy.example]
//! ";
//! let mut set = IndicatorSet::new();
//! load_bytes(&mut set, "ioc.yaml", feed, None)?;
//!
//! // A sub-domain of an indicator domain matches it.
//! let hits = set.match_domain("api.C2.spy.example.");
//! assert_eq!(hits[0].value, "c2.spy.example");
//! assert_eq!(hits[0].app.as_deref(), Some("SpyApp"));
//! assert!(set.match_domain("spy.example").is_empty());
//! assert_eq!(set.match_exact(IndicatorKind::AppId, "com.spy.app").len(), 1);
//! # Ok::<(), vigie_indicators::LoadError>(())
//! ```

mod load;
mod model;
mod normalize;
mod set;
mod store;

pub use load::mvt_index::{mvt_index, IndexEntry, IndexLocation};
pub use load::{load_bytes, load_path, LoadError};
pub use model::{FeedFormat, Indicator, IndicatorKind, IndicatorRole, Source, Unsupported};
pub use normalize::{normalize_domain, normalize_hash, normalize_url, url_host};
pub use set::{IndicatorSet, SourceSummary};
pub use store::{FeedStore, ImportOutcome, Pins, StoreError, StoredFeed};
pub use vigie_core::ThreatCategory;
