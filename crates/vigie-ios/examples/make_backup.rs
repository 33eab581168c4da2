//! Writes a synthetic iPhone backup: `make_backup DIR [MESSAGES] [PASSWORD]`. With MESSAGES,
//! sms.db holds that many messages (one in a hundred with a link) and the manifest as many
//! ordinary files, to measure a check on a large backup; with PASSWORD, the backup is
//! encrypted as iOS does it (10 000 000 and 10 000 PBKDF2 rounds).
use vigie_ios::synthetic::{large_backup, write_backup, Protection};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: make_backup DIR [MESSAGES] [PASSWORD]")?,
    );
    let messages: u64 = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let password = args.next();
    let files = large_backup(messages)?;
    let protection = password.as_deref().map(|p| Protection {
        password: p,
        sha256_rounds: 10_000_000,
        sha1_rounds: 10_000,
    });
    write_backup(&dir, &files, &["com.example.app"], protection.as_ref())?;
    Ok(())
}
