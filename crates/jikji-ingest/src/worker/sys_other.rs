//! Elsewhere than Unix no worker starts (`Worker::start` says so) and files are read in
//! process; these keep the module compiling.

use std::path::{Path, PathBuf};
use std::process::ExitStatus;

pub fn limit_memory(_bytes: u64) -> std::io::Result<()> {
    Ok(())
}

pub fn protocol_stdout() -> std::io::Result<std::fs::File> {
    Err(std::io::Error::other("isolation needs a Unix system"))
}

pub fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

pub fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

pub fn signal_of(_status: ExitStatus) -> Option<i32> {
    None
}

pub fn signal_name(signal: i32) -> String {
    format!("signal {signal}")
}
