//! The app's pages, one file per part of the station.

pub(crate) mod account;
pub(crate) mod cases;
pub(crate) mod check;
pub(crate) mod devices;
pub(crate) mod evidence;
pub(crate) mod hotspot;
pub(crate) mod import;
pub(crate) mod live;
pub(crate) mod locker;
pub(crate) mod reports;
pub(crate) mod results;
pub(crate) mod station;
pub(crate) mod unlock;
