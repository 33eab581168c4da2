//! Times as a backup's databases and plists record them, read as RFC 3339 UTC: Unix
//! seconds, Apple's "Cocoa" seconds (or nanoseconds) since 2001, Chrome's microseconds since
//! 1601.

/// Seconds between 1970-01-01 and 2001-01-01 (Apple's "Cocoa" epoch).
const COCOA_EPOCH: i64 = 978_307_200;
/// Seconds between 1601-01-01 (Chrome's epoch) and 1970-01-01.
const CHROME_EPOCH_BEFORE_UNIX: f64 = 11_644_473_600.0;
/// Unix seconds of the year 3000: later times are not plausible.
const LATEST: f64 = 32_503_680_000.0;

/// RFC 3339 UTC time of Unix seconds (fractional), if plausible.
pub(crate) fn unix_time(secs: f64) -> Option<String> {
    (secs.is_finite() && secs > 0.0 && secs < LATEST).then(|| {
        let whole = secs.floor();
        vigie_core::Timestamp::from_secs_nanos(whole as i64, ((secs - whole) * 1e9) as u32)
            .to_string()
    })
}

/// RFC 3339 UTC time of a Cocoa timestamp: seconds since 2001, or nanoseconds since 2001
/// (recent Messages databases).
pub(crate) fn cocoa_time(value: f64) -> Option<String> {
    let secs = if value.abs() > 1e11 {
        value / 1e9
    } else {
        value
    };
    unix_time(secs + COCOA_EPOCH as f64)
}

/// RFC 3339 UTC time of a Chrome (WebKit) timestamp: microseconds since 1601.
pub(crate) fn chrome_time(v: f64) -> Option<String> {
    unix_time(v / 1e6 - CHROME_EPOCH_BEFORE_UNIX)
}

/// A plist number as seconds, for the time keys iOS writes as a real or an integer.
pub(crate) fn plist_seconds(v: &plist::Value) -> Option<f64> {
    v.as_real()
        .or_else(|| v.as_signed_integer().map(|i| i as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apple_times_read_as_utc() {
        assert_eq!(
            cocoa_time(0.5).as_deref(),
            Some("2001-01-01T00:00:00.500000Z")
        );
        assert_eq!(
            cocoa_time(588_813_210_539_788_032.0)
                .as_deref()
                .map(|s| &s[..19]),
            Some("2019-08-29T23:13:30")
        );
        assert_eq!(unix_time(-1.0), None);
        assert_eq!(unix_time(f64::NAN), None);
    }
}
