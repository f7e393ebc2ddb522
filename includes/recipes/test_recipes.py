"""The recipes' API in Python (RECIPES.md)."""

from __future__ import annotations

from {{ python_package }} import (
    Level,
    Requirement,
    Version,
    VersionParts,
    matching,
    oldest_first,
    parse_requirement,
)


def fnv1a_64(text: str) -> int:
    """The fingerprint, computed in Python."""
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) % 2**64
    return value


def test_a_named_constructor_returns_an_instance_or_none() -> None:
    assert Version.parse("1.2.3") == Version(1, 2, 3)
    assert Version.parse("1.2") is None


def test_a_method_returns_a_new_instance() -> None:
    version = Version(1, 2, 3)
    assert version.bump(Level.Minor) == Version(1, 3, 0)
    assert version == Version(1, 2, 3)


def test_a_method_takes_another_instance() -> None:
    assert Version(2, 0, 0).is_newer_than(Version(1, 9, 9))


def test_enum_members_compare_and_hash() -> None:
    assert Level.Major == Level.Major
    assert Level.Major != Level.Minor
    assert len({Level.Major, Level.Major, Level.Patch}) == 2


def test_display_is_str_and_equality_hashes() -> None:
    assert str(Version(1, 2, 3)) == "1.2.3"
    assert hash(Version(1, 2, 3)) == hash(Version(1, 2, 3))


def test_a_64_bit_result_above_2_to_the_53_is_exact() -> None:
    fingerprint = Version(1, 2, 3).fingerprint()
    assert fingerprint > 2**53
    assert fingerprint == fnv1a_64("1.2.3")


def test_a_record_is_a_value_with_keyword_fields() -> None:
    parts = Version(1, 2, 3).parts()
    assert parts == VersionParts(major=1, minor=2, patch=3)
    assert (parts.major, parts.minor, parts.patch) == (1, 2, 3)
    assert repr(parts) == "VersionParts(major=1, minor=2, patch=3)"
    assert Version.from_parts(parts) == Version(1, 2, 3)


def test_an_enum_with_data_has_a_class_per_variant() -> None:
    oldest = VersionParts(major=1, minor=2, patch=0)
    requirement = parse_requirement("^1.2.0")
    assert requirement == Requirement.Compatible(version=oldest)
    assert isinstance(requirement, Requirement)
    assert requirement != Requirement.Exact(version=oldest)
    assert parse_requirement("*") == Requirement.Any()
    assert parse_requirement("1.2.0") is None


def test_match_takes_a_variant_apart() -> None:
    match parse_requirement("=1.2.3"):
        case Requirement.Exact(version):
            assert version == VersionParts(major=1, minor=2, patch=3)
        case other:
            raise AssertionError(other)


def test_a_map_goes_in_and_comes_out_as_a_dict() -> None:
    versions = {
        "alpha": VersionParts(major=1, minor=4, patch=0),
        "beta": VersionParts(major=2, minor=0, patch=0),
    }
    oldest = VersionParts(major=1, minor=2, patch=0)
    accepted = matching(versions, Requirement.Compatible(version=oldest))
    assert accepted == {"alpha": versions["alpha"]}
    assert matching(versions, Requirement.Any()) == versions


def test_a_list_a_tuple_and_bytes_come_out_as_list_tuple_and_bytes() -> None:
    newer = VersionParts(major=2, minor=0, patch=0)
    older = VersionParts(major=1, minor=9, patch=9)
    assert oldest_first([newer, older]) == [older, newer]
    assert Version(1, 2, 3).numbers() == (1, 2, 3)
    assert Version(1, 2, 3).to_bytes() == b"1.2.3"
