//! What apps that are not part of the system may do, and did: special accesses
//! (accessibility, device admin, notification access), installing other apps, and using
//! location, camera or microphone in the background.

use super::capabilities::{capabilities, caps_or_none};
use super::ids;
use super::run::{package_messages, RuleRun};
use crate::model::AndroidDevice;
use std::collections::BTreeMap;
use vigie_core::{Finding, Message, Severity};

/// The sensor an app-op uses, as a translation key.
fn sensor_of(op: &str) -> Option<&'static str> {
    match op {
        "FINE_LOCATION"
        | "COARSE_LOCATION"
        | "MONITOR_LOCATION"
        | "MONITOR_HIGH_POWER_LOCATION" => Some("cap-location"),
        "CAMERA" => Some("cap-camera"),
        "RECORD_AUDIO" => Some("cap-microphone"),
        _ => None,
    }
}

impl<'a> RuleRun<'a> {
    /// Accessibility, device admin and notification access held by non-system apps.
    pub(super) fn special_accesses(&mut self) {
        let device = self.device;
        // Each access: rule (its lowercase is the message key), severity, kind of source,
        // and the output's name when the source was not noted.
        let accesses = [
            (
                ids::ACCESSIBILITY,
                Severity::Medium,
                "accessibility",
                "dumpsys accessibility",
            ),
            (
                ids::DEVICE_ADMIN,
                Severity::Medium,
                "device_policy",
                "dumpsys device_policy",
            ),
            (
                ids::NOTIFICATION_LISTENER,
                Severity::Low,
                "settings-secure",
                "settings secure",
            ),
        ];
        let holders = [
            &device.accessibility_services,
            &device.device_admins,
            &device.notification_listeners,
        ];
        for (components, (rule, severity, kind, output)) in holders.into_iter().zip(accesses) {
            let source = device.source_of(kind, output);
            for component in components {
                self.special_access(rule, severity, component, &source);
            }
        }
    }

    /// One special access held by `component`, as `source` shows.
    fn special_access(&mut self, rule: &str, severity: Severity, component: &str, source: &str) {
        let device = self.device;
        let pkg = AndroidDevice::component_package(component);
        if self.is_system(pkg) {
            return;
        }
        let caps = device
            .packages
            .get(pkg)
            .map(|p| capabilities(device, p))
            .unwrap_or_default();
        if !device.packages.contains_key(pkg) {
            self.unlisted_package_indicators(pkg, source);
        }
        let (title, explanation) = package_messages(&rule.to_ascii_lowercase(), pkg);
        let explanation = explanation
            .arg("component", component)
            .arg_keys("can_keys", &caps_or_none(&caps));
        let finding = Finding::new(rule, severity, pkg, title, explanation);
        self.raise(finding, source, component.to_owned());
    }

    /// Apps allowed to install other apps (or that asked to).
    pub(super) fn installs_apps(&mut self) {
        let device = self.device;
        let output = device.source_of("appops", "dumpsys appops");
        for (pkg, op, mode) in &device.app_op_modes {
            if self.is_system(pkg) {
                continue;
            }
            let (severity, key) = if mode == "allow" {
                (Severity::Low, "and-installs-apps-explain")
            } else {
                (Severity::Info, "and-installs-apps-asked-explain")
            };
            let title = Message::new("and-installs-apps-title").arg("package", pkg.as_str());
            let explanation = Message::new(key)
                .arg("package", pkg.as_str())
                .arg("mode", mode.as_str());
            let finding = Finding::new(ids::INSTALLS_APPS, severity, pkg, title, explanation);
            self.raise(finding, &output, format!("{pkg} {op} ({mode})"));
        }
    }

    /// Location, camera and microphone used while the app was in the background.
    pub(super) fn background_sensors(&mut self) {
        let device = self.device;
        let output = device.source_of("appops", "dumpsys appops");
        for (pkg, caps) in self.background_uses() {
            let last = device
                .app_ops
                .iter()
                .filter(|u| u.package == pkg)
                .map(|u| u.when.as_str())
                .max()
                .unwrap_or_default()
                .to_owned();
            let (title, explanation) = package_messages("and-background", pkg);
            let explanation = explanation.arg("last", last).arg_keys("what_keys", &caps);
            let finding = Finding::new(
                ids::BACKGROUND_SENSORS,
                Severity::Low,
                pkg,
                title,
                explanation,
            );
            self.raise(finding, &output, format!("{pkg} {}", caps.join(",")));
        }
    }

    /// The sensors each non-system app used in the background, by package.
    fn background_uses(&self) -> BTreeMap<&'a str, Vec<&'static str>> {
        let device: &'a AndroidDevice = self.device;
        let mut uses: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
        for u in &device.app_ops {
            let Some(sensor) = sensor_of(&u.op) else {
                continue;
            };
            if !matches!(u.state.as_str(), "bg" | "cch" | "fgsvc") || self.is_system(&u.package) {
                continue;
            }
            let sensors = uses.entry(&u.package).or_default();
            if !sensors.contains(&sensor) {
                sensors.push(sensor);
            }
        }
        uses
    }
}
