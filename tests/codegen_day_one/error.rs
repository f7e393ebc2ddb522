//! How the day-one library's errors read.

use std::fmt;

use crate::Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse { position, expected } => {
                write!(f, "expected {expected} at position {position}")
            }
            Self::Overflow => f.write_str("a component went past its largest value"),
            Self::Type(name) => write!(f, "{name:?} is a JavaScript built-in"),
        }
    }
}

impl std::error::Error for Error {}
