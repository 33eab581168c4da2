//! Reports in the station app: the interview checklist of a case, the report (PDF or HTML,
//! in the page's language) and the signed evidence archive, each downloaded and kept in
//! the case as evidence.

use crate::auth::Session;
use crate::handlers::{
    case_error, error_page, now, require, require_post, with_store, Fields, Shared,
};
use crate::html::{self, csrf_field, esc, seg};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use vigie_case::EvidenceKind;
use vigie_core::{Catalog, Message};
use vigie_report::{Answer, Interview, Scope, QUESTIONS};

/// The case page's tools: interview checklist, report, evidence archive.
pub(crate) fn case_tools(cat: &Catalog, s: &Session, reference: &str) -> String {
    let r = seg(reference);
    format!(
        "<div class=\"actions tools\"><a class=\"button\" id=\"interview\" href=\"/cases/{r}/interview\">{}</a><form method=\"post\" action=\"/cases/{r}/report\" class=\"inline\">{}<select name=\"format\" id=\"report-format\"><option value=\"pdf\">PDF</option><option value=\"html\">HTML</option></select><button type=\"submit\" id=\"report\">{}</button></form><form method=\"post\" action=\"/cases/{r}/export\" class=\"inline\">{}<button type=\"submit\" id=\"export\">{}</button></form></div>",
        esc(&cat.key("web-interview")),
        csrf_field(s),
        esc(&cat.key("web-report")),
        csrf_field(s),
        esc(&cat.key("web-export")),
    )
}

/// The interview checklist, with the answers already given.
pub(crate) async fn interview_form(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let current = match with_store(&app, None, |st| {
        let case = st.find(&reference)?;
        st.interview(case)
    }) {
        Ok(v) => v.map(|v| Interview::from_json(&v)).unwrap_or_default(),
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let mut fields = String::new();
    for q in QUESTIONS {
        let given = current.answers.iter().find(|(k, _, _)| k == q);
        let mut choices = String::new();
        for a in [Answer::Yes, Answer::No, Answer::DontKnow] {
            let checked = if given.is_some_and(|(_, g, _)| *g == a) {
                " checked"
            } else {
                ""
            };
            choices.push_str(&format!(
                "<label class=\"choice\"><input type=\"radio\" name=\"{q}\" value=\"{}\"{checked}> {}</label>",
                a.code(),
                esc(&cat.key(&format!("interview-answer-{}", a.code())))
            ));
        }
        let note = given.map(|(_, _, n)| n.as_str()).unwrap_or_default();
        fields.push_str(&format!(
            "<fieldset><legend>{}</legend>{choices}<label>{}<input name=\"{q}-note\" value=\"{}\"></label></fieldset>",
            esc(&cat.key(&format!("interview-{q}"))),
            esc(&cat.key("web-interview-note")),
            esc(note)
        ));
    }
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"/cases/{}/interview\" class=\"card\">{}{fields}<button type=\"submit\" id=\"interview-save\">{}</button></form>",
        esc(&cat.key("web-interview-intro")),
        seg(&reference),
        csrf_field(&s),
        esc(&cat.key("web-interview-save"))
    );
    let title = cat.text(&Message::new("web-interview-title").arg("reference", &reference));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{}/interview", seg(&reference)),
        &body,
    ))
    .into_response()
}

/// Saves the answers (those left blank are not recorded).
pub(crate) async fn interview_save(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    axum::Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let answers = Interview {
        answers: QUESTIONS
            .iter()
            .filter_map(|q| {
                let a = Answer::parse(f.get(*q)?)?;
                let note: String = f
                    .get(&format!("{q}-note"))
                    .map(|n| n.trim().chars().take(500).collect())
                    .unwrap_or_default();
                Some((*q, a, note))
            })
            .collect(),
    };
    match with_store(&app, Some(&s.operator), |st| {
        let case = st.find(&reference)?;
        st.save_interview(case, &answers.to_json(), now())
    }) {
        Ok(()) => Redirect::to(&format!(
            "/cases/{}?msg=web-interview-saved",
            seg(&reference)
        ))
        .into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

/// The guidance texts in the page's language (the organisation's files, else built in), or
/// the error page saying why they cannot be read (handlers pass it straight back).
#[allow(clippy::result_large_err)]
pub(crate) fn guidance(
    app: &crate::App,
    cat: &Catalog,
    s: &Session,
) -> Result<vigie_report::Guidance, Response> {
    vigie_report::Guidance::load(cat.lang(), Some(&app.guidance_dir)).map_err(|e| {
        error_page(
            cat,
            Some(s),
            StatusCode::INTERNAL_SERVER_ERROR,
            &Message::new("web-report-failed").arg("detail", e.to_string()),
        )
    })
}

pub(crate) fn attachment(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub(crate) fn file_stem(reference: &str) -> String {
    reference
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Writes the case's report in the page's language, keeps it in the case, sends it.
pub(crate) async fn report(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    axum::Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let html_wanted = f.get("format").is_some_and(|v| v == "html");
    let guidance = match guidance(&app, &cat, &s) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let made = tokio::task::block_in_place(|| {
        with_store(&app, Some(&s.operator), |st| {
            let report = vigie_report::build(
                st,
                &Scope::Case(reference.clone()),
                &cat,
                &guidance,
                &app.country,
                now(),
            )
            .map_err(|e| match e {
                vigie_report::ReportError::Case(c) => c,
                other => vigie_case::CaseError::Damaged(other.to_string()),
            })?;
            let (name, bytes) = if html_wanted {
                (
                    format!("report-{}-{}.html", file_stem(&reference), cat.lang()),
                    vigie_report::html::render(&report).into_bytes(),
                )
            } else {
                (
                    format!("report-{}-{}.pdf", file_stem(&reference), cat.lang()),
                    vigie_report::pdf::render(&report)
                        .map_err(|e| vigie_case::CaseError::Damaged(e.to_string()))?,
                )
            };
            let case = st.find(&reference)?;
            st.add_evidence(
                case,
                &name,
                EvidenceKind::Report,
                &mut bytes.as_slice(),
                now(),
            )?;
            st.log("report-made", Some(format!("cases:{}", case.0)), now())?;
            Ok((name, bytes))
        })
    });
    match made {
        Ok((name, bytes)) => attachment(
            &name,
            if html_wanted {
                "text/html; charset=utf-8"
            } else {
                "application/pdf"
            },
            bytes,
        ),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

/// Writes the signed evidence archive of the case and sends it.
pub(crate) async fn export(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    axum::Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let guidance = vigie_report::Guidance::load(cat.lang(), Some(&app.guidance_dir));
    let made = tokio::task::block_in_place(|| {
        with_store(&app, Some(&s.operator), |st| {
            let guidance = guidance
                .as_ref()
                .map_err(|e| vigie_case::CaseError::Io(e.to_string()))?;
            let report = vigie_report::build(
                st,
                &Scope::Case(reference.clone()),
                &cat,
                guidance,
                &app.country,
                now(),
            )
            .map_err(|e| vigie_case::CaseError::Damaged(e.to_string()))?;
            let lang = cat.lang().code();
            let extra = vec![
                (
                    format!("report-{lang}.pdf"),
                    vigie_report::pdf::render(&report)
                        .map_err(|e| vigie_case::CaseError::Damaged(e.to_string()))?,
                ),
                (
                    format!("report-{lang}.html"),
                    vigie_report::html::render(&report).into_bytes(),
                ),
            ];
            let case = st.find(&reference)?;
            let mut archive = Vec::new();
            st.export(case, &reference, &extra, &mut archive, now())?;
            Ok(archive)
        })
    });
    match made {
        Ok(bytes) => attachment(
            &format!("{}.tar", file_stem(&reference)),
            "application/x-tar",
            bytes,
        ),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}
