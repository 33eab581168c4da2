//! A connected phone, paired and in a lockdown session: what the check reads from it.

use crate::backup::receive_backup;
use crate::error::DeviceError;
use crate::framing::{dict, BoxStream};
use crate::lockdown::{Lockdown, PairAnswer};
use crate::pairing::PairRecord;
use crate::services::{self, InstalledApp, InstalledProfile};
use crate::sink::{BackupSink, BackupSummary};
use crate::usbmux::{Device, Usbmux};
use plist::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime};

/// Where opening the phone stands, for what the operator sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneStep {
    /// Talking to usbmuxd and lockdown.
    Connecting,
    /// "Trust this computer?" is on the phone's screen: the person must answer, and may
    /// have to type the phone's passcode.
    WaitingForTrust,
    /// Paired (now, or earlier) and in session.
    InSession,
}

/// The lockdown values shown as the device's facts, and their labels in `Info.plist`.
const FACTS: &[(&str, &str)] = &[
    ("DeviceName", "Device Name"),
    ("ProductType", "Product Type"),
    ("ProductVersion", "Product Version"),
    ("BuildVersion", "Build Version"),
    ("SerialNumber", "Serial Number"),
    ("UniqueDeviceID", "Unique Identifier"),
    ("PhoneNumber", "Phone Number"),
    ("InternationalMobileEquipmentIdentity", "IMEI"),
    ("DeviceClass", "Device Class"),
];

/// How often the phone is asked again while "Trust this computer?" is on its screen.
const TRUST_POLL: Duration = Duration::from_millis(500);

/// A phone, paired and in session.
pub struct Phone {
    mux: Usbmux,
    device: Device,
    record: PairRecord,
    lockdown: Lockdown,
    /// Whether this run paired it (the phone now trusts this computer).
    pub paired_now: bool,
}

/// The phone `udid`, or the only one connected (a phone seen by cable and by Wi-Fi is one
/// phone, the cable first).
fn choose_device(devices: Vec<Device>, udid: Option<&str>) -> Result<Device, DeviceError> {
    if let Some(u) = udid {
        return devices
            .into_iter()
            .find(|d| d.udid == u)
            .ok_or_else(|| DeviceError::NotConnected(u.to_owned()));
    }
    let mut usb = devices;
    usb.sort_by_key(|d| (d.udid.clone(), d.connection != "USB"));
    usb.dedup_by(|a, b| a.udid == b.udid);
    match usb.len() {
        0 => Err(DeviceError::NoDevice),
        1 => Ok(usb.remove(0)),
        _ => Err(DeviceError::SeveralDevices(
            usb.iter()
                .map(|d| d.udid.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        )),
    }
}

/// Pairs with the phone: a new pairing record asks "Trust this computer?", whose answer is
/// waited for `trust_wait`; the record, given to usbmuxd to keep.
fn pair(
    mux: &Usbmux,
    device: &Device,
    lockdown: &mut Lockdown,
    trust_wait: Duration,
    on_step: &mut dyn FnMut(PhoneStep),
) -> Result<PairRecord, DeviceError> {
    let public = lockdown.value(None, Some("DevicePublicKey"))?;
    let public = public
        .as_data()
        .ok_or_else(|| DeviceError::Protocol("DevicePublicKey is not data".into()))?;
    let mut record = PairRecord::generate(public, &mux.system_buid()?)?;
    record.wifi_mac = lockdown
        .value(None, Some("WiFiAddress"))
        .ok()
        .and_then(|v| v.as_string().map(str::to_owned));
    let started = Instant::now();
    loop {
        match lockdown.pair(&record)? {
            PairAnswer::Accepted(escrow) => {
                record.escrow_bag = escrow;
                break;
            }
            PairAnswer::Pending => {
                on_step(PhoneStep::WaitingForTrust);
                if started.elapsed() > trust_wait {
                    return Err(DeviceError::PairingTimeout);
                }
                std::thread::sleep(TRUST_POLL);
            }
        }
    }
    mux.save_pair_record(device, &record)?;
    Ok(record)
}

impl Phone {
    /// Opens the phone `udid` (or the only one connected): starts a session with the pairing
    /// usbmuxd keeps, or pairs, which asks the person on the phone; `trust_wait` is how long
    /// her answer is waited for.
    pub fn open(
        mux: Usbmux,
        udid: Option<&str>,
        trust_wait: Duration,
        on_step: &mut dyn FnMut(PhoneStep),
    ) -> Result<Phone, DeviceError> {
        on_step(PhoneStep::Connecting);
        let device = choose_device(mux.devices()?, udid)?;
        let mut lockdown = Lockdown::connect(&mux, &device)?;
        if let Some(record) = mux.pair_record(&device.udid)? {
            if lockdown.start_session(&record)? {
                on_step(PhoneStep::InSession);
                return Ok(Phone {
                    mux,
                    device,
                    record,
                    lockdown,
                    paired_now: false,
                });
            }
        }
        let record = pair(&mux, &device, &mut lockdown, trust_wait, on_step)?;
        if !lockdown.start_session(&record)? {
            return Err(DeviceError::Refused(
                "InvalidHostID right after pairing".into(),
            ));
        }
        on_step(PhoneStep::InSession);
        Ok(Phone {
            mux,
            device,
            record,
            lockdown,
            paired_now: true,
        })
    }

    /// The phone usbmuxd sees.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The device's facts (name, model, iOS version, serial number, identifier, number).
    pub fn facts(&mut self) -> Result<BTreeMap<String, String>, DeviceError> {
        let all = self.lockdown.value(None, None)?;
        let mut out = BTreeMap::new();
        if let Some(d) = all.as_dictionary() {
            for (key, label) in FACTS {
                if let Some(v) = d.get(key).and_then(Value::as_string) {
                    out.insert((*label).to_owned(), v.to_owned());
                }
            }
        }
        Ok(out)
    }

    /// Whether the phone encrypts its backups (a password was set on it earlier).
    pub fn backup_is_encrypted(&mut self) -> Result<bool, DeviceError> {
        match self
            .lockdown
            .value(Some("com.apple.mobile.backup"), Some("WillEncrypt"))
        {
            Ok(v) => Ok(v.as_boolean().unwrap_or(false)),
            Err(DeviceError::Protocol(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn service(&mut self, name: &str, escrow: bool) -> Result<BoxStream, DeviceError> {
        let bag = if escrow {
            self.record.escrow_bag.clone()
        } else {
            None
        };
        let endpoint = self.lockdown.start_service(name, bag.as_deref())?;
        let stream = self.mux.connect(&self.device, endpoint.port)?;
        if endpoint.ssl {
            crate::tls::client(stream, &self.record)
        } else {
            Ok(stream)
        }
    }

    /// The installed apps (and whether the list was cut at [`services::MAX_APPS`]).
    pub fn apps(&mut self) -> Result<(Vec<InstalledApp>, bool), DeviceError> {
        let mut s = self.service(services::INSTALLATION_PROXY, false)?;
        services::installed_apps(&mut s)
    }

    /// The installed configuration profiles.
    pub fn profiles(&mut self) -> Result<Vec<InstalledProfile>, DeviceError> {
        let mut s = self.service(services::PROFILES, false)?;
        services::installed_profiles(&mut s)
    }

    /// Makes a fresh full backup into `sink`, with an `Info.plist` written from the device's
    /// facts and `apps`, as iTunes does.
    pub fn backup(
        &mut self,
        apps: &[InstalledApp],
        sink: &mut dyn BackupSink,
        progress: &mut dyn FnMut(f64),
    ) -> Result<BackupSummary, DeviceError> {
        let facts = self.facts()?;
        let mut info = plist::Dictionary::new();
        for (k, v) in &facts {
            info.insert(k.clone(), Value::String(v.clone()));
        }
        if let Some(name) = facts.get("Device Name") {
            info.insert("Display Name".into(), Value::String(name.clone()));
        }
        info.insert(
            "Target Identifier".into(),
            Value::String(self.device.udid.clone()),
        );
        info.insert("Target Type".into(), Value::String("Device".into()));
        info.insert(
            "Last Backup Date".into(),
            Value::Date(SystemTime::now().into()),
        );
        info.insert(
            "Installed Applications".into(),
            Value::Array(
                apps.iter()
                    .filter(|a| a.kind.as_deref() == Some("User"))
                    .map(|a| Value::String(a.bundle_id.clone()))
                    .collect(),
            ),
        );
        info.insert(
            "Made By".into(),
            dict([(
                "Tool",
                Value::String(concat!("vigie ", env!("CARGO_PKG_VERSION")).into()),
            )]),
        );
        // As iTunes does: no other computer or app syncs the phone meanwhile.
        let np = self.service(crate::sync::NOTIFICATION_PROXY, false)?;
        let afc = self.service(crate::sync::AFC, false)?;
        let lock = crate::sync::SyncLock::take(np, afc)?;
        let mut s = self.service(services::MOBILEBACKUP2, true)?;
        let udid = self.device.udid.clone();
        let received = receive_backup(&mut s, &udid, &Value::Dictionary(info), sink, progress);
        // A lock not let go here goes when the connection closes; the backup stands.
        let _ = lock.release();
        received
    }
}
