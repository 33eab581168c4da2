//! Reports in the station app: the interview checklist of a case, the report (PDF or HTML,
//! in the page's language) and the signed evidence archive, each downloaded and kept in
//! the case as evidence.

use crate::app::{App, CaseRef, Shared};
use crate::auth::Session;
use crate::extract::{Operator, Posted};
use crate::html::{csrf_field, esc, seg};
use crate::respond::{attachment, case_error, error_page, file_stem, page};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vigie_case::{CaseError, CaseStore, EvidenceKind, IntimateImages};
use vigie_core::{Catalog, Message, Timestamp};
use vigie_report::{
    Answer, Audience, Guidance, Interview, Report, ReportSettings, Scope, QUESTIONS,
};

/// The case page's tools: interview checklist, report, evidence archive.
pub(crate) fn case_tools(cat: &Catalog, s: &Session, reference: &str) -> String {
    let r = seg(reference);
    let report_form = format!(
        "<form method=\"post\" action=\"/cases/{r}/report\" class=\"inline\">{}<label for=\"report-audience\">{}</label><select name=\"audience\" id=\"report-audience\"><option value=\"police\">{}</option><option value=\"person\">{}</option></select><label for=\"report-format\">{}</label><select name=\"format\" id=\"report-format\"><option value=\"pdf\">PDF</option><option value=\"html\">HTML</option></select><button type=\"submit\" id=\"report\">{}</button></form>",
        csrf_field(s),
        esc(&cat.key("web-report-audience")),
        esc(&cat.key("web-report-for-police")),
        esc(&cat.key("web-report-for-person")),
        esc(&cat.key("web-report-format")),
        esc(&cat.key("web-report")),
    );
    format!(
        "<div class=\"actions tools\"><a class=\"button\" id=\"interview\" href=\"/cases/{r}/interview\">{}</a>{report_form}<a class=\"button\" id=\"export\" href=\"/cases/{r}/export\">{}</a></div>",
        esc(&cat.key("web-interview")),
        esc(&cat.key("web-export")),
    )
}

/// The interview checklist, with the answers already given.
pub(crate) async fn interview_form(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let current = match app.with_store(None, |st| {
        let case = st.find(&reference)?;
        st.interview(case)
    }) {
        Ok(v) => v.map(|v| Interview::from_json(&v)).unwrap_or_default(),
        Err(e) => return case_error(cat, Some(s), &e),
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
        csrf_field(s),
        esc(&cat.key("web-interview-save"))
    );
    let title = cat.text(&Message::new("web-interview-title").arg("reference", &reference));
    let path = format!("/cases/{}/interview", seg(&reference));
    page(cat, &title, Some(s), &path, &body)
}

/// Saves the answers (those left blank are not recorded).
pub(crate) async fn interview_save(
    State(app): Shared,
    Path(reference): CaseRef,
    p: Posted,
) -> Response {
    let (cat, s, f) = (&p.op.cat, &p.op.session, &p.form);
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
    match app.with_store(Some(&s.operator), |st| {
        let case = st.find(&reference)?;
        st.save_interview(case, &answers.to_json(), Timestamp::now())
    }) {
        Ok(()) => Redirect::to(&format!(
            "/cases/{}?msg=web-interview-saved",
            seg(&reference)
        ))
        .into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// The guidance texts in the page's language (the organisation's files, else built in), or
/// the error page saying why they cannot be read (handlers pass it straight back).
#[allow(clippy::result_large_err)]
pub(crate) fn guidance(app: &App, cat: &Catalog, s: &Session) -> Result<Guidance, Response> {
    Guidance::load(cat.lang(), Some(&app.guidance_dir)).map_err(|e| {
        let m = Message::new("web-report-failed").arg("detail", e.to_string());
        error_page(cat, Some(s), StatusCode::INTERNAL_SERVER_ERROR, &m)
    })
}

/// The case's report in `cat`'s language, for `audience`, signed by `operator`.
fn build(
    st: &CaseStore,
    app: &App,
    cat: &Catalog,
    guidance: &Guidance,
    reference: &str,
    audience: Audience,
) -> Result<Report, CaseError> {
    let scope = Scope::Case(reference.to_owned());
    let settings = ReportSettings {
        audience,
        country: app.country.clone(),
        author: st.actor().map(str::to_owned),
        unit: app.unit.clone(),
    };
    vigie_report::build(st, &scope, cat, guidance, &settings, Timestamp::now()).map_err(|e| match e
    {
        vigie_report::ReportError::Case(c) => c,
        other => CaseError::Damaged(other.to_string()),
    })
}

/// A PDF of `report`.
fn pdf(report: &Report) -> Result<Vec<u8>, CaseError> {
    vigie_report::render_pdf(report).map_err(|e| CaseError::Damaged(e.to_string()))
}

/// Writes the case's report in the page's language, keeps it in the case, sends it.
pub(crate) async fn report(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let html_wanted = p.form.get("format").is_some_and(|v| v == "html");
    let audience = match p.form.get("audience").map(String::as_str) {
        Some("person") => Audience::Person,
        _ => Audience::Police,
    };
    let guidance = match guidance(&app, cat, s) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let stem = format!("report-{}-{}", file_stem(&reference), cat.lang());
    let made = app.with_store(Some(&s.operator), |st| {
        let report = build(st, &app, cat, &guidance, &reference, audience)?;
        let (name, bytes) = match html_wanted {
            true => (
                format!("{stem}.html"),
                vigie_report::render_html(&report).into_bytes(),
            ),
            false => (format!("{stem}.pdf"), pdf(&report)?),
        };
        let case = st.find(&reference)?;
        let now = Timestamp::now();
        st.add_evidence(
            case,
            &name,
            EvidenceKind::Report,
            &mut bytes.as_slice(),
            now,
        )?;
        st.log("report-made", Some(format!("cases:{}", case.0)), now)?;
        Ok((name, bytes))
    });
    let content_type = match html_wanted {
        true => "text/html; charset=utf-8",
        false => "application/pdf",
    };
    match made {
        Ok((name, bytes)) => attachment(&name, content_type, bytes),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// Before the archive: what it holds, and what to do with the case's intimate images.
pub(crate) async fn export_page(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let intimate = app.with_store(None, |st| {
        let case = st.find(&reference)?;
        Ok(st
            .locker(case)?
            .iter()
            .filter(|i| i.entry.sensitive && i.entry.evidence.is_some())
            .count())
    });
    let intimate = match intimate {
        Ok(n) => n,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let r = seg(&reference);
    let choice = if intimate == 0 {
        format!("<p>{}</p>", esc(&cat.key("web-export-no-intimate")))
    } else {
        let min = vigie_case::MIN_SEAL_PASSPHRASE;
        let count = Message::new("web-export-intimate").arg("count", intimate.to_string());
        format!(
            "<fieldset><legend>{}</legend><label class=\"choice\"><input type=\"radio\" name=\"intimate\" value=\"leave-out\" checked> {}</label><label class=\"choice\"><input type=\"radio\" name=\"intimate\" value=\"seal\"> {}</label><p class=\"hint\">{}</p><label for=\"seal-passphrase\">{}</label><input type=\"password\" name=\"seal-passphrase\" id=\"seal-passphrase\" autocomplete=\"new-password\" minlength=\"{min}\"><label for=\"seal-passphrase-again\">{}</label><input type=\"password\" name=\"seal-passphrase-again\" id=\"seal-passphrase-again\" autocomplete=\"new-password\"></fieldset>",
            esc(&cat.text(&count)),
            esc(&cat.text(&Message::new("web-export-leave-out").arg("count", intimate.to_string()))),
            esc(&cat.text(&Message::new("web-export-seal").arg("count", intimate.to_string()))),
            esc(&cat.key("web-export-seal-hint")),
            esc(&cat.text(&Message::new("web-export-seal-passphrase").arg("min", min.to_string()))),
            esc(&cat.key("web-export-seal-again")),
        )
    };
    let body = format!(
        "<p>{}</p><form method=\"post\" action=\"/cases/{r}/export\" class=\"card\">{}{choice}<div class=\"actions\"><button type=\"submit\" id=\"export-confirm\">{}</button><a class=\"button secondary\" href=\"/cases/{r}\">{}</a></div></form>",
        esc(&cat.key("web-export-intro")),
        csrf_field(s),
        esc(&cat.key("web-export-button")),
        esc(&cat.key("web-cancel")),
    );
    page(
        cat,
        &cat.key("web-export"),
        Some(s),
        &format!("/cases/{r}"),
        &body,
    )
}

/// The intimate-images choice of the export form; an error message when the passphrase
/// to seal them is too short or typed differently twice.
fn sealing(form: &std::collections::HashMap<String, String>) -> Result<Option<String>, Message> {
    if form.get("intimate").map(String::as_str) != Some("seal") {
        return Ok(None);
    }
    let pass = form.get("seal-passphrase").cloned().unwrap_or_default();
    if pass.chars().count() < vigie_case::MIN_SEAL_PASSPHRASE {
        let m = Message::new("web-export-seal-short")
            .arg("min", vigie_case::MIN_SEAL_PASSPHRASE.to_string());
        return Err(m);
    }
    if form.get("seal-passphrase-again") != Some(&pass) {
        return Err(Message::new("web-export-seal-differ"));
    }
    Ok(Some(pass))
}

/// Writes the signed evidence archive of the case and sends it.
pub(crate) async fn export(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let seal = match sealing(&p.form) {
        Ok(seal) => seal,
        Err(m) => return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m),
    };
    let intimate = match &seal {
        Some(pass) => IntimateImages::Sealed(pass),
        None => IntimateImages::LeftOut,
    };
    let guidance = match guidance(&app, cat, s) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let made = app.with_store(Some(&s.operator), |st| {
        // The key first, so that the report in the archive names it.
        st.station_fingerprint(Timestamp::now())?;
        let report = build(st, &app, cat, &guidance, &reference, Audience::Police)?;
        let lang = cat.lang().code();
        let extra = vec![
            (format!("report-{lang}.pdf"), pdf(&report)?),
            (
                format!("report-{lang}.html"),
                vigie_report::render_html(&report).into_bytes(),
            ),
        ];
        let case = st.find(&reference)?;
        let mut archive = Vec::new();
        st.export(
            case,
            &reference,
            &extra,
            intimate,
            &mut archive,
            Timestamp::now(),
        )?;
        Ok(archive)
    });
    match made {
        Ok(bytes) => attachment(
            &format!("{}.tar", file_stem(&reference)),
            "application/x-tar",
            bytes,
        ),
        Err(e) => case_error(cat, Some(s), &e),
    }
}
