//! Indicator feeds in every format (Echap YAML, STIX 2.1, TinyCheck JSON, MISP, CSV, lists):
//! the first byte picks the file name, hence the format.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vigie_indicators::{load_bytes, IndicatorSet};

const NAMES: [&str; 8] = ["ioc.yaml", "bundle.stix2", "indicators.json", "misp_event.json", "samples.csv", "domains.txt", "hosts", "indicators.yaml"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let mut set = IndicatorSet::new();
    let _ = load_bytes(&mut set, NAMES[usize::from(sel) % NAMES.len()], rest, None);
    for i in set.indicators().iter().take(8) {
        let _ = set.match_domain(&i.value);
    }
});
