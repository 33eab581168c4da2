//! HTML building: escaping, the page layout, and the parts pages share.

use crate::auth::Session;
use vigie_core::Catalog;

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a path segment (case references may hold `/` or spaces).
pub(crate) fn seg(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The hidden CSRF field of a form.
pub(crate) fn csrf_field(s: &Session) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(&s.csrf)
    )
}

/// A note shown above a page's content.
pub(crate) fn notice(kind: &str, text: &str) -> String {
    format!(
        "<p class=\"notice {kind}\" role=\"status\">{}</p>",
        esc(text)
    )
}

/// What a device check's page shows (Android phone, iPhone backup) until its result page
/// takes over: while it runs, its progress bar (followed by `app.js`) and `wait`; then the
/// error, with a link back to the case.
pub(crate) fn device_check_body(
    cat: &Catalog,
    kind: &str,
    id: u64,
    progress: &vigie_station::CheckProgress,
    reference: &str,
    wait: Option<&str>,
) -> String {
    let back = format!(
        "<p><a href=\"/cases/{}\">{}</a></p>",
        seg(reference),
        esc(&cat.key("web-back-case"))
    );
    if !progress.finished {
        let wait = wait
            .map(|w| format!("<p class=\"notice info\">{}</p>", esc(&cat.key(w))))
            .unwrap_or_default();
        format!(
            "<div id=\"{kind}\" data-progress=\"/{kind}/{id}/state\"><progress id=\"{kind}-progress\" max=\"{}\" value=\"{}\"></progress><p class=\"step\" id=\"{kind}-step\">{}</p></div>{wait}",
            progress.total.max(1),
            progress.done,
            esc(&progress.step),
        )
    } else {
        let error = progress
            .error
            .as_ref()
            .map(|e| notice("error", &cat.text(e)));
        format!("{}{back}", error.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
        assert_eq!(seg("PV 2026/42"), "PV%202026%2F42");
    }
}
