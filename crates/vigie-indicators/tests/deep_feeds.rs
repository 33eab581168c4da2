//! Feeds nested far deeper than any real one (issue 20, item 10): refused quickly with a
//! clear error, not minutes of parsing nor a stack overflow.

use std::time::{Duration, Instant};
use vigie_indicators::{load_bytes, IndicatorSet, LoadError};

/// Loads `bytes` as the feed `name`, on a thread with a server worker's stack (2 MiB),
/// and says how long it took.
fn load(name: &'static str, bytes: Vec<u8>) -> (Result<(), String>, Duration) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let started = Instant::now();
            let mut set = IndicatorSet::default();
            let outcome = load_bytes(&mut set, name, &bytes, None)
                .map(|_| ())
                .map_err(|e| match e {
                    LoadError::Malformed { detail, .. } => detail,
                    other => other.to_string(),
                });
            (outcome, started.elapsed())
        })
        .expect("thread")
        .join()
        .expect("no panic")
}

/// Most flow openings a YAML feed may hold (`MAX_FLOW_OPENINGS` in `load/yaml.rs`).
const MOST_LISTS: usize = 64;

/// `levels` flow mappings, each the value of the one before (`{a: {a: … x}}`).
fn nested_mappings(levels: usize) -> Vec<u8> {
    let mut text = b"- ".to_vec();
    text.extend(std::iter::repeat_n(&b"{a: "[..], levels).flatten());
    text.push(b'x');
    text.extend(std::iter::repeat_n(b'}', levels));
    text
}

#[test]
fn yaml_feed_nested_300_000_deep_is_refused_within_a_second() {
    // Over five minutes in libyaml before the bound.
    let (outcome, took) = load("ioc.yaml", nested_mappings(300_000));
    assert!(took < Duration::from_secs(1), "took {took:?}");
    let why = outcome.expect_err("refused");
    assert!(why.contains("brackets"), "{why}");
}

#[test]
fn yaml_feed_with_the_most_lists_read_and_many_entries_is_read_quickly() {
    // The worst a feed may be: every allowed list open, then 4 MiB of entries in them.
    let mut text = b"- ".to_vec();
    text.extend(std::iter::repeat_n(b'[', MOST_LISTS));
    text.extend(std::iter::repeat_n(&b"a, "[..], 1 << 20).flatten());
    text.extend(std::iter::repeat_n(b']', MOST_LISTS));
    let (_, took) = load("ioc.yaml", text);
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn json_feed_nested_300_000_deep_is_refused_within_a_second() {
    let levels = 300_000;
    let mut text = br#"{"type": "bundle", "objects": "#.to_vec();
    text.extend(std::iter::repeat_n(b'[', levels));
    text.extend(std::iter::repeat_n(b']', levels));
    text.push(b'}');
    let (outcome, took) = load("feed.stix2", text);
    assert!(outcome.is_err());
    assert!(took < Duration::from_secs(1), "took {took:?}");
}
