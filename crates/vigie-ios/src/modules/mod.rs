//! The modules a check runs over a backup, listed in one table ([`MODULES`]) in the spirit
//! of MVT's `check-backup` (by MVT's names where there is one): a module is a small unit
//! over one artefact of the phone — where it is in the backup (domain and path), how it is
//! read (a database, a plist, or several places), what it yields into the [`IosBackup`].
//! After a pass over the manifest, the table is walked in order; each module's run notes
//! the files it read, the rows, or why it could not read them.

mod browsers;
mod facts;
mod messages;
mod plists;
mod shortcuts;
mod system;

use crate::backup::{Backup, FileRef};
use crate::error::BackupError;
use crate::manifest::{read_manifest, ManifestFacts};
use crate::model::{IosBackup, ModuleRun};
use crate::reading::{read_database, read_plist, LinkRows, ReadDatabase, ReadPlist};
use Files::{At, Ending, FirstOf, Named};

/// The domain of the phone's own data.
const HOME: &str = "HomeDomain";
/// The domain where iOS keeps configuration profiles.
const PROFILES_DOMAIN: &str =
    "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles";
/// Chrome's app domain.
const CHROME: &str = "AppDomain-com.google.chrome.ios";
/// Firefox's shared domain.
const FIREFOX: &str = "AppDomainGroup-group.org.mozilla.ios.Firefox";

/// Where a module's files are in the backup.
#[derive(Clone, Copy)]
enum Files {
    /// One file of a domain.
    At(&'static str, &'static str),
    /// The first of these files that the backup has (iOS moved it between versions).
    FirstOf(&'static [(&'static str, &'static str)]),
    /// Every file whose path ends so, in any domain (one per app using WebKit).
    Ending(&'static str),
    /// Every file of a domain whose name starts so.
    Named(&'static str, &'static str),
}

impl Files {
    /// The files the backup has.
    fn find(self, backup: &Backup) -> Vec<FileRef> {
        match self {
            At(domain, path) => backup.file(domain, path).into_iter().collect(),
            FirstOf(places) => places
                .iter()
                .find_map(|(domain, path)| backup.file(domain, path))
                .into_iter()
                .collect(),
            Ending(suffix) => backup.files_ending_with(suffix),
            Named(domain, prefix) => backup.files_named(domain, prefix),
        }
    }
}

/// How a module reads from several places of the backup (its `Info.plist`, the manifest's
/// entries, files of different kinds), noting what it read in its run.
type ReadSeveral = fn(&Backup, &ManifestFacts, &mut IosBackup, &mut ModuleRun);

/// How a module reads.
enum Read {
    /// SQLite databases, each read by the function.
    Database(Files, ReadDatabase),
    /// SQLite databases whose rows hold links.
    Links(Files, &'static LinkRows),
    /// Plists, each read by the function.
    Plist(Files, ReadPlist),
    /// Several places of the backup.
    Several(ReadSeveral),
}

/// One module: its name and how it reads what.
struct ModuleSpec {
    /// Its name, as its run and the evidence name it (MVT's where there is one).
    name: &'static str,
    /// Where it reads, and how.
    read: Read,
}

impl ModuleSpec {
    /// Runs the module: what it finds goes into `out`, what it read into its run.
    fn run(&self, backup: &Backup, manifest: &ManifestFacts, out: &mut IosBackup) -> ModuleRun {
        let mut run = ModuleRun::new(self.name);
        let module = self.name;
        match self.read {
            Read::Database(files, read) => {
                for file in files.find(backup) {
                    read_database(backup, file, out, &mut run, module, &read);
                }
            }
            Read::Links(files, rows) => {
                for file in files.find(backup) {
                    read_database(backup, file, out, &mut run, module, &|c, r| rows.read(c, r));
                }
            }
            Read::Plist(files, read) => {
                for file in files.find(backup) {
                    read_plist(backup, file, out, &mut run, module, read);
                }
            }
            Read::Several(read) => read(backup, manifest, out, &mut run),
        }
        run
    }
}

/// A module reading databases with its own function.
const fn database(name: &'static str, files: Files, read: ReadDatabase) -> ModuleSpec {
    ModuleSpec {
        name,
        read: Read::Database(files, read),
    }
}

/// A module reading the links in the rows of databases.
const fn links(name: &'static str, files: Files, rows: &'static LinkRows) -> ModuleSpec {
    ModuleSpec {
        name,
        read: Read::Links(files, rows),
    }
}

/// A module reading plists.
const fn plist(name: &'static str, files: Files, read: ReadPlist) -> ModuleSpec {
    ModuleSpec {
        name,
        read: Read::Plist(files, read),
    }
}

/// A module reading several places of the backup.
const fn several(name: &'static str, read: ReadSeveral) -> ModuleSpec {
    ModuleSpec {
        name,
        read: Read::Several(read),
    }
}

/// Every module, in the order they run.
const MODULES: &[ModuleSpec] = &[
    database("sms", At(HOME, "Library/SMS/sms.db"), messages::sms),
    database(
        "sms_attachments",
        At(HOME, "Library/SMS/sms.db"),
        messages::sms_attachments,
    ),
    database(
        "shortcuts",
        At(HOME, "Library/Shortcuts/Shortcuts.sqlite"),
        shortcuts::shortcuts,
    ),
    links(
        "safari_history",
        At(HOME, "Library/Safari/History.db"),
        &browsers::SAFARI_HISTORY,
    ),
    links(
        "safari_browser_state",
        At(HOME, "Library/Safari/BrowserState.db"),
        &browsers::SAFARI_BROWSER_STATE,
    ),
    database(
        "webkit_resource_load_statistics",
        Ending("WebsiteData/ResourceLoadStatistics/observations.db"),
        browsers::webkit_resource_load_statistics,
    ),
    links(
        "chrome_history",
        At(
            CHROME,
            "Library/Application Support/Google/Chrome/Default/History",
        ),
        &browsers::CHROME_HISTORY,
    ),
    links(
        "firefox_history",
        At(FIREFOX, "profile.profile/browser.db"),
        &browsers::FIREFOX_HISTORY,
    ),
    links(
        "whatsapp",
        At(
            "AppDomainGroup-group.net.whatsapp.WhatsApp.shared",
            "ChatStorage.sqlite",
        ),
        &messages::WHATSAPP,
    ),
    database(
        "datausage",
        At("WirelessDomain", "Library/Databases/DataUsage.sqlite"),
        system::datausage,
    ),
    database("tcc", At(HOME, "Library/TCC/TCC.db"), system::tcc),
    database(
        "accounts",
        At(HOME, "Library/Accounts/Accounts3.sqlite"),
        system::accounts,
    ),
    database(
        "calendar",
        At(HOME, "Library/Calendar/Calendar.sqlitedb"),
        system::calendar,
    ),
    links(
        "firefox_favicon",
        At(FIREFOX, "profile.profile/browser.db"),
        &browsers::FIREFOX_FAVICON,
    ),
    links(
        "safari_favicon",
        At(HOME, "Library/Image Cache/Favicons/Favicons.db"),
        &browsers::SAFARI_FAVICON,
    ),
    links(
        "chrome_favicon",
        At(
            CHROME,
            "Library/Application Support/Google/Chrome/Default/Favicons",
        ),
        &browsers::CHROME_FAVICON,
    ),
    plist(
        "global_preferences",
        At(HOME, "Library/Preferences/.GlobalPreferences.plist"),
        plists::global_preferences,
    ),
    plist(
        "profiles",
        Named(PROFILES_DOMAIN, "profile-"),
        plists::profiles,
    ),
    plist(
        "idstatuscache",
        FirstOf(&[
            (
                HOME,
                "Library/Preferences/com.apple.identityservices.idstatuscache.plist",
            ),
            (HOME, "Library/IdentityServices/idstatuscache.plist"),
        ]),
        plists::id_status_cache,
    ),
    plist(
        "locationd",
        At("RootDomain", "Library/Caches/locationd/clients.plist"),
        facts::locationd,
    ),
    several("paired_devices", facts::paired_devices),
    plist(
        "profile_events",
        At(
            PROFILES_DOMAIN,
            "Library/ConfigurationProfiles/MCProfileEvents.plist",
        ),
        facts::profile_events,
    ),
    several("applications", plists::applications),
    plist(
        "webkit_session_resource_log",
        Ending("WebsiteData/ResourceLoadStatistics/full_browsing_session_resourceLog.plist"),
        browsers::webkit_session_resource_log,
    ),
    plist(
        "osanalytics_addaily",
        At(
            HOME,
            "Library/Preferences/com.apple.osanalytics.addaily.plist",
        ),
        plists::osanalytics_addaily,
    ),
];

/// How many steps [`read_backup_with_progress`] reports: the manifest, then each module.
pub const STEPS: usize = MODULES.len() + 1;

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
    let manifest = read_manifest(backup, &mut out)?;
    progress(1, "manifest");
    for (done, module) in MODULES.iter().enumerate() {
        let run = module.run(backup, &manifest, &mut out);
        out.modules.push(run);
        progress(done + 2, module.name);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_has_its_own_name() {
        let mut names: Vec<&str> = MODULES.iter().map(|m| m.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), MODULES.len());
        assert_eq!(STEPS, 26);
    }
}
