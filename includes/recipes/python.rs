//! The recipes' types for Python.

use std::collections::BTreeMap;
use std::fmt;

use pyo3::prelude::*;

use crate::library::recipes as core;

/// Which part of a version to bump.
// `module` goes in `#[pyo3(...)]`, which takes the options of `#[pyclass(...)]` too:
// the `#[pyclass]` line then keeps its length (and rustfmt its one-line form) whatever
// the package's name.
#[pyclass(eq, eq_int, frozen, hash, from_py_object)]
#[pyo3(module = "{{ python_package }}")]
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

/// The numbers of a version: a record, passed by value. `#[pyo3(get)]` makes a
/// field a read-only attribute; the constructor takes them by keyword, and
/// `from_py_object` lets a function, a map or an enum variant take the record by
/// value.
#[pyclass(frozen, eq, hash, from_py_object)]
#[pyo3(module = "{{ python_package }}")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct VersionParts {
    #[pyo3(get)]
    major: u64,
    #[pyo3(get)]
    minor: u64,
    #[pyo3(get)]
    patch: u64,
}

#[pymethods]
impl VersionParts {
    #[new]
    #[pyo3(signature = (*, major, minor, patch))]
    const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "VersionParts(major={}, minor={}, patch={})",
            self.major, self.minor, self.patch
        )
    }
}

impl From<core::VersionParts> for VersionParts {
    fn from(parts: core::VersionParts) -> Self {
        Self::new(parts.major, parts.minor, parts.patch)
    }
}

impl From<&VersionParts> for core::VersionParts {
    fn from(parts: &VersionParts) -> Self {
        Self {
            major: parts.major,
            minor: parts.minor,
            patch: parts.patch,
        }
    }
}

/// A semantic version, `major.minor.patch`.
#[pyclass(frozen, eq, hash, str)]
#[pyo3(module = "{{ python_package }}")]
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

    /// The version's numbers, as a record.
    fn parts(&self) -> VersionParts {
        self.inner.parts().into()
    }

    /// The version of `parts`.
    #[staticmethod]
    fn from_parts(parts: &VersionParts) -> Self {
        Self {
            inner: core::Version::from_parts(parts.into()),
        }
    }

    /// The version's numbers, as a tuple.
    const fn numbers(&self) -> (u64, u64, u64) {
        self.inner.numbers()
    }

    /// The version's text as bytes: a `Vec<u8>` becomes `bytes`.
    fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// A stable 64-bit hash of the version's text.
    fn fingerprint(&self) -> u64 {
        self.inner.fingerprint()
    }

    fn __repr__(&self) -> String {
        format!("Version.parse({:?})", self.inner.to_string())
    }
}

/// Which versions a dependency accepts: an enum with data. `PyO3` makes each
/// variant a subclass (`Requirement.Exact(version=...)`) whose fields are
/// read-only attributes, which `match` takes apart; a variant without data is
/// written with braces, and called as `Requirement.Any()`.
#[pyclass(frozen, eq)]
#[pyo3(module = "{{ python_package }}")]
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Any {},
    Exact { version: VersionParts },
    Compatible { version: VersionParts },
}

impl From<core::Requirement> for Requirement {
    fn from(requirement: core::Requirement) -> Self {
        match requirement {
            core::Requirement::Any => Self::Any {},
            core::Requirement::Exact { version } => Self::Exact {
                version: version.into(),
            },
            core::Requirement::Compatible { version } => Self::Compatible {
                version: version.into(),
            },
        }
    }
}

impl From<&Requirement> for core::Requirement {
    fn from(requirement: &Requirement) -> Self {
        match requirement {
            Requirement::Any {} => Self::Any,
            Requirement::Exact { version } => Self::Exact {
                version: version.into(),
            },
            Requirement::Compatible { version } => Self::Compatible {
                version: version.into(),
            },
        }
    }
}

/// Parses "*", "=1.2.3" or "^1.2.3"; None for anything else.
#[pyfunction]
pub fn parse_requirement(text: &str) -> Option<Requirement> {
    core::Requirement::parse(text).map(Into::into)
}

/// The entries of `versions` that `requirement` accepts: a map is a `dict`, in
/// and out, converted by `PyO3` (any `BTreeMap` or `HashMap` of convertible types).
#[pyfunction]
pub fn matching(
    versions: BTreeMap<String, VersionParts>,
    requirement: &Requirement,
) -> BTreeMap<String, VersionParts> {
    let versions = versions
        .into_iter()
        .map(|(name, version)| (name, (&version).into()))
        .collect();
    core::matching(&versions, requirement.into())
        .into_iter()
        .map(|(name, version)| (name, version.into()))
        .collect()
}

/// `versions` from the oldest to the newest: a `list` in, a `list` out (`Vec`).
#[pyfunction]
pub fn oldest_first(versions: Vec<VersionParts>) -> Vec<VersionParts> {
    let versions = versions
        .into_iter()
        .map(|version| core::VersionParts::from(&version))
        .collect();
    core::oldest_first(versions)
        .into_iter()
        .map(Into::into)
        .collect()
}
