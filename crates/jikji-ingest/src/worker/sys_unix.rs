//! The Unix side of the worker: its memory limit (`setrlimit`), the protocol's own stdout,
//! paths as bytes, the names of signals.

use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;

/// Limits this process's address space: an allocation past it fails (and Rust aborts).
pub fn limit_memory(bytes: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct it is given and changes only this process.
    if unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// A handle on stdout for the replies alone; stdout itself then goes to stderr, so that
/// nothing a reader prints can be taken for a reply.
pub fn protocol_stdout() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    let replies = std::io::stdout().as_fd().try_clone_to_owned()?;
    // SAFETY: dup2 on the process's own standard descriptors, which stay open.
    if unsafe { libc::dup2(2, 1) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(std::fs::File::from(replies))
}

pub fn path_bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_bytes().to_vec()
}

pub fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

pub fn signal_of(status: ExitStatus) -> Option<i32> {
    status.signal()
}

pub fn signal_name(signal: i32) -> String {
    match signal {
        libc::SIGABRT => "abort".into(),
        libc::SIGSEGV => "segmentation fault".into(),
        libc::SIGBUS => "bus error".into(),
        libc::SIGILL => "illegal instruction".into(),
        libc::SIGFPE => "arithmetic fault".into(),
        libc::SIGKILL => "killed, perhaps by the system for lack of memory".into(),
        other => format!("signal {other}"),
    }
}
