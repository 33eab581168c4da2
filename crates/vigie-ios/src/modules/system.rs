//! What iOS itself records: data use per process (`datausage`), privacy permissions
//! (`tcc`), accounts (`accounts`), calendar events (`calendar`).

use crate::links::links_in;
use crate::model::{Account, ExploitTrace, IosBackup, MissingProcess, PrivacyGrant, SeenKind};
use crate::reading::{each_row, id_at, text_at, time_at, Reading};
use crate::times::{cocoa_time, unix_time};
use rusqlite::Connection;

/// Most missing process records reported (a damaged database could skip millions).
const MAX_MISSING: usize = 100;

/// A process record of the data-use database.
struct ProcessRecord {
    /// Its number.
    id: i64,
    /// Its name as recorded (`UUID/com.apple.Fitness`).
    name: String,
    /// When it was first seen.
    when: Option<String>,
}

/// Notes the records missing between `previous` and record `id` (numbers skipped in the
/// sequence, which can mean that records were deleted).
fn note_missing(out: &mut IosBackup, previous: &ProcessRecord, id: i64, file: &str) {
    for missing in previous.id + 1..id {
        if out.missing_processes.len() >= MAX_MISSING {
            break;
        }
        out.missing_processes.push(MissingProcess {
            id: missing,
            previous: previous.name.clone(),
            previous_when: previous.when.clone(),
            file: file.to_owned(),
        });
    }
}

/// Each process record, in order.
const PROCESSES: &str =
    "SELECT Z_PK, ZPROCNAME, ZBUNDLENAME, ZFIRSTTIMESTAMP FROM ZPROCESS ORDER BY Z_PK";

/// Data use per process (MVT's `datausage`): process and bundle names, for indicators, and
/// the records missing from its sequence.
pub(super) fn datausage(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    let mut previous: Option<ProcessRecord> = None;
    each_row(conn, PROCESSES, &mut |row| {
        let id = id_at(row, 0);
        let recorded = text_at(row, 1).unwrap_or_default();
        let when = time_at(row, 3, cocoa_time);
        let locator = format!("ZPROCESS Z_PK {id}");
        // "UUID/com.apple.Fitness": the name after the last slash is the process.
        let name = recorded.rsplit('/').next().unwrap_or(&recorded).to_owned();
        if !name.is_empty() {
            r.seen(
                SeenKind::Process,
                name.clone(),
                locator.clone(),
                when.clone(),
            );
        }
        if let Some(bundle) = text_at(row, 2).filter(|b| !b.is_empty() && *b != name) {
            r.seen(SeenKind::Process, bundle, locator, when.clone());
        }
        if let Some(previous) = &previous {
            note_missing(r.out, previous, id, r.file);
        }
        previous = Some(ProcessRecord {
            id,
            name: recorded,
            when,
        });
    })
}

/// Privacy permissions (MVT's `tcc`): which app may use what.
pub(super) fn tcc(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    let columns: Vec<String> = conn
        .prepare("PRAGMA table_info(access)")?
        .query_map([], |row| row.get::<_, String>(1))?
        .filter_map(Result::ok)
        .collect();
    let has = |c: &str| columns.iter().any(|x| x == c);
    // iOS 14 and later: auth_value (2 = allowed); before: allowed (1).
    let allowed = if has("auth_value") {
        "auth_value = 2"
    } else {
        "allowed = 1"
    };
    let modified = if has("last_modified") {
        "last_modified"
    } else {
        "NULL"
    };
    each_row(
        conn,
        &format!("SELECT service, client, {allowed}, {modified} FROM access"),
        &mut |row| {
            r.out.grants.push(PrivacyGrant {
                service: text_at(row, 0).unwrap_or_default(),
                client: text_at(row, 1).unwrap_or_default(),
                allowed: row
                    .get::<_, Option<bool>>(2)
                    .ok()
                    .flatten()
                    .unwrap_or(false),
                when: time_at(row, 3, unix_time),
            });
        },
    )
}

/// Each account, with its type.
const ACCOUNTS: &str =
    "SELECT ZACCOUNTTYPE.ZIDENTIFIER, ZACCOUNT.ZUSERNAME, ZACCOUNT.ZACCOUNTDESCRIPTION, ZACCOUNT.ZDATE
     FROM ZACCOUNT LEFT JOIN ZACCOUNTTYPE ON ZACCOUNTTYPE.Z_PK = ZACCOUNT.ZACCOUNTTYPE";

/// Accounts set up on the phone (MVT's `accounts`), the Apple ID among them.
pub(super) fn accounts(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    each_row(conn, ACCOUNTS, &mut |row| {
        let Some(user) = text_at(row, 1).filter(|u| !u.is_empty()) else {
            return;
        };
        r.out.accounts.push(Account {
            kind: text_at(row, 0).unwrap_or_default(),
            user,
            description: text_at(row, 2),
            added: time_at(row, 3, cocoa_time),
            file: r.file.to_owned(),
        });
    })
}

/// Each event, with its organiser's address.
const EVENTS: &str =
    "SELECT CalendarItem.ROWID, CalendarItem.summary, CalendarItem.description, CalendarItem.url,
            CalendarItem.start_date, CalendarItem.UUID, Participant.email
     FROM CalendarItem LEFT JOIN Participant ON Participant.ROWID = CalendarItem.organizer_id";

/// Calendar events (MVT's `calendar`): the links in their address and notes, their
/// organiser's e-mail address, and the invitation QuaDream's exploit left behind.
pub(super) fn calendar(conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
    each_row(conn, EVENTS, &mut |row| {
        let (summary, description, url) = (text_at(row, 1), text_at(row, 2), text_at(row, 3));
        let when = time_at(row, 4, cocoa_time);
        let locator = format!("CalendarItem ROWID {}", id_at(row, 0));
        for link in url
            .iter()
            .chain(description.iter())
            .flat_map(|t| links_in(t))
        {
            r.seen(SeenKind::Url, link, locator.clone(), when.clone());
        }
        if let Some(email) = text_at(row, 6).filter(|e| e.contains('@')) {
            let email = email.strip_prefix("mailto:").unwrap_or(&email).to_owned();
            r.seen(SeenKind::Email, email, locator.clone(), when.clone());
        }
        // The invitation QuaDream's exploit left behind (as MVT checks).
        if summary.as_deref() == Some("Meeting") && description.as_deref() == Some("Notes") {
            r.out.exploit_traces.push(ExploitTrace {
                kind: "quadream-calendar",
                file: r.file.to_owned(),
                locator,
                detail: format!("event {}", text_at(row, 5).unwrap_or_default()),
            });
        }
    })
}
