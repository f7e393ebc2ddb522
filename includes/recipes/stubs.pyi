@final
class Level:
    """Which part of a version to bump."""

    Major: ClassVar[Level]
    Minor: ClassVar[Level]
    Patch: ClassVar[Level]
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __int__(self) -> int: ...

@final
class VersionParts:
    """The numbers of a version: a record, passed by value."""

    def __new__(cls, *, major: int, minor: int, patch: int) -> VersionParts: ...
    @property
    def major(self) -> int: ...
    @property
    def minor(self) -> int: ...
    @property
    def patch(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Version:
    """A semantic version, ``major.minor.patch``."""

    def __new__(cls, major: int, minor: int, patch: int) -> Version: ...
    @staticmethod
    def parse(text: str) -> Version | None:
        """Parse "1.2.3"; None for anything else."""

    def bump(self, level: Level) -> Version:
        """Return the next version at ``level``."""

    def is_newer_than(self, other: Version) -> bool:
        """Whether this version comes after ``other``."""

    @property
    def major(self) -> int:
        """The major number."""

    def parts(self) -> VersionParts:
        """Return the version's numbers, as a record."""

    @staticmethod
    def from_parts(parts: VersionParts) -> Version:
        """Return the version of ``parts``."""

    def numbers(self) -> tuple[int, int, int]:
        """Return the version's numbers, as a tuple."""

    def to_bytes(self) -> bytes:
        """Return the version's text as bytes."""

    def fingerprint(self) -> int:
        """Return a stable 64-bit hash of the version's text."""

    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@disjoint_base
class Requirement:
    """Which versions a dependency accepts: an enum with data."""

    @final
    class Any(Requirement):
        """Every version."""

        __match_args__ = ()
        def __new__(cls) -> Requirement.Any: ...

    @final
    class Exact(Requirement):
        """This version only."""

        __match_args__ = ("version",)
        def __new__(cls, version: VersionParts) -> Requirement.Exact: ...
        @property
        def version(self) -> VersionParts: ...

    @final
    class Compatible(Requirement):
        """This version or a later one with the same major number."""

        __match_args__ = ("version",)
        def __new__(cls, version: VersionParts) -> Requirement.Compatible: ...
        @property
        def version(self) -> VersionParts: ...

    def __eq__(self, other: object, /) -> bool: ...

def parse_requirement(text: str) -> Requirement | None:
    """Parse "*", "=1.2.3" or "^1.2.3"; None for anything else."""

def matching(
    versions: dict[str, VersionParts], requirement: Requirement
) -> dict[str, VersionParts]:
    """Return the entries of ``versions`` that ``requirement`` accepts."""

def oldest_first(versions: list[VersionParts]) -> list[VersionParts]:
    """Return ``versions`` from the oldest to the newest."""
