//! Every message key the code uses exists in French and in English, every translation file
//! parses, and every message formats (no key shown to a person instead of text).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use std::collections::BTreeSet;
use std::path::Path;

const FILES: &[(&str, &str, &str)] = &[
    (
        "vigie-core",
        include_str!("../../vigie-core/locales/en.ftl"),
        include_str!("../../vigie-core/locales/fr.ftl"),
    ),
    (
        "vigie-net",
        include_str!("../../vigie-net/locales/en.ftl"),
        include_str!("../../vigie-net/locales/fr.ftl"),
    ),
    (
        "vigie-case",
        include_str!("../../vigie-case/locales/en.ftl"),
        include_str!("../../vigie-case/locales/fr.ftl"),
    ),
    (
        "vigie-live",
        include_str!("../../vigie-live/locales/en.ftl"),
        include_str!("../../vigie-live/locales/fr.ftl"),
    ),
    (
        "vigie-android",
        include_str!("../../vigie-android/locales/en.ftl"),
        include_str!("../../vigie-android/locales/fr.ftl"),
    ),
    (
        "vigie-report",
        include_str!("../../vigie-report/locales/en.ftl"),
        include_str!("../../vigie-report/locales/fr.ftl"),
    ),
    (
        "vigie-ncii",
        include_str!("../../vigie-ncii/locales/en.ftl"),
        include_str!("../../vigie-ncii/locales/fr.ftl"),
    ),
    (
        "vigie-ios",
        include_str!("../../vigie-ios/locales/en.ftl"),
        include_str!("../../vigie-ios/locales/fr.ftl"),
    ),
    (
        "vigie-ios-device",
        include_str!("../../vigie-ios-device/locales/en.ftl"),
        include_str!("../../vigie-ios-device/locales/fr.ftl"),
    ),
    (
        "vigie-hotspot",
        include_str!("../../vigie-hotspot/locales/en.ftl"),
        include_str!("../../vigie-hotspot/locales/fr.ftl"),
    ),
    (
        "vigie-station",
        include_str!("../../vigie-station/locales/en.ftl"),
        include_str!("../../vigie-station/locales/fr.ftl"),
    ),
    (
        "vigie-web",
        include_str!("../../vigie-web/locales/en.ftl"),
        include_str!("../../vigie-web/locales/fr.ftl"),
    ),
    (
        "vigie",
        include_str!("../locales/en.ftl"),
        include_str!("../locales/fr.ftl"),
    ),
];

fn bundle(sources: &[&str]) -> FluentBundle<FluentResource> {
    let mut b = FluentBundle::new(vec!["en".parse().expect("langid")]);
    for s in sources {
        let res = FluentResource::try_new((*s).to_owned())
            .unwrap_or_else(|(_, errs)| panic!("translation file does not parse: {errs:?}"));
        b.add_resource(res).expect("no duplicate keys");
    }
    b
}

fn keys_used_in_code(dir: &Path, out: &mut BTreeSet<String>) {
    for e in std::fs::read_dir(dir).expect("source folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            keys_used_in_code(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).expect("source");
            for marker in ["Message::new(\"", "cat.key(\"", "cat.text(&Message::new(\""] {
                for part in text.split(marker).skip(1) {
                    if let Some(key) = part.split('"').next() {
                        if key.contains('-') && !key.contains('{') {
                            out.insert(key.to_owned());
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn every_key_exists_in_both_languages_and_formats() {
    let en = bundle(&FILES.iter().map(|f| f.1).collect::<Vec<_>>());
    let fr = bundle(&FILES.iter().map(|f| f.2).collect::<Vec<_>>());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = BTreeSet::new();
    for c in [
        "vigie-core",
        "vigie-net",
        "vigie",
        "vigie-indicators",
        "vigie-feeds",
        "vigie-case",
        "vigie-live",
        "vigie-hotspot",
        "vigie-web",
        "vigie-station",
        "vigie-android",
        "vigie-report",
        "vigie-ncii",
        "vigie-ios",
    ] {
        keys_used_in_code(&root.join(c).join("src"), &mut used);
    }
    assert!(
        used.len() > 40,
        "found only {} keys in the code",
        used.len()
    );
    // Keys built at run time from an enum.
    for k in [
        "severity-high",
        "severity-medium",
        "severity-low",
        "severity-info",
        "category-stalkerware",
        "category-watchware",
        "category-mercenary_spyware",
        "category-spyware",
        "verdict-nothing-found",
        "verdict-unusual",
        "verdict-suspicious",
        "verdict-known-spyware",
        "check-kind-network",
        "check-kind-network-live",
        "check-kind-ios-backup",
        "check-kind-ios-device",
        "web-evidence-kind-capture",
        "web-evidence-kind-import",
        "web-evidence-kind-report",
        "web-import-done",
        "and-ioc-title",
        "ios-ioc-title",
        "ios-ioc-explain",
        "ios-watchware-title",
        "ios-watchware-explain",
        "ios-what-calendar",
        "ios-what-safari_favicon",
        "ios-what-chrome_favicon",
        "ios-what-idstatuscache",
        "ios-exploit-quadream-calendar-title",
        "ios-exploit-quadream-calendar-explain",
        "ios-exploit-idstatus-pattern-title",
        "ios-exploit-idstatus-pattern-explain",
        "ios-what-manifest",
        "ios-what-profiles",
        "ios-what-accounts",
        "ios-cap-profile-mdm",
        "ios-cap-profile-vpn",
        "ios-cap-profile-proxy",
        "ios-cap-profile-root",
        "ios-cap-profile-notifications",
        "ios-cap-profile-settings",
        "ios-what-app",
        "ios-what-sms",
        "ios-what-safari_history",
        "ios-what-safari_browser_state",
        "ios-what-webkit_resource_load_statistics",
        "ios-what-chrome_history",
        "ios-what-firefox_history",
        "ios-what-whatsapp",
        "ios-what-datausage",
        "ios-what-tcc",
        "ios-what-global_preferences",
        "month-1",
        "month-2",
        "month-3",
        "month-4",
        "month-5",
        "month-6",
        "month-7",
        "month-8",
        "month-9",
        "month-10",
        "month-11",
        "month-12",
        "ios-what-sms_attachments",
        "ios-what-shortcuts",
        "ios-what-locationd",
        "ios-what-paired_devices",
        "ios-what-profile_events",
        "ios-what-firefox_favicon",
        "ios-what-webkit_session_resource_log",
        "ios-what-osanalytics_addaily",
        "ios-what-applications",
        "ios-paired-watch-title",
        "ios-paired-watch-explain",
        "ios-paired-bluetooth-title",
        "ios-paired-bluetooth-explain",
        "ios-profile-event-installed-title",
        "ios-profile-event-installed-explain",
        "ios-profile-event-removed-title",
        "ios-profile-event-removed-explain",
        "ios-exploit-tmp-attachment-title",
        "ios-exploit-tmp-attachment-explain",
        "web-locker-no-pdq-unsupported",
        "web-locker-no-pdq-too_large",
        "web-locker-no-pdq-damaged",
        "web-locker-added-msg",
        "web-evidence-kind-locker",
        "web-locker-seen_at",
        "web-locker-place",
        "web-locker-posted_by",
        "web-locker-link",
        "web-locker-note",
        "ncii-no-frames-no_decoder",
        "ncii-no-frames-too_large",
        "web-locker-no-frames-too_large",
        "ncii-no-frames-undecodable",
        "web-locker-no-frames-no_decoder",
        "web-locker-no-frames-undecodable",
        "ncii-no-pdq-unsupported",
        "ncii-no-pdq-too_large",
        "ncii-no-pdq-damaged",
        "ncii-kind-screenshot",
        "ncii-kind-photo",
        "ncii-kind-video",
        "ncii-kind-web_page",
        "ncii-kind-messages",
        "ncii-kind-link",
        "ncii-kind-other",
        "and-ioc-explain",
        "and-watchware-title",
        "and-watchware-explain",
        "and-accessibility-title",
        "and-accessibility-explain",
        "and-device-admin-title",
        "and-device-admin-explain",
        "and-notification-listener-title",
        "and-notification-listener-explain",
        "check-kind-android",
        "and-verifier-off-explain",
        "and-reports-off-explain",
        "and-accessibility-on-explain",
        "report-means-known-spyware",
        "report-means-suspicious",
        "report-means-unusual",
        "report-means-nothing-found",
        "web-interview-saved",
        "interview-phone-access",
        "interview-shared-accounts",
        "interview-location-sharing",
        "interview-cloud-backup",
        "interview-unknown-devices",
        "interview-images-shared",
        "interview-answer-yes",
        "interview-answer-no",
        "interview-answer-unknown",
    ] {
        used.insert(k.to_owned());
    }
    let mut args = FluentArgs::new();
    for a in [
        "duration",
        "detail",
        "path",
        "size",
        "format",
        "id",
        "sha",
        "kind",
        "retrieved",
        "days",
        "source",
        "before",
        "after",
        "limit",
        "server",
        "seq",
        "row",
        "reference",
        "made",
        "findings",
        "scans",
        "created",
        "entries",
        "organization",
        "udid",
        "build",
        "backup",
        "user",
        "rows",
        "value",
        "rule",
        "name",
        "app",
        "category",
        "role",
        "how",
        "ip",
        "url",
        "provider",
        "tld",
        "issuer",
        "port",
        "kib",
        "mib",
        "seconds",
        "count",
        "started",
        "day",
        "month",
        "year",
        "time",
        "proto",
        "minutes",
        "start",
        "end",
        "flows",
        "names",
        "dns",
        "tls",
        "quic",
        "http",
        "certs",
        "feeds",
        "file",
        "packets",
        "reason",
        "files",
        "first",
        "last",
        "frame",
        "up",
        "down",
        "kinds",
        "sources",
        "address",
        "program",
        "command",
        "interface",
        "ssid",
        "password",
        "free",
        "app",
        "package",
        "matched_keys",
        "since",
        "can_keys",
        "installer",
        "component",
        "what",
        "certificate",
        "proxy",
        "last",
        "what_keys",
        "process",
        "third_party",
        "outputs",
        "why",
        "key",
        "when",
        "version",
        "opened",
        "id",
        "kind",
        "made",
        "headline",
        "first",
        "last",
        "flow",
        "file",
        "locator",
        "name",
        "sha256",
        "rule",
        "manufacturer",
        "model",
        "android",
        "patch",
        "origin",
        "what",
        "case",
        "received",
        "sent",
        "mode",
        "who_keys",
        "signal",
        "when",
        "value",
        "step",
        "request",
        "serial",
        "devices",
        "done",
        "total",
        "packages",
        "count",
        "started",
        "sources",
        "width",
        "height",
        "item",
        "distance",
        "found",
        "seconds",
        "images",
        "videos",
        "label",
        "entries",
        "organization",
        "user",
        "apps",
        "rows",
        "device",
    ] {
        args.set(a, "x");
    }
    for (lang, b) in [("en", &en), ("fr", &fr)] {
        for k in &used {
            let msg = b
                .get_message(k)
                .unwrap_or_else(|| panic!("{lang}: no text for key {k}"));
            let mut errors = vec![];
            let text = b.format_pattern(
                msg.value().expect("message has a value"),
                Some(&args),
                &mut errors,
            );
            assert!(errors.is_empty(), "{lang}: {k}: {errors:?}");
            assert!(!text.trim().is_empty(), "{lang}: {k} is empty");
        }
    }
}
