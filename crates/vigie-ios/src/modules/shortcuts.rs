//! Shortcuts (MVT's `shortcuts`): the links in their actions, and the shortcuts that take
//! something private and send it — how a shortcut or automation can report on someone.

use crate::links::links_in;
use crate::model::{SeenKind, SendingShortcut};
use crate::reading::{each_row, id_at, text_at, time_at, Reading};
use crate::storage::plist_from_bytes;
use crate::times::cocoa_time;
use plist::Value;
use rusqlite::Connection;

/// Shortcut actions that take something private.
const SHORTCUT_TAKES: [&str; 8] = [
    "is.workflow.actions.getcurrentlocation",
    "is.workflow.actions.getlastphoto",
    "is.workflow.actions.getlatestphotos",
    "is.workflow.actions.filter.photos",
    "is.workflow.actions.takephoto",
    "is.workflow.actions.recordaudio",
    "is.workflow.actions.getclipboard",
    "is.workflow.actions.getlastscreenshot",
];

/// Shortcut actions that send something away from the phone.
const SHORTCUT_SENDS: [&str; 3] = [
    "is.workflow.actions.sendmessage",
    "is.workflow.actions.sendemail",
    "is.workflow.actions.downloadurl",
];

/// Every text inside a plist value, for finding links in an action's parameters.
fn texts_of(v: &Value, out: &mut String) {
    match v {
        Value::String(t) => {
            out.push_str(t);
            out.push(' ');
        }
        Value::Array(items) => items.iter().for_each(|i| texts_of(i, out)),
        Value::Dictionary(d) => d.values().for_each(|i| texts_of(i, out)),
        _ => {}
    }
}

/// What a shortcut's actions do.
#[derive(Default)]
struct Actions {
    /// The actions that take something private.
    takes: Vec<String>,
    /// The actions that send.
    sends: Vec<String>,
    /// The links in their parameters, action by action.
    links: Vec<String>,
}

/// Reads a shortcut's archived actions (a plist list of dictionaries).
fn actions_of(data: Option<Vec<u8>>) -> Actions {
    let actions = data
        .and_then(|d| plist_from_bytes(&d).ok())
        .and_then(|v| v.into_array())
        .unwrap_or_default();
    let mut out = Actions::default();
    for action in actions.iter().filter_map(Value::as_dictionary) {
        let ident = action
            .get("WFWorkflowActionIdentifier")
            .and_then(Value::as_string)
            .unwrap_or_default();
        if SHORTCUT_TAKES.contains(&ident) {
            out.takes.push(ident.to_owned());
        }
        if SHORTCUT_SENDS.contains(&ident) {
            out.sends.push(ident.to_owned());
        }
        let mut text = String::new();
        if let Some(p) = action.get("WFWorkflowActionParameters") {
            texts_of(p, &mut text);
        }
        out.links.extend(links_in(&text));
    }
    out
}

/// Each shortcut, with its actions.
const SHORTCUTS: &str =
    "SELECT ZSHORTCUT.Z_PK, ZSHORTCUT.ZNAME, ZSHORTCUT.ZCREATIONDATE, ZSHORTCUTACTIONS.ZDATA
     FROM ZSHORTCUT LEFT JOIN ZSHORTCUTACTIONS ON ZSHORTCUTACTIONS.ZSHORTCUT = ZSHORTCUT.Z_PK";

/// Shortcuts: each one's links, and those that take something private and send it.
pub(super) fn shortcuts(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    each_row(conn, SHORTCUTS, &mut |row| {
        let locator = format!("ZSHORTCUT Z_PK {}", id_at(row, 0));
        let created = time_at(row, 2, cocoa_time);
        let Actions {
            takes,
            sends,
            links,
        } = actions_of(row.get(3).ok().flatten());
        for link in links {
            r.seen(SeenKind::Url, link, locator.clone(), created.clone());
        }
        if !takes.is_empty() && !sends.is_empty() {
            r.out.sending_shortcuts.push(SendingShortcut {
                name: text_at(row, 1).unwrap_or_default(),
                locator,
                takes,
                sends,
                created,
                file: r.file.to_owned(),
            });
        }
    })
}
