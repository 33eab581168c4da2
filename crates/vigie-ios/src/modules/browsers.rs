//! Browsers: Safari's history and open tabs, Chrome's and Firefox's histories, the three
//! browsers' favicons, and WebKit's records of the sites every app using it loaded.

use crate::model::SeenKind;
use crate::reading::{each_row, id_at, plist_key, text_at, time_at, LinkRows, Reading};
use crate::times::{chrome_time, cocoa_time, unix_time};
use plist::Value;
use rusqlite::Connection;

/// Safari's history (MVT's `safari_history`): each page and its last visit.
pub(super) const SAFARI_HISTORY: LinkRows = LinkRows::links(
    "SELECT history_items.id, history_items.url, max(history_visits.visit_time)
          FROM history_items LEFT JOIN history_visits ON history_visits.history_item = history_items.id
          GROUP BY history_items.id",
    "history_items id",
    1,
    cocoa_time,
);

/// Safari's open tabs (MVT's `safari_browser_state`).
pub(super) const SAFARI_BROWSER_STATE: LinkRows = LinkRows::links(
    "SELECT id, url, last_viewed_time FROM tabs",
    "tabs id",
    1,
    cocoa_time,
);

/// Chrome's history (MVT's `chrome_history`); Chrome counts microseconds since 1601.
pub(super) const CHROME_HISTORY: LinkRows = LinkRows::links(
    "SELECT id, url, last_visit_time FROM urls",
    "urls id",
    1,
    chrome_time,
);

/// Firefox's history (MVT's `firefox_history`), without times.
pub(super) const FIREFOX_HISTORY: LinkRows = LinkRows::links(
    "SELECT id, url, NULL FROM history",
    "history id",
    1,
    unix_time,
);

/// Safari's favicons (MVT's `safari_favicon`): each page and its icon's address.
pub(super) const SAFARI_FAVICON: LinkRows = LinkRows::links(
    "SELECT page_url.rowid, page_url.url, icon_info.url, icon_info.timestamp
          FROM page_url LEFT JOIN icon_info ON page_url.uuid = icon_info.uuid",
    "page_url rowid",
    2,
    cocoa_time,
);

/// Chrome's favicons (MVT's `chrome_favicon`).
pub(super) const CHROME_FAVICON: LinkRows = LinkRows::links(
    "SELECT icon_mapping.id, icon_mapping.page_url, favicons.url, favicon_bitmaps.last_updated
          FROM icon_mapping JOIN favicons ON icon_mapping.icon_id = favicons.id
          LEFT JOIN favicon_bitmaps ON icon_mapping.icon_id = favicon_bitmaps.icon_id",
    "icon_mapping id",
    2,
    chrome_time,
);

/// Firefox's favicons (MVT's `firefox_favicon`).
pub(super) const FIREFOX_FAVICON: LinkRows = LinkRows::links(
    "SELECT favicons.id, history.url, favicons.url, favicons.date
          FROM favicons JOIN favicon_sites ON favicon_sites.faviconID = favicons.id
          JOIN history ON favicon_sites.siteID = history.id",
    "favicons id",
    2,
    unix_time,
);

/// WebKit's statistics of the sites an app loaded (MVT's
/// `webkit_resource_load_statistics`): each site's domain and when it was last seen.
pub(super) fn webkit_resource_load_statistics(
    conn: &Connection,
    r: &mut Reading<'_>,
) -> rusqlite::Result<u64> {
    each_row(
        conn,
        "SELECT domainID, registrableDomain, lastSeen FROM ObservedDomains",
        &mut |row| {
            if let Some(domain) = text_at(row, 1) {
                let locator = format!("ObservedDomains domainID {}", id_at(row, 0));
                r.seen(
                    SeenKind::Domain,
                    domain,
                    locator,
                    time_at(row, 2, unix_time),
                );
            }
        },
    )
}

/// The keys of a browsing statistic that name sites.
const SITE_KEYS: [&str; 5] = [
    "PrevalentResourceOrigin",
    "topFrameUniqueRedirectsFrom",
    "topFrameUniqueRedirectsTo",
    "subframeUnderTopFrameOrigins",
    "subresourceUnderTopFrameOrigins",
];

/// WebKit's log of the sites a browsing session loaded (MVT's
/// `webkit_session_resource_log`): each site and those it redirected from or to, or loaded
/// inside it.
pub(super) fn webkit_session_resource_log(root: &Value, r: &mut Reading<'_>) -> u64 {
    let stats = plist_key(root, "browsingStatistics").and_then(Value::as_array);
    let mut n = 0;
    for (i, item) in stats.into_iter().flatten().enumerate() {
        let Some(d) = item.as_dictionary() else {
            continue;
        };
        n += 1;
        let when = d.get("lastSeen").and_then(|v| {
            v.as_date()
                .map(|t| t.to_xml_format())
                .or_else(|| v.as_real().and_then(cocoa_time))
        });
        let mut domains: Vec<&str> = vec![];
        for key in SITE_KEYS {
            match d.get(key) {
                Some(Value::String(v)) => domains.push(v),
                Some(Value::Array(vs)) => domains.extend(vs.iter().filter_map(Value::as_string)),
                _ => {}
            }
        }
        for domain in domains.into_iter().filter(|d| !d.is_empty()) {
            let locator = format!("browsingStatistics {i}");
            r.seen(SeenKind::Domain, domain.to_owned(), locator, when.clone());
        }
    }
    n
}
