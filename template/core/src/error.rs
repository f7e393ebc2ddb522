use std::fmt;

/// Everything the library can fail with.
///
/// Each variant has a stable [`code`](Error::code), and every binding turns each
/// variant into an error type of its own language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The name to greet was empty or only whitespace.
    EmptyName,
    /// No greeting is known for this language code.
    UnsupportedLanguage(String),
}

impl Error {
    /// A stable, machine-readable identifier of the error kind.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::EmptyName => "EMPTY_NAME",
            Self::UnsupportedLanguage(_) => "UNSUPPORTED_LANGUAGE",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyName => f.write_str("name must not be empty"),
            Self::UnsupportedLanguage(language) => write!(
                f,
                "unsupported language {language:?}; supported: {}",
                crate::LANGUAGES.join(", ")
            ),
        }
    }
}

impl std::error::Error for Error {}
