//! The evidence locker of a case in the station app: screenshots, photos, saved pages,
//! message exports and links about intimate images shared without consent.
//!
//! A sensitive image is never sent to the browser in full unless someone asks for it: the
//! page shows a preview a dozen pixels wide, blurred, and a button that shows that one image
//! (the showing is written to the audit log). What the operator typed and what the file
//! itself says are shown apart.

use crate::app::{App, CaseRef, Shared};
use crate::extract::{Operator, Posted, Upload};
use crate::html::{self, csrf_field, esc, seg};
use crate::respond::{attachment, case_error, error_page, file_stem, page};
use crate::upload::{receive, FileSink};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::HashMap;
use vigie_case::{
    CaseError, CaseId, LockerDescription, LockerEntry, LockerId, LockerItem, LockerKind,
};
use vigie_core::{Catalog, Localized, Message, Timestamp};
use vigie_ncii::MediaKind;
use vigie_station::{LockerFileInfo, LockerUpload};

/// Longer side, in pixels, of the preview of a sensitive image: no detail survives.
const BLURRED_SIDE: u32 = 12;

/// Formats a browser shows, by the name [`vigie_ncii::sniff`] gives.
fn content_type(format: Option<&str>) -> Option<&'static str> {
    Some(match format? {
        "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        _ => return None,
    })
}

/// The typed fields of the forms, trimmed and bounded.
fn described(f: &HashMap<String, String>, kind: LockerKind) -> LockerDescription {
    let field = |name: &str| -> String {
        f.get(name)
            .map(|v| v.trim().chars().take(2000).collect())
            .unwrap_or_default()
    };
    LockerDescription {
        kind,
        seen_at: field("seen_at"),
        place: field("place"),
        posted_by: field("posted_by"),
        link: field("link"),
        note: field("note"),
    }
}

fn text_field(name: &str, label: &str, value: &str) -> String {
    format!(
        "<label>{}<input name=\"{name}\" id=\"locker-{name}\" value=\"{}\"></label>",
        esc(label),
        esc(value)
    )
}

fn told_fields(cat: &Catalog) -> String {
    ["seen_at", "place", "posted_by", "link", "note"]
        .iter()
        .map(|n| text_field(n, &cat.key(&format!("web-locker-{n}")), ""))
        .collect()
}

/// The locker page: the items, and the forms that add files and links.
pub(crate) async fn page_of(
    State(app): Shared,
    op: Operator,
    Path(reference): CaseRef,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let shown: Option<i64> = q.get("show").and_then(|v| v.parse().ok());
    let items = match case_items(&app, &reference) {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let r = seg(&reference);
    let mut body = String::new();
    if let Some(m) = q.get("msg").filter(|m| m.starts_with("web-")) {
        body.push_str(&html::notice("ok", &cat.key(m)));
    }
    body.push_str(&format!(
        "<p>{}</p><p>{}</p>",
        esc(&cat.key("web-locker-intro")),
        esc(&cat.key("web-locker-privacy"))
    ));
    let kinds: String = LockerKind::ALL
        .iter()
        .filter(|k| **k != LockerKind::Link)
        .map(|k| {
            format!(
                "<option value=\"{}\">{}</option>",
                k.as_str(),
                esc(&cat.key(&format!("ncii-kind-{}", k.as_str())))
            )
        })
        .collect();
    body.push_str(&format!(
        "<div class=\"actions\"><form method=\"post\" action=\"/cases/{r}/locker?csrf={csrf}\" enctype=\"multipart/form-data\" class=\"card\" id=\"locker-form\"><h2>{}</h2><label>{}<input type=\"file\" name=\"files\" id=\"locker-files\" multiple required></label><input type=\"hidden\" name=\"file_modified\" id=\"locker-file-modified\"><label>{}<select name=\"kind\" id=\"locker-kind\"><option value=\"\">{}</option>{kinds}</select></label><label class=\"choice\"><input type=\"checkbox\" name=\"sensitive\" value=\"yes\" id=\"locker-sensitive\" checked> {}</label>{}<button type=\"submit\" id=\"locker-add\">{}</button></form>",
        esc(&cat.key("web-locker-add")),
        esc(&cat.key("web-locker-files")),
        esc(&cat.key("web-locker-kind")),
        esc(&cat.key("web-locker-kind-auto")),
        esc(&cat.key("web-locker-sensitive")),
        told_fields(cat),
        esc(&cat.key("web-locker-add-button")),
        csrf = esc(&s.csrf),
    ));
    body.push_str(&format!(
        "<form method=\"post\" action=\"/cases/{r}/locker/link\" class=\"card\" id=\"locker-link-form\"><h2>{}</h2>{}{}<button type=\"submit\" id=\"locker-link-add\">{}</button></form></div>",
        esc(&cat.key("web-locker-link-title")),
        csrf_field(s),
        told_fields(cat),
        esc(&cat.key("web-locker-link-button")),
    ));
    body.push_str(&format!(
        "<p><a class=\"button\" id=\"locker-drafts\" href=\"/cases/{r}/locker/drafts\">{}</a> <a class=\"button\" id=\"locker-hashes\" href=\"/cases/{r}/locker/hashes\">{}</a></p>",
        esc(&cat.key("web-locker-drafts")),
        esc(&cat.key("web-locker-hashes")),
    ));
    body.push_str(&format!("<h2>{}</h2>", esc(&cat.key("web-locker-items"))));
    if items.is_empty() {
        body.push_str(&format!("<p>{}</p>", esc(&cat.key("web-locker-empty"))));
    }
    for item in items.iter().rev() {
        body.push_str(&item_card(cat, &reference, item, shown == Some(item.id.0)));
    }
    let title = cat.text(&Message::new("web-locker-title").arg("reference", &reference));
    page(cat, &title, Some(s), &format!("/cases/{r}/locker"), &body)
}

/// A labelled value, left out when there is none.
fn row(label: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!("<dt>{}</dt><dd>{}</dd>", esc(label), esc(value))
    }
}

/// Labelled values, by the translation key of their label.
fn rows(cat: &Catalog, values: &[(&str, Option<&str>)]) -> String {
    values
        .iter()
        .map(|(key, v)| row(&cat.key(key), v.unwrap_or("")))
        .collect()
}

/// The picture of an item: none, the image (hidden again with a button when it is
/// sensitive), or — for a sensitive image not asked for — a blurred preview.
fn picture(cat: &Catalog, r: &str, item: &LockerItem, shown: bool) -> String {
    let (e, id) = (&item.entry, item.id.0);
    let viewable = e
        .facts
        .as_ref()
        .filter(|f| f.kind == MediaKind::Image)
        .and_then(|f| content_type(f.format.as_deref()))
        .is_some();
    match (viewable, e.sensitive, shown) {
        (false, _, _) => String::new(),
        (true, false, _) | (true, true, true) => format!(
            "<figure><img class=\"locker-image\" id=\"locker-image-{id}\" src=\"/locker/{id}/image\" alt=\"{}\">{}</figure>",
            esc(&cat.key("web-locker-image-alt")),
            if e.sensitive {
                format!(
                    "<a class=\"button\" id=\"locker-hide-{id}\" href=\"/cases/{r}/locker#item-{id}\">{}</a>",
                    esc(&cat.key("web-locker-hide"))
                )
            } else {
                String::new()
            }
        ),
        (true, true, false) => format!(
            "<figure><img class=\"locker-blurred\" id=\"locker-preview-{id}\" src=\"/locker/{id}/preview\" alt=\"{}\"><figcaption>{}</figcaption><a class=\"button\" id=\"locker-show-{id}\" href=\"/cases/{r}/locker?show={id}#item-{id}\">{}</a></figure>",
            esc(&cat.key("web-locker-blurred-alt")),
            esc(&cat.key("web-locker-blurred-note")),
            esc(&cat.key("web-locker-show"))
        ),
    }
}

/// What the file records itself: its name, size, fingerprints, frames and dates.
fn file_says(cat: &Catalog, item: &LockerItem) -> String {
    let e = &item.entry;
    let mut says = row(&cat.key("web-locker-added"), &cat.date(&item.added));
    let Some(f) = e.facts.as_ref() else {
        return says;
    };
    let size = format!("{} B", f.size);
    says.push_str(&rows(
        cat,
        &[
            ("web-locker-file-name", e.file_name.as_deref()),
            ("web-locker-size", Some(&size)),
        ],
    ));
    says.push_str(&row("SHA-256", &f.sha256));
    says.push_str(&row("MD5", &f.md5));
    if let Some(h) = &f.pdq {
        let quality = cat.key("ncii-quality");
        says.push_str(&row("PDQ", &format!("{} ({quality} {})", h.pdq, h.quality)));
    }
    if !f.frames.is_empty() {
        let count =
            Message::new("web-locker-frames-count").arg("count", f.frames.len().to_string());
        says.push_str(&row(&cat.key("web-locker-frames"), &cat.text(&count)));
    }
    if let Some(m) = f.frames_missing {
        let why = cat.key(&format!("web-locker-no-frames-{}", m.as_str()));
        says.push_str(&row(&cat.key("web-locker-frames"), &why));
    }
    if let Some(m) = f.pdq_missing {
        says.push_str(&row(
            "PDQ",
            &cat.key(&format!("web-locker-no-pdq-{}", m.as_str())),
        ));
    }
    let modified = e.file_modified.as_deref().map(|m| cat.date(m));
    says.push_str(&rows(
        cat,
        &[("web-locker-file-modified", modified.as_deref())],
    ));
    if let Some(x) = &f.exif {
        says.push_str(&rows(
            cat,
            &[
                ("web-locker-exif-taken", x.taken.as_deref()),
                ("web-locker-exif-modified", x.modified.as_deref()),
                ("web-locker-exif-device", x.device.as_deref()),
                ("web-locker-exif-software", x.software.as_deref()),
            ],
        ));
        if x.has_location {
            let yes = cat.key("web-locker-exif-location-yes");
            says.push_str(&row(&cat.key("web-locker-exif-location"), &yes));
        }
    }
    says
}

/// One item of the locker: its picture, what was told and what the file records, apart.
fn item_card(cat: &Catalog, reference: &str, item: &LockerItem, shown: bool) -> String {
    let (e, id) = (&item.entry, item.id.0);
    let d = &e.description;
    let told = rows(
        cat,
        &[
            ("web-locker-seen_at", Some(&d.seen_at)),
            ("web-locker-place", Some(&d.place)),
            ("web-locker-posted_by", Some(&d.posted_by)),
            ("web-locker-link", Some(&d.link)),
            ("web-locker-note", Some(&d.note)),
        ],
    );
    let badge = match e.sensitive {
        true => format!(
            " <span class=\"badge\">{}</span>",
            esc(&cat.key("ncii-sensitive"))
        ),
        false => String::new(),
    };
    let name = e.file_name.as_deref().unwrap_or(&d.link);
    format!(
        "<section class=\"locker-item\" id=\"item-{id}\"><h3>#{id} {} — {}{badge}</h3>{}<div class=\"columns\"><div><h4>{}</h4><dl>{told}</dl></div><div><h4>{}</h4><dl>{}</dl></div></div></section>",
        esc(&cat.key(&format!("ncii-kind-{}", d.kind.as_str()))),
        esc(name),
        picture(cat, &seg(reference), item, shown),
        esc(&cat.key("web-locker-told")),
        esc(&cat.key("web-locker-file-says")),
        file_says(cat, item),
    )
}

/// The item `id` and its case, if the session may see it (any logged-in operator).
fn load_item(app: &App, id: i64) -> Result<LockerItem, CaseError> {
    app.with_store(None, |st| st.locker_item(LockerId(id)).map(|(_, i)| i))
}

/// Largest picture the app shows or previews: it is read whole to be decoded, and a file
/// of gigabytes named as a picture must not take as much memory (2 GiB took 2.1 GB and a
/// 5.7 s stall). Phone photos are a few MiB.
const MAX_SHOWN_BYTES: u64 = 64 * 1024 * 1024;

/// The item's file content, `None` when it is larger than the app shows.
fn item_bytes(app: &App, item: &LockerItem) -> Result<Option<Vec<u8>>, CaseError> {
    let ev = item
        .entry
        .evidence
        .ok_or(CaseError::NoLockerItem(item.id.0))?;
    app.with_store(None, |st| {
        if st.evidence_item(ev)?.1.size > MAX_SHOWN_BYTES {
            return Ok(None);
        }
        let mut out = Vec::new();
        st.read_evidence(ev, &mut out)?;
        Ok(Some(out))
    })
}

fn image_response(content_type: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// The full image of an item (shown only when the page asks for it).
pub(crate) async fn image(State(app): Shared, op: Operator, Path(id): Path<i64>) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let item = match load_item(&app, id) {
        Ok(i) => i,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let Some(ct) = item
        .entry
        .facts
        .as_ref()
        .filter(|f| f.kind == MediaKind::Image)
        .and_then(|f| content_type(f.format.as_deref()))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let bytes = match tokio::task::block_in_place(|| item_bytes(&app, &item)) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let too_large = Message::new("web-locker-too-large");
            return error_page(cat, Some(s), StatusCode::PAYLOAD_TOO_LARGE, &too_large);
        }
        Err(e) => return case_error(cat, Some(s), &e),
    };
    // Every time a sensitive image is sent in full, from the page or by its address, is
    // part of its chain of custody: logged before it is sent, with the operator.
    if item.entry.sensitive {
        let noted = app.with_store(Some(&s.operator), |st| {
            st.note_locker_shown(LockerId(id), Timestamp::now())
        });
        if let Err(e) = noted {
            return case_error(cat, Some(s), &e);
        }
    }
    image_response(ct, bytes)
}

/// A preview of an item's image a dozen pixels wide: nothing of it can be made out.
pub(crate) async fn preview(State(app): Shared, op: Operator, Path(id): Path<i64>) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let item = match load_item(&app, id) {
        Ok(i) => i,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let bytes = match tokio::task::block_in_place(|| item_bytes(&app, &item)) {
        Ok(Some(b)) => b,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => return case_error(cat, Some(s), &e),
    };
    match tokio::task::block_in_place(|| vigie_ncii::preview_png(&bytes, BLURRED_SIDE)) {
        Ok(png) => image_response("image/png", png),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Uploaded files stored in the locker as they arrive, described once every field is read.
struct LockerSink<'a> {
    app: &'a App,
    operator: &'a str,
    case: CaseId,
    current: Option<LockerUpload>,
    done: Vec<LockerUpload>,
}

impl FileSink for LockerSink<'_> {
    fn begin(&mut self, name: &str) -> Result<(), Message> {
        let (case, now) = (self.case, Timestamp::now());
        let upload = self
            .app
            .with_store(Some(self.operator), |st| {
                LockerUpload::begin(st, case, name, now)
            })
            .map_err(|e| e.message())?;
        self.current = Some(upload);
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Message> {
        let Some(upload) = self.current.as_mut() else {
            return Ok(());
        };
        self.app
            .with_store(None, |st| upload.write(st, bytes))
            .map_err(|e| e.message())
    }

    fn end(&mut self) -> Result<(), Message> {
        self.done.extend(self.current.take());
        Ok(())
    }

    fn cut(&mut self) {
        // A file cut off part-way is not described as the file it was meant to be.
        self.current = None;
    }
}

/// What the form says about the files.
fn file_info(fields: &HashMap<String, String>) -> LockerFileInfo {
    let kind = fields.get("kind").and_then(|k| LockerKind::parse(k));
    LockerFileInfo {
        source: None,
        kind,
        description: described(fields, kind.unwrap_or_default()),
        sensitive: fields.get("sensitive").is_some_and(|v| v == "yes"),
        file_modified: fields
            .get("file_modified")
            .and_then(|ms| ms.trim().parse::<i64>().ok())
            .map(|ms| Timestamp::from_secs_nanos(ms.div_euclid(1000), 0).to_string()),
    }
}

/// Adds the uploaded files to the locker, stored as they arrive.
pub(crate) async fn add_files(
    State(app): Shared,
    Path(reference): CaseRef,
    up: Upload,
) -> Response {
    let (cat, s) = (&up.op.cat, &up.op.session);
    let mut multipart = up.multipart;
    let case = match app.with_store(None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    // Text fields come first in the form; files are stored as they arrive and described
    // at the end, when every field has been read.
    let mut sink = LockerSink {
        app: &app,
        operator: &s.operator,
        case,
        current: None,
        done: vec![],
    };
    let (fields, mut failure) = receive(&mut multipart, &mut sink).await;
    let info = file_info(&fields);
    // Files received whole are recorded even when a later one failed: nothing is lost.
    let count = sink.done.len();
    for upload in sink.done {
        let now = Timestamp::now();
        if let Err(e) = app.with_store(Some(&s.operator), |st| {
            upload.finish(st, case, info.clone(), now)
        }) {
            failure.get_or_insert(e.message());
        }
    }
    if let Some(m) = failure {
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    if count == 0 {
        let m = Message::new("web-locker-no-file");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    let to = format!("/cases/{}/locker?msg=web-locker-added-msg", seg(&reference));
    Redirect::to(&to).into_response()
}

/// Adds a link to the locker.
pub(crate) async fn add_link(State(app): Shared, Path(reference): CaseRef, p: Posted) -> Response {
    let (cat, s) = (&p.op.cat, &p.op.session);
    let description = described(&p.form, LockerKind::Link);
    if description.link.is_empty() {
        let m = Message::new("web-locker-no-link");
        return error_page(cat, Some(s), StatusCode::BAD_REQUEST, &m);
    }
    match app.with_store(Some(&s.operator), |st| {
        let case = st.find(&reference)?;
        st.add_locker_item(
            case,
            LockerEntry {
                description,
                ..Default::default()
            },
            Timestamp::now(),
        )
    }) {
        Ok(_) => Redirect::to(&format!(
            "/cases/{}/locker?msg=web-locker-added-msg",
            seg(&reference)
        ))
        .into_response(),
        Err(e) => case_error(cat, Some(s), &e),
    }
}

/// The case's locker items, for the drafts and the hash list.
fn case_items(app: &App, reference: &str) -> Result<Vec<LockerItem>, CaseError> {
    app.with_store(None, |st| {
        let case = st.find(reference)?;
        st.locker(case)
    })
}

/// The chronology and the draft take-down requests, in the page's language, from the
/// organisation's guidance files.
pub(crate) async fn drafts(State(app): Shared, op: Operator, Path(reference): CaseRef) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let items = match case_items(&app, &reference) {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let guidance = match crate::pages::reports::guidance(&app, cat, s) {
        Ok(g) => g,
        Err(r) => return r,
    };
    let kind_name = |k: LockerKind| cat.key(&format!("ncii-kind-{}", k.as_str()));
    let t = vigie_report::takedown(&guidance, &reference, &items, &kind_name);
    let g = |key: &str| esc(&guidance.text(key, &[]).unwrap_or_default());
    let mut body = format!(
        "<p>{}</p><div class=\"card\"><p>{}</p><p>{}</p></div><h2>{}</h2><p>{}</p><table class=\"chronology\" id=\"chronology\"><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>SHA-256</th></tr></thead><tbody>",
        g("takedown-intro"),
        g("takedown-legal"),
        g("takedown-services"),
        g("takedown-chronology"),
        g("takedown-chronology-note"),
        esc(&cat.key("web-locker-seen_at")),
        esc(&cat.key("web-locker-place")),
        esc(&cat.key("web-locker-posted_by")),
        esc(&cat.key("web-locker-what")),
    );
    for r in &t.chronology {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            r.item,
            esc(&r.when),
            esc(&r.place),
            esc(&r.who),
            esc(&r.what),
            esc(r.sha256.as_deref().unwrap_or(""))
        ));
    }
    body.push_str("</tbody></table>");
    for (n, d) in t.drafts.iter().enumerate() {
        body.push_str(&format!(
            "<section class=\"draft\"><h3 id=\"draft-{n}-title\">{}</h3><textarea readonly rows=\"14\" id=\"draft-{n}\" aria-labelledby=\"draft-{n}-title\">{}</textarea></section>",
            esc(&d.title),
            esc(&d.text)
        ));
    }
    let title = cat.text(&Message::new("web-locker-drafts-title").arg("reference", &reference));
    let path = format!("/cases/{}/locker/drafts", seg(&reference));
    page(cat, &title, Some(s), &path, &body)
}

/// The hash list of the sensitive items, downloaded as JSON (no image, name or description).
pub(crate) async fn hashes(State(app): Shared, op: Operator, Path(reference): CaseRef) -> Response {
    let (cat, s) = (&op.cat, &op.session);
    let items = match case_items(&app, &reference) {
        Ok(v) => v,
        Err(e) => return case_error(cat, Some(s), &e),
    };
    let (json, _) = vigie_station::hash_list_json(&items, false);
    attachment(
        &format!("hashes-{}.json", file_stem(&reference)),
        "application/json",
        json,
    )
}
