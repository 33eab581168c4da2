//! Reports from the station app, over HTTP as a browser sends it: the interview checklist
//! (answers saved, shown again, kept in the audit log), the report in the page's language
//! (the answers in it, and steering its next steps), and the signed evidence archive, which
//! `vigie_case::check_export` accepts; each kept in the case.

mod common;

use common::station::{admin_with_case, enc, Station};

#[test]
fn interview_report_and_export_from_the_app() {
    let Some(shared) = common::shared() else {
        return;
    };
    let st = Station::start("reports", Some(&shared.join("echap/ioc.yaml")));
    let (mut c, token) = admin_with_case(&st, "PV-APP-7");
    // A real capture with nothing suspicious in it.
    let real = std::fs::read(shared.join("pcaps/dns/dns-binds.pcap")).expect("capture");
    let r = c.post_files(
        &st.addr,
        &format!("/cases/PV-APP-7/import?csrf={token}"),
        &[("real.pcap", real)],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let page = c.get(&st.addr, "/cases/PV-APP-7").body;
    assert!(page.contains("id=\"interview\"") && page.contains("id=\"export\""));

    // The interview: the phone was in the other person's hands; images were threatened.
    let form = c.get(&st.addr, "/cases/PV-APP-7/interview").body;
    assert!(form.contains("name=\"images-shared\""), "{form}");
    let r = c.post_form(
        &st.addr,
        "/cases/PV-APP-7/interview",
        &[
            ("csrf", &token),
            ("consent", "yes"),
            ("phone-access", "yes"),
            ("phone-access-note", "he knows the unlock code"),
            ("images-shared", "yes"),
            ("cloud-backup", "unknown"),
        ],
    );
    assert_eq!(r.status, 303, "{}", r.body);
    let form = c.get(&st.addr, "/cases/PV-APP-7/interview").body;
    assert!(
        form.contains("he knows the unlock code"),
        "answers shown again"
    );
    let r = c.post_form(
        &st.addr,
        "/cases/PV-APP-7/interview",
        &[("phone-access", "yes")],
    );
    assert_eq!(r.status, 403, "no CSRF token, nothing saved");

    // The report, in French (the page's language), as HTML.
    let r = c.post_form(
        &st.addr,
        "/cases/PV-APP-7/report",
        &[("csrf", &token), ("format", "html")],
    );
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-disposition")
        .is_some_and(|d| d.contains("attachment") && d.contains(".html")));
    let html = &r.body;
    assert!(html.contains("Ce que la personne a dit"), "{html}");
    assert!(html.contains("he knows the unlock code"));
    // Nothing was found, yet the answers bring the safety sections and the images advice.
    assert!(html.contains("Aucun constat."));
    assert!(html.contains("Ne supprimez et ne désinstallez rien"));
    assert!(html.contains("StopNCII"));
    // Her consent, and who wrote the report (the signed-in operator).
    assert!(
        html.contains("La personne a accepté les vérifications"),
        "{html}"
    );
    assert!(html.contains("Établi par") && html.contains("Signature :"));
    // The plain summary for her: no technical annex.
    let r = c.post_form(
        &st.addr,
        "/cases/PV-APP-7/report",
        &[("csrf", &token), ("format", "html"), ("audience", "person")],
    );
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Notes de votre rendez-vous"), "{}", r.body);
    assert!(!r.body.contains("Chaîne de possession"));
    // And as PDF.
    let r = c.post_form(
        &st.addr,
        "/cases/PV-APP-7/report",
        &[("csrf", &token), ("format", "pdf")],
    );
    assert_eq!(r.header("content-type"), Some("application/pdf"));

    // The evidence archive.
    let r = c.request(
        &st.addr,
        "POST",
        "/cases/PV-APP-7/export",
        Some("application/x-www-form-urlencoded"),
        format!("csrf={}", enc(&token)).as_bytes(),
        &[],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/x-tar"));
    let check = vigie_case::check_export(r.raw.as_slice());
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert!(check.checked >= 4, "evidence, custody and both reports");
    let data = st.data.clone();
    drop(st);
    let store = common::open_cases(&data);
    let case = store.find("PV-APP-7").expect("case");
    let log = store.audit_for_case(case).expect("log");
    for action in ["interview-saved", "report-made", "case-exported"] {
        assert!(
            log.iter()
                .any(|e| e.action == action && e.actor.as_deref() == Some("admin")),
            "{action} by admin"
        );
    }
    assert_eq!(
        common::reports_kept(&store, case),
        3,
        "HTML, the summary, PDF"
    );
    assert!(store.verify().expect("verify").problems.is_empty());
}
