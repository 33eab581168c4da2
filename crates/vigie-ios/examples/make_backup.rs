//! Writes a synthetic iPhone backup: `make_backup DIR [MESSAGES] [PASSWORD]`. With MESSAGES,
//! sms.db holds that many messages (one in a hundred with a link) and the manifest as many
//! ordinary files, to measure a check on a large backup; with PASSWORD, the backup is
//! encrypted as iOS does it (10 000 000 and 10 000 PBKDF2 rounds).
use vigie_ios::synthetic::{database, write_backup, PhoneFile, Protection};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(
        args.next()
            .ok_or("usage: make_backup DIR [MESSAGES] [PASSWORD]")?,
    );
    let messages: u64 = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let password = args.next();
    let mut sql = String::from(
        // The columns of iOS's sms.db that MVT and Vigie read.
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
             text TEXT, handle_id INTEGER DEFAULT 0, service TEXT, date INTEGER, date_read INTEGER,
             date_delivered INTEGER, is_from_me INTEGER DEFAULT 0, account TEXT);
         CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL,
             country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT);
         INSERT INTO handle VALUES (1, '+33600000000', 'fr', 'SMS', NULL);
         BEGIN;",
    );
    for n in 1..=messages {
        let text = if n % 100 == 0 {
            format!("look https://site{n}.example.org/page?id={n}")
        } else {
            format!("message number {n}, see you later")
        };
        let date = 600_000_000_000_000_000u64 + n * 1_000_000_000;
        sql.push_str(&format!(
            "INSERT INTO message VALUES ({n}, 'guid-{n}', '{text}', 1, 'SMS', {date}, {date}, {date}, {}, 'p:+33600000001');",
            n % 2
        ));
    }
    sql.push_str("INSERT INTO message VALUES (0, 'guid-0', 'Please click here https://badbadbad.example.org/', 1, 'SMS', 588813210539788032, 0, 0, 0, 'p:+33600000001'); COMMIT;");
    let mut files = vec![PhoneFile {
        domain: "HomeDomain".into(),
        path: "Library/SMS/sms.db".into(),
        content: database(&sql)?,
    }];
    for n in 0..messages {
        files.push(PhoneFile {
            domain: "CameraRollDomain".into(),
            path: format!("Media/DCIM/100APPLE/IMG_{n:05}.HEIC"),
            content: format!("photo {n}").into_bytes(),
        });
    }
    let protection = password.as_deref().map(|p| Protection {
        password: p,
        sha256_rounds: 10_000_000,
        sha1_rounds: 10_000,
    });
    write_backup(&dir, &files, &["com.example.app"], protection.as_ref())?;
    Ok(())
}
