//! The values of a backup that indicators name: its apps, and the links, domains,
//! processes, e-mail addresses and file paths seen in its databases (each naming the
//! database and row).

use super::findings::{record, Findings};
use crate::model::{IosBackup, SeenKind};
use vigie_indicators::{Indicator, IndicatorKind, IndicatorSet};

/// The indicators a value of this kind matches.
fn matches<'a>(iocs: &'a IndicatorSet, kind: SeenKind, value: &str) -> Vec<&'a Indicator> {
    match kind {
        SeenKind::Url => {
            let mut found = iocs.match_url(value);
            if found.is_empty() {
                if let Some(host) = vigie_indicators::url_host(value) {
                    found = iocs.match_domain(&host);
                }
            }
            found
        }
        SeenKind::Domain => iocs.match_domain(value),
        SeenKind::Process => iocs.match_exact(IndicatorKind::ProcessName, value),
        SeenKind::Email => iocs.match_exact(IndicatorKind::Email, value),
        SeenKind::FilePath => iocs.match_exact(IndicatorKind::FilePath, value),
    }
}

/// The apps, and the values seen in the databases, that indicators name.
pub(super) fn apps_and_values(backup: &IosBackup, out: &mut Findings<'_>) {
    for (app, sources) in &backup.apps {
        let found = out.iocs.match_exact(IndicatorKind::AppId, app);
        let evidence = record(sources.join(", "), app.clone(), format!("app {app}"));
        out.matched("IOS-IOC-APP", "ios-what-app", app, found, evidence);
    }
    for s in &backup.seen {
        let found = matches(out.iocs, s.kind, &s.value);
        if found.is_empty() {
            continue;
        }
        let rule = match s.kind {
            SeenKind::Url => "IOS-IOC-URL",
            SeenKind::Domain => "IOS-IOC-DOMAIN",
            SeenKind::Process => "IOS-IOC-PROCESS",
            SeenKind::Email => "IOS-IOC-EMAIL",
            SeenKind::FilePath => "IOS-IOC-FILE",
        };
        let detail = match &s.when {
            Some(w) => format!("{} {} ({w})", s.kind.as_str(), s.value),
            None => format!("{} {}", s.kind.as_str(), s.value),
        };
        let evidence = record(s.file.clone(), s.locator.clone(), detail);
        let what = format!("ios-what-{}", s.module);
        out.matched(rule, &what, &s.value, found, evidence);
    }
}
