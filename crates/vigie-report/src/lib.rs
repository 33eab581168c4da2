//! Vigie's reports. A case (or one check) is read from the case file and written as a list
//! of blocks — first a page in plain words, then the findings one by one, next steps for the
//! person, a timeline, the technical annex and the chain-of-custody log — which is rendered
//! to HTML or to PDF (in-process, fonts embedded). Next steps come from guidance files an
//! organisation can edit.

#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod build;
mod guidance;
mod html;
mod interview;
mod model;
mod pdf;
mod sections;
mod settings;
mod takedown;

pub use build::{build, ReportError, Scope};
pub use guidance::{Guidance, GuidanceError, GuidanceOrigin};
pub use html::render as render_html;
pub use interview::{Answer, Interview, QUESTIONS};
pub use model::{Block, FindingBlock, Report};
pub use pdf::{render as render_pdf, PdfError};
pub use sections::custody::who as operator_words;
pub use settings::{Audience, ReportSettings};
pub use takedown::{takedown, ChronologyRow, Draft, Takedown};

vigie_core::locales!("Translation resources of the reports.");
