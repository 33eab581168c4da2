//! The case file's passphrase, and the one intimate images are sealed with, given in the
//! environment (`VIGIE_PASSPHRASE`, `VIGIE_SEAL_PASSPHRASE`) reach no program the station
//! starts (issue 20, item 10): they were inherited by dnsmasq, nft and ffmpeg. Checked with
//! a stand-in ffmpeg that writes down its environment.

mod common;

use common::{arg, Vigie};

#[cfg(unix)]
#[test]
fn programs_the_station_starts_do_not_inherit_its_passphrases() {
    use std::os::unix::fs::PermissionsExt;
    let data = common::fresh_dir("secrets");
    let seen = data.join("ffmpeg-environment.txt");
    let ffmpeg = data.join("ffmpeg");
    std::fs::write(
        &ffmpeg,
        format!("#!/bin/sh\nenv > '{}'\nexit 1\n", seen.display()),
    )
    .expect("stand-in");
    std::fs::set_permissions(&ffmpeg, std::fs::Permissions::from_mode(0o755)).expect("mode");
    // A file that starts as an MP4 video does: the locker asks ffmpeg for its frames.
    let video = data.join("clip.mp4");
    let mut mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom".to_vec();
    mp4.resize(4096, 0);
    std::fs::write(&video, mp4).expect("video");
    let out = Vigie::at(&data)
        .env("VIGIE_FFMPEG", &ffmpeg)
        .env("VIGIE_SEAL_PASSPHRASE", "seal words nobody should see")
        .run(&["ncii", "add", "--case", "PV-S", "--sensitive", arg(&video)]);
    let env = std::fs::read_to_string(&seen).unwrap_or_else(|_| {
        panic!(
            "ffmpeg was started: {}{}",
            common::stdout(&out),
            common::stderr(&out)
        )
    });
    assert!(
        env.contains("PATH="),
        "the stand-in wrote its environment: {env}"
    );
    for secret in [
        "VIGIE_PASSPHRASE",
        common::station::PASSPHRASE,
        "VIGIE_SEAL_PASSPHRASE",
        "seal words nobody should see",
    ] {
        assert!(!env.contains(secret), "{secret} reached ffmpeg");
    }
}
