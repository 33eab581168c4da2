//! The guided check: "Check a phone" from the home page (in which case: an open one, a tap
//! away, or a new one), then how the phone is checked (the station's Wi-Fi, Android by
//! cable, iPhone by cable or backup, a capture file), each leading to its own progress page
//! and then to the one result screen.

use crate::app::{App, CaseRef, Shared};
use crate::extract::Operator;
use crate::html::{csrf_field, esc, seg};
use crate::respond::{case_error, page};
use axum::extract::{Path, State};
use axum::response::Response;
use vigie_core::{Catalog, Message};

/// Open cases offered as one tap each on the home page, the most recent first.
const CASES_OFFERED: usize = 6;

/// One way of checking a phone: its element id, where it leads (under the case), its
/// title and its one-line explanation, and its picture.
struct Way {
    id: &'static str,
    path: &'static str,
    title: &'static str,
    hint: &'static str,
    icon: &'static str,
}

/// The ways of checking a phone, in the order they are offered.
const WAYS: [Way; 4] = [
    Way {
        id: "start-live",
        path: "live",
        title: "web-check-wifi",
        hint: "web-check-wifi-hint",
        icon: "<path d=\"M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0\"/><circle cx=\"12\" cy=\"19.5\" r=\"1.2\"/>",
    },
    Way {
        id: "start-android",
        path: "android",
        title: "web-check-android",
        hint: "web-check-android-hint",
        icon: "<rect x=\"7\" y=\"2\" width=\"10\" height=\"15\" rx=\"2\"/><path d=\"M12 17v5M10 14h4\"/>",
    },
    Way {
        id: "start-ios",
        path: "ios",
        title: "web-check-ios",
        hint: "web-check-ios-hint",
        icon: "<rect x=\"7\" y=\"2\" width=\"10\" height=\"18\" rx=\"3\"/><path d=\"M10.5 4.5h3M12 20v2\"/>",
    },
    Way {
        id: "start-file",
        path: "import",
        title: "web-check-file",
        hint: "web-check-file-hint",
        icon: "<path d=\"M6 2h8l4 4v16H6zM14 2v4h4M9 12h6M9 16h6\"/>",
    },
];

/// The ways of checking a phone in case `r` (a path segment), as large tiles.
pub(crate) fn ways(cat: &Catalog, r: &str) -> String {
    let tiles: String = WAYS
        .iter()
        .map(|w| {
            format!(
                "<li><a class=\"tile\" id=\"{}\" href=\"/cases/{r}/{}\"><svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">{}</svg><span class=\"tile-title\">{}</span><span class=\"tile-hint\">{}</span></a></li>",
                w.id,
                w.path,
                w.icon,
                esc(&cat.key(w.title)),
                esc(&cat.key(w.hint)),
            )
        })
        .collect();
    format!(
        "<section class=\"ways\" aria-labelledby=\"ways-title\"><h2 id=\"ways-title\">{}</h2><ul class=\"tiles\">{tiles}</ul></section>",
        esc(&cat.key("web-check-how"))
    )
}

/// The home page: in which case the phone is checked (an open case in one tap, or a new
/// one), before choosing how.
pub(crate) async fn start(State(app): Shared, op: Operator) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let mut list = match app.with_store(None, |st| st.cases()) {
        Ok(l) => l,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    list.retain(|c| c.closed.is_none());
    list.reverse();
    let mut body = format!("<p>{}</p>", esc(&cat.key("web-check-intro")));
    if !list.is_empty() {
        let cases: String = list
            .iter()
            .take(CASES_OFFERED)
            .map(|c| {
                format!(
                    "<li><a class=\"tile case-tile\" href=\"/cases/{}/check\"><span class=\"tile-title\">{}</span><span class=\"tile-hint\">{}</span></a></li>",
                    seg(&c.reference),
                    esc(&c.reference),
                    esc(&cat.text(
                        &Message::new("web-check-case-opened").arg("opened", cat.date(&c.created))
                    ))
                )
            })
            .collect();
        body.push_str(&format!(
            "<h2>{}</h2><ul class=\"tiles\" id=\"open-cases\">{cases}</ul>",
            esc(&cat.key("web-check-open-cases"))
        ));
    }
    body.push_str(&format!(
        "<h2>{}</h2><form method=\"post\" action=\"/cases\" class=\"card\">{}<input type=\"hidden\" name=\"then\" value=\"check\"><label>{}<input name=\"reference\" id=\"reference\" required placeholder=\"{}\"></label><p class=\"hint\">{}</p><button type=\"submit\" id=\"new-case\">{}</button></form>",
        esc(&cat.key("web-check-new-case")),
        csrf_field(s),
        esc(&cat.key("web-case-reference")),
        esc(&cat.key("web-case-reference-example")),
        esc(&cat.key("web-case-reference-hint")),
        esc(&cat.key("web-check-new-case-button"))
    ));
    page(cat, &cat.key("web-check-title"), Some(s), "/check", &body)
}

/// A page of case `reference` that offers a way to check a phone: `offer` (given the
/// case's path segment) while the case is open, else that it is closed; then a link back
/// to the case's page `back.0` (empty: the case itself), named `back.1`.
fn case_page(
    app: &App,
    op: &Operator,
    reference: &str,
    (title, path): (&str, &str),
    offer: impl FnOnce(&str) -> String,
    back: (&str, &str),
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let closed = match app.with_store(None, |st| st.summary(reference)) {
        Ok(summary) => summary.closed.is_some(),
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let r = seg(reference);
    let offered = match closed {
        true => crate::html::notice("info", &cat.key("web-case-is-closed")),
        false => offer(&r),
    };
    let title = cat.text(&Message::new(title).arg("reference", reference));
    let body = format!(
        "{offered}<p><a href=\"/cases/{r}{}\">{}</a></p>",
        back.0,
        esc(&cat.key(back.1))
    );
    page(cat, &title, Some(s), &format!("/cases/{r}/{path}"), &body)
}

/// How the phone is checked, in case `reference`.
pub(crate) async fn ways_page(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
) -> Response {
    let offer = |r: &str| ways(&op.cat, r);
    let title = ("web-check-in-case", "check");
    case_page(&app, &op, &reference, title, offer, ("", "web-back-case"))
}

/// The form that uploads capture files into case `r` (a path segment) and checks them.
fn import_form(cat: &Catalog, csrf: &str, r: &str) -> String {
    format!(
        "<p>{}</p><form method=\"post\" action=\"/cases/{r}/import?csrf={}\" enctype=\"multipart/form-data\" class=\"card\" id=\"import-form\"><label>{}<input type=\"file\" name=\"files\" id=\"import-files\" multiple required></label><button type=\"submit\" id=\"import\">{}</button></form>",
        esc(&cat.key("web-import-intro")),
        esc(csrf),
        esc(&cat.key("web-import-label")),
        esc(&cat.key("web-import-button"))
    )
}

/// The page that checks capture files made elsewhere, in case `reference`.
pub(crate) async fn import_page(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
) -> Response {
    let offer = |r: &str| import_form(&op.cat, &op.session.csrf, r);
    let (title, back) = (
        ("web-import-title", "import"),
        ("/check", "web-check-other-way"),
    );
    case_page(&app, &op, &reference, title, offer, back)
}
