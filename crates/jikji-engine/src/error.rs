//! Typed errors of the engine. Opening an index is the only fallible operation: searching
//! never fails (malformed queries degrade to plain terms).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The bytes do not start with the index magic: not a Jikji index at all.
    Magic,
    /// A Jikji index written by another format version.
    Version { expected: u32, got: u32 },
    /// The stored checksum does not match the bytes: the index was altered or damaged. `part`
    /// says where ("its postings section", "block p3.bin", "text chunk 4", "its header").
    Checksum {
        part: String,
        expected: u64,
        got: u64,
    },
    /// The bytes are structurally invalid (truncated, out-of-bounds section, bad encoding).
    Corrupt { what: String },
    /// A split index was asked for a block it has not been given yet (see
    /// `Index::take_missing_blocks`, `Index::missing_address`): not damage, a block still to
    /// fetch.
    Absent,
}

impl Error {
    pub(crate) fn corrupt(what: impl Into<String>) -> Error {
        Error::Corrupt { what: what.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Magic => write!(f, "not a Jikji index (bad magic bytes)"),
            Error::Version { expected, got } => write!(
                f,
                "index format version {got} is not supported (this build reads version {expected}); rebuild the index"
            ),
            Error::Checksum {
                part,
                expected,
                got,
            } => write!(
                f,
                "index checksum mismatch in {part} (stored {expected:016x}, computed {got:016x}): the index is damaged"
            ),
            Error::Corrupt { what } => write!(f, "corrupt index: {what}"),
            Error::Absent => write!(f, "a block of the index not fetched yet"),
        }
    }
}

impl std::error::Error for Error {}
