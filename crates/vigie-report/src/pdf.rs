//! The PDF form of a report, made in-process: A4 pages, DejaVu Sans embedded (subset),
//! text wrapped to the page, the case reference and "page N / M" on every page.

use crate::model::{Block, FindingBlock, Report};
use krilla::color::rgb;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use skrifa::instance::{LocationRef, Size};
use skrifa::MetadataProvider;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 56.0;
const TOP: f32 = 70.0;
const BOTTOM: f32 = 60.0;
/// Size of the text in tables.
const TABLE_SIZE: f32 = 7.5;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be written: {0}")]
pub struct PdfError(String);

/// The colour of text.
const INK: (u8, u8, u8) = (25, 30, 40);
/// The colour of details.
const GREY: (u8, u8, u8) = (85, 95, 110);

/// Widths of text in one font, from its own metrics.
struct Metrics {
    font: skrifa::FontRef<'static>,
    upem: f32,
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Result<Self, PdfError> {
        let font = skrifa::FontRef::new(bytes).map_err(|e| PdfError(e.to_string()))?;
        let upem = skrifa::metrics::Metrics::new(&font, Size::unscaled(), LocationRef::default())
            .units_per_em as f32;
        Ok(Metrics { font, upem })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let glyphs = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| glyphs.advance_width(g))
                    .unwrap_or(self.upem * 0.5)
            })
            .sum();
        units * size / self.upem
    }
}

/// One line placed on a page.
struct Line {
    x: f32,
    y: f32,
    bold: bool,
    size: f32,
    color: (u8, u8, u8),
    text: String,
}

/// Lays blocks out into pages of lines.
struct Layout<'a> {
    regular: &'a Metrics,
    bold: &'a Metrics,
    pages: Vec<Vec<Line>>,
    y: f32,
}

impl Layout<'_> {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Splits text into lines that fit `width`, breaking words too long for a line.
    fn wrap(&self, text: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let m = if bold { self.bold } else { self.regular };
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if m.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word longer than the line (a hash): cut it.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if m.width(&piece, size) > width {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    /// A finding: its title in its severity's colour, the explanation, then the details.
    fn finding(&mut self, f: &FindingBlock) {
        let color = match f.level.as_str() {
            "high" => (150, 30, 35),
            "medium" => (160, 95, 0),
            _ => (60, 90, 120),
        };
        let title = format!("[{}] {}", f.label, f.title);
        self.text(&title, true, 10.5, 0.0, color, 10.0, 30.0);
        self.text(&f.body, false, 10.0, 10.0, INK, 2.0, 0.0);
        if let Some(a) = &f.answer {
            self.text(a, true, 10.0, 10.0, INK, 3.0, 0.0);
        }
        for d in &f.details {
            self.text(d, false, 8.5, 10.0, GREY, 1.0, 0.0);
        }
    }

    /// A table: columns sized to what they hold (every one readable, long values wrapped in
    /// their column), the header in bold, repeated on each page the table runs onto.
    fn table(&mut self, headers: &[String], rows: &[Vec<String>]) {
        // Columns empty in every row are left out.
        let shown: Vec<usize> = (0..headers.len())
            .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
            .collect();
        let pick = |r: &[String]| -> Vec<String> {
            shown
                .iter()
                .map(|&c| r.get(c).cloned().unwrap_or_default())
                .collect()
        };
        let head = pick(headers);
        let body: Vec<Vec<String>> = rows.iter().map(|r| pick(r)).collect();
        let widths = self.column_widths(&head, &body);
        self.y += 4.0;
        self.table_row(&head, &widths, true, true);
        for r in &body {
            if self.table_row(r, &widths, false, false) {
                self.table_row(&head, &widths, true, true);
                self.table_row(r, &widths, false, false);
            }
        }
    }

    /// Widths of the columns: each its natural width when they fit, else shared so that a
    /// short column keeps its width and long ones wrap.
    fn column_widths(&self, head: &[String], body: &[Vec<String>]) -> Vec<f32> {
        const GAP: f32 = 8.0;
        let total = WIDTH - 2.0 * MARGIN - GAP * head.len().saturating_sub(1) as f32;
        let natural: Vec<f32> = (0..head.len())
            .map(|c| {
                let cells = std::iter::once(&head[c]).chain(body.iter().map(|r| &r[c]));
                let widest = cells
                    .map(|v| self.regular.width(v, TABLE_SIZE))
                    .fold(0.0, f32::max);
                widest.max(self.bold.width(&head[c], TABLE_SIZE)).max(24.0)
            })
            .collect();
        if natural.iter().sum::<f32>() <= total {
            return natural;
        }
        // Narrow columns keep their width; the rest share what is left.
        let fair = total / head.len() as f32;
        let narrow: f32 = natural.iter().filter(|w| **w <= fair).sum();
        let wide: f32 = natural.iter().filter(|w| **w > fair).sum();
        let room = total - narrow;
        natural
            .iter()
            .map(|w| if *w <= fair { *w } else { w / wide * room })
            .collect()
    }

    /// One row; returns true when it did not fit and a new page was begun instead (the row
    /// is then written again after the header).
    fn table_row(&mut self, cells: &[String], widths: &[f32], bold: bool, header: bool) -> bool {
        const GAP: f32 = 8.0;
        let lead = TABLE_SIZE * 1.3;
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| self.wrap(c, bold, TABLE_SIZE, *w))
            .collect();
        let height = lead * wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32 + 3.0;
        if self.y + height > HEIGHT - BOTTOM && !header {
            self.new_page();
            return true;
        }
        let color = if header { GREY } else { INK };
        let mut x = MARGIN;
        for (lines, w) in wrapped.iter().zip(widths) {
            for (n, l) in lines.iter().enumerate() {
                if let Some(page) = self.pages.last_mut() {
                    page.push(Line {
                        x,
                        y: self.y + lead * (n + 1) as f32,
                        bold,
                        size: TABLE_SIZE,
                        color,
                        text: l.clone(),
                    });
                }
            }
            x += w + GAP;
        }
        self.y += height;
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        bold: bool,
        size: f32,
        indent: f32,
        color: (u8, u8, u8),
        space_before: f32,
        keep_with_next: f32,
    ) {
        let lead = size * 1.35;
        let lines = self.wrap(text, bold, size, WIDTH - 2.0 * MARGIN - indent);
        self.y += space_before;
        // Headings are not left alone at the bottom of a page.
        if self.y + lead * (lines.len().min(2) as f32) + keep_with_next > HEIGHT - BOTTOM {
            self.new_page();
        }
        for l in lines {
            if self.y + lead > HEIGHT - BOTTOM {
                self.new_page();
            }
            self.y += lead;
            if let Some(page) = self.pages.last_mut() {
                page.push(Line {
                    x: MARGIN + indent,
                    y: self.y,
                    bold,
                    size,
                    color,
                    text: l,
                });
            }
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading(t) => self.text(t, true, 14.0, 0.0, (30, 60, 100), 14.0, 40.0),
            Block::Subheading(t) => self.text(t, true, 11.5, 0.0, INK, 8.0, 30.0),
            Block::Para(t) => self.text(t, false, 10.0, 0.0, INK, 4.0, 0.0),
            Block::Strong(t) => self.text(t, true, 10.5, 0.0, INK, 5.0, 0.0),
            Block::Bullet(t) => self.text(&format!("•  {t}"), false, 10.0, 10.0, INK, 2.0, 0.0),
            Block::Finding(f) => self.finding(f),
            Block::Table { headers, rows } => self.table(headers, rows),
            Block::PageBreak => {
                if self.pages.last().is_some_and(|p| !p.is_empty()) {
                    self.new_page();
                }
            }
        }
    }
}

/// The report as PDF bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    let regular_m = Metrics::new(REGULAR)?;
    let bold_m = Metrics::new(BOLD)?;
    let mut layout = Layout {
        regular: &regular_m,
        bold: &bold_m,
        pages: Vec::new(),
        y: TOP,
    };
    layout.new_page();
    layout.text(&report.title, true, 18.0, 0.0, (30, 60, 100), 0.0, 0.0);
    for b in &report.blocks {
        layout.block(b);
    }
    let regular =
        Font::new(REGULAR.to_vec().into(), 0).ok_or_else(|| PdfError("regular font".into()))?;
    let bold = Font::new(BOLD.to_vec().into(), 0).ok_or_else(|| PdfError("bold font".into()))?;
    let mut document = Document::new();
    let total = layout.pages.len();
    let settings =
        || PageSettings::from_wh(WIDTH, HEIGHT).ok_or_else(|| PdfError("page size".into()));
    for (n, lines) in layout.pages.iter().enumerate() {
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        let mut draw = |x: f32, y: f32, font: &Font, size: f32, color: (u8, u8, u8), text: &str| {
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                ..Default::default()
            }));
            surface.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size,
                text,
                false,
                TextDirection::Auto,
            );
        };
        // Running head and page number on every page.
        draw(
            MARGIN,
            36.0,
            &regular,
            8.0,
            (110, 120, 130),
            &report.running_head,
        );
        let folio = format!("{} {} / {total}", report.page_word, n + 1);
        let w = regular_m.width(&folio, 8.0);
        draw(
            WIDTH - MARGIN - w,
            HEIGHT - 30.0,
            &regular,
            8.0,
            (110, 120, 130),
            &folio,
        );
        for l in lines {
            let font = if l.bold { &bold } else { &regular };
            draw(l.x, l.y, font, l.size, l.color, &l.text);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_report_becomes_a_pdf() {
        let r = Report {
            lang: "fr",
            title: "Rapport — dossier PV-1".into(),
            reference: "PV-1".into(),
            running_head: "Vigie — dossier PV-1".into(),
            page_word: "page".into(),
            blocks: vec![
                Block::Heading("En quelques mots".into()),
                Block::Para(
                    "Une vérification a été faite. Rien trouvé n’est pas une preuve d’absence."
                        .into(),
                ),
                Block::Table {
                    headers: vec!["fichier".into(), "SHA-256".into()],
                    rows: vec![vec!["a.pcap".into(), "ab".repeat(32)]],
                },
            ],
        };
        let pdf = render(&r).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
