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
    /// The person's answer on what it flagged, when recorded (shown in bold, apart).
    pub answer: Option<String>,
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

/// `text` with every control character but the line break and the tab written out
/// (`\u{1b}`): names in captures and backups are chosen by others, and a document for a
/// judge shows what they hold instead of hiding or obeying it.
pub(crate) fn visible(text: &str) -> String {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            c if hidden(c) => format!("\\u{{{:x}}}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

impl Block {
    /// The block with its texts made [`visible`].
    fn made_visible(self) -> Block {
        let v = |t: String| visible(&t);
        match self {
            Block::Heading(t) => Block::Heading(v(t)),
            Block::Subheading(t) => Block::Subheading(v(t)),
            Block::Para(t) => Block::Para(v(t)),
            Block::Strong(t) => Block::Strong(v(t)),
            Block::Bullet(t) => Block::Bullet(v(t)),
            Block::Finding(f) => Block::Finding(FindingBlock {
                title: v(f.title),
                body: v(f.body),
                answer: f.answer.map(v),
                details: f.details.into_iter().map(v).collect(),
                ..f
            }),
            Block::Table { headers, rows } => Block::Table {
                headers: headers.into_iter().map(v).collect(),
                rows: rows
                    .into_iter()
                    .map(|r| r.into_iter().map(v).collect())
                    .collect(),
            },
            Block::PageBreak => Block::PageBreak,
        }
    }
}

impl Report {
    /// The report with every text made [`visible`], as it is rendered.
    pub(crate) fn made_visible(self) -> Report {
        Report {
            title: visible(&self.title),
            reference: visible(&self.reference),
            running_head: visible(&self.running_head),
            blocks: self.blocks.into_iter().map(Block::made_visible).collect(),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_written_out() {
        let hostile = "x\u{1b}[2J\u{1b}[HNothing suspicious\u{85}.duckdns.org";
        let shown = visible(hostile);
        assert_eq!(
            shown,
            "x\\u{1b}[2J\\u{1b}[HNothing suspicious\\u{85}.duckdns.org"
        );
        assert_eq!(visible("line\nnext\tcell"), "line\nnext\tcell");
        let b = Block::Table {
            headers: vec!["a\u{7}".into()],
            rows: vec![vec!["b\u{0}".into()]],
        };
        assert_eq!(
            b.made_visible(),
            Block::Table {
                headers: vec!["a\\u{7}".into()],
                rows: vec![vec!["b\\u{0}".into()]],
            }
        );
    }
}
