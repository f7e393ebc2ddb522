"""The day-one API, the same in Python and JavaScript on random inputs.

Hypothesis draws the arguments (64-bit integers at and around their limits, any text,
any bytes); each call runs here, in Python, and in Node through oracle.mjs; both
results, or both errors with their class, code, message and fields, must be equal.
A difference fails with the smallest call that shows it.

Values cross as tagged JSON, exact in both languages: {"u64": "<decimal>"} and
{"bytes": "<hex>"} for arguments, {"int": "<decimal>"} in results, {"level": name},
{"record": ..., "fields": {...}} for a record, and {"map": [[key, value], ...]}.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from typing import Any

import PACKAGE as lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Reproducible in CI, with no example database beside the consumer.
settings.register_profile("differential", derandomize=True, database=None, deadline=None)
settings.load_profile("differential")

RECORDS = {"Version": ("major", "minor", "patch", "pre"), "Pieces": ("size", "parts")}
U64_MAX = 2**64 - 1

u64s = st.sampled_from([0, 1, 2**53 - 1, 2**53, 2**53 + 1, 2**63, U64_MAX - 1, U64_MAX])
u64s = u64s | st.integers(0, U64_MAX)
u32s = st.sampled_from([0, 1, 2**31, 2**32 - 1]) | st.integers(0, 2**32 - 1)
texts = st.text(st.characters(codec="utf-8"))
datas = st.binary(max_size=300)
levels = st.sampled_from(["Major", "Minor", "Patch"])
versions = st.fixed_dictionaries(
    {"major": u64s, "minor": u64s, "patch": u64s, "pre": st.none() | texts}
)
# Mostly almost-versions: numbers past u64, missing parts, stray characters.
version_texts = texts | st.from_regex(r"\A[0-9]{0,22}(\.[0-9]{0,22}){0,3}(-[a-z0-9.]*)?.?\Z")


def u64(value: int) -> dict[str, str]:
    return {"u64": str(value)}


def data(value: bytes) -> dict[str, str]:
    return {"bytes": value.hex()}


def level(name: str) -> dict[str, str]:
    return {"level": name}


def version(fields: dict[str, Any]) -> dict[str, Any]:
    numbers = {name: u64(fields[name]) for name in ("major", "minor", "patch")}
    return {"record": "Version", "fields": {**numbers, "pre": fields["pre"]}}


def decode(value: Any) -> Any:
    """A tagged argument as the Python package takes it."""
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "u64" in value:
        return int(value["u64"])
    if "bytes" in value:
        return bytes.fromhex(value["bytes"])
    if "level" in value:
        return getattr(lib.Level, value["level"])
    fields = {name: decode(field) for name, field in value["fields"].items()}
    return getattr(lib, value["record"])(**fields)


def encode(value: Any) -> Any:
    """A Python result in the tagged form oracle.mjs writes."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": value}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"map": sorted([key, encode(item)] for key, item in value.items())}
    names = RECORDS[type(value).__name__]
    return {"record": {name: encode(getattr(value, name)) for name in sorted(names)}}


def in_python(function: str, args: list[Any]) -> dict[str, Any]:
    try:
        return {"ok": encode(getattr(lib, function)(*map(decode, args)))}
    except lib.Error as error:
        fields = {name: encode(field) for name, field in vars(error).items() if name != "code"}
        return {
            "error": type(error).__name__,
            "code": error.code,
            "message": str(error),
            "fields": dict(sorted(fields.items())),
        }
    # Any other exception is a difference between the languages: kept, not raised.
    except Exception as error:
        return {"unexpected": f"{type(error).__name__}: {error}"}


@pytest.fixture(scope="module")
def node() -> Iterator[subprocess.Popen[str]]:
    with subprocess.Popen(
        ["node", "oracle.mjs"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as oracle:
        yield oracle
        assert oracle.stdin is not None
        oracle.stdin.close()


def same_in_both(node: subprocess.Popen[str], function: str, *args: Any) -> None:
    assert node.stdin is not None
    assert node.stdout is not None
    node.stdin.write(json.dumps({"function": function, "args": list(args)}) + "\n")
    node.stdin.flush()
    assert json.loads(node.stdout.readline()) == in_python(function, list(args))


@given(text=version_texts)
def test_parse(node, text: str) -> None:
    same_in_both(node, "parse", text)


@given(fields=versions, name=levels, by=st.none() | u64s)
def test_bump(node, fields: dict[str, Any], name: str, by: int | None) -> None:
    optional = [] if by is None else [u64(by)]
    same_in_both(node, "bump", version(fields), level(name), *optional)


@given(value=datas)
def test_fingerprint(node, value: bytes) -> None:
    same_in_both(node, "fingerprint", data(value))


@given(fields=versions)
def test_encode(node, fields: dict[str, Any]) -> None:
    same_in_both(node, "encode", version(fields))


@given(name=texts | st.just("Type"))
def test_check_name(node, name: str) -> None:
    same_in_both(node, "check_name", name)


@given(value=datas, size=u32s)
def test_chunks(node, value: bytes, size: int) -> None:
    same_in_both(node, "chunks", data(value), size)


@given(value=datas, size=u32s)
def test_pieces(node, value: bytes, size: int) -> None:
    same_in_both(node, "pieces", data(value), size)


@given(parts=st.lists(datas, max_size=6))
def test_join(node, parts: list[bytes]) -> None:
    same_in_both(node, "join", [data(part) for part in parts])


@given(names=st.lists(levels, max_size=20))
def test_tally(node, names: list[str]) -> None:
    same_in_both(node, "tally", [level(name) for name in names])
