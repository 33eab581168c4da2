//! Evidence hygiene in the station app, over HTTP as a browser sends it: a file withdrawn
//! with its reason (kept, shown as withdrawn, left out of the export), the export asking
//! what to do with intimate images (left out, or sealed with a passphrase typed twice), and
//! closing a case after a confirmation page, then reopening it (administrators).

mod common;

use common::images::{jpeg, scene};
use common::station::{admin_with_case, Station};
use common::{arg, assert_ok, Vigie};
use vigie_case::WithheldWhy;

/// The export form's fields asking to seal intimate images with `pass`, typed then `again`.
fn sealing(token: &str, pass: &str, again: &str) -> Vec<(String, String)> {
    [
        ("csrf", token),
        ("intimate", "seal"),
        ("seal-passphrase", pass),
        ("seal-passphrase-again", again),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Fields as the client posts them.
fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[test]
fn withdraw_export_choices_close_and_reopen_from_the_app() {
    let Some(shared) = common::shared() else {
        return;
    };
    // An intimate photo already in the case's locker (added from the command line).
    let data = common::fresh_dir("station-hygiene");
    let photo = data.join("photo.jpg");
    std::fs::write(&photo, jpeg(&scene(5, 320, 240), 90)).expect("photo");
    let add = ["ncii", "add", "--case", "PV-W", "--sensitive", arg(&photo)];
    assert_ok(&Vigie::at(&data).run(&add));
    let st = Station::start_in(data, Some(&shared.join("echap/ioc.yaml")));
    let (mut c, token) = admin_with_case(&st, "PV-W");
    c.get(&st.addr, "/lang?to=en&back=/cases");
    let wrong = std::fs::read(shared.join("pcaps/dns/dns-binds.pcap")).expect("capture");
    let path = format!("/cases/PV-W/import?csrf={token}");
    assert_eq!(
        c.post_files(&st.addr, &path, &[("wrong.pcap", wrong)])
            .status,
        303
    );

    // Withdrawing needs a reason; then the file is shown as withdrawn, by whom and why.
    let page = c.get(&st.addr, "/cases/PV-W").body;
    let id = page
        .split("action=\"/evidence/")
        .filter_map(|p| p.split_once("/withdraw\""))
        .map(|(id, _)| id.to_owned())
        .last()
        .expect("a withdraw form");
    let withdraw = format!("/evidence/{id}/withdraw");
    let r = c.post_form(&st.addr, &withdraw, &[("csrf", &token), ("reason", "  ")]);
    assert_eq!(r.status, 400, "{}", r.body);
    let reason = "capture of another person's phone";
    let r = c.post_form(&st.addr, &withdraw, &[("csrf", &token), ("reason", reason)]);
    assert_eq!(r.status, 303, "{}", r.body);
    let page = c.get(&st.addr, "/cases/PV-W").body;
    assert!(
        page.contains("withdrawn on") && page.contains("by admin"),
        "{page}"
    );
    assert!(page.contains("capture of another person&#39;s phone") || page.contains(reason));

    // The export asks about the intimate image; a short or mistyped passphrase is refused.
    let form = c.get(&st.addr, "/cases/PV-W/export").body;
    assert!(form.contains("holds one intimate image"), "{form}");
    assert!(form.contains("value=\"seal\"") && form.contains("autocomplete=\"new-password\""));
    let export = "/cases/PV-W/export";
    let short = sealing(&token, "short", "short");
    let mistyped = sealing(&token, "long enough phrase", "long enough phrasf");
    for bad in [short, mistyped] {
        let r = c.post_form(&st.addr, export, &refs(&bad));
        assert_eq!(r.status, 400, "{}", r.body);
    }
    let good = sealing(&token, "long enough phrase", "long enough phrase");
    let r = c.post_form(&st.addr, export, &refs(&good));
    assert_eq!(r.header("content-type"), Some("application/x-tar"));
    let check = vigie_case::check_export(r.raw.as_slice());
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let manifest = check.manifest.expect("manifest");
    assert!(manifest
        .entries
        .iter()
        .any(|e| e.path.ends_with("photo.jpg.age")));
    assert!(!manifest
        .entries
        .iter()
        .any(|e| e.path.ends_with("wrong.pcap")));
    let r = c.post_form(&st.addr, export, &[("csrf", &token)]);
    let manifest = vigie_case::check_export(r.raw.as_slice())
        .manifest
        .expect("manifest");
    let whys: Vec<WithheldWhy> = manifest.withheld.iter().map(|w| w.why).collect();
    assert_eq!(whys, vec![WithheldWhy::Intimate, WithheldWhy::Withdrawn]);

    // Closing asks first; an administrator reopens.
    let ask = c.get(&st.addr, "/cases/PV-W/close").body;
    assert!(ask.contains("Only an administrator can reopen it"), "{ask}");
    assert!(ask.contains("id=\"close-confirm\""));
    assert_eq!(
        c.post_form(&st.addr, "/cases/PV-W/close", &[("csrf", &token)])
            .status,
        303
    );
    let page = c.get(&st.addr, "/cases/PV-W").body;
    assert!(page.contains("id=\"reopen-case\"") && !page.contains("id=\"import\""));
    assert_eq!(
        c.post_form(&st.addr, "/cases/PV-W/reopen", &[("csrf", &token)])
            .status,
        303
    );
    let page = c.get(&st.addr, "/cases/PV-W").body;
    assert!(page.contains("id=\"import\""), "open again");
}

/// Seeing a sensitive image in full is logged, with the operator, however it is asked for
/// (issue 20, item 8): from the locker page, or by the image's address typed directly.
#[test]
fn every_full_view_of_an_intimate_image_is_in_the_log() {
    let data = common::fresh_dir("station-views");
    let photo = data.join("photo.jpg");
    std::fs::write(&photo, jpeg(&scene(6, 320, 240), 90)).expect("photo");
    let add = ["ncii", "add", "--case", "PV-V", "--sensitive", arg(&photo)];
    assert_ok(&Vigie::at(&data).run(&add));
    let st = Station::start_in(data, None);
    let (mut c, _) = admin_with_case(&st, "PV-V");
    let views = || {
        common::open_cases(&st.data)
            .audit_log()
            .expect("log")
            .into_iter()
            .filter(|e| e.action == "locker-item-shown")
            .map(|e| (e.actor, e.object))
            .collect::<Vec<_>>()
    };
    // The blurred preview is not a view.
    assert_eq!(c.get(&st.addr, "/locker/1/preview").status, 200);
    assert!(views().is_empty());
    // The page asking to show it says nothing yet; the image itself is the view.
    let page = c.get(&st.addr, "/cases/PV-V/locker?show=1").body;
    assert!(page.contains("/locker/1/image"), "{page}");
    assert!(views().is_empty());
    let image = c.get(&st.addr, "/locker/1/image");
    assert_eq!(image.status, 200);
    assert!(image.raw.starts_with(&[0xff, 0xd8]), "the JPEG itself");
    // Typed directly, without the page.
    assert_eq!(c.get(&st.addr, "/locker/1/image").status, 200);
    let one = (Some("admin".to_owned()), Some("locker:1".to_owned()));
    assert_eq!(views(), [one.clone(), one]);
}
