//! The HTML form of a report: one self-contained page (styles inline, nothing loaded from
//! elsewhere), printable.

use crate::model::{Block, Report};

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#191e28;line-height:1.45}h1{color:#1e3c64}h2{color:#1e3c64;border-bottom:1px solid #c9d3dd;margin-top:2rem}.finding{border-left:4px solid #5c7c99;padding:.2rem .8rem;margin:.8rem 0}.finding.high{border-color:#a4262c}.finding.medium{border-color:#b86e00}.details{color:#556070;font-size:.85rem}.answer{background:#eef2f8;padding:.2rem .5rem}table{border-collapse:collapse;font-size:.8rem;width:100%}td,th{border:1px solid #c9d3dd;padding:.2rem .4rem;text-align:left;word-break:break-all}.head{color:#6e7882;font-size:.8rem}@media print{.pb{page-break-before:always}}";

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    let mut o = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body><p class=\"head\">{}</p><h1>{}</h1>",
        report.lang,
        esc(&report.title),
        esc(&report.running_head),
        esc(&report.title)
    );
    let mut list = false;
    for b in &report.blocks {
        let is_bullet = matches!(b, Block::Bullet(_));
        if list && !is_bullet {
            o.push_str("</ul>");
            list = false;
        }
        match b {
            Block::Heading(t) => o.push_str(&format!("<h2>{}</h2>", esc(t))),
            Block::Subheading(t) => o.push_str(&format!("<h3>{}</h3>", esc(t))),
            Block::Para(t) => o.push_str(&format!("<p>{}</p>", esc(t))),
            Block::Strong(t) => o.push_str(&format!("<p><strong>{}</strong></p>", esc(t))),
            Block::Bullet(t) => {
                if !list {
                    o.push_str("<ul>");
                    list = true;
                }
                o.push_str(&format!("<li>{}</li>", esc(t)));
            }
            Block::Finding(f) => {
                o.push_str(&format!(
                    "<div class=\"finding {}\"><p><strong>[{}] {}</strong></p><p>{}</p>",
                    esc(&f.level),
                    esc(&f.label),
                    esc(&f.title),
                    esc(&f.body)
                ));
                if let Some(a) = &f.answer {
                    o.push_str(&format!(
                        "<p class=\"answer\"><strong>{}</strong></p>",
                        esc(a)
                    ));
                }
                for d in &f.details {
                    o.push_str(&format!("<p class=\"details\">{}</p>", esc(d)));
                }
                o.push_str("</div>");
            }
            Block::Table { headers, rows } => {
                o.push_str("<table><tr>");
                for h in headers {
                    o.push_str(&format!("<th>{}</th>", esc(h)));
                }
                o.push_str("</tr>");
                for r in rows {
                    o.push_str("<tr>");
                    for c in r {
                        o.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    o.push_str("</tr>");
                }
                o.push_str("</table>");
            }
            Block::PageBreak => o.push_str("<div class=\"pb\"></div>"),
        }
    }
    if list {
        o.push_str("</ul>");
    }
    o.push_str("</body></html>\n");
    o
}
