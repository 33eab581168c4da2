//! What an app can see, from its permissions and the special accesses it holds, as
//! translation keys (`cap-sms`, `cap-location`, ...).

use crate::model::{AndroidDevice, Package};

/// Permissions and what they let an app see, as translation keys.
const CAPABILITIES: &[(&str, &str)] = &[
    ("android.permission.READ_SMS", "cap-sms"),
    ("android.permission.RECEIVE_SMS", "cap-sms"),
    ("android.permission.SEND_SMS", "cap-sms"),
    ("android.permission.READ_CALL_LOG", "cap-calls"),
    ("android.permission.PROCESS_OUTGOING_CALLS", "cap-calls"),
    ("android.permission.ANSWER_PHONE_CALLS", "cap-calls"),
    ("android.permission.ACCESS_FINE_LOCATION", "cap-location"),
    ("android.permission.ACCESS_COARSE_LOCATION", "cap-location"),
    (
        "android.permission.ACCESS_BACKGROUND_LOCATION",
        "cap-location",
    ),
    ("android.permission.RECORD_AUDIO", "cap-microphone"),
    ("android.permission.CAMERA", "cap-camera"),
    ("android.permission.READ_CONTACTS", "cap-contacts"),
    ("android.permission.READ_EXTERNAL_STORAGE", "cap-files"),
    ("android.permission.READ_MEDIA_IMAGES", "cap-files"),
    ("android.permission.MANAGE_EXTERNAL_STORAGE", "cap-files"),
];

/// What a package can see, as translation keys, from its grants and special accesses.
pub(super) fn capabilities(device: &AndroidDevice, p: &Package) -> Vec<&'static str> {
    let mut caps: Vec<&'static str> = Vec::new();
    let mut add = |c: &'static str| {
        if !caps.contains(&c) {
            caps.push(c);
        }
    };
    let perms: &[String] = if p.granted_permissions.is_empty() {
        &p.requested_permissions
    } else {
        &p.granted_permissions
    };
    for (perm, cap) in CAPABILITIES {
        if perms.iter().any(|x| x == perm) {
            add(cap);
        }
    }
    let holds = |list: &[String]| {
        list.iter()
            .any(|c| AndroidDevice::component_package(c) == p.name)
    };
    if holds(&device.notification_listeners) {
        add("cap-notifications");
    }
    if holds(&device.accessibility_services) {
        add("cap-screen");
    }
    if holds(&device.device_admins) {
        add("cap-device-admin");
    }
    caps
}

/// The capability keys, or one saying none was seen.
pub(super) fn caps_or_none(caps: &[&'static str]) -> Vec<&'static str> {
    if caps.is_empty() {
        vec!["cap-none"]
    } else {
        caps.to_vec()
    }
}
