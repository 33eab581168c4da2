//! Messages: SMS and iMessage (`sms`, `sms_attachments`), WhatsApp (`whatsapp`).

use crate::model::{ExploitTrace, SeenKind};
use crate::reading::{each_row, id_at, rows_of, text_at, time_at, LinkRows, Reading};
use crate::times::cocoa_time;
use rusqlite::Connection;

/// The links in messages' texts.
const SMS_LINKS: LinkRows = LinkRows::messages(
    "SELECT ROWID, text, date FROM message",
    "message ROWID",
    cocoa_time,
);

/// The links in WhatsApp's messages.
pub(super) const WHATSAPP: LinkRows = LinkRows::messages(
    "SELECT Z_PK, ZTEXT, ZMESSAGEDATE FROM ZWAMESSAGE",
    "ZWAMESSAGE Z_PK",
    cocoa_time,
);

/// Messages (MVT's `sms`): the links in their texts, and the correspondents written as
/// e-mail addresses (iMessage); the rows are the messages.
pub(super) fn sms(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    let n = SMS_LINKS.read(conn, r)?;
    // A database without the handle table has no correspondents to read.
    if let Ok(mut stmt) = conn.prepare("SELECT ROWID, id FROM handle") {
        rows_of(&mut stmt, &mut |row| {
            if let Some(handle) = text_at(row, 1).filter(|h| h.contains('@')) {
                let locator = format!("handle ROWID {}", id_at(row, 0));
                r.seen(SeenKind::Email, handle, locator, None);
            }
        })?;
    }
    Ok(n)
}

/// Message attachments (MVT's `sms_attachments`): their paths, for indicators, and the
/// received attachment left in a temporary folder that some exploits leave.
pub(super) fn sms_attachments(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    // Old or damaged message databases have no attachment table: nothing to read there.
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'attachment'",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    each_row(
        conn,
        "SELECT ROWID, filename, created_date, is_outgoing FROM attachment",
        &mut |row| {
            let Some(name) = text_at(row, 1) else {
                return;
            };
            let when = time_at(row, 2, cocoa_time);
            let outgoing = row.get::<_, Option<i64>>(3).ok().flatten() == Some(1);
            let locator = format!("attachment ROWID {}", id_at(row, 0));
            if name.starts_with("/var/tmp/") && name.ends_with("-1") && !outgoing {
                r.out.exploit_traces.push(ExploitTrace {
                    kind: "tmp-attachment",
                    file: r.file.to_owned(),
                    locator: locator.clone(),
                    detail: format!("{name} ({})", when.as_deref().unwrap_or("?")),
                });
            }
            r.seen(SeenKind::FilePath, name, locator, when);
        },
    )
}
