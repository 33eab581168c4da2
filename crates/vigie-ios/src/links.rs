//! The links in a text (a message, a calendar note, a shortcut's parameters).

/// The links in a text: every `http://` or `https://` run up to a space, a quote or a
/// bracket, without trailing punctuation.
pub fn links_in(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut out = vec![];
    let mut from = 0;
    loop {
        let rest = &lower[from..];
        let Some(start) = [rest.find("http://"), rest.find("https://")]
            .into_iter()
            .flatten()
            .min()
            .map(|p| p + from)
        else {
            return out;
        };
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || "\"'<>()[]{}".contains(c))
            .map_or(text.len(), |e| start + e);
        let link = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        if link.len() > "https://".len() {
            out.push(link.to_owned());
        }
        from = end.max(start + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_cut_at_spaces_and_punctuation() {
        assert_eq!(
            links_in(
                "Please click here https://badbadbad.example.org/, or HTTP://x.example/a?b=1."
            ),
            vec!["https://badbadbad.example.org/", "HTTP://x.example/a?b=1"]
        );
        assert!(links_in("no link, just http:// alone").is_empty());
        assert_eq!(
            links_in("(https://a.example/x)"),
            vec!["https://a.example/x"]
        );
    }
}
