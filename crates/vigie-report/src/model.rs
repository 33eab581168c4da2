//! A report as a list of blocks, written once and rendered to HTML and to PDF alike.

/// One piece of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section title.
    Heading(String),
    /// A sub-section title.
    Subheading(String),
    /// A paragraph.
    Para(String),
    /// A paragraph in bold (a verdict's headline).
    Strong(String),
    /// A list item.
    Bullet(String),
    /// A finding.
    Finding(FindingBlock),
    /// A table (annex, chain of custody): headers and rows.
    Table {
        /// Column headers.
        headers: Vec<String>,
        /// Rows of cells.
        rows: Vec<Vec<String>>,
    },
    /// The next section starts on a new page (PDF).
    PageBreak,
}

/// A finding as a report shows it: its severity (`high`, `medium`, `low`, `info`) and
/// label, title, the plain explanation, and lines of detail (indicator and source, evidence).
#[derive(Debug, Clone, PartialEq)]
pub struct FindingBlock {
    /// `high`, `medium`, `low` or `info`.
    pub level: String,
    /// The severity as shown.
    pub label: String,
    /// The title.
    pub title: String,
    /// The explanation.
    pub body: String,
    /// Indicator, source with credit, evidence.
    pub details: Vec<String>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Language code (`fr`, `en`).
    pub lang: &'static str,
    /// The title on the first page.
    pub title: String,
    /// The case reference, repeated on every page.
    pub reference: String,
    /// Text of the page footer before the page number ("Vigie — case X").
    pub running_head: String,
    /// "page" in the report's language (footer: "page 2 / 7").
    pub page_word: String,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}
