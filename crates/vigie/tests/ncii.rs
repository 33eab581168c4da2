//! `vigie ncii`: the evidence locker of a case (files and links, typed facts apart from the
//! file's own), copies found among thousands of unrelated pictures, the hash list for a
//! take-down service, and the locker in the case's export.

mod common;

use common::images::{cropped, jpeg, png, resized, scene};
use common::{arg, assert_code, assert_ok, assert_refused, json, Vigie};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn vigie(data: &Path, args: &[&str]) -> Output {
    Vigie::at(data).lang("en").run(args)
}

/// `vigie ncii hash PICTURE VIDEO --format json`, which must succeed: the hashes of both.
fn hashes(dir: &Path, picture: &Path, video: &Path) -> Value {
    let args = ["ncii", "hash", arg(picture), arg(video), "--format", "json"];
    serde_json::from_str(&assert_ok(&vigie(dir, &args))).expect("json")
}

/// `vigie ncii find --case CASE DIR --format json`, which finds copies (exit 1): what it found.
fn find_copies(data: &Path, case: &str, dir: &Path) -> Value {
    let out = vigie(
        data,
        &["ncii", "find", "--case", case, arg(dir), "--format", "json"],
    );
    assert_code(&out, 1);
    json(&out)
}

#[test]
fn hash_prints_pdq_for_pictures_and_md5_for_videos() {
    let dir = common::fresh_dir("ncii-hash");
    let picture = dir.join("p.jpg");
    std::fs::write(&picture, jpeg(&scene(1, 320, 240), 90)).expect("write");
    let video = dir.join("v.mp4");
    let mut mp4 = vec![0, 0, 0, 0x18];
    mp4.extend_from_slice(b"ftypmp42");
    mp4.extend_from_slice(&[7; 500]);
    std::fs::write(&video, &mp4).expect("write");
    let doc = hashes(&dir, &picture, &video);
    assert_eq!(doc[0]["pdq"].as_str().map(str::len), Some(64));
    assert!(doc[0]["quality"].as_u64().is_some_and(|q| q >= 50), "{doc}");
    assert!(doc[1].get("pdq").is_none());
    assert_eq!(doc[1]["kind"], "video");
    let md5 = doc[1]["md5"].as_str().expect("md5").to_owned();
    let text = assert_ok(&vigie(&dir, &["ncii", "hash", arg(&video)]));
    assert_eq!(text.trim(), format!("md5:{md5} {}", video.display()));
}

/// Plants, under `root`, transformed copies of the sensitive pictures among `unrelated`
/// generated ones; returns the planted paths with the item each copies.
fn plant(root: &Path, originals: &[(i64, image::RgbImage)], unrelated: u64) -> Vec<(PathBuf, i64)> {
    for n in 0..unrelated {
        let dir = root.join(format!("DCIM/{:03}", n / 250));
        std::fs::create_dir_all(&dir).expect("dir");
        let img = scene(10_000 + n, 128, 96);
        if n % 2 == 0 {
            std::fs::write(dir.join(format!("IMG_{n:05}.jpg")), jpeg(&img, 85)).expect("write");
        } else {
            std::fs::write(dir.join(format!("IMG_{n:05}.png")), png(&img)).expect("write");
        }
    }
    std::fs::write(root.join("DCIM/notes.txt"), b"shopping list").expect("write");
    let mut planted = vec![];
    for (item, img) in originals {
        // The changes a re-upload makes: smaller, re-compressed, a border trimmed (PDQ,
        // like Meta's reference, loses most bits past a crop of 1-2 % per side).
        let copies: [(String, Vec<u8>); 4] = [
            (
                format!("Download/resized-{item}.png"),
                png(&resized(img, 55)),
            ),
            (format!("DCIM/001/reencoded-{item}.jpg"), jpeg(img, 60)),
            (
                format!("WhatsApp/Media/cropped-{item}.jpg"),
                jpeg(&cropped(img, 1), 80),
            ),
            (
                format!("Telegram/small-{item}.jpg"),
                jpeg(&resized(img, 75), 70),
            ),
        ];
        for (rel, bytes) in copies {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("dir");
            std::fs::write(&p, bytes).expect("write");
            planted.push((p, *item));
        }
    }
    planted
}

#[test]
fn the_locker_keeps_items_finds_copies_exports_hashes_and_verifies() {
    let data = common::fresh_dir("ncii-locker");
    let inbox = data.join("inbox");
    std::fs::create_dir_all(&inbox).expect("dir");
    // Three intimate pictures (stand-ins) the person brings, and a screenshot of the post.
    let originals: Vec<image::RgbImage> = (0..3).map(|k| scene(k, 400, 300)).collect();
    let mut files = vec![];
    for (k, img) in originals.iter().enumerate() {
        let p = inbox.join(format!("photo-{k}.png"));
        std::fs::write(&p, png(img)).expect("write");
        files.push(p);
    }
    let args: Vec<&str> = [
        "ncii",
        "add",
        "--case",
        "PV-NCII",
        "--sensitive",
        "--seen-at",
        "2026-11-20 22:10",
        "--where",
        "a Telegram channel",
        "--posted-by",
        "account @ex",
        "--note",
        "she was told by a colleague",
        "--format",
        "json",
    ]
    .into_iter()
    .chain(files.iter().map(|p| arg(p)))
    .collect();
    let out = assert_ok(&vigie(&data, &args));
    let added: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(added.as_array().map(Vec::len), Some(3));
    let first = &added[0];
    // What was typed, and what the file says, are kept apart.
    assert_eq!(first["description"]["seen_at"], "2026-11-20 22:10");
    assert_eq!(first["description"]["place"], "a Telegram channel");
    assert_eq!(first["description"]["kind"], "screenshot");
    assert_eq!(first["sensitive"], true);
    assert_eq!(first["file_name"], "photo-0.png");
    assert!(first["file_modified"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    assert_eq!(first["facts"]["kind"], "image");
    assert_eq!(
        first["facts"]["pdq"]["pdq"].as_str().map(str::len),
        Some(64)
    );
    let shot = inbox.join("post.jpg");
    std::fs::write(&shot, jpeg(&scene(99, 300, 500), 90)).expect("write");
    assert_ok(&vigie(
        &data,
        &[
            "ncii",
            "add",
            "--case",
            "PV-NCII",
            "--kind",
            "screenshot",
            "--where",
            "Telegram",
            arg(&shot),
        ],
    ));
    assert_ok(&vigie(
        &data,
        &[
            "ncii",
            "add-link",
            "--case",
            "PV-NCII",
            "https://t.me/example/123",
            "--seen-at",
            "2026-11-21",
        ],
    ));
    let listed = assert_ok(&vigie(
        &data,
        &["ncii", "list", "--case", "PV-NCII", "--format", "json"],
    ));
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("json");
    let items = listed.as_array().expect("items");
    assert_eq!(items.len(), 5);
    assert_eq!(items[4]["description"]["kind"], "link");
    assert_eq!(items[4]["description"]["link"], "https://t.me/example/123");
    assert!(items[4]["facts"].is_null());
    let text = assert_ok(&vigie(&data, &["ncii", "list", "--case", "PV-NCII"]));
    assert!(
        text.contains("[sensitive image]") && text.contains("PDQ "),
        "{text}"
    );

    // Copies among 3,000 unrelated pictures.
    let seized = data.join("seized");
    let ids: Vec<i64> = items[..3]
        .iter()
        .map(|i| i["id"].as_i64().expect("id"))
        .collect();
    let planted = plant(
        &seized,
        &ids.iter()
            .copied()
            .zip(originals.iter().cloned())
            .collect::<Vec<_>>(),
        3000,
    );
    // An exact copy too.
    std::fs::copy(&files[1], seized.join("Download/exact.png")).expect("copy");
    let found = find_copies(&data, "PV-NCII", &seized);
    assert_eq!(found["files"], 3000 + 12 + 1 + 1);
    let matches = found["matches"].as_array().expect("matches");
    let mut worst = 0;
    for (path, item) in &planted {
        let m = matches
            .iter()
            .find(|m| m["path"] == arg(path) && m["item"] == *item)
            .unwrap_or_else(|| panic!("{} (item {item}) not found: {found}", path.display()));
        worst = worst.max(m["distance"].as_u64().expect("distance"));
    }
    let exact = matches
        .iter()
        .find(|m| m["path"] == arg(&seized.join("Download/exact.png")))
        .expect("exact copy found");
    assert_eq!(
        (exact["exact"].as_bool(), exact["item"].as_i64()),
        (Some(true), Some(ids[1]))
    );
    // Nothing unrelated under the threshold.
    let planted_paths: Vec<String> = planted.iter().map(|(p, _)| arg(p).to_owned()).collect();
    let stray: Vec<_> = matches
        .iter()
        .filter(|m| !planted_paths.contains(&m["path"].as_str().unwrap_or("").to_owned()))
        .filter(|m| m["exact"] != true)
        .collect();
    assert!(stray.is_empty(), "unrelated pictures matched: {stray:?}");
    eprintln!(
        "find: {} files in {:.1} s, farthest planted copy at distance {worst}",
        found["files"],
        found["seconds"].as_f64().unwrap_or_default()
    );
    let text = String::from_utf8_lossy(
        &vigie(
            &data,
            &[
                "ncii",
                "find",
                "--case",
                "PV-NCII",
                arg(&seized),
                "--max-distance",
                "10",
            ],
        )
        .stdout,
    )
    .into_owned();
    assert!(text.contains("Finding nothing is not proof"), "{text}");

    // The hash list: sensitive items only, no names.
    let list = data.join("hashes.json");
    assert_ok(&vigie(
        &data,
        &["ncii", "hashes", "--case", "PV-NCII", "--out", arg(&list)],
    ));
    let doc = std::fs::read_to_string(&list).expect("read");
    let hashes: serde_json::Value = serde_json::from_str(&doc).expect("json");
    assert_eq!(hashes["hashes"].as_array().map(Vec::len), Some(3));
    for item in &items[..3] {
        assert!(doc.contains(item["facts"]["pdq"]["pdq"].as_str().expect("pdq")));
    }
    assert!(!doc.contains("photo-0") && !doc.contains("Telegram") && !doc.contains("post.jpg"));
    let csv = data.join("hashes.csv");
    assert_ok(&vigie(
        &data,
        &[
            "ncii",
            "hashes",
            "--case",
            "PV-NCII",
            "--out",
            arg(&csv),
            "--csv",
        ],
    ));
    assert_eq!(
        std::fs::read_to_string(&csv).expect("read").lines().count(),
        4
    );

    // The case file verifies; the export holds the locker's records. The intimate pictures
    // are left out by default, and sealed (never in clear) when asked.
    assert_ok(&vigie(&data, &["case", "verify"]));
    let archive = data.join("PV-NCII.tar");
    assert_ok(&vigie(
        &data,
        &["case", "export", "PV-NCII", "--out", arg(&archive)],
    ));
    assert_ok(&vigie(&data, &["verify", arg(&archive)]));
    let picture = std::fs::read(&files[2]).expect("read");
    let tar = std::fs::read(&archive).expect("read");
    let has = |tar: &[u8], needle: &[u8]| tar.windows(needle.len()).any(|w| w == needle);
    assert!(has(&tar, b"locker.json") && !has(&tar, b"evidence/0001-photo-0.png"));
    assert!(!has(&tar, &picture), "not in the export unless asked");
    let sealed = data.join("PV-NCII-sealed.tar");
    let out = Vigie::at(&data)
        .lang("en")
        .env("VIGIE_SEAL_PASSPHRASE", "a long sealing phrase")
        .run(&[
            "case",
            "export",
            "PV-NCII",
            "--out",
            arg(&sealed),
            "--intimate-images",
            "seal",
        ]);
    assert_ok(&out);
    assert_ok(&vigie(&data, &["verify", arg(&sealed)]));
    let tar = std::fs::read(&sealed).expect("read");
    assert!(has(&tar, b"evidence/0001-photo-0.png.age"));
    assert!(!has(&tar, &picture), "sealed, never in clear");
}

#[test]
fn find_says_when_there_is_nothing_to_look_for() {
    let data = common::fresh_dir("ncii-empty");
    assert_ok(&vigie(
        &data,
        &[
            "ncii",
            "add-link",
            "--case",
            "PV-EMPTY",
            "https://example.org/x",
        ],
    ));
    let out = vigie(&data, &["ncii", "find", "--case", "PV-EMPTY", arg(&data)]);
    assert_refused(&out, "no sensitive item");
    assert_code(&vigie(&data, &["ncii", "list", "--case", "PV-NONE"]), 2);
}

/// Hamming distance of two PDQ hashes written in hexadecimal.
fn pdq_distance(a: &str, b: &str) -> u32 {
    let bytes = |h: &str| {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).expect("hex"))
            .collect::<Vec<u8>>()
    };
    bytes(a)
        .iter()
        .zip(bytes(b))
        .map(|(x, y)| (x ^ y).count_ones())
        .sum()
}

#[test]
fn a_video_holding_a_sensitive_picture_is_found_by_its_frames() {
    let dir = common::fresh_dir("ncii-video");
    let picture = dir.join("picture.png");
    std::fs::write(&picture, png(&scene(42, 400, 300))).expect("write");
    let other = dir.join("other.png");
    std::fs::write(&other, png(&scene(43, 400, 300))).expect("write");
    let seized = dir.join("seized");
    std::fs::create_dir_all(&seized).expect("dir");
    let (video, unrelated) = (seized.join("clip.mp4"), seized.join("holiday.mp4"));
    if !common::images::video_of(&picture, &video) || !common::images::video_of(&other, &unrelated)
    {
        eprintln!("SKIPPED: ffmpeg with libx264 is needed to make test videos (.ci/run installs Debian's ffmpeg)");
        return;
    }
    let doc = hashes(&dir, &picture, &video);
    let image_pdq = doc[0]["pdq"].as_str().expect("pdq").to_owned();
    let frames = doc[1]["frames"].as_array().expect("frames");
    assert!(frames.len() >= 3, "{doc}");
    let closest = frames
        .iter()
        .map(|f| pdq_distance(&image_pdq, f["pdq"].as_str().expect("pdq")))
        .min()
        .expect("a frame");
    assert!(closest <= 31, "closest frame at distance {closest}");
    assert!(doc[1]["md5"].as_str().is_some_and(|m| m.len() == 32));

    assert_ok(&vigie(
        &dir,
        &[
            "ncii",
            "add",
            "--case",
            "PV-VIDEO",
            "--sensitive",
            arg(&picture),
        ],
    ));
    let found = find_copies(&dir, "PV-VIDEO", &seized);
    let paths: Vec<&str> = found["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .filter_map(|m| m["path"].as_str())
        .collect();
    assert_eq!(paths, vec![arg(&video)], "{found}");
    assert_eq!(found["videos"], 2);
    eprintln!("video: closest frame at distance {closest} of the picture");
}
