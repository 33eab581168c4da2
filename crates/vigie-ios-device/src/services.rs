//! The services read on a paired phone: the installation proxy (installed apps) and the
//! profile service (configuration and MDM profiles). Both are only asked to list.

use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use plist::Value;

/// The installed-apps service.
pub(crate) const INSTALLATION_PROXY: &str = "com.apple.mobile.installation_proxy";
/// The profiles service.
pub(crate) const PROFILES: &str = "com.apple.mobile.MCInstall";
/// The backup service.
pub(crate) const MOBILEBACKUP2: &str = "com.apple.mobilebackup2";

/// Most apps a phone may list (beyond that, the list is cut and the check says so).
pub const MAX_APPS: usize = 20_000;

/// A text value of a plist dictionary.
fn text_of(d: &plist::Dictionary, key: &str) -> Option<String> {
    d.get(key).and_then(Value::as_string).map(str::to_owned)
}

/// An app the phone lists.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InstalledApp {
    /// Its bundle id.
    pub bundle_id: String,
    /// Its name on the home screen.
    pub name: Option<String>,
    /// Its version.
    pub version: Option<String>,
    /// `User` (installed by someone) or `System`.
    pub kind: Option<String>,
    /// Who signed it (`Apple iPhone OS Application Signing` for the App Store; a developer
    /// or enterprise name for apps installed outside it).
    pub signer: Option<String>,
}

/// A configuration profile the phone lists.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InstalledProfile {
    /// Its identifier.
    pub identifier: String,
    /// Its name.
    pub name: Option<String>,
    /// Who made it.
    pub organization: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Whether the person may remove it.
    pub removal_disallowed: bool,
}

/// The attributes asked of each app.
const APP_ATTRIBUTES: [&str; 6] = [
    "CFBundleIdentifier",
    "CFBundleDisplayName",
    "CFBundleName",
    "CFBundleShortVersionString",
    "ApplicationType",
    "SignerIdentity",
];

/// The installation proxy's request: every app, user and system, with [`APP_ATTRIBUTES`].
fn browse_request() -> Value {
    let attributes = APP_ATTRIBUTES
        .iter()
        .map(|a| Value::String((*a).into()))
        .collect();
    dict([
        ("Command", Value::String("Browse".into())),
        (
            "ClientOptions",
            dict([
                ("ApplicationType", Value::String("Any".into())),
                ("ReturnAttributes", Value::Array(attributes)),
            ]),
        ),
    ])
}

/// An app as the installation proxy describes it, if it names its bundle id.
fn app_of(a: &plist::Dictionary) -> Option<InstalledApp> {
    Some(InstalledApp {
        bundle_id: text_of(a, "CFBundleIdentifier")?,
        name: text_of(a, "CFBundleDisplayName").or_else(|| text_of(a, "CFBundleName")),
        version: text_of(a, "CFBundleShortVersionString"),
        kind: text_of(a, "ApplicationType"),
        signer: text_of(a, "SignerIdentity"),
    })
}

/// Lists the installed apps (user and system), and whether the list was cut at
/// [`MAX_APPS`].
pub(crate) fn installed_apps(
    stream: &mut BoxStream,
) -> Result<(Vec<InstalledApp>, bool), DeviceError> {
    framing::send(stream, &browse_request())?;
    let mut apps = vec![];
    let mut cut = false;
    loop {
        let reply = framing::receive(stream)?;
        let d = reply
            .as_dictionary()
            .ok_or_else(|| DeviceError::Protocol("installation proxy".into()))?;
        if let Some(e) = text_of(d, "Error") {
            return Err(DeviceError::Refused(e));
        }
        let listed = d.get("CurrentList").and_then(Value::as_array);
        for app in listed
            .into_iter()
            .flatten()
            .filter_map(Value::as_dictionary)
        {
            let Some(app) = app_of(app) else {
                continue;
            };
            if apps.len() >= MAX_APPS {
                cut = true;
                continue;
            }
            apps.push(app);
        }
        if text_of(d, "Status").as_deref() == Some("Complete") {
            break;
        }
    }
    apps.sort_by(|a, b| a.bundle_id.cmp(&b.bundle_id));
    Ok((apps, cut))
}

/// Lists the installed configuration profiles.
pub(crate) fn installed_profiles(
    stream: &mut BoxStream,
) -> Result<Vec<InstalledProfile>, DeviceError> {
    framing::send(
        stream,
        &dict([("RequestType", Value::String("GetProfileList".into()))]),
    )?;
    let reply = framing::receive(stream)?;
    let d = reply
        .as_dictionary()
        .ok_or_else(|| DeviceError::Protocol("profile service".into()))?;
    if text_of(d, "Status").as_deref() != Some("Acknowledged") {
        return Err(DeviceError::Refused(
            text_of(d, "Status").unwrap_or_else(|| "no status".into()),
        ));
    }
    let metadata = d.get("ProfileMetadata").and_then(Value::as_dictionary);
    let mut out = vec![];
    for id in d
        .get("OrderedIdentifiers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(id) = id.as_string() else { continue };
        let m = metadata
            .and_then(|m| m.get(id))
            .and_then(Value::as_dictionary);
        out.push(InstalledProfile {
            identifier: id.to_owned(),
            name: m.and_then(|m| text_of(m, "PayloadDisplayName")),
            organization: m.and_then(|m| text_of(m, "PayloadOrganization")),
            description: m.and_then(|m| text_of(m, "PayloadDescription")),
            removal_disallowed: m
                .and_then(|m| m.get("PayloadRemovalDisallowed"))
                .and_then(Value::as_boolean)
                .unwrap_or(false),
        });
    }
    Ok(out)
}
