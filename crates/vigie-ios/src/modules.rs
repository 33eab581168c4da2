//! The databases and files of a backup that a check reads, one module each (the set MVT's
//! `check-backup` reads, by the same names where there is one). Each module finds its file
//! through the manifest, reads it in place, and notes what it read or why it could not.

use crate::backup::{Backup, BackupError, FileRef};
use crate::facts::PROFILES_DOMAIN;
use crate::links::links_in;
use crate::model::{IosBackup, MissingProcess, ModuleRun, PrivacyGrant, SeenKind};
use crate::reading::{each_row, push};
use crate::times::{chrome_time, cocoa_time, unix_time};
use rusqlite::Connection;

/// Most missing process records reported (a damaged database could skip millions).
const MAX_MISSING: usize = 100;

struct Reader<'a> {
    backup: &'a Backup,
    out: &'a mut IosBackup,
    progress: &'a mut dyn FnMut(usize, &'static str),
    step: usize,
}

impl Reader<'_> {
    fn run(
        &mut self,
        module: &'static str,
        files: Vec<FileRef>,
        read: fn(&Connection, &str, &mut IosBackup, &'static str) -> rusqlite::Result<u64>,
    ) {
        let mut run = ModuleRun::new(module);
        for f in files {
            match self.backup.database(&f) {
                Ok(conn) => match read(&conn, &f.label, self.out, module) {
                    Ok(n) => run.rows += n,
                    Err(e) => run.problem = Some(format!("{}: {e}", f.label)),
                },
                Err(e) => run.problem = Some(e.to_string()),
            }
            run.files.push(f.label);
        }
        self.out.modules.push(run);
        self.step += 1;
        (self.progress)(self.step, module);
    }

    fn file(&self, domain: &str, path: &str) -> Vec<FileRef> {
        self.backup.file(domain, path).into_iter().collect()
    }

    fn ending(&self, suffix: &str) -> Vec<FileRef> {
        self.backup.files_ending_with(suffix)
    }
}

/// A query whose rows are an id, a text and an optional time.
struct LinkRows {
    /// The query.
    sql: &'static str,
    /// How its rows are named in evidence (`message ROWID`).
    table: &'static str,
    /// How its times read.
    time: fn(f64) -> Option<String>,
    /// The text is one link (history) rather than a message holding links.
    whole_url: bool,
}

/// Rows of a [`LinkRows`] query, each text's links recorded.
fn links_of_rows(
    conn: &Connection,
    q: LinkRows,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    let LinkRows {
        sql,
        table,
        time,
        whole_url,
    } = q;
    each_row(conn, sql, &mut |row| {
        let id: i64 = row.get(0).unwrap_or_default();
        let Ok(Some(text)) = row.get::<_, Option<String>>(1) else {
            return;
        };
        let when = row.get::<_, Option<f64>>(2).ok().flatten().and_then(time);
        let links = if whole_url {
            vec![text]
        } else {
            links_in(&text)
        };
        for link in links {
            push(
                out,
                module,
                SeenKind::Url,
                link,
                file,
                format!("{table} {id}"),
                when.clone(),
            );
        }
    })
}

fn sms(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    let n = links_of_rows(
        conn,
        LinkRows {
            sql: "SELECT ROWID, text, date FROM message",
            table: "message ROWID",
            time: cocoa_time,
            whole_url: false,
        },
        file,
        out,
        module,
    )?;
    // Correspondents written as e-mail addresses (iMessage).
    if let Ok(mut stmt) = conn.prepare("SELECT ROWID, id FROM handle") {
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0).unwrap_or_default();
            if let Ok(Some(h)) = row.get::<_, Option<String>>(1) {
                if h.contains('@') {
                    push(
                        out,
                        module,
                        SeenKind::Email,
                        h,
                        file,
                        format!("handle ROWID {id}"),
                        None,
                    );
                }
            }
        }
    }
    Ok(n)
}

fn safari_history(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    links_of_rows(conn, LinkRows { sql: "SELECT history_items.id, history_items.url, max(history_visits.visit_time) FROM history_items LEFT JOIN history_visits ON history_visits.history_item = history_items.id GROUP BY history_items.id", table: "history_items id", time: cocoa_time, whole_url: true }, file, out, module)
}

fn safari_browser_state(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    links_of_rows(
        conn,
        LinkRows {
            sql: "SELECT id, url, last_viewed_time FROM tabs",
            table: "tabs id",
            time: cocoa_time,
            whole_url: true,
        },
        file,
        out,
        module,
    )
}

fn chrome_history(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    // Chrome counts microseconds since 1601.
    links_of_rows(
        conn,
        LinkRows {
            sql: "SELECT id, url, last_visit_time FROM urls",
            table: "urls id",
            time: chrome_time,
            whole_url: true,
        },
        file,
        out,
        module,
    )
}

fn firefox_history(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    links_of_rows(
        conn,
        LinkRows {
            sql: "SELECT id, url, NULL FROM history",
            table: "history id",
            time: unix_time,
            whole_url: true,
        },
        file,
        out,
        module,
    )
}

fn whatsapp(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    links_of_rows(
        conn,
        LinkRows {
            sql: "SELECT Z_PK, ZTEXT, ZMESSAGEDATE FROM ZWAMESSAGE",
            table: "ZWAMESSAGE Z_PK",
            time: cocoa_time,
            whole_url: false,
        },
        file,
        out,
        module,
    )
}

fn webkit_resource_load_statistics(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    each_row(
        conn,
        "SELECT domainID, registrableDomain, lastSeen FROM ObservedDomains",
        &mut |row| {
            let id: i64 = row.get(0).unwrap_or_default();
            if let Ok(Some(domain)) = row.get::<_, Option<String>>(1) {
                let when = row
                    .get::<_, Option<f64>>(2)
                    .ok()
                    .flatten()
                    .and_then(unix_time);
                push(
                    out,
                    module,
                    SeenKind::Domain,
                    domain,
                    file,
                    format!("ObservedDomains domainID {id}"),
                    when,
                );
            }
        },
    )
}

fn datausage(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    let mut previous: Option<(i64, String, Option<String>)> = None;
    each_row(
        conn,
        "SELECT Z_PK, ZPROCNAME, ZBUNDLENAME, ZFIRSTTIMESTAMP FROM ZPROCESS ORDER BY Z_PK",
        &mut |row| {
            let id: i64 = row.get(0).unwrap_or_default();
            let proc_name: String = row
                .get::<_, Option<String>>(1)
                .ok()
                .flatten()
                .unwrap_or_default();
            let bundle: Option<String> = row.get(2).ok().flatten();
            let when = row
                .get::<_, Option<f64>>(3)
                .ok()
                .flatten()
                .and_then(cocoa_time);
            let locator = format!("ZPROCESS Z_PK {id}");
            // "UUID/com.apple.Fitness": the name after the last slash is the process.
            let name = proc_name
                .rsplit('/')
                .next()
                .unwrap_or(&proc_name)
                .to_owned();
            if !name.is_empty() {
                push(
                    out,
                    module,
                    SeenKind::Process,
                    name.clone(),
                    file,
                    locator.clone(),
                    when.clone(),
                );
            }
            if let Some(b) = bundle.filter(|b| !b.is_empty() && *b != name) {
                push(
                    out,
                    module,
                    SeenKind::Process,
                    b,
                    file,
                    locator,
                    when.clone(),
                );
            }
            if let Some((prev_id, prev_name, prev_when)) = &previous {
                for missing in prev_id + 1..id {
                    if out.missing_processes.len() >= MAX_MISSING {
                        break;
                    }
                    out.missing_processes.push(MissingProcess {
                        id: missing,
                        previous: prev_name.clone(),
                        previous_when: prev_when.clone(),
                        file: file.to_owned(),
                    });
                }
            }
            previous = Some((id, proc_name, when));
        },
    )
}

fn tcc(
    conn: &Connection,
    _file: &str,
    out: &mut IosBackup,
    _module: &'static str,
) -> rusqlite::Result<u64> {
    let columns: Vec<String> = conn
        .prepare("PRAGMA table_info(access)")?
        .query_map([], |r| r.get::<_, String>(1))?
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
            out.grants.push(PrivacyGrant {
                service: row
                    .get::<_, Option<String>>(0)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                client: row
                    .get::<_, Option<String>>(1)
                    .ok()
                    .flatten()
                    .unwrap_or_default(),
                allowed: row
                    .get::<_, Option<bool>>(2)
                    .ok()
                    .flatten()
                    .unwrap_or(false),
                when: row
                    .get::<_, Option<f64>>(3)
                    .ok()
                    .flatten()
                    .and_then(unix_time),
            });
        },
    )
}

/// How many steps [`read_backup_with_progress`] reports.
pub const STEPS: usize = 26;

/// Reads every module of the backup.
pub fn read_backup(backup: &Backup) -> Result<IosBackup, BackupError> {
    read_backup_with_progress(backup, &mut |_, _| {})
}

/// Reads every module of the backup, telling `progress` each step done (its number, of
/// [`STEPS`], and the module's name).
pub fn read_backup_with_progress(
    backup: &Backup,
    progress: &mut dyn FnMut(usize, &'static str),
) -> Result<IosBackup, BackupError> {
    let mut out = IosBackup::default();
    for key in [
        "Device Name",
        "Product Type",
        "Product Version",
        "Build Version",
        "Last Backup Date",
        "Serial Number",
        "Unique Identifier",
    ] {
        if let Some(v) = backup.info_text(key) {
            out.device.insert(key.to_owned(), v);
        }
    }
    // Installed apps: Info.plist, and the apps' own domains in the manifest.
    if let Some(list) = backup
        .info
        .as_ref()
        .and_then(|i| i.as_dictionary())
        .and_then(|d| d.get("Installed Applications"))
        .and_then(plist::Value::as_array)
    {
        for app in list.iter().filter_map(plist::Value::as_string) {
            out.apps
                .entry(app.to_owned())
                .or_default()
                .push("Info.plist");
        }
    }
    let mut jailbreak = std::collections::BTreeSet::new();
    let mut app_domains = std::collections::BTreeSet::new();
    let mut watches = std::collections::BTreeSet::new();
    out.manifest_entries = backup.for_each_entry(&mut |domain, path| {
        if watches.len() < crate::manifest::MAX_WATCHES {
            watches.extend(crate::manifest::watch_pairing(domain, path));
        }
        if let Some(app) = domain.strip_prefix("AppDomain-") {
            app_domains.insert(app.to_owned());
        }
        for marker in crate::manifest::JAILBREAK_MARKERS {
            if (domain.contains(marker) || path.contains(marker)) && jailbreak.len() < 50 {
                jailbreak.insert(format!("{domain}/{path}"));
            }
        }
    })?;
    for app in app_domains {
        out.apps.entry(app).or_default().push("Manifest.db");
    }
    out.jailbreak_paths = jailbreak.into_iter().collect();
    let watches: Vec<String> = watches.into_iter().collect();

    progress(1, "manifest");
    let mut r = Reader {
        backup,
        out: &mut out,
        progress,
        step: 1,
    };
    let f = r.file("HomeDomain", "Library/SMS/sms.db");
    r.run("sms", f, sms);
    let f = r.file("HomeDomain", "Library/SMS/sms.db");
    r.run("sms_attachments", f, sms_attachments);
    let f = r.file("HomeDomain", "Library/Shortcuts/Shortcuts.sqlite");
    r.run("shortcuts", f, shortcuts);
    let f = r.file("HomeDomain", "Library/Safari/History.db");
    r.run("safari_history", f, safari_history);
    let f = r.file("HomeDomain", "Library/Safari/BrowserState.db");
    r.run("safari_browser_state", f, safari_browser_state);
    let f = r.ending("WebsiteData/ResourceLoadStatistics/observations.db");
    r.run(
        "webkit_resource_load_statistics",
        f,
        webkit_resource_load_statistics,
    );
    let f = r.file(
        "AppDomain-com.google.chrome.ios",
        "Library/Application Support/Google/Chrome/Default/History",
    );
    r.run("chrome_history", f, chrome_history);
    let f = r.file(
        "AppDomainGroup-group.org.mozilla.ios.Firefox",
        "profile.profile/browser.db",
    );
    r.run("firefox_history", f, firefox_history);
    let f = r.file(
        "AppDomainGroup-group.net.whatsapp.WhatsApp.shared",
        "ChatStorage.sqlite",
    );
    r.run("whatsapp", f, whatsapp);
    let f = r.file("WirelessDomain", "Library/Databases/DataUsage.sqlite");
    r.run("datausage", f, datausage);
    let f = r.file("HomeDomain", "Library/TCC/TCC.db");
    r.run("tcc", f, tcc);
    let f = r.file("HomeDomain", "Library/Accounts/Accounts3.sqlite");
    r.run("accounts", f, accounts);
    let f = r.file("HomeDomain", "Library/Calendar/Calendar.sqlitedb");
    r.run("calendar", f, calendar);
    let f = r.file(
        "AppDomainGroup-group.org.mozilla.ios.Firefox",
        "profile.profile/browser.db",
    );
    r.run("firefox_favicon", f, firefox_favicon);
    let f = r.file("HomeDomain", "Library/Image Cache/Favicons/Favicons.db");
    r.run("safari_favicon", f, safari_favicon);
    let f = r.file(
        "AppDomain-com.google.chrome.ios",
        "Library/Application Support/Google/Chrome/Default/Favicons",
    );
    r.run("chrome_favicon", f, chrome_favicon);
    let step = r.step;
    global_preferences(backup, &mut out);
    progress(step + 1, "global_preferences");
    profiles(backup, &mut out);
    progress(step + 2, "profiles");
    id_status_cache(backup, &mut out);
    progress(step + 3, "idstatuscache");
    crate::facts::locationd(backup, &mut out);
    progress(step + 4, "locationd");
    crate::facts::paired_devices(backup, &watches, &mut out);
    progress(step + 5, "paired_devices");
    crate::facts::profile_events(backup, &mut out);
    progress(step + 6, "profile_events");
    applications(backup, &mut out);
    progress(step + 7, "applications");
    webkit_session_resource_log(backup, &mut out);
    progress(step + 8, "webkit_session_resource_log");
    osanalytics_addaily(backup, &mut out);
    progress(step + 9, "osanalytics_addaily");
    Ok(out)
}

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
fn texts_of(v: &plist::Value, out: &mut String) {
    match v {
        plist::Value::String(t) => {
            out.push_str(t);
            out.push(' ');
        }
        plist::Value::Array(items) => items.iter().for_each(|i| texts_of(i, out)),
        plist::Value::Dictionary(d) => d.values().for_each(|i| texts_of(i, out)),
        _ => {}
    }
}

/// Shortcuts (MVT's `shortcuts`): the links in their actions, and those that take
/// something private and send it.
fn shortcuts(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    each_row(
        conn,
        "SELECT ZSHORTCUT.Z_PK, ZSHORTCUT.ZNAME, ZSHORTCUT.ZCREATIONDATE, ZSHORTCUTACTIONS.ZDATA
         FROM ZSHORTCUT LEFT JOIN ZSHORTCUTACTIONS ON ZSHORTCUTACTIONS.ZSHORTCUT = ZSHORTCUT.Z_PK",
        &mut |row| {
            let id: i64 = row.get(0).unwrap_or_default();
            let name: String = row
                .get::<_, Option<String>>(1)
                .ok()
                .flatten()
                .unwrap_or_default();
            let created = row
                .get::<_, Option<f64>>(2)
                .ok()
                .flatten()
                .and_then(cocoa_time);
            let locator = format!("ZSHORTCUT Z_PK {id}");
            let data: Option<Vec<u8>> = row.get(3).ok().flatten();
            let actions = data
                .and_then(|d| crate::backup::plist_from_bytes(&d).ok())
                .and_then(|v| v.into_array())
                .unwrap_or_default();
            let (mut takes, mut sends) = (vec![], vec![]);
            for action in actions.iter().filter_map(plist::Value::as_dictionary) {
                let ident = action
                    .get("WFWorkflowActionIdentifier")
                    .and_then(plist::Value::as_string)
                    .unwrap_or_default();
                if SHORTCUT_TAKES.contains(&ident) {
                    takes.push(ident.to_owned());
                }
                if SHORTCUT_SENDS.contains(&ident) {
                    sends.push(ident.to_owned());
                }
                let mut text = String::new();
                if let Some(p) = action.get("WFWorkflowActionParameters") {
                    texts_of(p, &mut text);
                }
                for link in links_in(&text) {
                    push(
                        out,
                        module,
                        SeenKind::Url,
                        link,
                        file,
                        locator.clone(),
                        created.clone(),
                    );
                }
            }
            if !takes.is_empty() && !sends.is_empty() {
                out.sending_shortcuts.push(crate::model::SendingShortcut {
                    name,
                    locator,
                    takes,
                    sends,
                    created,
                    file: file.to_owned(),
                });
            }
        },
    )
}

/// Message attachments (MVT's `sms_attachments`): their paths, for indicators, and the
/// received attachment left in a temporary folder that some exploits leave.
fn sms_attachments(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    // Old or damaged message databases have no attachment table: nothing to read there.
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'attachment'",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    each_row(
        conn,
        "SELECT ROWID, filename, created_date, is_outgoing FROM attachment",
        &mut |row| {
            let id: i64 = row.get(0).unwrap_or_default();
            let Some(name) = row.get::<_, Option<String>>(1).ok().flatten() else {
                return;
            };
            let when = row
                .get::<_, Option<f64>>(2)
                .ok()
                .flatten()
                .and_then(cocoa_time);
            let outgoing = row.get::<_, Option<i64>>(3).ok().flatten() == Some(1);
            let locator = format!("attachment ROWID {id}");
            if name.starts_with("/var/tmp/") && name.ends_with("-1") && !outgoing {
                out.exploit_traces.push(crate::model::ExploitTrace {
                    kind: "tmp-attachment",
                    file: file.to_owned(),
                    locator: locator.clone(),
                    detail: format!("{name} ({})", when.as_deref().unwrap_or("?")),
                });
            }
            push(out, module, SeenKind::FilePath, name, file, locator, when);
        },
    )
}

fn calendar(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    each_row(conn, "SELECT CalendarItem.ROWID, CalendarItem.summary, CalendarItem.description, CalendarItem.url,
                CalendarItem.start_date, CalendarItem.UUID, Participant.email
         FROM CalendarItem LEFT JOIN Participant ON Participant.ROWID = CalendarItem.organizer_id", &mut |row| {
        let id: i64 = row.get(0).unwrap_or_default();
        let text = |i: usize| row.get::<_, Option<String>>(i).ok().flatten();
        let (summary, description, url) = (text(1), text(2), text(3));
        let when = row
            .get::<_, Option<f64>>(4)
            .ok()
            .flatten()
            .and_then(cocoa_time);
        let locator = format!("CalendarItem ROWID {id}");
        for link in url
            .iter()
            .chain(description.iter())
            .flat_map(|t| links_in(t))
        {
            push(
                out,
                module,
                SeenKind::Url,
                link,
                file,
                locator.clone(),
                when.clone(),
            );
        }
        if let Some(email) = text(6).filter(|e| e.contains('@')) {
            let email = email.strip_prefix("mailto:").unwrap_or(&email).to_owned();
            push(
                out,
                module,
                SeenKind::Email,
                email,
                file,
                locator.clone(),
                when.clone(),
            );
        }
        // The invitation QuaDream's exploit left behind (as MVT checks).
        if summary.as_deref() == Some("Meeting") && description.as_deref() == Some("Notes") {
            out.exploit_traces.push(crate::model::ExploitTrace {
                kind: "quadream-calendar",
                file: file.to_owned(),
                locator,
                detail: format!("event {}", text(5).unwrap_or_default()),
            });
        }
    })
}

fn firefox_favicon(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    favicon_rows(
        conn,
        "SELECT favicons.id, history.url, favicons.url, favicons.date
         FROM favicons JOIN favicon_sites ON favicon_sites.faviconID = favicons.id
         JOIN history ON favicon_sites.siteID = history.id",
        "favicons id",
        unix_time,
        file,
        out,
        module,
    )
}

/// WebKit's log of the sites a browsing session loaded (MVT's
/// `webkit_session_resource_log`): each site and those it redirected from or to, or loaded
/// inside it.
fn webkit_session_resource_log(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("webkit_session_resource_log");
    for file in backup.files_ending_with(
        "WebsiteData/ResourceLoadStatistics/full_browsing_session_resourceLog.plist",
    ) {
        run.files.push(file.label.clone());
        let root = match backup.read_plist(&file) {
            Ok(v) => v,
            Err(e) => {
                run.problem = Some(e.to_string());
                continue;
            }
        };
        let stats = root
            .as_dictionary()
            .and_then(|d| d.get("browsingStatistics"))
            .and_then(plist::Value::as_array);
        for (i, item) in stats.into_iter().flatten().enumerate() {
            let Some(d) = item.as_dictionary() else {
                continue;
            };
            run.rows += 1;
            let when = d.get("lastSeen").and_then(|v| {
                v.as_date()
                    .map(|t| t.to_xml_format())
                    .or_else(|| v.as_real().and_then(cocoa_time))
            });
            let mut domains: Vec<&str> = vec![];
            for key in [
                "PrevalentResourceOrigin",
                "topFrameUniqueRedirectsFrom",
                "topFrameUniqueRedirectsTo",
                "subframeUnderTopFrameOrigins",
                "subresourceUnderTopFrameOrigins",
            ] {
                match d.get(key) {
                    Some(plist::Value::String(v)) => domains.push(v),
                    Some(plist::Value::Array(vs)) => {
                        domains.extend(vs.iter().filter_map(plist::Value::as_string))
                    }
                    _ => {}
                }
            }
            for domain in domains.into_iter().filter(|d| !d.is_empty()) {
                push(
                    out,
                    "webkit_session_resource_log",
                    SeenKind::Domain,
                    domain.to_owned(),
                    &file.label,
                    format!("browsingStatistics {i}"),
                    when.clone(),
                );
            }
        }
    }
    out.modules.push(run);
}

/// The daily analytics' per-program network use (MVT's `osanalytics_addaily`): program
/// names, for process indicators.
fn osanalytics_addaily(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("osanalytics_addaily");
    if let Some(file) = backup.file(
        "HomeDomain",
        "Library/Preferences/com.apple.osanalytics.addaily.plist",
    ) {
        run.files.push(file.label.clone());
        match backup.read_plist(&file) {
            Ok(v) => {
                let baseline = v
                    .as_dictionary()
                    .and_then(|d| d.get("netUsageBaseline"))
                    .and_then(plist::Value::as_dictionary);
                for (program, values) in baseline.into_iter().flatten() {
                    run.rows += 1;
                    let when = values
                        .as_array()
                        .and_then(|v| v.first())
                        .and_then(plist::Value::as_date)
                        .map(|t| t.to_xml_format());
                    push(
                        out,
                        "osanalytics_addaily",
                        SeenKind::Process,
                        program.clone(),
                        &file.label,
                        format!("netUsageBaseline {program}"),
                        when,
                    );
                }
            }
            Err(e) => run.problem = Some(e.to_string()),
        }
    }
    out.modules.push(run);
}

/// Installers that are the App Store or device management (MVT's list).
const STORE_INSTALLERS: [&str; 4] = [
    "com.apple.AppStore",
    "com.apple.AppStore.ProductPageExtension",
    "com.apple.dmd",
    "dmd",
];

/// The apps Info.plist describes with their store record (MVT's `applications`): each
/// app's name and who installed it; one installed by another than the App Store or device
/// management (TestFlight, a developer tool, an unknown installer) is kept to be shown.
fn applications(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("applications");
    let apps = backup
        .info
        .as_ref()
        .and_then(|i| i.as_dictionary())
        .and_then(|d| d.get("Applications"))
        .and_then(plist::Value::as_dictionary);
    if let Some(apps) = apps {
        run.files.push("Info.plist".into());
        for (bundle, entry) in apps {
            run.rows += 1;
            let seen_in = out.apps.entry(bundle.clone()).or_default();
            if !seen_in.contains(&"Info.plist") {
                seen_in.push("Info.plist");
            }
            let metadata = entry
                .as_dictionary()
                .and_then(|d| d.get("iTunesMetadata"))
                .and_then(plist::Value::as_data)
                .and_then(|bytes| crate::backup::plist_from_bytes(bytes).ok());
            let text = |k: &str| {
                metadata
                    .as_ref()
                    .and_then(|m| m.as_dictionary()?.get(k)?.as_string())
                    .map(str::to_owned)
            };
            let source = text("sourceApp");
            if source
                .as_deref()
                .is_some_and(|s| STORE_INSTALLERS.contains(&s))
            {
                continue;
            }
            let name = text("itemName").unwrap_or_else(|| bundle.clone());
            out.outside_store.push(crate::model::OutsideStoreApp {
                bundle: bundle.clone(),
                name,
                installer: source,
            });
        }
    }
    out.modules.push(run);
}

fn safari_favicon(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    favicon_rows(
        conn,
        "SELECT page_url.rowid, page_url.url, icon_info.url, icon_info.timestamp
         FROM page_url LEFT JOIN icon_info ON page_url.uuid = icon_info.uuid",
        "page_url rowid",
        cocoa_time,
        file,
        out,
        module,
    )
}

fn chrome_favicon(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    favicon_rows(
        conn,
        "SELECT icon_mapping.id, icon_mapping.page_url, favicons.url, favicon_bitmaps.last_updated
         FROM icon_mapping JOIN favicons ON icon_mapping.icon_id = favicons.id
         LEFT JOIN favicon_bitmaps ON icon_mapping.icon_id = favicon_bitmaps.icon_id",
        "icon_mapping id",
        chrome_time,
        file,
        out,
        module,
    )
}

/// Rows of an id, a page's address, its icon's address and a time.
fn favicon_rows(
    conn: &Connection,
    sql: &str,
    table: &str,
    time: fn(f64) -> Option<String>,
    file: &str,
    out: &mut IosBackup,
    module: &'static str,
) -> rusqlite::Result<u64> {
    each_row(conn, sql, &mut |row| {
        let id: i64 = row.get(0).unwrap_or_default();
        let when = row.get::<_, Option<f64>>(3).ok().flatten().and_then(time);
        for i in [1, 2] {
            if let Ok(Some(url)) = row.get::<_, Option<String>>(i) {
                push(
                    out,
                    module,
                    SeenKind::Url,
                    url,
                    file,
                    format!("{table} {id}"),
                    when.clone(),
                );
            }
        }
    })
}

/// Apple's lookups of iMessage/FaceTime addresses (`idstatuscache.plist`): e-mail addresses
/// looked up, and the malformed entries an exploit leaves (as MVT checks).
fn id_status_cache(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("idstatuscache");
    let file = backup
        .file(
            "HomeDomain",
            "Library/Preferences/com.apple.identityservices.idstatuscache.plist",
        )
        .or_else(|| backup.file("HomeDomain", "Library/IdentityServices/idstatuscache.plist"));
    if let Some(file) = file {
        run.files.push(file.label.clone());
        let parsed = backup.read_plist(&file);
        match parsed {
            Ok(v) => {
                for (app, entries) in v.as_dictionary().into_iter().flatten() {
                    for (user, entry) in entries.as_dictionary().into_iter().flatten() {
                        run.rows += 1;
                        let when = entry
                            .as_dictionary()
                            .and_then(|d| d.get("LookupDate"))
                            .and_then(|d| {
                                d.as_real()
                                    .or_else(|| d.as_signed_integer().map(|i| i as f64))
                            })
                            .and_then(cocoa_time);
                        let locator = format!("{app} {}", user.replace('\0', "\\x00"));
                        if let Some(email) = user.strip_prefix("mailto:") {
                            let email = email.trim_matches('\'').to_owned();
                            push(
                                out,
                                "idstatuscache",
                                SeenKind::Email,
                                email,
                                &file.label,
                                locator.clone(),
                                when,
                            );
                        }
                        if user.contains("\0\0") {
                            out.exploit_traces.push(crate::model::ExploitTrace {
                                kind: "idstatus-pattern",
                                file: file.label.clone(),
                                locator,
                                detail: user.replace('\0', "\\x00"),
                            });
                        }
                    }
                }
            }
            Err(e) => run.problem = Some(e.to_string()),
        }
    }
    out.modules.push(run);
}

fn accounts(
    conn: &Connection,
    file: &str,
    out: &mut IosBackup,
    _module: &'static str,
) -> rusqlite::Result<u64> {
    each_row(conn, "SELECT ZACCOUNTTYPE.ZIDENTIFIER, ZACCOUNT.ZUSERNAME, ZACCOUNT.ZACCOUNTDESCRIPTION, ZACCOUNT.ZDATE
         FROM ZACCOUNT LEFT JOIN ZACCOUNTTYPE ON ZACCOUNTTYPE.Z_PK = ZACCOUNT.ZACCOUNTTYPE", &mut |row| {
        let user: Option<String> = row.get(1).ok().flatten();
        let Some(user) = user.filter(|u| !u.is_empty()) else {
            return;
        };
        out.accounts.push(crate::model::Account {
            kind: row
                .get::<_, Option<String>>(0)
                .ok()
                .flatten()
                .unwrap_or_default(),
            user,
            description: row.get(2).ok().flatten(),
            added: row
                .get::<_, Option<f64>>(3)
                .ok()
                .flatten()
                .and_then(cocoa_time),
            file: file.to_owned(),
        });
    })
}

/// Configuration profiles: every `profile-*` plist of their domain.
fn profiles(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("profiles");
    for file in backup.files_named(PROFILES_DOMAIN, "profile-") {
        let parsed = backup.read_plist(&file);
        run.files.push(file.label.clone());
        let v = match parsed {
            Ok(v) => v,
            Err(e) => {
                run.problem = Some(e.to_string());
                continue;
            }
        };
        let Some(d) = v.as_dictionary() else {
            continue;
        };
        run.rows += 1;
        let text = |k: &str| {
            d.get(k)
                .and_then(plist::Value::as_string)
                .map(str::to_owned)
        };
        let payload_types = d
            .get("PayloadContent")
            .and_then(plist::Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_dictionary()?.get("PayloadType")?.as_string())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        out.profiles.push(crate::model::Profile {
            file: file.label.clone(),
            uuid: text("PayloadUUID").unwrap_or_default(),
            identifier: text("PayloadIdentifier").unwrap_or_default(),
            name: text("PayloadDisplayName").unwrap_or_default(),
            organization: text("PayloadOrganization").filter(|o| !o.is_empty()),
            payload_types,
            installed: d
                .get("InstallDate")
                .and_then(plist::Value::as_date)
                .map(|t| t.to_xml_format()),
        });
    }
    out.modules.push(run);
}

fn global_preferences(backup: &Backup, out: &mut IosBackup) {
    let mut run = ModuleRun::new("global_preferences");
    if let Some(file) = backup.file("HomeDomain", "Library/Preferences/.GlobalPreferences.plist") {
        run.files.push(file.label.clone());
        let parsed = backup.read_plist(&file);
        match parsed {
            Ok(v) => {
                if let Some(d) = v.as_dictionary() {
                    run.rows = d.len() as u64;
                    out.lockdown_mode =
                        d.get("LDMGlobalEnabled").and_then(plist::Value::as_boolean);
                }
            }
            Err(e) => run.problem = Some(e.to_string()),
        }
    }
    out.modules.push(run);
}
