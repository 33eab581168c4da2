//! Translations: message keys to French or English text, from Fluent (`.ftl`) files.
//!
//! Code holds keys; text for people lives in each crate's `locales/{en,fr}.ftl`. A
//! [`Catalog`] gathers the resources of every crate the program uses.

use crate::Message;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::fmt;
use std::str::FromStr;
use unic_langid::LanguageIdentifier;

/// A language Vigie speaks.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default for the station.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language's code (`fr`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Picks the language from a locale string such as `fr_FR.UTF-8`; English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (fr, en)")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Something that can say itself in the reader's language: every error of Vigie's
/// libraries, as a translatable message.
pub trait Localized {
    /// What to say.
    fn message(&self) -> Message;
}

/// One crate's translation file for one language.
#[derive(Clone, Copy, Debug)]
pub struct LocaleResource {
    /// The language of the file.
    pub lang: Lang,
    /// The Fluent source text.
    pub source: &'static str,
}

/// Translated text for one language, falling back to English, then to the key itself; times
/// are written in a time zone (the station's own unless told otherwise).
pub struct Catalog {
    lang: Lang,
    primary: FluentBundle<FluentResource>,
    fallback: FluentBundle<FluentResource>,
    zone: jiff::tz::TimeZone,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog").field("lang", &self.lang).finish()
    }
}

fn bundle(lang: Lang, groups: &[&[LocaleResource]]) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    for res in groups
        .iter()
        .flat_map(|g| g.iter())
        .filter(|r| r.lang == lang)
    {
        // Our own files are checked by tests; a broken entry is skipped, not fatal.
        let resource = match FluentResource::try_new(res.source.to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        bundle.add_resource_overriding(resource);
    }
    bundle
}

impl Catalog {
    /// A catalog for `lang` made of the given crates' resources (e.g. `&[vigie_core::LOCALES]`),
    /// writing times in the station's time zone (`TZ` where set, else the system's).
    pub fn new(lang: Lang, groups: &[&[LocaleResource]]) -> Self {
        Catalog {
            lang,
            primary: bundle(lang, groups),
            fallback: bundle(Lang::En, groups),
            zone: jiff::tz::TimeZone::system(),
        }
    }

    /// The same catalog writing times in UTC (the technical annex, exact records).
    pub fn in_utc(self) -> Self {
        self.in_zone(jiff::tz::TimeZone::UTC)
    }

    /// The same catalog writing times in the zone named `iana` (`Europe/Paris`), or an
    /// error naming what is not a known zone.
    pub fn in_zone_named(self, iana: &str) -> Result<Self, String> {
        let zone = jiff::tz::TimeZone::get(iana).map_err(|e| e.to_string())?;
        Ok(self.in_zone(zone))
    }

    fn in_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        self.zone = zone;
        self
    }

    /// The catalog's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// True when the key has a text in this catalog's own language.
    pub fn has(&self, key: &str) -> bool {
        self.primary.has_message(key)
    }

    /// The text of a message, with its arguments substituted.
    ///
    /// An argument whose name ends in `_keys` holds translation keys separated by commas
    /// (see [`Message::arg_keys`]): each is translated, and they are joined with commas. An
    /// argument that is a recorded UTC time is written as [`Catalog::date`] does.
    pub fn text(&self, msg: &Message) -> String {
        let mut args = FluentArgs::new();
        for (k, v) in &msg.args {
            if k.ends_with("_keys") {
                let list = v
                    .split(',')
                    .filter(|key| !key.is_empty())
                    .map(|key| self.key(key))
                    .collect::<Vec<_>>()
                    .join(", ");
                args.set(k.as_str(), list);
            } else if let Some(n) = count(v) {
                // Whole numbers are numbers, so that plural forms follow them.
                args.set(k.as_str(), n);
            } else if let Some(d) = self.measure(k, v) {
                args.set(k.as_str(), d);
            } else {
                // Times recorded as RFC 3339 read as people read them, in every message; the
                // system's errors in the catalog's language.
                args.set(k.as_str(), self.date(&self.os_error_words(v)));
            }
        }
        for b in [&self.primary, &self.fallback] {
            if let Some(pattern) = b.get_message(&msg.key).and_then(|m| m.value()) {
                let mut errors = vec![];
                return b
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned();
            }
        }
        msg.key.clone()
    }

    /// `v` with an error of the operating system in it ("No such file or directory (os
    /// error 2)", as Rust writes them) said in this catalog's language where its number
    /// has a text (`os-error-2`); anything else as it is.
    fn os_error_words(&self, v: &str) -> String {
        const MARK: &str = " (os error ";
        let Some(at) = v.find(MARK) else {
            return v.to_owned();
        };
        let rest = &v[at + MARK.len()..];
        let Some(end) = rest.find(')') else {
            return v.to_owned();
        };
        let code = &rest[..end];
        let key = format!("os-error-{code}");
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || !self.has(&key) {
            return v.to_owned();
        }
        let start = v[..at].rfind(": ").map_or(0, |i| i + 2);
        let words = Message::new("os-error")
            .arg("words", self.key(&key))
            .arg("code", code);
        format!("{}{}{}", &v[..start], self.text(&words), &rest[end + 1..])
    }

    /// What `what` says (an error, usually), in this catalog's language.
    pub fn say(&self, what: &dyn Localized) -> String {
        self.text(&what.message())
    }

    /// The text of a key with no argument.
    pub fn key(&self, key: &str) -> String {
        self.text(&Message::new(key))
    }

    /// A recorded time as people read it, in the catalog's time zone ("1 December 2026,
    /// 06:48:15 UTC", "9 août 2026, 23:05:00 (UTC+2)"), from the RFC 3339 form Vigie records
    /// (`2026-12-01T06:48:15.942718Z`); anything else is given back as it is.
    pub fn date(&self, rfc3339: &str) -> String {
        let Ok(t) = rfc3339.parse::<crate::Timestamp>() else {
            return rfc3339.to_owned();
        };
        let Ok(ts) = jiff::Timestamp::from_nanosecond(i128::from(t.0)) else {
            return rfc3339.to_owned();
        };
        let local = self.zone.to_datetime(ts);
        let offset = self.zone.to_offset(ts).seconds();
        let time = format!(
            "{:02}:{:02}:{:02}",
            local.hour(),
            local.minute(),
            local.second()
        );
        let month = self.key(&format!("month-{}", local.month()));
        let message = match offset {
            0 if self.zone.iana_name().is_none_or(|n| n.ends_with("UTC")) => {
                Message::new("date-utc")
            }
            _ => Message::new("date-zoned").arg("zone", utc_offset(offset)),
        };
        self.text(
            &message
                .arg("day", local.day().to_string())
                .arg("month", month)
                .arg("year", local.year().to_string())
                .arg("time", time),
        )
    }
}

/// Arguments that hold measures (sizes, durations, amounts of data), whose decimals are
/// written the catalog language's way: `52.4` is `52,4` in French.
const MEASURES: [&str; 9] = [
    "mib", "kib", "received", "sent", "seconds", "size", "free", "up", "down",
];

impl Catalog {
    /// `v` as the catalog's language writes a decimal measure, when argument `name` holds
    /// one and `v` is a plain decimal (`52.4`); `None` otherwise.
    fn measure(&self, name: &str, v: &str) -> Option<String> {
        let (whole, fraction) = v.split_once('.')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !MEASURES.contains(&name) || !digits(whole) || !digits(fraction) {
            return None;
        }
        Some(match self.lang {
            Lang::Fr => format!("{whole},{fraction}"),
            Lang::En => v.to_owned(),
        })
    }
}

/// A whole number written plainly (no sign but `-`, no leading zero, at most 15 digits, so
/// that it is exact as a Fluent number): what plural forms choose on. Identifiers with
/// leading zeros and long digit strings stay text.
fn count(v: &str) -> Option<f64> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| v.parse().ok()).flatten()
}

/// An offset from UTC as people write it: `UTC`, `UTC+2`, `UTC−3`, `UTC+5:30`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '−' } else { '+' };
    let (h, m) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    match (h, m) {
        (0, 0) => "UTC".to_owned(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

/// Every message key defined in a Fluent source, in order (to compare languages).
#[cfg(test)]
fn keys_of(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.', '-']) && l.contains('='))
        .filter_map(|l| l.split('=').next())
        .map(|k| k.trim().to_owned())
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_as_people_read_them() {
        let en = super::Catalog::new(super::Lang::En, &[crate::LOCALES]).in_utc();
        let fr = super::Catalog::new(super::Lang::Fr, &[crate::LOCALES]).in_utc();
        assert_eq!(
            en.date("2026-12-01T06:48:15.942718Z"),
            "1 December 2026, 06:48:15 UTC"
        );
        assert_eq!(fr.date("2026-08-09T23:05:00Z"), "9 août 2026, 23:05:00 UTC");
        // In messages too.
        let m = super::Message::new("date-utc")
            .arg("day", "2026-08-09T23:05:00Z")
            .arg("month", "x")
            .arg("year", "y")
            .arg("time", "z");
        assert!(fr.text(&m).starts_with("9 août 2026, 23:05:00 UTC x"));
        for odd in [
            "",
            "—",
            "2026-13-01T00:00:00Z",
            "2026-12-01 06:48:15",
            "yesterday",
        ] {
            assert_eq!(en.date(odd), odd);
        }
    }

    #[test]
    fn plural_forms_follow_numbers_and_identifiers_stay_as_written() {
        let fr = super::Catalog::new(super::Lang::Fr, &[crate::LOCALES]);
        for (n, expected) in [("0", "0 paquet"), ("1", "1 paquet"), ("2", "2 paquets")] {
            let m = super::Message::new("coverage-packets")
                .arg("packets", n)
                .arg("files", "1");
            assert!(fr.text(&m).starts_with(expected), "{}", fr.text(&m));
        }
        assert_eq!(super::count("00008110"), None);
        assert_eq!(super::count("1234567890123456"), None);
        assert_eq!(super::count("-3"), Some(-3.0));
        assert_eq!(super::count("52.4"), None);
    }

    #[test]
    fn dates_are_written_in_the_station_time_zone() {
        let fr = super::Catalog::new(super::Lang::Fr, &[crate::LOCALES]);
        let paris = fr.in_zone_named("Europe/Paris").expect("zone");
        assert_eq!(
            paris.date("2026-08-09T23:05:00Z"),
            "10 août 2026, 01:05:00 (UTC+2)"
        );
        assert_eq!(
            paris.date("2026-12-01T06:48:15Z"),
            "1er décembre 2026, 07:48:15 (UTC+1)"
        );
        let en = super::Catalog::new(super::Lang::En, &[crate::LOCALES]);
        let kolkata = en.in_zone_named("Asia/Kolkata").expect("zone");
        assert_eq!(
            kolkata.date("2026-12-01T06:48:15Z"),
            "1 December 2026, 12:18:15 (UTC+5:30)"
        );
        let ny = super::Catalog::new(super::Lang::En, &[crate::LOCALES])
            .in_zone_named("America/New_York")
            .expect("zone");
        assert_eq!(
            ny.date("2026-12-01T06:48:15Z"),
            "1 December 2026, 01:48:15 (UTC−5)"
        );
        assert!(super::Catalog::new(super::Lang::En, &[])
            .in_zone_named("Mars/Olympus")
            .is_err());
    }

    use super::*;

    #[test]
    fn both_languages_define_the_same_keys_and_parse() {
        let en = keys_of(crate::LOCALES[0].source);
        let fr = keys_of(crate::LOCALES[1].source);
        assert!(!en.is_empty());
        assert_eq!(en, fr);
        for r in crate::LOCALES {
            assert!(FluentResource::try_new(r.source.to_owned()).is_ok());
        }
    }

    #[test]
    fn the_systems_errors_are_said_in_the_catalogs_language() {
        let missing = std::fs::File::open("/no/such/place/vigie").expect_err("absent");
        let detail = format!("/no/such/place/vigie: {missing}");
        let said = |lang: Lang| {
            let cat = Catalog::new(lang, &[crate::LOCALES]);
            let m = Message::new("os-error")
                .arg("words", &detail)
                .arg("code", "x");
            cat.text(&m)
        };
        let fr = said(Lang::Fr);
        assert!(
            fr.starts_with(
                "/no/such/place/vigie: fichier ou répertoire introuvable (erreur système 2)"
            ),
            "{fr}"
        );
        assert!(!fr.contains("No such file"), "{fr}");
        assert!(said(Lang::En).contains("no such file or folder (system error 2)"));
        // An error without a text of its own, and anything else, stay as they are.
        let cat = Catalog::new(Lang::Fr, &[crate::LOCALES]);
        for v in ["Odd thing (os error 4242)", "a (os error x)", "plain words"] {
            assert_eq!(cat.os_error_words(v), v);
        }
    }

    #[test]
    fn decimal_measures_are_written_the_languages_way() {
        let fr = Catalog::new(Lang::Fr, &[crate::LOCALES]);
        assert_eq!(fr.measure("mib", "52.4").as_deref(), Some("52,4"));
        assert_eq!(fr.measure("version", "17.5"), None);
        assert_eq!(fr.measure("mib", "1.2.3"), None);
        let en = Catalog::new(Lang::En, &[crate::LOCALES]);
        assert_eq!(en.measure("sent", "52.4").as_deref(), Some("52.4"));
    }

    #[test]
    fn formats_with_arguments_and_falls_back() {
        let fr = Catalog::new(Lang::Fr, &[crate::LOCALES]);
        let text = fr.text(
            &Message::new("coverage-packets")
                .arg("packets", "12")
                .arg("files", "1"),
        );
        assert!(text.contains("12"), "{text}");
        assert_eq!(fr.key("no-such-key"), "no-such-key");
        let en = Catalog::new(Lang::En, &[crate::LOCALES]);
        assert_ne!(
            en.key("verdict-nothing-found"),
            fr.key("verdict-nothing-found")
        );
    }
}
