//! Device rules: installing from unknown sources, protections turned off (the same list as
//! MVT's dangerous settings), developer options, traffic interception (always-on VPN,
//! global proxy, user CA certificates), root or hooking traces, and crashes of privileged
//! processes.

use super::ids;
use super::run::{package_messages, RuleRun};
use vigie_core::{Finding, Message, Severity};

/// A setting that protects the phone: its safe value, and the rule raised otherwise with
/// the translation key of what it protects.
struct Protection {
    key: &'static str,
    safe: &'static str,
    rule: &'static str,
    severity: Severity,
    what: &'static str,
}

/// A setting of Play Protect or APK verification, safe when `1`.
const fn verifier(key: &'static str, what: &'static str) -> Protection {
    Protection {
        key,
        safe: "1",
        rule: ids::VERIFIER_OFF,
        severity: Severity::Medium,
        what,
    }
}

/// A setting sending reports to the maker or Google, safe when `1`.
const fn reports(key: &'static str, what: &'static str) -> Protection {
    Protection {
        key,
        safe: "1",
        rule: ids::REPORTS_OFF,
        severity: Severity::Low,
        what,
    }
}

/// Settings that protect the phone.
const PROTECTIONS: &[Protection] = &[
    verifier("verifier_verify_adb_installs", "setting-adb-verify-off"),
    verifier("package_verifier_enable", "setting-play-protect-off"),
    verifier("package_verifier_state", "setting-apk-verify-off"),
    verifier("package_verifier_user_consent", "setting-play-protect-off"),
    verifier("upload_apk_enable", "setting-play-protect-off"),
    verifier("adb_install_need_confirm", "setting-adb-confirm-off"),
    reports("send_security_reports", "setting-security-reports-off"),
    reports("samsung_errorlog_agree", "setting-crash-logs-off"),
    reports("send_action_app_error", "setting-app-errors-off"),
    Protection {
        key: "accessibility_enabled",
        safe: "0",
        rule: ids::ACCESSIBILITY_ON,
        severity: Severity::Low,
        what: "setting-accessibility-on",
    },
];

/// A finding on the device as a whole, with messages `{key}-title` and `{key}-explain`.
fn on_device(rule: &str, severity: Severity, key: &str) -> Finding {
    let title = Message::new(format!("{key}-title"));
    let explanation = Message::new(format!("{key}-explain"));
    Finding::new(rule, severity, "device", title, explanation)
}

impl RuleRun<'_> {
    /// The settings rules, then interception.
    pub(super) fn settings_rules(&mut self) {
        let device = self.device;
        if device.setting("secure", "install_non_market_apps") == Some("1") {
            let finding = on_device(ids::UNKNOWN_SOURCES, Severity::Low, "and-unknown-sources");
            let output = self.settings_output("secure");
            self.raise(finding, &output, "install_non_market_apps=1".into());
        }
        self.protections();
        for key in ["adb_enabled", "development_settings_enabled"] {
            if device.setting("global", key) == Some("1") {
                let finding = on_device(ids::DEVELOPER, Severity::Info, "and-developer");
                let output = self.settings_output("global");
                self.raise(finding, &output, format!("{key}=1"));
            }
        }
        self.interception();
    }

    /// The output settings of namespace `ns` were read from.
    fn settings_output(&self, ns: &str) -> String {
        self.device.source_of(&format!("settings-{ns}"), "settings")
    }

    /// Protections set otherwise than safe, in whichever namespace they are filed.
    fn protections(&mut self) {
        let device = self.device;
        for p in PROTECTIONS {
            let Some((ns, value)) = device
                .settings
                .iter()
                .find_map(|(ns, m)| m.get(p.key).map(|v| (ns.as_str(), v.as_str())))
            else {
                continue;
            };
            if value == p.safe {
                continue;
            }
            let title = Message::new("and-setting-title")
                .arg("key", p.key)
                .arg("value", value)
                .arg_keys("what_keys", &[p.what]);
            let explanation = Message::new(format!("{}-explain", p.rule.to_ascii_lowercase()))
                .arg("key", p.key)
                .arg("value", value);
            let finding = Finding::new(p.rule, p.severity, p.key, title, explanation);
            let output = self.settings_output(ns);
            self.raise(finding, &output, format!("{}={value}", p.key));
        }
    }

    /// An always-on VPN of a non-system app, a global proxy, user CA certificates.
    fn interception(&mut self) {
        let device = self.device;
        if let Some(vpn) = device
            .always_on_vpn
            .as_deref()
            .filter(|v| !self.is_system(v))
        {
            let (title, explanation) = package_messages("and-vpn", vpn);
            let finding = Finding::new(ids::INTERCEPTION, Severity::Low, vpn, title, explanation);
            let output = self.settings_output("secure");
            self.raise(finding, &output, format!("always_on_vpn_app={vpn}"));
        }
        if let Some(proxy) = device.http_proxy.as_deref() {
            let title = Message::new("and-proxy-title").arg("proxy", proxy);
            let explanation = Message::new("and-proxy-explain").arg("proxy", proxy);
            let finding = Finding::new(
                ids::INTERCEPTION,
                Severity::Medium,
                proxy,
                title,
                explanation,
            );
            let output = self.settings_output("global");
            self.raise(finding, &output, format!("http_proxy={proxy}"));
        }
        for ca in &device.user_ca_certificates {
            let title = Message::new("and-user-ca-title");
            let explanation = Message::new("and-user-ca-explain").arg("certificate", ca);
            let finding = Finding::new(ids::USER_CA, Severity::Medium, ca, title, explanation);
            self.raise(finding, "user CA certificates", ca.clone());
        }
    }

    /// Root or hooking traces: files root tools leave, and properties of an unlocked build.
    pub(super) fn root_rules(&mut self) {
        let device = self.device;
        let traces = device.source_of("root", "root");
        for trace in &device.root_traces {
            self.root(trace, &traces, trace.clone());
        }
        let getprop = device.source_of("getprop", "getprop");
        for (prop, bad) in [("ro.debuggable", "1"), ("ro.secure", "0")] {
            if device.properties.get(prop).map(String::as_str) == Some(bad) {
                let what = format!("{prop}={bad}");
                self.root(&what, &getprop, what.clone());
            }
        }
    }

    /// Root or hooking, as `what` shows in `output` (`detail`).
    pub(super) fn root(&mut self, what: &str, output: &str, detail: String) {
        let explanation = Message::new("and-root-explain").arg("what", what);
        let finding = Finding::new(
            ids::ROOT,
            Severity::Medium,
            "device",
            Message::new("and-root-title"),
            explanation,
        );
        self.raise(finding, output, detail);
    }

    /// Crashes of processes running as root, system or shell.
    pub(super) fn privileged_crashes(&mut self) {
        let device = self.device;
        for c in &device.crashes {
            let who = match c.uid {
                0 => "uid-root",
                1000 => "uid-system",
                2000 => "uid-shell",
                _ => continue,
            };
            let process = c.process.as_str();
            let title = Message::new("and-crash-title").arg("process", process);
            let explanation = Message::new("and-crash-explain")
                .arg("process", process)
                .arg_keys("who_keys", &[who])
                .arg("signal", c.signal.as_str())
                .arg("when", c.when.as_str());
            let finding = Finding::new(
                ids::PRIVILEGED_CRASH,
                Severity::Low,
                process,
                title,
                explanation,
            );
            self.raise(
                finding,
                &c.file,
                format!("{} uid {} {}", c.process, c.uid, c.signal),
            );
        }
    }
}
