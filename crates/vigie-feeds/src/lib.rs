#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
//! Vigie's feed clients: `vigie iocs update` downloads the Echap feed and every STIX bundle
//! listed in MVT's indicator index into the station's [`FeedStore`].
//!
//! Downloads have a connect and an overall timeout, are retried, and are size-limited; each
//! feed goes through [`FeedStore::put`], so a failed, partial, garbage or shrunken download
//! never leaves the station with fewer indicators than before: the stored version is kept
//! and the outcome says why.
//!
//! The flow: [`update`] fetches the public feeds as an [`UpdateConfig`] says; [`pull_taxii`]
//! and [`pull_misp`] pull what sharing partners publish ([`TaxiiClient`], [`MispClient`]);
//! each returns an [`Outcome`] per feed. The other way, [`sightings_from_findings`] turns a
//! check's findings into anonymous [`Sighting`]s, shared as [`sightings_stix_objects`] or
//! MISP sightings.
//!
//! [`FeedStore`]: vigie_indicators::FeedStore
//! [`FeedStore::put`]: vigie_indicators::FeedStore::put

mod download;
mod misp;
mod outcome;
mod sightings;
mod taxii;
mod update;

pub use download::FetchError;
pub use misp::{pull_misp, MispClient};
pub use outcome::Outcome;
pub use sightings::{sightings_from_findings, sightings_stix_objects, Sighting};
pub use taxii::{pull_taxii, Auth, Collection, Pulled, TaxiiClient};
pub use update::{update, UpdateConfig};
