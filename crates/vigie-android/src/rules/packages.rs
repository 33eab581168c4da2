//! Package heuristics: an app from outside any store, from a store other than Google Play or
//! the phone maker's, hidden from the launcher while holding sensitive permissions, or a root
//! manager. System apps count only when updated from outside a store.

use super::capabilities::{capabilities, caps_or_none};
use super::ids;
use super::run::{package_messages, since_of, RuleRun};
use crate::model::Package;
use vigie_core::{Finding, Message, Severity};

/// Stores that come with phones (Google Play and the makers' own).
const MAIN_STORES: &[&str] = &[
    "com.android.vending",
    "com.google.android.feedback",
    "com.sec.android.app.samsungapps",
    "com.huawei.appmarket",
    "com.xiaomi.market",
    "com.xiaomi.mipicks",
    "com.heytap.market",
    "com.oppo.market",
    "com.bbk.appstore",
    "com.vivo.appstore",
];

/// The other installers that are app stores.
const OTHER_STORES: &[&str] = &[
    "com.amazon.venezia",
    "org.fdroid.fdroid",
    "com.aurora.store",
];

/// Apps most phones carry (messaging, video, social networks, browsers): installed from
/// outside a store, they are said calmly, as information (an APK from the maker's site, a
/// transfer from a former phone, a modified version), never as a spy app's way in.
const COMMON_APPS: &[&str] = &[
    "com.whatsapp",
    "com.whatsapp.w4b",
    "com.google.android.youtube",
    "com.facebook.katana",
    "com.facebook.orca",
    "com.instagram.android",
    "org.telegram.messenger",
    "org.thoughtcrime.securesms",
    "com.snapchat.android",
    "com.zhiliaoapp.musically",
    "com.twitter.android",
    "com.discord",
    "com.viber.voip",
    "com.skype.raider",
    "com.microsoft.teams",
    "us.zoom.videomeetings",
    "com.spotify.music",
    "deezer.android.app",
    "com.netflix.mediaclient",
    "org.mozilla.firefox",
    "com.android.chrome",
    "com.google.android.gm",
    "com.google.android.apps.maps",
];

/// Packages of root managers and hooking frameworks.
const ROOT_PACKAGES: &[&str] = &[
    "com.topjohnwu.magisk",
    "eu.chainfire.supersu",
    "com.koushikdutta.superuser",
    "com.noshufou.android.su",
    "de.robv.android.xposed.installer",
    "org.meowcat.edxposed.manager",
    "org.lsposed.manager",
    "com.kingroot.kinguser",
];

/// Whether an installer is an app store.
fn is_store(installer: &str) -> bool {
    MAIN_STORES.contains(&installer) || OTHER_STORES.contains(&installer)
}

impl RuleRun<'_> {
    /// Every package: indicator matches, then the heuristics.
    pub(super) fn package_rules(&mut self) {
        let device = self.device;
        for p in device.packages.values() {
            self.package_indicators(p);
            // A system app whose installer is not a store was updated from outside one.
            if p.system && p.installer.as_deref().is_none_or(is_store) {
                continue;
            }
            let caps = capabilities(device, p);
            let sensitive = caps.iter().any(|c| *c != "cap-files");
            if !p.installer.as_deref().is_some_and(is_store) {
                self.sideloaded(p, &caps, sensitive);
            }
            self.third_party_store(p);
            if p.launcher == Some(false) && sensitive {
                self.hidden(p, &caps);
            }
            if ROOT_PACKAGES.contains(&p.name.as_str()) {
                self.root(&p.name, &p.source, format!("package {}", p.name));
            }
        }
    }

    /// An app installed from outside any store (more serious when it can see much; said
    /// calmly for an app most phones carry).
    fn sideloaded(&mut self, p: &Package, caps: &[&'static str], sensitive: bool) {
        let installer = p.installer.as_deref();
        let common = COMMON_APPS.contains(&p.name.as_str());
        let stem = match common {
            true => "and-sideloaded-common",
            false => "and-sideloaded",
        };
        let key = match installer {
            Some(_) => format!("{stem}-explain"),
            None => format!("{stem}-unknown-explain"),
        };
        let severity = match (common, sensitive) {
            (true, _) => Severity::Info,
            (false, true) => Severity::Medium,
            (false, false) => Severity::Low,
        };
        let title = Message::new(format!("{stem}-title")).arg("package", &p.name);
        let explanation = Message::new(key)
            .arg("package", &p.name)
            .arg("installer", installer.unwrap_or_default())
            .arg("since", since_of(p))
            .arg_keys("can_keys", &caps_or_none(caps));
        let finding = Finding::new(ids::SIDELOADED, severity, &p.name, title, explanation);
        let detail = format!("installer {}", installer.unwrap_or("null"));
        self.raise(finding, &p.source, detail);
    }

    /// An app installed from a store that does not come with the phone.
    fn third_party_store(&mut self, p: &Package) {
        let Some(store) = p.installer.as_deref().filter(|i| OTHER_STORES.contains(i)) else {
            return;
        };
        let (title, explanation) = package_messages("and-third-party-store", &p.name);
        let explanation = explanation.arg("installer", store);
        let finding = Finding::new(
            ids::THIRD_PARTY_STORE,
            Severity::Info,
            &p.name,
            title,
            explanation,
        );
        self.raise(finding, &p.source, format!("installer {store}"));
    }

    /// An app with no launcher icon that can see much.
    fn hidden(&mut self, p: &Package, caps: &[&'static str]) {
        let (title, explanation) = package_messages("and-hidden", &p.name);
        let explanation = explanation
            .arg("since", since_of(p))
            .arg_keys("can_keys", &caps_or_none(caps));
        let finding = Finding::new(
            ids::HIDDEN_SENSITIVE,
            Severity::Medium,
            &p.name,
            title,
            explanation,
        );
        self.raise(finding, &p.source, "no launcher activity".into());
    }
}
