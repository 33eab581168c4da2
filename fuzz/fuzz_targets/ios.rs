//! What the iPhone check reads from a backup: plists (binary and XML), the links in message
//! texts, keybags of encrypted backups, and a whole backup whose Manifest.db is the fuzzed
//! bytes. The first byte chooses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A backup folder of this process, rewritten for each input.
fn folder() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("vigie-fuzz-ios-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&d);
        d
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    match selector % 4 {
        0 => {
            let _ = vigie_ios::plist_from_bytes(rest);
        }
        3 => {
            let _ = vigie_ios::parse_keybag(rest);
        }
        1 => {
            let _ = vigie_ios::links_in(&String::from_utf8_lossy(rest));
        }
        _ => {
            let dir = folder();
            if std::fs::write(dir.join("Manifest.db"), rest).is_ok() {
                if let Ok(backup) = vigie_ios::Backup::open(dir, None) {
                    let _ = vigie_ios::read_backup(&backup);
                }
            }
        }
    }
});
