//! The recipes' types for Python.

use std::fmt;

use pyo3::prelude::*;

use crate::library::recipes as core;

/// Which part of a version to bump.
#[pyclass(module = "{{ python_package }}", eq, eq_int, frozen, hash, from_py_object)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Major,
    Minor,
    Patch,
}

impl From<Level> for core::Level {
    fn from(level: Level) -> Self {
        match level {
            Level::Major => Self::Major,
            Level::Minor => Self::Minor,
            Level::Patch => Self::Patch,
        }
    }
}

/// A semantic version, `major.minor.patch`.
#[pyclass(module = "{{ python_package }}", frozen, eq, hash, str)]
#[derive(PartialEq, Eq, Hash)]
pub struct Version {
    inner: core::Version,
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

#[pymethods]
impl Version {
    #[new]
    const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            inner: core::Version::new(major, minor, patch),
        }
    }

    /// Parses "1.2.3"; None for anything else.
    #[staticmethod]
    fn parse(text: &str) -> Option<Self> {
        core::Version::parse(text).map(|inner| Self { inner })
    }

    /// The next version at `level`.
    fn bump(&self, level: Level) -> Self {
        Self {
            inner: self.inner.bump(level.into()),
        }
    }

    /// Whether this version comes after `other`.
    fn is_newer_than(&self, other: &Self) -> bool {
        self.inner.is_newer_than(&other.inner)
    }

    /// The major number.
    #[getter]
    const fn major(&self) -> u64 {
        self.inner.major()
    }

    /// A stable 64-bit hash of the version's text.
    fn fingerprint(&self) -> u64 {
        self.inner.fingerprint()
    }

    fn __repr__(&self) -> String {
        format!("Version.parse({:?})", self.inner.to_string())
    }
}
