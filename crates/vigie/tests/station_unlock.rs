//! A station started with no passphrase (a service at boot): every page leads to the
//! unlock page, which at first start has the passphrase chosen and typed twice, and after
//! a restart asks for it again; a wrong one is refused and nothing is opened.

mod common;

use common::station::{Client, Station};

#[test]
fn a_station_started_without_passphrase_asks_for_it_in_the_app() {
    let data = common::fresh_dir("station-unlock");
    let st = Station::start_locked(data.clone());
    let mut c = Client::default();
    for path in ["/", "/cases", "/setup", "/login"] {
        let r = c.get(&st.addr, path);
        assert_eq!(
            (r.status, r.header("location")),
            (303, Some("/unlock")),
            "{path}"
        );
    }
    c.get(&st.addr, "/lang?to=en&back=/unlock");
    let form = c.get(&st.addr, "/unlock").body;
    assert!(
        form.contains("First start") && form.contains("passphrase-again"),
        "{form}"
    );
    assert!(form.contains("autocomplete=\"new-password\""));
    let pass = "three unrelated words";
    let r = c.post_guest(
        &st.addr,
        "/unlock",
        &[("passphrase", "short"), ("passphrase-again", "short")],
    );
    assert_eq!(r.status, 400);
    let r = c.post_guest(
        &st.addr,
        "/unlock",
        &[
            ("passphrase", pass),
            ("passphrase-again", "three unrelated word"),
        ],
    );
    assert!(r.status == 400 && r.body.contains("differ"), "{}", r.body);
    assert!(
        !data.join("cases.db").exists(),
        "nothing made before it is chosen"
    );
    let r = c.post_guest(
        &st.addr,
        "/unlock",
        &[("passphrase", pass), ("passphrase-again", pass)],
    );
    assert_eq!((r.status, r.header("location")), (303, Some("/")));
    assert_eq!(
        c.get(&st.addr, "/").header("location"),
        Some("/setup"),
        "first start goes on"
    );
    drop(st);

    // After a restart it is asked again; a wrong one opens nothing.
    let st = Station::start_locked(data.clone());
    let mut c = Client::default();
    c.get(&st.addr, "/lang?to=en&back=/unlock");
    let form = c.get(&st.addr, "/unlock").body;
    assert!(form.contains("asked again after each restart") && !form.contains("passphrase-again"));
    let r = c.post_guest(&st.addr, "/unlock", &[("passphrase", "not the passphrase")]);
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(
        c.get(&st.addr, "/cases").header("location"),
        Some("/unlock")
    );
    let r = c.post_guest(&st.addr, "/unlock", &[("passphrase", pass)]);
    assert_eq!((r.status, r.header("location")), (303, Some("/")));
    // The command line opens the same case file with it.
    let list = common::Vigie::at(&data)
        .passphrase(Some(pass))
        .run(&["case", "list"]);
    common::assert_ok(&list);
}
