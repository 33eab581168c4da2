//! A fake usbmuxd with one fake iPhone behind it, for people and scripts:
//! `double DIR [BACKUP_FOLDER]`. It listens on a socket in DIR, prints the value for
//! `USBMUXD_SOCKET_ADDRESS` on its first line, and serves until it is stopped. With BACKUP_FOLDER, the phone sends that folder's files as its
//! backup. The phone trusts the computer after the question stayed on screen briefly.
use std::io::Write;
use vigie_ios_device::double::{FakeIphone, FakeUsbmuxd};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = std::path::PathBuf::from(args.next().ok_or("usage: double DIR [BACKUP_FOLDER]")?);
    std::fs::create_dir_all(&dir)?;
    let mut phone = FakeIphone::new("00008110-000A1B2C3D4E5F60");
    phone.backup_from = args.next().map(std::path::PathBuf::from);
    let mux = FakeUsbmuxd::start(&dir, phone)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", mux.env_value())?;
    out.flush()?;
    // The double serves on its own threads until the process is stopped.
    loop {
        std::thread::park();
    }
}
