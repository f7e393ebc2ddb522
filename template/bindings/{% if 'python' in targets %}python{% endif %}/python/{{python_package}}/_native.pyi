# Type stubs of the Rust extension module (bindings/python/src/lib.rs).
# Keep them in step with the Rust code: tests/test_api.py runs mypy's stubtest,
# which compares every name and signature here with the compiled module.

from typing import final

__all__ = [
    "EmptyNameError",
    "Error",
    "UnsupportedLanguageError",
    "WordCounter",
    "core_version",
    "crc32",
    "greet",
    "version",
]

class Error(ValueError):
    """Base class of every error raised by this package."""

class EmptyNameError(Error):
    """The name to greet was empty or only whitespace."""

class UnsupportedLanguageError(Error):
    """No greeting is known for the requested language."""

def greet(name: str, language: str = "en") -> str:
    """Greet ``name`` in ``language`` (an ISO 639-1 code such as "en" or "fr").

    Raises:
        EmptyNameError: ``name`` is empty or only whitespace.
        UnsupportedLanguageError: no greeting is known for ``language``.
    """

def crc32(data: bytes) -> int:
    """Return the IEEE CRC-32 of ``data``, equal to ``zlib.crc32(data)``."""

def version() -> str:
    """Return the version of this Python package."""

def core_version() -> str:
    """Return the version of the Rust core that this package was built with."""

@final
class WordCounter:
    """Counts words across any number of texts, case-insensitively."""

    def __init__(self) -> None: ...
    def add(self, text: str) -> None:
        """Add every word of ``text``."""

    def count(self, word: str) -> int:
        """Return how often ``word`` was seen; 0 for an unknown word."""

    @property
    def total(self) -> int:
        """How many words were added in all."""

    def most_common(self, n: int) -> list[tuple[str, int]]:
        """The ``n`` most frequent words and their counts, most frequent first."""
