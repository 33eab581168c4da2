//! How the network rules word their findings and point at their evidence.

use crate::observation::{FlowSummary, Observation};
use vigie_core::{Evidence, Finding, Message, Severity};

/// A finding of `rule` on `subject`. Its title and explanation are the rule's messages in the
/// translation files (the rule's identifier in lower case, then `-title` and `-explain`),
/// both given `args`.
pub(super) fn finding(
    rule: &str,
    severity: Severity,
    subject: &str,
    args: &[(&str, &str)],
) -> Finding {
    let key = rule.to_ascii_lowercase();
    let message = |part: &str| {
        args.iter()
            .fold(Message::new(format!("{key}-{part}")), |m, (name, value)| {
                m.arg(name, *value)
            })
    };
    Finding::new(
        rule,
        severity,
        subject,
        message("title"),
        message("explain"),
    )
}

/// The same finding, its explanation also given `name` = `value`.
pub(super) fn explaining(mut f: Finding, name: &str, value: &str) -> Finding {
    f.explanation.args.insert(name.to_owned(), value.to_owned());
    f
}

/// Evidence pointing at the packet an observation of capture `source` was made in.
pub(super) fn packet_evidence(source: &str, o: &Observation, detail: String) -> Evidence {
    Evidence::Packets {
        source: source.to_owned(),
        first_frame: o.frame,
        last_frame: o.frame,
        first_ts: o.ts,
        last_ts: o.ts,
        flow: format!("{} -> {}", o.src, o.dst),
        packets: 1,
        bytes_up: 0,
        bytes_down: 0,
        detail,
    }
}

/// Evidence pointing at the packets of a flow of capture `source`.
pub(super) fn flow_evidence(source: &str, f: &FlowSummary, detail: String) -> Evidence {
    Evidence::Packets {
        source: source.to_owned(),
        first_frame: f.first_frame,
        last_frame: f.last_frame,
        first_ts: f.first_ts,
        last_ts: f.last_ts,
        flow: f.label(),
        packets: f.packets,
        bytes_up: f.bytes_up,
        bytes_down: f.bytes_down,
        detail,
    }
}
