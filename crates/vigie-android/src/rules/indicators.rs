//! Indicator matches: a package known by its name, signing certificate or APK hash (listed,
//! or only seen holding a special access), a running process named as a known spy app, and
//! known spy apps in the battery history (they ran, and may have been removed since).

use super::capabilities::{capabilities, caps_or_none};
use super::ids;
use super::run::{since_of, RuleRun};
use crate::model::Package;
use vigie_core::{Finding, Message, Severity, ThreatCategory};
use vigie_indicators::{Indicator, IndicatorKind};

/// A process's name as `ps` printed it, taken as MVT takes it: brackets around a kernel
/// thread's name removed, then the last part of a path.
fn process_name(shown: &str) -> &str {
    let bare = shown.trim_matches(|c| c == '[' || c == ']');
    bare.rsplit('/').next().unwrap_or(bare)
}

/// How serious a match is: a monitoring app listed as such is less so than a spy app.
fn severity_of(ind: &Indicator) -> Severity {
    if ind.category == ThreatCategory::Watchware {
        Severity::Medium
    } else {
        Severity::High
    }
}

impl RuleRun<'_> {
    /// A package's name, signing certificates and APK hashes against the feeds.
    pub(super) fn package_indicators(&mut self, p: &Package) {
        let iocs = self.iocs;
        for ind in iocs.match_exact(IndicatorKind::AppId, &p.name) {
            self.ioc(ids::IOC_PACKAGE, p, ind, "match-package", &p.name);
        }
        let hashes = [
            (
                IndicatorKind::AppCertSha1,
                &p.cert_sha1,
                ids::IOC_CERT,
                "match-cert-sha1",
            ),
            (
                IndicatorKind::AppCertSha256,
                &p.cert_sha256,
                ids::IOC_CERT,
                "match-cert-sha256",
            ),
            (
                IndicatorKind::FileSha256,
                &p.apk_sha256,
                ids::IOC_APK,
                "match-apk",
            ),
        ];
        for (kind, values, rule, what) in hashes {
            for value in values {
                for ind in iocs.match_exact(kind, value) {
                    self.ioc(rule, p, ind, what, value);
                }
            }
        }
    }

    /// A package the package list did not show, seen in `source` (holding a special
    /// access), against the feeds by its name.
    pub(super) fn unlisted_package_indicators(&mut self, name: &str, source: &str) {
        for ind in self.iocs.match_exact(IndicatorKind::AppId, name) {
            let p = Package {
                name: name.to_owned(),
                source: source.to_owned(),
                ..Package::default()
            };
            self.ioc(ids::IOC_PACKAGE, &p, ind, "match-package", name);
        }
    }

    /// An indicator match on a package (`what`: its name, a certificate or an APK).
    fn ioc(&mut self, rule: &str, p: &Package, ind: &Indicator, what: &str, value: &str) {
        let app = ind.app.clone().unwrap_or_else(|| p.name.clone());
        let caps = capabilities(self.device, p);
        let (rule, key) = if ind.category == ThreatCategory::Watchware {
            (ids::WATCHWARE, "and-watchware")
        } else {
            (rule, "and-ioc")
        };
        let title = Message::new(format!("{key}-title"))
            .arg("app", &app)
            .arg("package", &p.name);
        let explanation = Message::new(format!("{key}-explain"))
            .arg("app", &app)
            .arg("package", &p.name)
            .arg_keys("matched_keys", &[what])
            .arg("since", since_of(p))
            .arg_keys("can_keys", &caps_or_none(&caps));
        // Certificates read from the APKs are recorded in their own output.
        let output = if what.starts_with("match-cert")
            && self.device.output_sha256("apk certificates").is_some()
        {
            "apk certificates"
        } else {
            p.source.as_str()
        };
        let finding = Finding::new(rule, severity_of(ind), &p.name, title, explanation)
            .with_indicator(Some(self.iocs.reference(ind)));
        let detail = format!("{} {value}", what.trim_start_matches("match-"));
        self.raise(finding, output, detail);
    }

    /// Running processes named as a known spy app (or as its package, when not listed). A
    /// name is taken as MVT takes it: without the brackets `ps` puts around kernel threads,
    /// the last part of a path, and, cut by the kernel, as the start of a longer name.
    pub(super) fn process_indicators(&mut self) {
        let (device, iocs) = (self.device, self.iocs);
        let output = device.source_of("ps", "ps");
        for proc in &device.processes {
            let name = process_name(&proc.name);
            let base = name.split(':').next().unwrap_or_default();
            let mut hits = iocs.match_exact(IndicatorKind::ProcessName, name);
            hits.extend(iocs.match_truncated_process(name));
            if !device.packages.contains_key(base) {
                hits.extend(iocs.match_exact(IndicatorKind::AppId, base));
            }
            for ind in hits {
                let app = ind.app.as_deref().unwrap_or(base);
                let seen = ("process", name);
                let finding = self.sighting(ids::IOC_PROCESS, "and-ioc-process", ind, seen, app);
                self.raise(finding, &output, format!("pid {} {}", proc.pid, proc.name));
            }
        }
    }

    /// System properties (`getprop`) named as a known spy app leaves them, matched by name
    /// whatever the case, as MVT matches them.
    pub(super) fn property_indicators(&mut self) {
        let (device, iocs) = (self.device, self.iocs);
        let output = device.source_of("getprop", "getprop");
        for (name, value) in &device.properties {
            for ind in iocs.match_exact(IndicatorKind::AndroidProperty, name) {
                let app = ind.app.as_deref().unwrap_or(name);
                let seen = ("property", name.as_str());
                let finding = self.sighting(ids::IOC_PROPERTY, "and-ioc-property", ind, seen, app);
                self.raise(finding, &output, format!("[{name}]: [{value}]"));
            }
        }
    }

    /// Known spy apps the battery history saw that are not installed (any more).
    pub(super) fn history_indicators(&mut self) {
        let (device, iocs) = (self.device, self.iocs);
        let output = device.source_of("batterystats", "dumpsys batterystats");
        for (pkg, line) in &device.history_packages {
            if device.packages.contains_key(pkg) {
                continue;
            }
            for ind in iocs.match_exact(IndicatorKind::AppId, pkg) {
                let app = ind.app.as_deref().unwrap_or(pkg);
                let seen = ("package", pkg.as_str());
                let finding = self.sighting(ids::IOC_HISTORY, "and-ioc-history", ind, seen, app);
                self.raise(finding, &output, line.clone());
            }
        }
    }

    /// A known spy app seen other than installed: messages `{key}-title` and `{key}-explain`
    /// name the app and what was seen (`seen`: argument name and value, also the subject).
    fn sighting(
        &self,
        rule: &str,
        key: &str,
        ind: &Indicator,
        (arg, subject): (&str, &str),
        app: &str,
    ) -> Finding {
        let title = Message::new(format!("{key}-title"))
            .arg("app", app)
            .arg(arg, subject);
        let explanation = Message::new(format!("{key}-explain"))
            .arg("app", app)
            .arg(arg, subject);
        Finding::new(rule, severity_of(ind), subject, title, explanation)
            .with_indicator(Some(self.iocs.reference(ind)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn process_names_are_taken_as_mvt_takes_them() {
        assert_eq!(super::process_name("[kthreadd]"), "kthreadd");
        assert_eq!(
            super::process_name("/system/bin/surfaceflinger"),
            "surfaceflinger"
        );
        assert_eq!(
            super::process_name("com.spy.app:remote"),
            "com.spy.app:remote"
        );
    }
}
