//! Android outputs (getprop, settings, ps, dumpsys, androidqf JSON, pm list, APK signing
//! blocks, adb replies):
//! the first byte picks the parser.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_android::{parse, AndroidDevice};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut d = AndroidDevice::default();
    match sel % 9 {
        0 => {
            let _ = parse::getprop(&text);
            let _ = parse::settings(&text);
        }
        1 => {
            let _ = parse::ps(&text);
        }
        2 => {
            for (service, body) in parse::dumpsys_sections(&text) {
                vigie_android::apply_dumpsys(&mut d, service, body, "fuzz");
            }
        }
        3 => parse::dumpsys_package(&text, &mut d, "fuzz"),
        4 => {
            let _ = parse::dumpsys_accessibility(&text);
            let _ = parse::dumpsys_device_policy(&text);
            let _ = parse::dumpsys_appops(&text);
            let _ = parse::dumpsys_appops_modes(&text);
            let _ = parse::batterystats_packages(&text);
            let _ = parse::batterystats_checkin_network(&text);
            let _ = parse::tombstone(&text, "fuzz");
        }
        5 => {
            let _ = parse::androidqf_packages(rest, &mut d, "fuzz");
        }
        6 => parse::pm_list_packages(&text, &mut d, "fuzz"),
        7 => {
            let _ = vigie_android::signing_certificates(rest, rest.len() as u64);
            let _ = vigie_android::signing_certificates(rest, rest.len() as u64 + 4096);
        }
        _ => {
            let mut cursor = std::io::Cursor::new(rest);
            if let Ok(block) = parse::read_block(&mut cursor) {
                let _ = parse::parse_devices(&block);
            }
        }
    }
    vigie_android::apply_settings(&mut d);
    let _ = vigie_android::check(&d, &vigie_indicators::IndicatorSet::new());
});
