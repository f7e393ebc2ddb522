//! The recipes' types for Node.js: the napi-rs twins of the wasm crate's
//! (bindings/javascript/src/recipes.rs), with the same names and the same values,
//! so that js/recipes.js wraps either one.

use napi::bindgen_prelude::{BigInt, BigUint64Array, Either, Uint8Array, Undefined};
use napi_derive::napi;

use crate::library::recipes as core;

/// Which part of a version to bump: a numeric enum, as wasm-bindgen's.
#[napi]
pub enum Level {
    /// `1.2.3` becomes `2.0.0`.
    Major,
    /// `1.2.3` becomes `1.3.0`.
    Minor,
    /// `1.2.3` becomes `1.2.4`.
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

/// A record: napi-rs writes a `#[napi(object)]` struct as a plain object,
/// `{ major, minor, patch }` of bigints.
#[napi(object)]
pub struct VersionParts {
    /// The major number.
    pub major: BigInt,
    /// The minor number.
    pub minor: BigInt,
    /// The patch number.
    pub patch: BigInt,
}

impl From<core::VersionParts> for VersionParts {
    fn from(parts: core::VersionParts) -> Self {
        Self {
            major: parts.major.into(),
            minor: parts.minor.into(),
            patch: parts.patch.into(),
        }
    }
}

/// An enum with data: napi-rs writes each variant as a plain object whose `tag`
/// names it, beside the variant's fields.
#[napi(discriminant = "tag")]
pub enum Requirement {
    /// Any version.
    Any,
    /// This version only.
    Exact {
        /// The version.
        version: VersionParts,
    },
    /// This version or a later one of the same major.
    Compatible {
        /// The lowest version.
        version: VersionParts,
    },
}

impl From<core::Requirement> for Requirement {
    fn from(requirement: core::Requirement) -> Self {
        match requirement {
            core::Requirement::Any => Self::Any,
            core::Requirement::Exact { version } => Self::Exact {
                version: version.into(),
            },
            core::Requirement::Compatible { version } => Self::Compatible {
                version: version.into(),
            },
        }
    }
}

/// A `u64` from a bigint argument, which js/recipes.js has checked.
fn to_u64(value: &BigInt) -> u64 {
    value.get_u64().1
}

/// A semantic version, `major.minor.patch`.
#[napi]
pub struct Version {
    inner: core::Version,
}

#[napi]
impl Version {
    /// The version `major.minor.patch`.
    #[napi(constructor, catch_unwind)]
    #[must_use]
    pub fn new(major: BigInt, minor: BigInt, patch: BigInt) -> Self {
        Self {
            inner: core::Version::new(to_u64(&major), to_u64(&minor), to_u64(&patch)),
        }
    }

    /// Parses "1.2.3"; `undefined` for anything else (napi-rs writes `None` as
    /// `null`, hence `Either`).
    #[napi(catch_unwind)]
    #[must_use]
    pub fn parse(text: String) -> Either<Version, Undefined> {
        match core::Version::parse(&text) {
            Some(inner) => Either::A(Self { inner }),
            None => Either::B(()),
        }
    }

    /// The next version at `level`.
    #[napi(catch_unwind)]
    #[must_use]
    pub fn bump(&self, level: Level) -> Version {
        Self {
            inner: self.inner.bump(level.into()),
        }
    }

    /// Whether this version comes after `other`.
    #[napi(js_name = "isNewerThan", catch_unwind)]
    #[must_use]
    pub fn is_newer_than(&self, other: &Version) -> bool {
        self.inner.is_newer_than(&other.inner)
    }

    /// Whether both are the same version.
    #[napi(catch_unwind)]
    #[must_use]
    pub fn equals(&self, other: &Version) -> bool {
        self.inner == other.inner
    }

    /// The major number.
    #[napi(getter, catch_unwind)]
    #[must_use]
    pub fn major(&self) -> BigInt {
        self.inner.major().into()
    }

    /// The version's numbers, as a record.
    #[napi(catch_unwind)]
    #[must_use]
    pub fn parts(&self) -> VersionParts {
        self.inner.parts().into()
    }

    /// The version's numbers, as an array `[major, minor, patch]` of bigints: napi-rs
    /// writes a tuple as an array.
    #[napi(catch_unwind)]
    #[must_use]
    pub fn numbers(&self) -> (BigInt, BigInt, BigInt) {
        let (major, minor, patch) = self.inner.numbers();
        (major.into(), minor.into(), patch.into())
    }

    /// The version's text as bytes, a `Uint8Array`.
    #[napi(js_name = "toBytes", catch_unwind)]
    #[must_use]
    pub fn to_bytes(&self) -> Uint8Array {
        Uint8Array::new(self.inner.to_bytes())
    }

    /// A stable 64-bit hash of the version's text.
    #[napi(catch_unwind)]
    #[must_use]
    pub fn fingerprint(&self) -> BigInt {
        self.inner.fingerprint().into()
    }

    /// The version as text, "1.2.3".
    #[napi(js_name = "toString", catch_unwind)]
    #[must_use]
    pub fn to_text(&self) -> String {
        self.inner.to_string()
    }

    /// Nothing to release: the garbage collector frees native objects.
    #[napi]
    pub fn free(&self) {}
}

/// A `Requirement` on its way into Rust, made by the function of its variant, as in
/// the wasm crate.
#[napi]
pub struct RequirementValue {
    inner: core::Requirement,
}

#[napi]
impl RequirementValue {
    /// The variant `Any`.
    #[napi(factory)]
    #[must_use]
    pub fn any() -> Self {
        Self {
            inner: core::Requirement::Any,
        }
    }

    /// The variant `Exact` of the version `major.minor.patch`.
    #[napi(factory)]
    #[must_use]
    pub fn exact(major: BigInt, minor: BigInt, patch: BigInt) -> Self {
        let version = Version::new(major, minor, patch).inner.parts();
        Self {
            inner: core::Requirement::Exact { version },
        }
    }

    /// The variant `Compatible` of the version `major.minor.patch`.
    #[napi(factory)]
    #[must_use]
    pub fn compatible(major: BigInt, minor: BigInt, patch: BigInt) -> Self {
        let version = Version::new(major, minor, patch).inner.parts();
        Self {
            inner: core::Requirement::Compatible { version },
        }
    }

    /// Nothing to release.
    #[napi]
    pub fn free(&self) {}
}

/// Parses "*", "=1.2.3" or "^1.2.3" into a tagged object; `undefined` for
/// anything else.
#[napi(js_name = "parseRequirement", catch_unwind)]
#[must_use]
pub fn parse_requirement(text: String) -> Either<Requirement, Undefined> {
    match core::Requirement::parse(&text) {
        Some(requirement) => Either::A(requirement.into()),
        None => Either::B(()),
    }
}

/// Records that crossed as three numbers each, as into the wasm crate.
fn records(numbers: &[u64]) -> impl Iterator<Item = core::VersionParts> + '_ {
    numbers.chunks_exact(3).map(|parts| core::VersionParts {
        major: parts[0],
        minor: parts[1],
        patch: parts[2],
    })
}

/// The entries of a map that `requirement` accepts, as `[name, record]` pairs, from
/// which js/recipes.js makes the `Map`: the version of `names[i]` is the `i`th
/// record of `numbers`.
#[napi(catch_unwind)]
#[must_use]
pub fn matching(
    names: Vec<String>,
    numbers: BigUint64Array,
    requirement: &RequirementValue,
) -> Vec<(String, VersionParts)> {
    let versions = names.into_iter().zip(records(&numbers)).collect();
    core::matching(&versions, requirement.inner)
        .into_iter()
        .map(|(name, version)| (name, version.into()))
        .collect()
}

/// `versions` from the oldest to the newest: records in, an array of records out.
#[napi(js_name = "oldestFirst", catch_unwind)]
#[must_use]
pub fn oldest_first(numbers: BigUint64Array) -> Vec<VersionParts> {
    core::oldest_first(records(&numbers).collect())
        .into_iter()
        .map(Into::into)
        .collect()
}
