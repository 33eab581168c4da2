//! What a connected iPhone sends: usbmuxd messages, lockdown and service messages, AFC
//! packets (the sync lock), and a whole backup exchange (DeviceLink messages, uploaded files with their paths and status
//! codes) received into a sink that only counts. The first byte chooses; the rest is what
//! the phone's side of the connection says, and what Vigie answers is dropped.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};
use vigie_ios_device::{receive_backup, BackupSink};

/// The phone's side: reads come from the input, writes go nowhere.
struct FakePhone(Cursor<Vec<u8>>);

impl Read for FakePhone {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
}

impl Write for FakePhone {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A sink that keeps nothing.
struct Counting(u64);

impl BackupSink for Counting {
    fn create_dir(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn begin_file(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn write(&mut self, data: &[u8]) -> Result<(), String> {
        self.0 += data.len() as u64;
        Ok(())
    }
    fn end_file(&mut self) -> Result<(), String> {
        Ok(())
    }
    fn move_item(&mut self, _: &str, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn remove(&mut self, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn copy_item(&mut self, _: &str, _: &str) -> Result<(), String> {
        Ok(())
    }
    fn list(&mut self, _: &str) -> Result<Vec<(String, u64, bool)>, String> {
        Ok(vec![("Manifest.db".into(), 1, false)])
    }
    fn free_space(&mut self) -> u64 {
        1 << 40
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let mut phone = FakePhone(Cursor::new(rest.to_vec()));
    match selector % 4 {
        0 => while vigie_ios_device::read_usbmux_message(&mut phone).is_ok() {},
        1 => while vigie_ios_device::receive_plist_message(&mut phone).is_ok() {},
        3 => while vigie_ios_device::read_afc(&mut phone).is_ok() {},
        _ => {
            let mut stream: Box<dyn vigie_ios_device::Stream> = Box::new(phone);
            let info = plist::Value::Dictionary(plist::Dictionary::new());
            let _ = receive_backup(&mut stream, "UDID", &info, &mut Counting(0), &mut |_| {});
        }
    }
});
