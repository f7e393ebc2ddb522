"""Uses every form of the day-one API from Python; prints one line per result.

check.mjs prints the same lines from JavaScript. mypy --strict checks this file
against the generated stubs.
"""

from __future__ import annotations

from typing import Any

import PACKAGE as lib


def show_version(version: lib.Version) -> str:
    return f"{version.major} {version.minor} {version.patch} {version.pre}"


def main() -> None:
    version = lib.parse("1.2.3-rc.1")
    print("parse:", show_version(version))
    print("str:", str(version))
    print("bump:", show_version(lib.bump(version, lib.Level.Minor)))
    print("bump by:", show_version(lib.bump(version, lib.Level.Major, 2)))
    print("record ==:", version == lib.Version(major=1, minor=2, patch=3, pre="rc.1"))
    print("fingerprint:", lib.fingerprint(b"polybind"))
    print("fingerprint > 2^53:", lib.fingerprint(b"polybind") > 2**53)
    print("fingerprint bytearray:", lib.fingerprint(bytearray(b"polybind")))
    print("fingerprint memoryview:", lib.fingerprint(memoryview(b"polybind")))
    print("encode:", list(lib.encode(version)))
    print("area circle:", round(lib.area(lib.Shape.Circle(radius=1.0)), 6))
    print("area rect:", lib.area(lib.Shape.Rect(width=2.0, height=3.0)))
    print("area empty:", lib.area(lib.Shape.Empty()))
    print("tally:", sorted(lib.tally([lib.Level.Major, lib.Level.Patch, lib.Level.Major]).items()))
    levels: list[lib.Level] = [lib.Level.Major, lib.Level.Major, lib.Level.Minor]
    print("level ==:", levels[0] == levels[1], levels[0] == levels[2])
    print("level hash:", len({lib.Level.Major, lib.Level.Major, lib.Level.Minor}))
    try:
        lib.parse("1.x")
    except lib.ParseError as error:
        print("parse error:", error.code, error.position, error.expected, str(error))
    try:
        lib.bump(lib.Version(major=2**64 - 1, minor=0, patch=0), lib.Level.Major)
    except lib.OverflowError as error:
        print("overflow:", error.code, isinstance(error, lib.Error))
    try:
        lib.check_name("Type")
    except lib.TypeError as error:
        print("type error:", error.code, error.value)
    print(
        "describe:",
        lib.describe(
            "demo",
            version,
            lib.Level.Patch,
            [lib.Shape.Empty()],
            {"b": 2.0, "a": 1.5},
            (7, "seven"),
            b"xyz",
        ),
    )
    print(
        "describe keywords:",
        lib.describe("demo", version, lib.Level.Patch, [], {}, (0, ""), b"", "given", 2**60),
    )
    registry = lib.Registry.from_list([("alpha", lib.parse("1.0.0")), ("beta", version)])
    other = lib.Registry()
    other.add("gamma", lib.parse("3.0.0"))
    registry.merge(other)
    print("size:", registry.size)
    entry = lib.Registry.parse_entry("zeta@1.0.0")
    print("parse entry:", entry.size if entry else None, lib.Registry.parse_entry("zeta"))
    print("str registry:", str(registry))
    newer = registry.at_least(lib.parse("1.2.0"))
    print("at least:", sorted(name for name in newer.entries()))
    print("isinstance:", isinstance(newer, lib.Registry))
    found = registry.get("gamma")
    print("get:", show_version(found) if found else None, registry.get("zeta"))
    print("delete:", registry.delete("alpha"), registry.delete("alpha"))
    print("class ==:", registry == registry.at_least(lib.parse("0.0.0")))
    chunks: list[bytes] = lib.chunks(b"polybind", 3)
    print("chunks:", [chunk.decode() for chunk in chunks])
    print("join:", lib.join([b"poly", b"bind"]).decode())
    record: lib.Pieces = lib.pieces(b"polybind", 5)
    pieces: list[bytes] = record.parts
    print("pieces:", record.size, [piece.decode() for piece in pieces])
    print("pieces ==:", record == lib.Pieces(size=5, parts=[b"polyb", b"ind"]))
    print("total size:", lib.total_size([registry, other, registry]))
    print("size or zero:", lib.size_or_zero(registry), lib.size_or_zero(None), lib.size_or_zero())
    print("sizes:", sorted(lib.sizes({"main": registry, "other": other}).items()))
    biggest = lib.largest([other, registry])
    print("largest:", biggest.size if biggest else None, lib.largest([]))
    extra = lib.Registry.from_list([("delta", lib.parse("4.0.0"))])
    registry.merge_all([extra, other])
    print("merge all:", registry.size, extra.size, other.size)
    parts = registry.split()
    print("split:", sorted(parts), sorted(part.size for part in parts.values()))
    crew = lib.team("ops", registry)
    previous = crew.previous
    print(
        "team:",
        crew.owner,
        crew.registry.size,
        isinstance(crew.registry, lib.Registry),
        previous.size if previous else None,
    )
    print("team size:", lib.team_size([crew, lib.Team(owner="dev", registry=other)]))
    wrong: list[Any] = [registry, 1]
    try:
        lib.total_size(wrong)
    except TypeError as error:
        # The message says what was wrong; a note names the parameter.
        notes: list[str] = getattr(error, "__notes__", [])
        print("not a class:", any("registries" in text for text in [str(error), *notes]))


main()
