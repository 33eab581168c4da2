//! YAML feeds (Echap's, MVT's index) read with a bound on their flow lists: libyaml spends,
//! on each token, time that grows with how many `[` and `{` lists are open, so 300 000
//! nested `{a: …}` (1.2 MB) kept it busy for over five minutes. Real feeds hold a handful
//! (Echap's `ioc.yaml`: 12), so a feed with more than [`MAX_FLOW_OPENINGS`] is refused
//! before it is parsed; block lists and mappings (indentation) have no such cost.

/// Most `[` and `{` characters a YAML feed may hold (counted everywhere, quoted or not, so
/// that nothing can hide a list from the count).
pub(crate) const MAX_FLOW_OPENINGS: usize = 64;

/// Parses a YAML feed, refusing one with more than [`MAX_FLOW_OPENINGS`] flow openings.
pub(crate) fn parse(text: &str) -> Result<serde_yaml_ng::Value, String> {
    let openings = text.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if openings > MAX_FLOW_OPENINGS {
        return Err(format!(
            "{openings} brackets ([ or {{) where a feed holds a few (at most \
             {MAX_FLOW_OPENINGS} are read: nested lists could stall the station)"
        ));
    }
    serde_yaml_ng::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_with_a_few_flow_lists_is_read() {
        let v = parse("- name: A\n  packages: [com.a, com.b]\n  c2: {ips: [192.0.2.1]}\n");
        assert!(v.is_ok(), "{v:?}");
    }

    #[test]
    fn quoted_closing_brackets_do_not_hide_openings() {
        let hidden = "{a: \"]]\", b: ".repeat(MAX_FLOW_OPENINGS + 1);
        let refused = parse(&format!("- {hidden}x")).expect_err("refused");
        assert!(refused.contains("brackets"), "{refused}");
    }
}
