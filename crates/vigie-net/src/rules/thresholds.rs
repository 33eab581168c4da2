//! The thresholds of the heuristics: how large an upload, how regular a beacon.

/// Thresholds of the heuristics.
#[derive(Debug, Clone)]
pub struct Thresholds {
    /// Bytes sent to one host above which a large upload is reported.
    pub large_upload_bytes: u64,
    /// Bytes sent by POST/PUT over plain HTTP above which an upload is reported.
    pub http_upload_bytes: u64,
    /// Fewest connections to one host for the beaconing check.
    pub beacon_min_connections: usize,
    /// Largest spread of the intervals (coefficient of variation) still called regular.
    pub beacon_max_variation: f64,
    /// Shortest interval considered (seconds), below which it is a burst, not a beacon.
    pub beacon_min_interval_s: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            large_upload_bytes: 1024 * 1024,
            http_upload_bytes: 64 * 1024,
            beacon_min_connections: 6,
            beacon_max_variation: 0.2,
            beacon_min_interval_s: 5.0,
        }
    }
}
