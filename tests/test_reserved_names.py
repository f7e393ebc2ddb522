"""includes/reserved-names.jinja stays in step with the Python running the tests."""

from __future__ import annotations

import keyword
import re
import sys

from conftest import ROOT

TEXT = (ROOT / "includes" / "reserved-names.jinja").read_text(encoding="utf-8")


def jinja_list(name: str) -> set[str]:
    body = re.search(rf"set {name} = \[(.*?)\]", TEXT, re.S)
    assert body, name
    return set(re.findall(r'"([^"]+)"', body.group(1)))


def test_every_public_stdlib_module_is_reserved() -> None:
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public <= jinja_list("python_stdlib")


def test_every_python_keyword_is_reserved() -> None:
    assert set(keyword.kwlist) <= jinja_list("python_keywords")


def test_rust_strict_keywords_are_reserved() -> None:
    strict = {"as", "break", "const", "crate", "fn", "impl", "mod", "self", "super", "type"}
    assert strict <= jinja_list("rust_reserved")
