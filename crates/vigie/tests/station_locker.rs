//! The evidence locker in a real browser (headless Chromium): an intimate picture added as
//! sensitive is only ever sent to the browser as a preview a dozen pixels wide, blurred,
//! until someone asks to see it; the drafts of take-down requests and the chronology come
//! from what was typed; the PDF report lists the picture by fingerprint and never prints it;
//! the case file verifies. Screenshots are kept in `target/artefacts/`.
//!
//! Skipped with a message where Chromium or chromedriver is missing (`.ci/run` installs them).

mod common;

use common::images::{jpeg, scene};
use common::station::Station;
use common::webdriver::{missing, Browser};
use common::{arg, assert_ok, Vigie};

/// Waits for an image element to finish loading and returns its natural width.
fn natural_width(b: &Browser, id: &str) -> u64 {
    for _ in 0..100 {
        let v = b.script(&format!(
            "const i = document.getElementById('{id}'); return i && i.complete ? i.naturalWidth : null;"
        ));
        if let Some(w) = v.as_u64() {
            return w;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("image {id} never loaded");
}

#[test]
fn sensitive_images_stay_blurred_unless_asked_and_are_never_printed() {
    if missing("Debian packages chromium, chromium-driver; .ci/run installs them") {
        return;
    }
    let st = Station::start("locker", None);
    let b = Browser::start("locker");
    b.goto(&format!("{}/", st.base));
    b.create_admin_and_login();
    b.goto(&format!("{}/cases", st.base));
    b.type_into("#reference", "PV-2026/00123");
    b.click("#new-case");
    b.wait_text("PV-2026/00123", 5);
    b.click("#open-locker");
    b.wait_url("/locker", |u| u.ends_with("/locker"));

    // A picture (a generated stand-in) added as sensitive — the box is ticked by default.
    let dir = st.data.join("locker-in");
    std::fs::create_dir_all(&dir).expect("dir");
    let picture = dir.join("image-envoyee.jpg");
    std::fs::write(&picture, jpeg(&scene(7, 400, 300), 90)).expect("write");
    b.attach("#locker-files", &[&picture]);
    b.type_into("#locker-seen_at", "2026-11-20 vers 22 h");
    b.type_into("#locker-place", "Snapchat");
    b.type_into("#locker-posted_by", "compte « ex_42 »");
    b.type_into("#locker-link", "https://example.org/post/9");
    b.click("#locker-add");
    let text = b.wait_text("Ajouté au coffre", 20);
    assert!(
        text.contains("image sensible") && text.contains("Snapchat"),
        "{text}"
    );
    assert!(text.contains("PDQ") && text.contains("SHA-256"), "{text}");

    // The page never names the full image; the preview holds a dozen pixels.
    let html = b.html();
    assert!(!html.contains("/image\""), "full image referenced: {html}");
    assert!(html.contains("/locker/1/preview"), "{html}");
    let preview = natural_width(&b, "locker-preview-1");
    assert!(preview > 0 && preview <= 12, "preview {preview} px wide");
    let blur =
        b.script("return getComputedStyle(document.getElementById('locker-preview-1')).filter;");
    assert!(blur.as_str().unwrap_or_default().contains("blur"), "{blur}");
    b.script("document.getElementById('item-1').scrollIntoView();");
    b.screenshot("locker-01-blurred");

    // Shown only when asked, and then in full.
    b.click("#locker-show-1");
    b.wait_url("?show=1", |u| u.contains("show=1"));
    assert_eq!(natural_width(&b, "locker-image-1"), 400);
    b.script("document.getElementById('item-1').scrollIntoView();");
    b.screenshot("locker-02-shown");
    b.click("#locker-hide-1");
    b.wait_url("hidden again", |u| !u.contains("show="));
    let html = b.html();
    assert!(!html.contains("/image\""), "still shown after hiding");

    // Drafts and chronology, from what was typed.
    b.click("#locker-drafts");
    let text = b.wait_text("226-2-1", 5);
    assert!(text.contains("Demande à Snapchat"), "{text}");
    let draft = b.script_text("return document.getElementById('draft-0').value;");
    assert!(
        draft.contains("https://example.org/post/9") && draft.contains("PV-2026/00123"),
        "{draft}"
    );
    b.screenshot("locker-03-drafts");

    // The PDF report lists the picture by its fingerprints and holds no image.
    let pdf = st.data.join("locker-report.pdf");
    let v = Vigie::at(&st.data);
    assert_ok(
        &v.lang("fr")
            .run(&["report", "PV-2026/00123", "--out", arg(&pdf)]),
    );
    let listed = v.run(&[
        "ncii",
        "list",
        "--case",
        "PV-2026/00123",
        "--format",
        "json",
    ]);
    let items = common::json(&listed);
    let sha = items[0]["facts"]["sha256"]
        .as_str()
        .expect("sha")
        .to_owned();
    let pdq = items[0]["facts"]["pdq"]["pdq"]
        .as_str()
        .expect("pdq")
        .to_owned();
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().expect("path"), "-"])
        .output();
    match text {
        Ok(t) if t.status.success() => {
            let t = String::from_utf8_lossy(&t.stdout).replace(char::is_whitespace, "");
            assert!(t.contains(&sha) && t.contains(&pdq), "fingerprints missing");
            assert!(t.contains("Coffredepreuves") && t.contains("Snapchat"));
        }
        _ => eprintln!("pdftotext missing: the report's text was not read (poppler-utils)"),
    }
    if let Ok(list) = std::process::Command::new("pdfimages")
        .args(["-list", pdf.to_str().expect("path")])
        .output()
    {
        let listing = String::from_utf8_lossy(&list.stdout);
        // A header of two lines, and no image.
        assert_eq!(
            listing.lines().count(),
            2,
            "the report holds images:\n{listing}"
        );
    }
    // A video added in the app: its frames are hashed from the case file, in memory.
    let clip = dir.join("clip.mp4");
    if common::images::video_of(&picture, &clip) {
        b.goto(&format!("{}/cases/PV-2026%2F00123/locker", st.base));
        b.attach("#locker-files", &[&clip]);
        b.click("#locker-add");
        let text = b.wait_text("une par seconde", 30);
        assert!(text.contains("clip.mp4"), "{text}");
    } else {
        eprintln!("SKIPPED (video part): ffmpeg with libx264 is needed (.ci/run installs it)");
    }
    assert_ok(&v.lang("en").run(&["case", "verify"]));
}
