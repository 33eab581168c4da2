//! The evidence locker of a case in the station app: screenshots, photos, saved pages,
//! message exports and links about intimate images shared without consent.
//!
//! A sensitive image is never sent to the browser in full unless someone asks for it: the
//! page shows a preview a dozen pixels wide, blurred, and a button that shows that one image
//! (the showing is written to the audit log). What the operator typed and what the file
//! itself says are shown apart.

use crate::handlers::{case_error, csrf_ok, error_page, now, require, require_post, with_store};
use crate::handlers::{forbidden, Fields, Shared};
use crate::html::{self, csrf_field, esc, seg};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use std::collections::HashMap;
use vigie_case::{CaseError, LockerDescription, LockerEntry, LockerId, LockerItem, LockerKind};
use vigie_core::Localized;
use vigie_core::{Catalog, Message};
use vigie_ncii::MediaKind;
use vigie_station::{LockerFileInfo, LockerUpload};

/// Longer side, in pixels, of the preview of a sensitive image: no detail survives.
const BLURRED_SIDE: u32 = 12;

/// Formats a browser shows, by the name [`vigie_ncii::media::sniff`] gives.
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
pub(crate) async fn page(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let shown: Option<i64> = q.get("show").and_then(|v| v.parse().ok());
    let loaded = with_store(&app, None, |st| {
        let case = st.find(&reference)?;
        st.locker(case)
    });
    let items = match loaded {
        Ok(v) => v,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    if let Some(id) = shown {
        // Showing a sensitive image in full is part of its chain of custody.
        if items.iter().any(|i| i.id.0 == id && i.entry.sensitive) {
            let _ = with_store(&app, Some(&s.operator), |st| {
                st.note_locker_shown(LockerId(id), now())
            });
        }
    }
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
        told_fields(&cat),
        esc(&cat.key("web-locker-add-button")),
        csrf = esc(&s.csrf),
    ));
    body.push_str(&format!(
        "<form method=\"post\" action=\"/cases/{r}/locker/link\" class=\"card\" id=\"locker-link-form\"><h2>{}</h2>{}{}<button type=\"submit\" id=\"locker-link-add\">{}</button></form></div>",
        esc(&cat.key("web-locker-link-title")),
        csrf_field(&s),
        told_fields(&cat),
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
        body.push_str(&item_card(&cat, &reference, item, shown == Some(item.id.0)));
    }
    let title = cat.text(&Message::new("web-locker-title").arg("reference", &reference));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{r}/locker"),
        &body,
    ))
    .into_response()
}

fn row(label: &str, value: &str) -> String {
    if value.is_empty() {
        String::new()
    } else {
        format!("<dt>{}</dt><dd>{}</dd>", esc(label), esc(value))
    }
}

fn item_card(cat: &Catalog, reference: &str, item: &LockerItem, shown: bool) -> String {
    let e = &item.entry;
    let d = &e.description;
    let r = seg(reference);
    let id = item.id.0;
    let facts = e.facts.as_ref();
    let viewable = facts
        .filter(|f| f.kind == MediaKind::Image)
        .and_then(|f| content_type(f.format.as_deref()))
        .is_some();
    let picture = match (viewable, e.sensitive, shown) {
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
    };
    let mut told = String::new();
    told.push_str(&row(&cat.key("web-locker-seen_at"), &d.seen_at));
    told.push_str(&row(&cat.key("web-locker-place"), &d.place));
    told.push_str(&row(&cat.key("web-locker-posted_by"), &d.posted_by));
    told.push_str(&row(&cat.key("web-locker-link"), &d.link));
    told.push_str(&row(&cat.key("web-locker-note"), &d.note));
    let mut says = String::new();
    says.push_str(&row(&cat.key("web-locker-added"), &item.added));
    if let Some(f) = facts {
        says.push_str(&row(
            &cat.key("web-locker-file-name"),
            e.file_name.as_deref().unwrap_or(""),
        ));
        says.push_str(&row(&cat.key("web-locker-size"), &format!("{} B", f.size)));
        says.push_str(&row("SHA-256", &f.sha256));
        says.push_str(&row("MD5", &f.md5));
        if let Some(h) = &f.pdq {
            says.push_str(&row(
                "PDQ",
                &format!("{} ({} {})", h.pdq, cat.key("ncii-quality"), h.quality),
            ));
        }
        if !f.frames.is_empty() {
            says.push_str(&row(
                &cat.key("web-locker-frames"),
                &cat.text(
                    &Message::new("web-locker-frames-count")
                        .arg("count", f.frames.len().to_string()),
                ),
            ));
        }
        if let Some(m) = f.frames_missing {
            says.push_str(&row(
                &cat.key("web-locker-frames"),
                &cat.key(&format!("web-locker-no-frames-{}", m.as_str())),
            ));
        }
        if let Some(m) = f.pdq_missing {
            says.push_str(&row(
                "PDQ",
                &cat.key(&format!("web-locker-no-pdq-{}", m.as_str())),
            ));
        }
        says.push_str(&row(
            &cat.key("web-locker-file-modified"),
            e.file_modified.as_deref().unwrap_or(""),
        ));
        if let Some(x) = &f.exif {
            says.push_str(&row(
                &cat.key("web-locker-exif-taken"),
                x.taken.as_deref().unwrap_or(""),
            ));
            says.push_str(&row(
                &cat.key("web-locker-exif-modified"),
                x.modified.as_deref().unwrap_or(""),
            ));
            says.push_str(&row(
                &cat.key("web-locker-exif-device"),
                x.device.as_deref().unwrap_or(""),
            ));
            says.push_str(&row(
                &cat.key("web-locker-exif-software"),
                x.software.as_deref().unwrap_or(""),
            ));
            if x.has_location {
                says.push_str(&row(
                    &cat.key("web-locker-exif-location"),
                    &cat.key("web-locker-exif-location-yes"),
                ));
            }
        }
    }
    let badge = if e.sensitive {
        format!(
            " <span class=\"badge\">{}</span>",
            esc(&cat.key("ncii-sensitive"))
        )
    } else {
        String::new()
    };
    let name = e.file_name.as_deref().unwrap_or(&d.link);
    format!(
        "<section class=\"locker-item\" id=\"item-{id}\"><h3>#{id} {} — {}{badge}</h3>{picture}<div class=\"columns\"><div><h4>{}</h4><dl>{told}</dl></div><div><h4>{}</h4><dl>{says}</dl></div></div></section>",
        esc(&cat.key(&format!("ncii-kind-{}", d.kind.as_str()))),
        esc(name),
        esc(&cat.key("web-locker-told")),
        esc(&cat.key("web-locker-file-says")),
    )
}

/// The item `id` and its case, if the session may see it (any logged-in operator).
fn load_item(app: &crate::App, id: i64) -> Result<LockerItem, CaseError> {
    with_store(app, None, |st| st.locker_item(LockerId(id)).map(|(_, i)| i))
}

/// The item's file content.
fn item_bytes(app: &crate::App, item: &LockerItem) -> Result<Vec<u8>, CaseError> {
    let ev = item
        .entry
        .evidence
        .ok_or(CaseError::NoLockerItem(item.id.0))?;
    with_store(app, None, |st| {
        let mut out = Vec::new();
        st.read_evidence(ev, &mut out)?;
        Ok(out)
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
pub(crate) async fn image(State(app): Shared, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let item = match load_item(&app, id) {
        Ok(i) => i,
        Err(e) => return case_error(&cat, Some(&s), &e),
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
    match tokio::task::block_in_place(|| item_bytes(&app, &item)) {
        Ok(bytes) => image_response(ct, bytes),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

/// A preview of an item's image a dozen pixels wide: nothing of it can be made out.
pub(crate) async fn preview(
    State(app): Shared,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let item = match load_item(&app, id) {
        Ok(i) => i,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let bytes = match tokio::task::block_in_place(|| item_bytes(&app, &item)) {
        Ok(b) => b,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    match tokio::task::block_in_place(|| vigie_ncii::preview_png(&bytes, BLURRED_SIDE)) {
        Ok(png) => image_response("image/png", png),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Adds the uploaded files to the locker, stored as they arrive.
pub(crate) async fn add_files(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    mut multipart: Multipart,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &headers, q.get("csrf")) {
        return forbidden(&cat);
    }
    let case = match with_store(&app, None, |st| st.find(&reference)) {
        Ok(c) => c,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    // Text fields come first in the form; files are stored as they arrive and described
    // at the end, when every field has been read.
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut uploads: Vec<LockerUpload> = vec![];
    let mut failure: Option<Message> = None;
    'fields: loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                failure = Some(Message::new("web-import-interrupted").arg("detail", e.to_string()));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .file_name()
            .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_owned());
        let Some(file_name) = file_name.filter(|n| !n.is_empty()) else {
            if let Ok(text) = field.text().await {
                fields.insert(name, text.chars().take(4000).collect());
            }
            continue;
        };
        let mut upload = match with_store(&app, Some(&s.operator), |st| {
            LockerUpload::begin(st, case, &file_name, now())
        }) {
            Ok(u) => u,
            Err(e) => {
                failure = Some(e.message());
                break;
            }
        };
        loop {
            match field.chunk().await {
                Ok(Some(bytes)) => {
                    if let Err(e) = with_store(&app, None, |st| upload.write(st, &bytes)) {
                        failure = Some(e.message());
                        break 'fields;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    failure =
                        Some(Message::new("web-import-interrupted").arg("detail", e.to_string()));
                    break 'fields;
                }
            }
        }
        uploads.push(upload);
    }
    let kind = fields.get("kind").and_then(|k| LockerKind::parse(k));
    let info = LockerFileInfo {
        source: None,
        kind,
        description: described(&fields, kind.unwrap_or_default()),
        sensitive: fields.get("sensitive").is_some_and(|v| v == "yes"),
        file_modified: fields
            .get("file_modified")
            .and_then(|ms| ms.trim().parse::<i64>().ok())
            .map(|ms| vigie_core::Timestamp::from_secs_nanos(ms.div_euclid(1000), 0).to_string()),
    };
    // Files received whole are recorded even when a later one failed: nothing is lost.
    let count = uploads.len();
    for upload in uploads {
        if let Err(e) = with_store(&app, Some(&s.operator), |st| {
            upload.finish(st, case, info.clone(), now())
        }) {
            failure.get_or_insert(e.message());
        }
    }
    if let Some(m) = failure {
        return error_page(&cat, Some(&s), StatusCode::BAD_REQUEST, &m);
    }
    if count == 0 {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("web-locker-no-file"),
        );
    }
    Redirect::to(&format!(
        "/cases/{}/locker?msg=web-locker-added-msg",
        seg(&reference)
    ))
    .into_response()
}

/// Adds a link to the locker.
pub(crate) async fn add_link(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
    axum::Form(f): Fields,
) -> Response {
    let (cat, s) = match require_post(&app, &headers, &f) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let description = described(&f, LockerKind::Link);
    if description.link.is_empty() {
        return error_page(
            &cat,
            Some(&s),
            StatusCode::BAD_REQUEST,
            &Message::new("web-locker-no-link"),
        );
    }
    match with_store(&app, Some(&s.operator), |st| {
        let case = st.find(&reference)?;
        st.add_locker_item(
            case,
            LockerEntry {
                description,
                ..Default::default()
            },
            now(),
        )
    }) {
        Ok(_) => Redirect::to(&format!(
            "/cases/{}/locker?msg=web-locker-added-msg",
            seg(&reference)
        ))
        .into_response(),
        Err(e) => case_error(&cat, Some(&s), &e),
    }
}

/// The case's locker items, for the drafts and the hash list.
pub(crate) fn case_items(app: &crate::App, reference: &str) -> Result<Vec<LockerItem>, CaseError> {
    with_store(app, None, |st| {
        let case = st.find(reference)?;
        st.locker(case)
    })
}

/// The chronology and the draft take-down requests, in the page's language, from the
/// organisation's guidance files.
pub(crate) async fn drafts(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let items = match case_items(&app, &reference) {
        Ok(v) => v,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let guidance = match crate::reports::guidance(&app, &cat, &s) {
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
            "<section class=\"draft\"><h3>{}</h3><textarea readonly rows=\"14\" id=\"draft-{n}\">{}</textarea></section>",
            esc(&d.title),
            esc(&d.text)
        ));
    }
    let title = cat.text(&Message::new("web-locker-drafts-title").arg("reference", &reference));
    Html(html::page(
        &cat,
        &title,
        Some(&s),
        &format!("/cases/{}/locker/drafts", seg(&reference)),
        &body,
    ))
    .into_response()
}

/// The hash list of the sensitive items, downloaded as JSON (no image, name or description).
pub(crate) async fn hashes(
    State(app): Shared,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let (cat, s) = match require(&app, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let items = match case_items(&app, &reference) {
        Ok(v) => v,
        Err(e) => return case_error(&cat, Some(&s), &e),
    };
    let (json, _) = vigie_station::hash_list_json(&items, false);
    crate::reports::attachment(
        &format!("hashes-{}.json", crate::reports::file_stem(&reference)),
        "application/json",
        json,
    )
}
