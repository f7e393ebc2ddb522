//! A versioning library, as a new user would declare it on day one: it replaces
//! the sample's core/src/lib.rs of a codegen project (CRATE is the crate's name).

mod error;

pub use crate::api::*;

/// The library's API.
#[CRATE_macros::bindings(python = "PACKAGE")]
pub mod api {
    use std::collections::{BTreeMap, HashMap};
    use std::fmt;

    /// Everything the library can fail with.
    #[errors]
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum Error {
        /// The text is not a version.
        Parse {
            /// Where parsing stopped, in bytes from the start.
            position: u64,
            /// What was expected there.
            expected: String,
        },
        /// A component went past its largest value.
        Overflow,
        /// The name is a JavaScript built-in's.
        Type(String),
    }

    /// Which component a bump raises.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Level {
        /// Incompatible changes.
        Major,
        /// New features.
        Minor,
        /// Fixes.
        Patch,
    }

    /// A version: three numbers and an optional pre-release tag.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct Version {
        /// Incompatible changes.
        pub major: u64,
        /// New features.
        pub minor: u64,
        /// Fixes.
        pub patch: u64,
        /// A pre-release tag such as `rc.1`.
        pub pre: Option<String>,
    }

    impl fmt::Display for Version {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
            match &self.pre {
                Some(pre) => write!(f, "-{pre}"),
                None => Ok(()),
            }
        }
    }

    /// A shape, to show an enum with data.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Shape {
        /// A circle.
        Circle {
            /// Its radius.
            radius: f64,
        },
        /// A rectangle.
        Rect {
            /// Its width.
            width: f64,
            /// Its height.
            height: f64,
        },
        /// Nothing.
        Empty,
    }

    /// Not part of the API: private, with an `impl`.
    struct Cursor<'a> {
        text: &'a str,
        position: usize,
    }

    impl<'a> Cursor<'a> {
        fn number(&mut self) -> Result<u64, Error> {
            let digits: String = self.text[self.position..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() {
                return Err(Error::Parse {
                    position: self.position as u64,
                    expected: "a number".to_owned(),
                });
            }
            self.position += digits.len();
            digits.parse().map_err(|_| Error::Overflow)
        }

        fn expect(&mut self, separator: char) -> Result<(), Error> {
            if self.text[self.position..].starts_with(separator) {
                self.position += 1;
                Ok(())
            } else {
                Err(Error::Parse {
                    position: self.position as u64,
                    expected: format!("{separator:?}"),
                })
            }
        }
    }

    /// The version of the library (the package's `__version__` reads it).
    #[must_use]
    pub const fn version() -> &'static str {
        env!("CARGO_PKG_VERSION")
    }

    /// Parses `text` such as `1.2.3` or `1.2.3-rc.1`.
    ///
    /// # Errors
    ///
    /// `Parse`, with the position, when `text` is not a version.
    pub fn parse(text: &str) -> Result<Version, Error> {
        let mut cursor = Cursor { text, position: 0 };
        let major = cursor.number()?;
        cursor.expect('.')?;
        let minor = cursor.number()?;
        cursor.expect('.')?;
        let patch = cursor.number()?;
        let pre = match cursor.text[cursor.position..].strip_prefix('-') {
            Some(tag) => Some(tag.to_owned()),
            None if cursor.position == text.len() => None,
            None => cursor.expect('-').map(|()| None)?,
        };
        Ok(Version {
            major,
            minor,
            patch,
            pre,
        })
    }

    /// `version` raised at `level`, by `by` (1 unless given).
    ///
    /// # Errors
    ///
    /// `Overflow` when the component would pass `u64::MAX`.
    pub fn bump(version: &Version, level: Level, #[default(1)] by: u64) -> Result<Version, Error> {
        let mut next = version.clone();
        next.pre = None;
        let raise = |value: u64| value.checked_add(by).ok_or(Error::Overflow);
        match level {
            Level::Major => (next.major, next.minor, next.patch) = (raise(next.major)?, 0, 0),
            Level::Minor => (next.minor, next.patch) = (raise(next.minor)?, 0),
            Level::Patch => next.patch = raise(next.patch)?,
        }
        Ok(next)
    }

    /// A 64-bit FNV-1a hash of `data`: values above 2^53 come out exact.
    #[must_use]
    pub fn fingerprint(data: &[u8]) -> u64 {
        data.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// The bytes of `version` written as text.
    #[must_use]
    pub fn encode(version: &Version) -> Vec<u8> {
        version.to_string().into_bytes()
    }

    /// The area of `shape`.
    #[must_use]
    pub fn area(shape: &Shape) -> f64 {
        match shape {
            Shape::Circle { radius } => std::f64::consts::PI * radius * radius,
            Shape::Rect { width, height } => width * height,
            Shape::Empty => 0.0,
        }
    }

    /// How many versions of each level `levels` holds, by name.
    #[must_use]
    pub fn tally(levels: Vec<Level>) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for level in levels {
            *counts.entry(format!("{level:?}")).or_insert(0) += 1;
        }
        counts
    }

    /// `name` unless it is `Type`, the name of a JavaScript built-in, to raise `TypeError`.
    ///
    /// # Errors
    ///
    /// `Type` for the name `Type`.
    pub fn check_name(name: &str) -> Result<String, Error> {
        if name == "Type" {
            Err(Error::Type(name.to_owned()))
        } else {
            Ok(name.to_owned())
        }
    }

    /// A long call: every kind of parameter at once, the last ones optional.
    #[allow(clippy::too_many_arguments)]
    #[must_use]
    pub fn describe(
        name: &str,
        version: Version,
        level: Level,
        shapes: Vec<Shape>,
        weights: HashMap<String, f64>,
        pair: (u32, String),
        data: &[u8],
        #[default("none")] default: &str,
        class: Option<u64>,
    ) -> String {
        let mut weights: Vec<_> = weights.into_iter().collect();
        weights.sort_by(|a, b| a.0.cmp(&b.0));
        format!(
            "{name} {version} {level:?} {} {weights:?} {pair:?} {} {default} {class:?}",
            shapes.len(),
            data.len()
        )
    }

    /// `data` cut into pieces of `size` bytes (the last one shorter).
    #[must_use]
    pub fn chunks(data: &[u8], size: u32) -> Vec<Vec<u8>> {
        data.chunks(size.max(1) as usize)
            .map(<[u8]>::to_vec)
            .collect()
    }

    /// Bytes cut into pieces.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Pieces {
        /// The length of every piece but the last.
        pub size: u32,
        /// The pieces.
        pub parts: Vec<Vec<u8>>,
    }

    /// `data` cut into pieces of `size` bytes, as a record.
    #[must_use]
    pub fn pieces(data: &[u8], size: u32) -> Pieces {
        Pieces {
            size,
            parts: chunks(data, size),
        }
    }

    /// The pieces put back together.
    #[must_use]
    pub fn join(parts: Vec<Vec<u8>>) -> Vec<u8> {
        parts.concat()
    }

    /// How many entries the registries hold together.
    #[must_use]
    pub fn total_size(registries: Vec<Registry>) -> u32 {
        registries.iter().map(Registry::size).sum()
    }

    /// The size of `registry`, 0 without one.
    #[must_use]
    pub fn size_or_zero(registry: Option<&Registry>) -> u32 {
        registry.map_or(0, Registry::size)
    }

    /// The size of each registry, by name.
    #[must_use]
    pub fn sizes(registries: HashMap<String, Registry>) -> BTreeMap<String, u32> {
        registries
            .iter()
            .map(|(name, registry)| (name.clone(), registry.size()))
            .collect()
    }

    /// The registry with the most entries, if any.
    #[must_use]
    pub fn largest(registries: &[Registry]) -> Option<Registry> {
        registries
            .iter()
            .max_by_key(|registry| registry.size())
            .cloned()
    }

    /// A registry and who keeps it: a record that holds a class.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Team {
        /// Who keeps the registry.
        pub owner: String,
        /// The versions the team ships.
        pub registry: Registry,
        /// The registry before the last change, if any.
        pub previous: Option<Registry>,
    }

    /// The team of `owner`, with a copy of `registry`.
    #[must_use]
    pub fn team(owner: &str, registry: &Registry) -> Team {
        Team {
            owner: owner.to_owned(),
            registry: registry.clone(),
            previous: Some(Registry::new()),
        }
    }

    /// How many entries the registries of `teams` hold together.
    #[must_use]
    pub fn team_size(teams: Vec<Team>) -> u32 {
        teams.iter().map(|team| team.registry.size()).sum()
    }

    /// Known versions by package name.
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Registry {
        versions: BTreeMap<String, Version>,
    }

    impl Registry {
        /// An empty registry.
        #[must_use]
        pub fn new() -> Self {
            Self::default()
        }

        /// A registry of `entries`.
        #[must_use]
        pub fn from_list(entries: Vec<(String, Version)>) -> Self {
            Self {
                versions: entries.into_iter().collect(),
            }
        }

        /// The registry of one entry written `name@version`, if `text` is one: a
        /// named constructor that may return nothing.
        #[must_use]
        pub fn parse_entry(text: &str) -> Option<Self> {
            let (name, version) = text.split_once('@')?;
            let version = parse(version).ok()?;
            Some(Self::from_list(vec![(name.to_owned(), version)]))
        }

        /// Records `version` of `name`.
        pub fn add(&mut self, name: &str, version: Version) {
            self.versions.insert(name.to_owned(), version);
        }

        /// Takes every entry of each of `others`, in order; later versions win.
        pub fn merge_all(&mut self, others: Vec<Registry>) {
            for other in &others {
                self.merge(other);
            }
        }

        /// One registry per entry, by package name.
        #[must_use]
        pub fn split(&self) -> BTreeMap<String, Registry> {
            self.versions
                .iter()
                .map(|(name, version)| {
                    let single = Self::from_list(vec![(name.clone(), version.clone())]);
                    (name.clone(), single)
                })
                .collect()
        }

        /// Takes every entry of `other`; its versions win.
        pub fn merge(&mut self, other: &Registry) {
            self.versions
                .extend(other.versions.iter().map(|(k, v)| (k.clone(), v.clone())));
        }

        /// A copy that holds only the entries at or above `minimum`.
        #[must_use]
        pub fn at_least(&self, minimum: &Version) -> Self {
            Self {
                versions: self
                    .versions
                    .iter()
                    .filter(|(_, version)| *version >= minimum)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            }
        }

        /// The version of `name`, if known.
        #[must_use]
        pub fn get(&self, name: &str) -> Option<Version> {
            self.versions.get(name).cloned()
        }

        /// Removes `name`; whether it was there (a JavaScript keyword as a method).
        pub fn delete(&mut self, name: &str) -> bool {
            self.versions.remove(name).is_some()
        }

        /// Every entry.
        #[must_use]
        pub fn entries(&self) -> HashMap<String, Version> {
            self.versions.clone().into_iter().collect()
        }

        /// How many entries it holds.
        #[getter]
        #[must_use]
        pub fn size(&self) -> u32 {
            self.versions.len() as u32
        }
    }

    impl fmt::Display for Registry {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let names: Vec<_> = self.versions.keys().cloned().collect();
            write!(f, "Registry({})", names.join(", "))
        }
    }
}
