//! Vigie's shared model.
//!
//! Every kind of check (network, Android, iOS, image evidence) follows one flow:
//! source → observations → rules → [`Finding`]s → case → report. This crate holds what
//! those checks share: [`Finding`], [`Severity`], [`Evidence`], the [`Verdict`] built
//! from findings, the [`CheckKind`]s, the [`FindingSet`] rules raise findings into, UTC
//! [`Timestamp`]s, and the translation [`Catalog`] that turns message keys into French or
//! English text ([`FindingView`]: a finding's words for people). It does no I/O.
#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod check;
mod finding;
mod i18n;
mod set;
mod time;
mod verdict;
mod view;

pub use check::CheckKind;
pub use finding::{Evidence, Finding, IndicatorRef, Message, Severity, ThreatCategory};
pub use i18n::{Catalog, Lang, LocaleResource, Localized};
pub use set::FindingSet;
pub use time::{Timestamp, TimestampError};
pub use verdict::{Coverage, Verdict, VerdictLevel};
pub use view::{evidence_text, severity_label, FindingView, IndicatorView};

/// Declares a crate's `LOCALES`: its `locales/en.ftl` and `locales/fr.ftl`, embedded, with
/// the given doc line.
#[macro_export]
macro_rules! locales {
    ($doc:literal) => {
        #[doc = $doc]
        pub const LOCALES: &[$crate::LocaleResource] = &[
            $crate::LocaleResource {
                lang: $crate::Lang::En,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en.ftl")),
            },
            $crate::LocaleResource {
                lang: $crate::Lang::Fr,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/fr.ftl")),
            },
        ];
    };
}

crate::locales!(
    "Translation resources of this crate (verdict and shared wording), for [`Catalog::new`]."
);
