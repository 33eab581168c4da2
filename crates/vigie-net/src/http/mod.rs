//! HTTP/1.x: request heads, and what the observer makes of a client stream's requests.

mod observe;
mod request;

pub(crate) use observe::{observe_segment, RequestScan};
