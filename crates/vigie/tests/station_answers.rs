//! The person's word on what a check flagged, over HTTP as a browser sends it: the result
//! page asks, for each thing its findings name, whether she uses it or installed it herself,
//! does not know it, or someone else set it up; the latest answer is shown and goes into
//! the report beside the finding; the case file still verifies.

mod common;

use common::station::{admin_with_case, Station};
use common::{assert_ok, html_report, Vigie};

#[test]
fn the_persons_answer_is_recorded_shown_and_reported() {
    let Some(shared) = common::shared_echap() else {
        return;
    };
    let st = Station::start("answers", Some(&shared.join("echap/ioc.yaml")));
    let (mut c, token) = admin_with_case(&st, "PV-ANS");
    c.get(&st.addr, "/lang?to=en&back=/cases");
    let dir = st.data.join("answers-in");
    std::fs::create_dir_all(&dir).expect("dir");
    let phone = std::fs::read(common::dns_capture(&dir, "thetruthspy.com")).expect("capture");
    let path = format!("/cases/PV-ANS/import?csrf={token}");
    assert_eq!(
        c.post_files(&st.addr, &path, &[("phone.pcap", phone)])
            .status,
        303
    );
    let case = c.get(&st.addr, "/cases/PV-ANS").body;
    let result = case
        .split("href=\"/results/")
        .nth(1)
        .and_then(|p| p.split('"').next())
        .expect("a result linked from the case page")
        .to_owned();
    let page = c.get(&st.addr, &format!("/results/{result}")).body;
    assert!(page.contains("What the person says"), "{page}");
    let subject = page
        .split("name=\"subject\" value=\"")
        .nth(1)
        .and_then(|p| p.split('"').next())
        .expect("a thing to answer about")
        .to_owned();
    assert!(subject.contains("thetruthspy"), "{subject}");

    // Nothing chosen and nothing written is refused; so is a name the check did not flag.
    let action = format!("/results/{result}/answer");
    let empty = c.post_form(
        &st.addr,
        &action,
        &[("csrf", &token), ("subject", &subject)],
    );
    assert_eq!(empty.status, 400, "{}", empty.body);
    let foreign = [
        ("csrf", token.as_str()),
        ("subject", "example.org"),
        ("says", "someone-else"),
    ];
    assert_eq!(c.post_form(&st.addr, &action, &foreign).status, 400);

    // A first answer, then a second one: the latest counts and is shown.
    for (says, note) in [
        ("installed-it", ""),
        ("someone-else", "her ex set up the phone"),
    ] {
        let fields = [
            ("csrf", token.as_str()),
            ("subject", subject.as_str()),
            ("says", says),
            ("note", note),
        ];
        assert_eq!(c.post_form(&st.addr, &action, &fields).status, 303);
    }
    let page = c.get(&st.addr, &format!("/results/{result}")).body;
    assert!(
        page.contains("someone else set it up")
            && page.contains("her ex set up the phone")
            && page.contains("value=\"someone-else\" id=\"answer-0-someone-else\" checked"),
        "{page}"
    );

    // The report carries it beside the finding; the case file verifies.
    let v = Vigie::at(&st.data);
    let html = html_report(&v, "PV-ANS", &st.data.join("answers.html"));
    assert!(
        html.contains("The person&#39;s answer: someone else set it up")
            || html.contains("The person's answer: someone else set it up"),
        "{html}"
    );
    assert!(html.contains("her ex set up the phone"), "{html}");
    // The case page and `vigie case show` (text and JSON) carry it too.
    let case = c.get(&st.addr, "/cases/PV-ANS").body;
    assert!(case.contains("her ex set up the phone"), "{case}");
    let shown = v.run(&["case", "show", "PV-ANS", "--lang", "en"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains(&subject) && text.contains("someone else set it up"),
        "{text}"
    );
    let shown = v.run(&["case", "show", "PV-ANS", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(doc["answers"][0]["says"], "someone-else", "{doc}");
    assert_eq!(doc["answers"][0]["note"], "her ex set up the phone");
    assert_ok(&v.run(&["case", "verify", "PV-ANS"]));
}
