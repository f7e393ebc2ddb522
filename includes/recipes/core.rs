//! A small versioning API: the kinds of items of the recipes.

use std::collections::BTreeMap;
use std::fmt;

/// Which part of a version to bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// `1.2.3` becomes `2.0.0`.
    Major,
    /// `1.2.3` becomes `1.3.0`.
    Minor,
    /// `1.2.3` becomes `1.2.4`.
    Patch,
}

/// The numbers of a version: a record, every field public, passed by value.
/// Ordered as versions are: by major, then minor, then patch number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VersionParts {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

/// A semantic version, `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
}

impl Version {
    /// The version `major.minor.patch`.
    #[must_use]
    pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }

    /// Parses `"1.2.3"`; `None` for anything else.
    ///
    /// ```
    /// # use {{ crate_name }}::recipes::Version;
    /// assert_eq!(Version::parse("1.2.3"), Some(Version::new(1, 2, 3)));
    /// assert_eq!(Version::parse("1.2"), None);
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.').map(|part| part.parse::<u64>().ok());
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) => {
                Some(Self::new(major, minor, patch))
            }
            _ => None,
        }
    }

    /// The next version at `level`: a new value, this one is unchanged.
    #[must_use]
    pub const fn bump(&self, level: Level) -> Self {
        match level {
            Level::Major => Self::new(self.major + 1, 0, 0),
            Level::Minor => Self::new(self.major, self.minor + 1, 0),
            Level::Patch => Self::new(self.major, self.minor, self.patch + 1),
        }
    }

    /// Whether this version comes after `other`.
    #[must_use]
    pub fn is_newer_than(&self, other: &Self) -> bool {
        self > other
    }

    /// The major number.
    #[must_use]
    pub const fn major(&self) -> u64 {
        self.major
    }

    /// The version's numbers, as a record.
    #[must_use]
    pub const fn parts(&self) -> VersionParts {
        VersionParts {
            major: self.major,
            minor: self.minor,
            patch: self.patch,
        }
    }

    /// The version of `parts`.
    #[must_use]
    pub const fn from_parts(parts: VersionParts) -> Self {
        Self::new(parts.major, parts.minor, parts.patch)
    }

    /// The version's numbers as a tuple, `(major, minor, patch)`.
    #[must_use]
    pub const fn numbers(&self) -> (u64, u64, u64) {
        (self.major, self.minor, self.patch)
    }

    /// The version's text as bytes, `b"1.2.3"`.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// A 64-bit FNV-1a hash of the version's text: stable across languages and
    /// runs, and most often above 2^53, where a 64-bit float is inexact.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        self.to_string()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Which versions a dependency accepts: an enum with data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// Every version (`*`).
    Any,
    /// This version only (`=1.2.3`).
    Exact {
        /// The version accepted.
        version: VersionParts,
    },
    /// This version or a later one with the same major number (`^1.2.3`).
    Compatible {
        /// The oldest version accepted.
        version: VersionParts,
    },
}

impl Requirement {
    /// Parses `*`, `=1.2.3` or `^1.2.3`; `None` for anything else.
    ///
    /// ```
    /// # use {{ crate_name }}::recipes::{Requirement, Version};
    /// let requirement = Requirement::parse("^1.2.0").unwrap();
    /// assert!(requirement.accepts(Version::new(1, 4, 0).parts()));
    /// assert!(!requirement.accepts(Version::new(2, 0, 0).parts()));
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        if text == "*" {
            return Some(Self::Any);
        }
        if let Some(version) = text.strip_prefix('=') {
            let version = Version::parse(version)?.parts();
            return Some(Self::Exact { version });
        }
        let version = Version::parse(text.strip_prefix('^')?)?.parts();
        Some(Self::Compatible { version })
    }

    /// Whether `version` meets the requirement.
    #[must_use]
    pub fn accepts(&self, version: VersionParts) -> bool {
        match *self {
            Self::Any => true,
            Self::Exact { version: wanted } => version == wanted,
            Self::Compatible { version: oldest } => {
                version.major == oldest.major && version >= oldest
            }
        }
    }
}

/// The entries of `versions` (versions by package name) that `requirement`
/// accepts: a map in, a map out.
#[must_use]
pub fn matching(
    versions: &BTreeMap<String, VersionParts>,
    requirement: Requirement,
) -> BTreeMap<String, VersionParts> {
    versions
        .iter()
        .filter(|(_, version)| requirement.accepts(**version))
        .map(|(name, version)| (name.clone(), *version))
        .collect()
}

/// `versions` from the oldest to the newest: a list in, a list out.
#[must_use]
pub fn oldest_first(mut versions: Vec<VersionParts>) -> Vec<VersionParts> {
    versions.sort_unstable();
    versions
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{Level, Requirement, Version, matching, oldest_first};

    #[test]
    fn bumping_resets_the_lower_parts() {
        let version = Version::new(1, 2, 3);
        assert_eq!(version.bump(Level::Minor), Version::new(1, 3, 0));
        assert!(version.bump(Level::Patch).is_newer_than(&version));
    }

    #[test]
    fn a_version_round_trips_through_its_parts() {
        let version = Version::new(1, 2, 3);
        assert_eq!(version.parts().minor, 2);
        assert_eq!(Version::from_parts(version.parts()), version);
    }

    #[test]
    fn the_fingerprint_is_above_two_to_the_53() {
        assert!(Version::new(1, 2, 3).fingerprint() > 1 << 53);
    }

    #[test]
    fn a_compatible_requirement_keeps_the_major_number() {
        let oldest = Version::new(1, 2, 0).parts();
        let requirement = Requirement::Compatible { version: oldest };
        assert_eq!(Requirement::parse("^1.2.0"), Some(requirement));
        assert!(requirement.accepts(Version::new(1, 9, 0).parts()));
        assert!(!requirement.accepts(Version::new(1, 1, 9).parts()));
        assert!(!requirement.accepts(Version::new(2, 0, 0).parts()));
        assert_eq!(Requirement::parse("1.2.0"), None);
    }

    #[test]
    fn matching_keeps_the_accepted_entries() {
        let versions = BTreeMap::from([
            ("alpha".to_owned(), Version::new(1, 4, 0).parts()),
            ("beta".to_owned(), Version::new(2, 0, 0).parts()),
        ]);
        let accepted = matching(&versions, Requirement::parse("^1.0.0").unwrap());
        assert_eq!(accepted.keys().collect::<Vec<_>>(), ["alpha"]);
        assert_eq!(matching(&versions, Requirement::Any), versions);
    }

    #[test]
    fn oldest_first_sorts_by_major_then_minor_then_patch() {
        let versions = [(1, 10, 0), (1, 9, 9), (0, 99, 99)]
            .map(|(major, minor, patch)| Version::new(major, minor, patch).parts());
        let mut expected = versions.to_vec();
        expected.reverse();
        assert_eq!(oldest_first(versions.to_vec()), expected);
    }
}
