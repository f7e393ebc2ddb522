//! The recipes' types for JavaScript.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

use crate::library::recipes as core;

pub use level::Level;

// The code that `#[wasm_bindgen]` generates for an enum compares floats, which
// clippy's pedantic `float_cmp` rejects; an `#[allow]` on the enum does not reach
// that code, one on a module around it does.
#[allow(clippy::float_cmp)]
mod level {
    use wasm_bindgen::prelude::*;

    /// Which part of a version to bump.
    #[wasm_bindgen]
    #[derive(Clone, Copy)]
    pub enum Level {
        /// `1.2.3` becomes `2.0.0`.
        Major,
        /// `1.2.3` becomes `1.3.0`.
        Minor,
        /// `1.2.3` becomes `1.2.4`.
        Patch,
    }
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
#[wasm_bindgen]
pub struct Version {
    inner: core::Version,
}

#[wasm_bindgen]
impl Version {
    /// The version `major.minor.patch`.
    #[wasm_bindgen(constructor)]
    #[must_use]
    pub fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            inner: core::Version::new(major, minor, patch),
        }
    }

    /// Parses "1.2.3"; `undefined` for anything else.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        core::Version::parse(text).map(|inner| Self { inner })
    }

    /// The next version at `level`.
    #[must_use]
    pub fn bump(&self, level: Level) -> Self {
        Self {
            inner: self.inner.bump(level.into()),
        }
    }

    /// Whether this version comes after `other`.
    #[wasm_bindgen(js_name = isNewerThan)]
    #[must_use]
    pub fn is_newer_than(&self, other: &Self) -> bool {
        self.inner.is_newer_than(&other.inner)
    }

    /// Whether both are the same version.
    #[must_use]
    pub fn equals(&self, other: &Self) -> bool {
        self.inner == other.inner
    }

    /// The major number.
    #[wasm_bindgen(getter)]
    #[must_use]
    pub fn major(&self) -> u64 {
        self.inner.major()
    }

    /// The version's numbers, as a record: a plain object `{ major, minor, patch }`
    /// of bigints, built with the crate's `plain_object` (as error fields are).
    #[must_use]
    pub fn parts(&self) -> Object {
        parts_object(self.inner.parts())
    }

    /// The version's numbers, as an array `[major, minor, patch]` of bigints:
    /// JavaScript has no tuples.
    #[must_use]
    pub fn numbers(&self) -> Array {
        let (major, minor, patch) = self.inner.numbers();
        Array::of3(&major.into(), &minor.into(), &patch.into())
    }

    /// The version's text as bytes: a `Vec<u8>` becomes a `Uint8Array`.
    #[wasm_bindgen(js_name = toBytes)]
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// A stable 64-bit hash of the version's text.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        self.inner.fingerprint()
    }

    /// The version as text, "1.2.3".
    #[wasm_bindgen(js_name = toString)]
    #[must_use]
    pub fn to_text(&self) -> String {
        self.inner.to_string()
    }
}

/// A record as a plain object `{ major, minor, patch }` of bigints.
fn parts_object(parts: core::VersionParts) -> Object {
    crate::plain_object(&[
        ("major", parts.major.into()),
        ("minor", parts.minor.into()),
        ("patch", parts.patch.into()),
    ])
}

/// An enum with data as a plain object whose `tag` names the variant, beside the
/// variant's fields: `{ tag: "Exact", version: { major, minor, patch } }`.
fn requirement_object(requirement: core::Requirement) -> Object {
    match requirement {
        core::Requirement::Any => crate::plain_object(&[("tag", "Any".into())]),
        core::Requirement::Exact { version } => crate::plain_object(&[
            ("tag", "Exact".into()),
            ("version", parts_object(version).into()),
        ]),
        core::Requirement::Compatible { version } => crate::plain_object(&[
            ("tag", "Compatible".into()),
            ("version", parts_object(version).into()),
        ]),
    }
}

/// A `Requirement` on its way into Rust. JavaScript's is a tagged object, which
/// js/recipes.js checks and turns into one of these with the function of its
/// variant; it lives for one call.
#[wasm_bindgen]
pub struct RequirementValue {
    inner: core::Requirement,
}

#[wasm_bindgen]
impl RequirementValue {
    /// The variant `Any`.
    #[must_use]
    pub fn any() -> Self {
        Self {
            inner: core::Requirement::Any,
        }
    }

    /// The variant `Exact` of the version `major.minor.patch`.
    #[must_use]
    pub fn exact(major: u64, minor: u64, patch: u64) -> Self {
        let version = core::Version::new(major, minor, patch).parts();
        Self {
            inner: core::Requirement::Exact { version },
        }
    }

    /// The variant `Compatible` of the version `major.minor.patch`.
    #[must_use]
    pub fn compatible(major: u64, minor: u64, patch: u64) -> Self {
        let version = core::Version::new(major, minor, patch).parts();
        Self {
            inner: core::Requirement::Compatible { version },
        }
    }
}

/// Parses "*", "=1.2.3" or "^1.2.3" into a tagged object; `undefined` for
/// anything else.
#[wasm_bindgen(js_name = parseRequirement)]
#[must_use]
pub fn parse_requirement(text: &str) -> Option<Object> {
    core::Requirement::parse(text).map(requirement_object)
}

/// Records that crossed as three numbers each (js/recipes.js flattens them):
/// wasm-bindgen passes no array or `Map` of plain objects in.
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
#[wasm_bindgen]
#[must_use]
pub fn matching(names: Vec<String>, numbers: &[u64], requirement: &RequirementValue) -> Array {
    let versions = names.into_iter().zip(records(numbers)).collect();
    core::matching(&versions, requirement.inner)
        .into_iter()
        .map(|(name, version)| Array::of2(&name.into(), &parts_object(version)))
        .collect()
}

/// `versions` from the oldest to the newest: records in, an array of records out.
#[wasm_bindgen(js_name = oldestFirst)]
#[must_use]
pub fn oldest_first(numbers: &[u64]) -> Array {
    let versions = records(numbers).collect();
    core::oldest_first(versions)
        .into_iter()
        .map(parts_object)
        .collect()
}
