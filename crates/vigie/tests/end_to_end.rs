//! End-to-end tests of the `vigie` command on captures built on the fly by the project's own
//! writer: a phone that resolves and contacts real stalkerware servers from the Echap feed
//! over DNS, TLS (also after SMTP STARTTLS), QUIC and HTTP; and an ordinary phone that must
//! give no high or medium finding.

mod common;

use common::{arg, assert_code, assert_refused, json, shared, Vigie};
use serde_json::Value;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::Command;
use vigie_core::Timestamp;
use vigie_net::write::{self, PcapWriter, TcpConversation};
use vigie_net::{quic, LinkType};

fn ip(s: &str) -> IpAddr {
    s.parse().expect("test address")
}

/// Builds a capture packet by packet, one millisecond apart unless told otherwise.
struct Capture {
    w: PcapWriter<Vec<u8>>,
    t: i64,
    frames: u64,
}

impl Capture {
    fn new() -> Self {
        Capture {
            w: PcapWriter::new(Vec::new(), LinkType::ETHERNET).expect("header"),
            t: 1_760_000_000_000_000_000,
            frames: 0,
        }
    }
    fn put(&mut self, ip_packet: &[u8]) -> u64 {
        self.t += 1_000_000;
        self.w
            .write(Timestamp(self.t), &write::ethernet(ip_packet))
            .expect("write");
        self.frames += 1;
        self.frames
    }
    fn put_all(&mut self, packets: Vec<Vec<u8>>) -> u64 {
        let first = self.frames + 1;
        for p in packets {
            self.put(&p);
        }
        first
    }
    fn wait(&mut self, seconds: i64) {
        self.t += seconds * 1_000_000_000;
    }
    fn save(self, name: &str) -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vigie-e2e");
        std::fs::create_dir_all(&dir).expect("tmp dir");
        let p = dir.join(name);
        std::fs::write(&p, self.w.into_inner()).expect("capture written");
        p
    }
}

const PHONE: &str = "192.168.50.23";
const RESOLVER: &str = "192.168.50.1";

fn dns(c: &mut Capture, id: u16, name: &str, answer: &str) -> u64 {
    let q = c.put(&write::udp_packet(
        ip(PHONE),
        ip(RESOLVER),
        40000 + id,
        53,
        &write::dns_query(id, name, 1),
    ));
    c.put(&write::udp_packet(
        ip(RESOLVER),
        ip(PHONE),
        53,
        40000 + id,
        &write::dns_response(id, name, &[], &[ip(answer)]),
    ));
    q
}

fn tls_session(c: &mut Capture, port: u16, server: (&str, u16), sni: &str, cert: Option<&[u8]>) {
    let mut conv = TcpConversation::new((ip(PHONE), port), (ip(server.0), server.1));
    c.put_all(conv.open());
    let hello = write::tls_records(&write::client_hello(sni, &["h2", "http/1.1"]));
    // Three segments, the second sent before the first: reassembly puts them back in order.
    let mut segs = conv.client_sends(&hello, hello.len() / 3 + 1);
    segs.swap(0, 1);
    c.put_all(segs);
    if let Some(der) = cert {
        c.put_all(conv.server_sends(
            &write::tls_records(&write::server_hello_and_certificates(&[der])),
            1400,
        ));
    }
    c.put_all(
        conv.client_sends(
            &[23, 3, 3, 0, 64]
                .iter()
                .copied()
                .chain([0x55; 64])
                .collect::<Vec<u8>>(),
            1400,
        ),
    );
    c.put_all(conv.close());
}

fn quic_session(c: &mut Capture, port: u16, server: &str, sni: &str) -> u64 {
    let hello = write::client_hello(sni, &["h3"]);
    let half = hello.len() / 2;
    let dcid = [0x51, 0x7a, 0x10, 0x33, 0x02, 0xfe, 0x09, 0x44];
    // The ClientHello spans two Initial packets whose CRYPTO frames arrive out of order.
    let p2 = quic::seal_client_initial(
        quic::VERSION_1,
        &dcid,
        &[7, 7],
        1,
        &quic::crypto_frame(half as u64, &hello[half..]),
    )
    .expect("sealed");
    let p1 = quic::seal_client_initial(
        quic::VERSION_1,
        &dcid,
        &[7, 7],
        0,
        &quic::crypto_frame(0, &hello[..half]),
    )
    .expect("sealed");
    let first = c.put(&write::udp_packet(ip(PHONE), ip(server), port, 443, &p2));
    c.put(&write::udp_packet(ip(PHONE), ip(server), port, 443, &p1));
    first
}

fn stalkerware_capture() -> (PathBuf, u64) {
    let cert: &[u8] = include_bytes!("../../vigie-net/tests/fixtures/selfsigned-a.hw.cab.der");
    let mut c = Capture::new();
    // TheTruthSpy: resolved, then contacted over TLS at one of its known C2 addresses.
    let dns_frame = dns(&mut c, 1, "protocol-a748.thetruthspy.com", "69.64.74.239");
    tls_session(
        &mut c,
        51000,
        ("69.64.74.239", 443),
        "protocol-a748.thetruthspy.com",
        None,
    );
    // FlexiSpy over QUIC.
    dns(&mut c, 2, "api.flexispy.com", "119.8.35.235");
    quic_session(&mut c, 52000, "119.8.35.235", "api.flexispy.com");
    // Hoverwatch: e-mail sent over SMTP with STARTTLS, to a server with a self-signed certificate.
    dns(&mut c, 3, "a.hw.cab", "149.56.26.44");
    let mut smtp = TcpConversation::new((ip(PHONE), 53000), (ip("149.56.26.44"), 587));
    c.put_all(smtp.open());
    c.put_all(smtp.server_sends(b"220 mail ESMTP ready\r\n", 1400));
    c.put_all(smtp.client_sends(b"EHLO phone\r\n", 1400));
    c.put_all(smtp.server_sends(b"250-mail\r\n250 STARTTLS\r\n", 1400));
    c.put_all(smtp.client_sends(b"STARTTLS\r\n", 1400));
    c.put_all(smtp.server_sends(b"220 2.0.0 Ready to start TLS\r\n", 1400));
    c.put_all(smtp.client_sends(
        &write::tls_records(&write::client_hello("a.hw.cab", &[])),
        1400,
    ));
    c.put_all(smtp.server_sends(
        &write::tls_records(&write::server_hello_and_certificates(&[cert])),
        1400,
    ));
    c.put_all(smtp.close());
    // mSpy over plain HTTP.
    dns(&mut c, 4, "a.thd.cc", "104.21.1.1");
    let mut http = TcpConversation::new((ip(PHONE), 54000), (ip("104.21.1.1"), 80));
    c.put_all(http.open());
    c.put_all(http.client_sends(b"POST /upload HTTP/1.1\r\nHost: a.thd.cc\r\nUser-Agent: okhttp/3.12\r\nContent-Length: 4\r\n\r\ndata", 1400));
    c.put_all(http.server_sends(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 1400));
    c.put_all(http.close());
    (c.save("stalkerware-phone.pcap"), dns_frame)
}

fn ordinary_capture() -> PathBuf {
    let mut c = Capture::new();
    let services = [
        ("www.google.com", "142.250.74.228"),
        ("gateway.icloud.com", "17.248.190.1"),
        ("mmg.whatsapp.net", "157.240.221.60"),
        ("graph.facebook.com", "157.240.221.17"),
        ("i.scdn.co", "151.101.2.248"),
        ("api.signal.org", "13.248.212.111"),
    ];
    for (i, (name, addr)) in services.iter().enumerate() {
        dns(&mut c, i as u16 + 10, name, addr);
        tls_session(&mut c, 50000 + i as u16, (addr, 443), name, None);
        c.wait(3);
    }
    dns(&mut c, 30, "www.youtube.com", "142.250.179.110");
    quic_session(&mut c, 55000, "142.250.179.110", "www.youtube.com");
    // Push notifications keep a regular heartbeat: allow-listed, so no alarm.
    for i in 0..8 {
        dns(&mut c, 40 + i, "mtalk.google.com", "142.250.102.188");
        tls_session(
            &mut c,
            56000 + i,
            ("142.250.102.188", 5228),
            "mtalk.google.com",
            None,
        );
        c.wait(60);
    }
    c.save("ordinary-phone.pcap")
}

/// `vigie` on a data folder shared by this file's tests.
fn vigie() -> Vigie {
    Vigie::new().data_env(Path::new(env!("CARGO_TARGET_TMPDIR")))
}

fn finding<'a>(doc: &'a Value, rule: &str, subject: &str) -> &'a Value {
    doc["findings"]
        .as_array()
        .and_then(|fs| {
            fs.iter()
                .find(|f| f["rule"] == rule && f["subject"] == subject)
        })
        .unwrap_or_else(|| panic!("no {rule} finding for {subject}: {:#}", doc["findings"]))
}

#[test]
fn stalkerware_phone_is_detected_over_dns_tls_quic_smtp_and_http() {
    let Some(data) = shared() else { return };
    let echap = data.join("echap");
    let (pcap, dns_frame) = stalkerware_capture();
    let out = vigie()
        .lang("en")
        .scan("pcap", &pcap, &[&echap], &["--format", "json"]);
    assert_code(&out, 1);
    let doc = json(&out);
    assert_eq!(doc["verdict"], "known_spyware");
    for (subject, app) in [
        ("protocol-a748.thetruthspy.com", "TheTruthSpy"),
        ("api.flexispy.com", "FlexiSpy"),
        ("a.hw.cab", "Hoverwatch"),
        ("a.thd.cc", "mSpy"),
    ] {
        let f = finding(&doc, "NET-IOC-DOMAIN", subject);
        assert_eq!(f["severity"], "high", "{f:#}");
        assert_eq!(f["indicator"]["app"], app);
        assert_eq!(f["indicator"]["kind"], "domain");
        assert_eq!(f["indicator"]["category"], "stalkerware");
        assert!(
            f["indicator"]["source"]
                .as_str()
                .is_some_and(|s| s.contains("Echap")),
            "{f:#}"
        );
        assert!(f["title"].as_str().is_some_and(|t| t.contains(app)));
        // Evidence: the DNS packet and the connection that followed, with bytes.
        let ev = f["evidence"].as_array().expect("evidence");
        assert!(
            ev.iter().any(
                |e| e["detail"].as_str().is_some_and(|d| d.starts_with("flow"))
                    && e["bytes_up"].as_u64() > Some(0)
            ),
            "{f:#}"
        );
    }
    let ttspy = finding(&doc, "NET-IOC-DOMAIN", "protocol-a748.thetruthspy.com");
    let first = &ttspy["evidence"][0];
    assert_eq!(first["first_frame"].as_u64(), Some(dns_frame));
    assert!(first["first_ts"]
        .as_str()
        .is_some_and(|t| t.starts_with("2025-10-09T")));
    let ip = finding(&doc, "NET-IOC-IP", "69.64.74.239");
    assert_eq!(ip["indicator"]["app"], "TheTruthSpy");
    finding(&doc, "NET-TLS-SELF-SIGNED", "a.hw.cab");
    finding(&doc, "NET-HTTP-PLAIN", "a.thd.cc");
    // Text in French by default for people, with the advice to keep evidence.
    let t = assert_code(&vigie().lang("fr").scan("pcap", &pcap, &[&echap], &[]), 1);
    common::assert_says(
        &t,
        &[
            "Des traces de logiciels espions connus ont été trouvées",
            "Ne supprimez rien",
            "Echap — stalkerware-indicators (CC-BY 4.0)",
        ],
    );
}

#[test]
fn observe_lists_what_was_seen_one_json_object_per_line() {
    let (pcap, dns_frame) = stalkerware_capture();
    let out = assert_code(&vigie().run(&["observe", arg(&pcap)]), 0);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let find = |kind: &str, name: &str| {
        lines
            .iter()
            .find(|o| o["kind"] == kind && o["name"] == name)
            .unwrap_or_else(|| panic!("no {kind} {name}"))
    };
    let q = find("dns_query", "protocol-a748.thetruthspy.com");
    assert_eq!(q["frame"].as_u64(), Some(dns_frame));
    assert_eq!(q["src"], "192.168.50.23:40001");
    assert_eq!(q["dst"], "192.168.50.1:53");
    assert!(q["ts"].is_string());
    let sni = find("tls_sni", "protocol-a748.thetruthspy.com");
    assert!(sni["ja4"].as_str().is_some_and(|j| j.starts_with("t13d")));
    assert!(sni["ja3"].as_str().is_some_and(|j| j.len() == 32));
    let quic = find("quic_sni", "api.flexispy.com");
    assert!(quic["ja4"].as_str().is_some_and(|j| j.starts_with("q13d")));
    let smtp = find("tls_sni", "a.hw.cab");
    assert_eq!(smtp["starttls"], "smtp");
    let cert = find("tls_cert", "a.hw.cab");
    assert_eq!(cert["self_signed"], true);
    assert_eq!(cert["sha1"], "2a485e0901007a42bbf9da5f1ddaa4ea48a360b1");
    let http = find("http_host", "a.thd.cc");
    assert_eq!(http["method"], "POST");
    assert_eq!(http["url"], "http://a.thd.cc/upload");
    assert!(lines
        .iter()
        .any(|o| o["kind"] == "flow" && o["sni"] == "api.flexispy.com" && o["quic"] == true));
}

#[test]
fn tshark_reads_the_synthetic_capture_as_vigie_does() {
    // The project's writer is checked by an independent decoder: tshark (which also decrypts
    // QUIC Initials) finds the same names, and no malformed packet.
    let (pcap, _) = stalkerware_capture();
    let run = |fields: &[&str]| -> String {
        let mut cmd = Command::new("tshark");
        cmd.args([
            "-n",
            "-o",
            "tcp.reassemble_out_of_order:TRUE",
            "-r",
            arg(&pcap),
            "-T",
            "fields",
        ]);
        for f in fields {
            cmd.args(["-e", f]);
        }
        let out = cmd
            .output()
            .expect("tshark runs: install it with `apt-get install tshark` (.ci/run does)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let names = run(&[
        "dns.qry.name",
        "tls.handshake.extensions_server_name",
        "http.host",
    ]);
    for n in [
        "protocol-a748.thetruthspy.com",
        "api.flexispy.com",
        "a.hw.cab",
        "a.thd.cc",
    ] {
        assert!(
            names.split(['\t', '\n']).any(|f| f == n),
            "tshark does not see {n}: {names}"
        );
    }
    let sni: Vec<&str> = names
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        sni.contains(&"protocol-a748.thetruthspy.com")
            && sni.contains(&"api.flexispy.com")
            && sni.contains(&"a.hw.cab"),
        "{sni:?}"
    );
    let expert = Command::new("tshark")
        .args(["-n", "-r", arg(&pcap), "-q", "-z", "expert,error"])
        .output()
        .expect("tshark runs");
    let report = String::from_utf8_lossy(&expert.stdout);
    assert!(!report.contains("Malformed"), "{report}");
}

#[test]
fn ordinary_phone_gives_no_high_or_medium_finding() {
    let Some(data) = shared() else { return };
    let pcap = ordinary_capture();
    let (echap, mvt) = (data.join("echap"), data.join("mvt-indicators"));
    let out = vigie()
        .lang("en")
        .scan("pcap", &pcap, &[&echap, &mvt], &["--format", "json"]);
    let doc = json(&out);
    let serious: Vec<&Value> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "high" || f["severity"] == "medium")
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_code(&out, 0);
    assert!(doc["stats"]["quic_client_hellos"].as_u64() >= Some(1));
    assert!(doc["stats"]["tls_client_hellos"].as_u64() >= Some(14));
    // Honest coverage: what was not checked is always said.
    assert!(!doc["coverage"]["not_checked"]
        .as_array()
        .expect("coverage")
        .is_empty());
}

#[test]
fn errors_exit_with_code_2_and_a_clear_message() {
    let en = vigie().lang("en");
    let out = en.run(&["scan", "pcap", "/nonexistent/capture.pcap"]);
    assert_refused(&out, "/nonexistent/capture.pcap");
    let junk = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("not-a-capture.pcap");
    std::fs::write(&junk, b"this is not a capture file at all").expect("write");
    assert_refused(&en.scan("pcap", &junk, &[], &[]), "not a network capture");
    let fr = vigie().lang("fr").scan("pcap", &junk, &[], &[]);
    assert!(common::stderr(&fr).contains("n’est pas une capture réseau"));
    let missing = Path::new("/nonexistent/feed.yaml");
    assert_code(&vigie().scan("pcap", &junk, &[missing], &[]), 2);
}

#[test]
fn a_capture_cut_short_is_analysed_up_to_the_cut() {
    let Some(data) = shared() else { return };
    let (pcap, _) = stalkerware_capture();
    let bytes = std::fs::read(&pcap).expect("read");
    let cut = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cut.pcap");
    std::fs::write(&cut, &bytes[..bytes.len() - 30]).expect("write");
    let out = vigie()
        .lang("en")
        .scan("pcap", &cut, &[&data.join("echap")], &["--format", "json"]);
    assert_code(&out, 1);
    let doc = json(&out);
    assert!(doc["captures"][0]["stopped"]
        .as_str()
        .is_some_and(|s| s.contains("cut short")));
    assert!(doc["coverage"]["not_checked"]
        .as_array()
        .expect("coverage")
        .iter()
        .any(|l| l.as_str().is_some_and(|s| s.contains("stopped"))));
    assert!(doc["coverage"]["not_checked"]
        .as_array()
        .expect("coverage")
        .iter()
        .any(|l| l
            .as_str()
            .is_some_and(|s| s.contains("the file was cut short"))));
}

#[test]
fn iocs_check_counts_per_kind_and_source() {
    let Some(data) = shared() else { return };
    let (echap, mvt) = (data.join("echap"), data.join("mvt-indicators"));
    let out = vigie().run(&["iocs", "check", arg(&echap), arg(&mvt), "--format", "json"]);
    assert_code(&out, 0);
    let doc = json(&out);
    let sources = doc["sources"].as_array().expect("sources");
    let ioc = sources
        .iter()
        .find(|s| {
            s["source"]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("ioc.yaml"))
        })
        .expect("ioc.yaml");
    assert!(ioc["counts"]["domain"].as_u64() > Some(1000));
    assert!(ioc["counts"]["app_id"].as_u64() > Some(100));
    assert!(sources.iter().any(|s| s["source"]["name"]
        .as_str()
        .is_some_and(|n| n.contains("Predator"))));
    assert!(doc["skipped_files"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
    let text = common::stdout(&vigie().lang("fr").run(&["iocs", "check", arg(&echap)]));
    assert!(text.contains("indicateurs"));
}

/// A name chosen by whoever runs the server (here an SNI that clears the screen, prints a
/// false all-clear and hides what follows) is shown escaped, never obeyed by the terminal.
#[test]
fn terminal_escapes_in_names_are_shown_not_obeyed() {
    let Some(data) = shared() else { return };
    // A name on a dynamic DNS domain, so that a finding names it.
    let hostile = "x\u{1b}[2J\u{1b}[HNothing suspicious\u{1b}[8m.duckdns.org";
    let mut c = Capture::new();
    tls_session(&mut c, 51000, ("203.0.113.9", 443), hostile, None);
    dns(&mut c, 1, "protocol-a748.thetruthspy.com", "69.64.74.239");
    let pcap = c.save("terminal-escapes.pcap");
    let echap = data.join("echap/ioc.yaml");
    let text = assert_code(&vigie().lang("en").scan("pcap", &pcap, &[&echap], &[]), 1);
    assert!(
        !text.contains('\u{1b}'),
        "a raw escape reached the terminal:\n{text:?}"
    );
    assert!(
        text.contains("TheTruthSpy"),
        "the finding is still said:\n{text}"
    );
    // The report shows the name's escapes written out, in HTML and in PDF alike.
    let dir = common::fresh_dir("report-escapes");
    let v = common::Vigie::at(&dir).lang("en");
    assert_code(&v.scan("pcap", &pcap, &[&echap], &["--case", "PV-ESC"]), 1);
    let html = common::html_report(&v, "PV-ESC", &dir.join("r.html"));
    assert!(!html.contains('\u{1b}'), "a raw escape reached the report");
    assert!(html.contains("\\u{1b}[2J"), "the escape is written out");
}

/// A capture in which no packet could be read gives no verdict at all (not "nothing found"):
/// exit 2, with what to check.
#[test]
fn capture_with_no_packet_gives_no_verdict() {
    let Some(data) = shared() else { return };
    let echap = data.join("echap/ioc.yaml");
    let empty = Capture::new().save("no-packet.pcap");
    let out = vigie().lang("en").scan("pcap", &empty, &[&echap], &[]);
    assert_refused(&out, "nothing was checked");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Verdict"));
}
