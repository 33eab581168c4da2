//! The person's word on what a check flagged: for each app or address its findings name,
//! a form where the operator records whether she installed or uses it herself, does not
//! know it, or someone else set it up, with a note; the answer given so far is shown.

use crate::auth::Session;
use crate::html::{csrf_field, esc};
use vigie_case::{PersonAnswer, PersonSays};
use vigie_core::{Catalog, Finding, FindingView};

/// The things a check's findings name, each with the titles of its findings, in the order
/// the findings come (most serious first).
fn flagged(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut out: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match out.iter_mut().find(|(s, _)| *s == f.subject) {
            Some((_, list)) => list.push(f),
            None => out.push((&f.subject, vec![f])),
        }
    }
    out
}

/// The section of check `id`'s result page where the person's answers are recorded.
pub(crate) fn section(
    cat: &Catalog,
    s: &Session,
    id: i64,
    findings: &[Finding],
    answers: &[PersonAnswer],
) -> String {
    let things = flagged(findings);
    if things.is_empty() {
        return String::new();
    }
    let forms: String = things
        .iter()
        .enumerate()
        .map(|(n, (subject, found))| {
            let answer = answers
                .iter()
                .find(|a| a.scan == id && a.subject == *subject);
            form(cat, s, id, n, subject, found, answer)
        })
        .collect();
    format!(
        "<section id=\"answers\" aria-labelledby=\"answers-title\"><h2 id=\"answers-title\">{}</h2><p class=\"hint\">{}</p>{forms}</section>",
        esc(&cat.key("web-answers-title")),
        esc(&cat.key("web-answers-hint")),
    )
}

/// The answers recorded on what check `id` flagged, for its part of the case page.
pub(crate) fn recorded(cat: &Catalog, id: i64, answers: &[PersonAnswer]) -> String {
    let items: String = answers
        .iter()
        .filter(|a| a.scan == id)
        .map(|a| {
            format!(
                "<li><strong>{}</strong> — {}</li>",
                esc(&a.subject),
                esc(&cat.text(&a.message()))
            )
        })
        .collect();
    match items.is_empty() {
        true => String::new(),
        false => format!(
            "<h4>{}</h4><ul class=\"answers-recorded\">{items}</ul>",
            esc(&cat.key("web-answers-title"))
        ),
    }
}

/// One thing's form: what it is and why it was flagged, the three answers, a note, and the
/// answer recorded so far.
fn form(
    cat: &Catalog,
    s: &Session,
    id: i64,
    n: usize,
    subject: &str,
    found: &[&Finding],
    answer: Option<&PersonAnswer>,
) -> String {
    let titles: Vec<String> = found
        .iter()
        .map(|f| FindingView::new(cat, f).title)
        .collect();
    let radios: String = PersonSays::ALL
        .iter()
        .map(|says| {
            let checked = answer.and_then(|a| a.says) == Some(*says);
            format!(
                "<label><input type=\"radio\" name=\"says\" value=\"{v}\" id=\"answer-{n}-{v}\"{}> {}</label>",
                if checked { " checked" } else { "" },
                esc(&cat.key(&format!("web-answer-{}", says.name()))),
                v = says.name(),
            )
        })
        .collect();
    let recorded = match answer {
        Some(a) => format!(
            "<p class=\"answer-recorded\" id=\"answer-{n}-recorded\">{}</p>",
            esc(&cat.text(&a.message()))
        ),
        None => String::new(),
    };
    format!(
        "<form method=\"post\" action=\"/results/{id}/answer\" class=\"card answer\" id=\"answer-{n}\">{}<input type=\"hidden\" name=\"subject\" value=\"{}\"><fieldset><legend><strong>{}</strong> — {}</legend>{radios}</fieldset><label for=\"answer-{n}-note\">{}</label><textarea name=\"note\" id=\"answer-{n}-note\" rows=\"2\" maxlength=\"{max}\">{}</textarea><button type=\"submit\" id=\"answer-{n}-save\">{}</button>{recorded}</form>",
        csrf_field(s),
        esc(subject),
        esc(subject),
        esc(&titles.join(" ; ")),
        esc(&cat.key("web-answer-note")),
        esc(answer.map_or("", |a| a.note.as_str())),
        esc(&cat.key("web-answer-save")),
        max = vigie_case::MAX_ANSWER_NOTE,
    )
}
