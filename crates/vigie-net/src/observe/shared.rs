//! What the processing of every flow shares: the names DNS answers taught, the certificates
//! already summarised, the counters, and the memory the stream buffers take.

use crate::dns::DnsCache;
use crate::observation::ObserverStats;
use crate::reassembly::RangeBuffer;
use crate::tls::CertCache;

/// Memory allowed for stream buffers in total; beyond, new streams are counted, not inspected.
const STREAM_BUDGET: usize = 64 * 1024 * 1024;

/// State shared by all flows.
#[derive(Debug, Default)]
pub(super) struct Shared {
    /// Address → name, from DNS answers.
    pub(super) dns: DnsCache,
    /// Certificates recently summarised.
    pub(super) certs: CertCache,
    /// What was read.
    pub(super) stats: ObserverStats,
    /// Bytes of stream buffers in use.
    stream_bytes: usize,
}

impl Shared {
    /// A buffer for the first `cap` bytes of a stream, or none (counted) once the budget is
    /// spent.
    pub(super) fn stream_buffer(&mut self, cap: usize) -> Option<RangeBuffer> {
        if self.stream_bytes + cap > STREAM_BUDGET {
            self.stats.streams_over_budget += 1;
            return None;
        }
        self.stream_bytes += cap;
        Some(RangeBuffer::new(cap))
    }

    /// Gives back the budget of a stream buffer of `cap` bytes that was freed.
    pub(super) fn free_stream(&mut self, cap: usize) {
        self.stream_bytes = self.stream_bytes.saturating_sub(cap);
    }

    /// Gives back the whole budget (every flow ended).
    pub(super) fn free_all_streams(&mut self) {
        self.stream_bytes = 0;
    }
}
