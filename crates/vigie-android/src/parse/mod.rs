//! Parsers of what Android prints: `getprop`, `settings list`, `ps`, `dumpsys` (whole or one
//! service: package, accessibility, appops, device_policy), androidqf's JSON files, and the
//! adb server's replies. They take text already bounded by the caller, skip what they do not
//! understand, never panic, and allocate no more than the input's size.

mod adb;
mod history;
mod packages;
mod services;
mod text;

pub use adb::{parse_devices, read_block, DeviceEntry};
pub use history::{batterystats_checkin_network, batterystats_packages, tombstone};
pub use packages::{androidqf_packages, dumpsys_package, pm_list_packages};
pub use services::{
    dumpsys_accessibility, dumpsys_appops, dumpsys_appops_modes, dumpsys_device_policy,
};
pub use text::{dumpsys_sections, getprop, ps, settings};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AndroidDevice;

    #[test]
    fn sections_split_a_full_dumpsys() {
        let t = "x\nDUMP OF SERVICE a:\none\nDUMP OF SERVICE b:\ntwo\n";
        assert_eq!(dumpsys_sections(t), vec![("a", "one\n"), ("b", "two\n")]);
        assert_eq!(dumpsys_sections("plain"), vec![("", "plain")]);
    }

    #[test]
    fn small_formats() {
        let p = getprop("[ro.build.version.release]: [12]\n[bad\n");
        assert_eq!(
            p.get("ro.build.version.release").map(String::as_str),
            Some("12")
        );
        let s = settings("adb_enabled=1\nnot a setting\n");
        assert_eq!(s.get("adb_enabled").map(String::as_str), Some("1"));
        let ps = ps("USER PID PPID NAME\nroot 1 0 init\nu0_a12 300 1 com.spy:remote\n");
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].name, "com.spy:remote");
    }

    #[test]
    fn accessibility_both_formats() {
        let old = "  enabled services: {\n    0 : com.spy/.Svc\n  }\n";
        assert_eq!(dumpsys_accessibility(old), vec!["com.spy/.Svc"]);
        let new = "     Enabled services:{{com.a/com.a.S}, {com.b/.T}}\n";
        assert_eq!(
            dumpsys_accessibility(new),
            vec!["com.a/com.a.S", "com.b/.T"]
        );
    }

    #[test]
    fn appops_modes_and_tombstones() {
        let t = "  Uid u0a1:\n    Package org.mozilla.firefox:\n      REQUEST_INSTALL_PACKAGES (allow):\n";
        assert_eq!(
            dumpsys_appops_modes(t),
            vec![(
                "org.mozilla.firefox".into(),
                "REQUEST_INSTALL_PACKAGES".into(),
                "allow".into()
            )]
        );
        let ts = "Timestamp: 2023-04-12 12:32:40\npid: 1, tid: 2, name: x  >>> /system/bin/vold <<<\nuid: 0\nsignal 11 (SIGSEGV), code 1 (SEGV_MAPERR)\n";
        let c = tombstone(ts, "tombstone_00").expect("a tombstone");
        assert_eq!(
            (c.process.as_str(), c.uid, c.signal.as_str()),
            ("/system/bin/vold", 0, "SIGSEGV")
        );
        assert!(tombstone("not one", "x").is_none());
    }

    #[test]
    fn battery_history_names_packages() {
        let t = "  +1h26m (2) 095 +top=u0a280:\"com.whatsapp\"\n  +47s (2) 100 +job=u0a94:\"com.spy.app/.Job\"\n      Update com.facebook.katana vers=315814651\n";
        let p = batterystats_packages(t);
        assert!(p.contains_key("com.whatsapp") && p.contains_key("com.spy.app"));
        assert!(p.contains_key("com.facebook.katana"));
    }

    #[test]
    fn network_use_from_checkin() {
        let t = "9,0,i,uid,10123,com.spy.app\n9,10123,l,nt,100,2000,300,4000,1,2,3,4\n9,10124,l,nt,5,5,5,5\n";
        let n = batterystats_checkin_network(t);
        assert_eq!(n.get("com.spy.app"), Some(&(400, 6000)));
        assert_eq!(n.len(), 1);
    }

    #[test]
    fn pm_list_lines() {
        let mut d = AndroidDevice::default();
        pm_list_packages(
            "package:/data/app/~~x==/com.spy-1/base.apk=com.spy  installer=null uid:10200\n",
            &mut d,
            "pm",
        );
        let p = &d.packages["com.spy"];
        assert_eq!(
            (p.uid, p.installer.as_deref(), p.system),
            (Some(10200), None, false)
        );
        assert_eq!(p.apk_paths, vec!["/data/app/~~x==/com.spy-1/base.apk"]);
    }
}
