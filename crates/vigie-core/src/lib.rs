//! Vigie's shared model.
//!
//! Every kind of check (network, Android, iOS, image evidence) follows one flow:
//! source → observations → rules → [`Finding`]s → case → report. This crate holds what
//! those checks share: [`Finding`], [`Severity`], [`Evidence`], the [`Verdict`] built
//! from findings, UTC [`Timestamp`]s, and the translation [`Catalog`] that turns message
//! keys into French or English text. It does no I/O.

mod finding;
mod i18n;
mod time;
mod verdict;

pub use finding::{Evidence, Finding, IndicatorRef, Message, Severity, ThreatCategory};
pub use i18n::{Catalog, Lang, LocaleResource};
pub use time::Timestamp;
pub use verdict::{Coverage, Verdict, VerdictLevel};

/// Translation resources of this crate (verdict and shared wording), for [`Catalog::new`].
pub const LOCALES: &[LocaleResource] = &[
    LocaleResource {
        lang: Lang::En,
        source: include_str!("../locales/en.ftl"),
    },
    LocaleResource {
        lang: Lang::Fr,
        source: include_str!("../locales/fr.ftl"),
    },
];
