//! The phone's camera, for tests: reads the QR code that `vigie hotspot` draws on the
//! terminal (from standard input, among the other lines it prints), decodes it as a
//! phone does, and prints the network name and the password of its `WIFI:` text, one per
//! line. Exits 1 when no QR code or no `WIFI:` text is found.
//!
//! Used by the virtual machine's Wi-Fi test (`packaging/vm/wifi-test.sh`), where the
//! "phone" joins the hotspot with what this reads.

use std::io::Read;
use std::process::ExitCode;

/// Pixels per terminal character, across and down: a module is two characters wide and
/// one line tall, so a square module is 4 × 4 pixels.
const CHAR_W: usize = 2;
const LINE_H: usize = 4;

/// The largest run of consecutive lines drawn only with blocks and spaces.
fn qr_lines(text: &str) -> Vec<&str> {
    let drawn = |l: &str| !l.is_empty() && l.chars().all(|c| c == '█' || c == ' ');
    let (mut best, mut run) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if drawn(line) {
            run.push(line);
        } else {
            if run.len() > best.len() {
                best = std::mem::take(&mut run);
            }
            run.clear();
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    best
}

/// Decodes the QR code drawn in `text`, as a camera would see it.
fn decode(text: &str) -> Option<String> {
    let lines: Vec<Vec<bool>> = qr_lines(text)
        .iter()
        .map(|l| l.chars().map(|c| c == '█').collect())
        .collect();
    let width = lines.iter().map(Vec::len).max()? * CHAR_W;
    let height = lines.len() * LINE_H;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let dark = lines[y / LINE_H].get(x / CHAR_W).copied().unwrap_or(false);
        if dark {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    grids.first()?.decode().ok().map(|(_, content)| content)
}

/// The network name and password of a `WIFI:T:WPA;S:…;P:…;;` text, unescaped.
fn wifi_fields(uri: &str) -> Option<(String, String)> {
    let body = uri.strip_prefix("WIFI:")?;
    let (mut fields, mut current, mut escaped) = (Vec::new(), String::new(), false);
    for c in body.chars() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, ';') => fields.push(std::mem::take(&mut current)),
            (_, c) => {
                current.push(c);
                escaped = false;
            }
        }
    }
    let field = |key: &str| {
        fields
            .iter()
            .find_map(|f| f.strip_prefix(key).map(str::to_owned))
    };
    Some((field("S:")?, field("P:")?))
}

fn main() -> ExitCode {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return ExitCode::from(2);
    }
    match decode(&text).as_deref().and_then(wifi_fields) {
        Some((ssid, password)) => {
            println!("{ssid}\n{password}");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("no Wi-Fi QR code found");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_hotspot::HotspotConfig;

    #[test]
    fn the_terminal_qr_code_reads_back_as_the_hotspot_settings() {
        let config = HotspotConfig {
            ssid: "Vigie-a;b".into(),
            password: "pq7r:s\\Tuv,\"9Z".into(),
            ..HotspotConfig::random("wlan0", None)
        };
        let printed = format!("Join the network\n{}\nChecking…\n", config.qr_text());
        let uri = decode(&printed).expect("a QR code is read");
        assert_eq!(uri, config.wifi_uri());
        let (ssid, password) = wifi_fields(&uri).expect("WIFI: fields");
        assert_eq!(
            (ssid.as_str(), password.as_str()),
            ("Vigie-a;b", "pq7r:s\\Tuv,\"9Z")
        );
    }

    #[test]
    fn text_without_a_code_reads_as_nothing() {
        assert_eq!(decode("no code here\n"), None);
        assert_eq!(wifi_fields("WIFI:T:WPA;;"), None);
    }
}
