"""Checks that the Python and the JavaScript packages expose the same API.

Usage: check_api_parity.py PYTHON_PACKAGE JS_MODULE [--declared FILE]

Reads both surfaces from the built packages, never from their sources: it imports
PYTHON_PACKAGE (the installed wheel) and introspects the names of its `__all__`;
it runs Node to import JS_MODULE (the npm package's built API module) and
introspects its exports. Functions, classes with their methods, static members
and properties, error classes with their `code` and their parent class are
compared, snake_case in Python against camelCase in JavaScript (`most_common` is
`mostCommon`). Every difference fails the check unless the declarations file
(api-parity.toml) lists it with a reason; a declared name that is no longer a
difference fails it too, so the file stays true (a `*` pattern may match nothing).

Names that start with an underscore, and Python's dunder names, are not API.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - older Pythons read TOML with the tomli backport
    import tomli as tomllib

Surface = dict[str, dict[str, Any]]

# Dumps the exports of the module at argv[1] as JSON, in the shape `python_surface`
# returns. Classes and functions are told apart by their source text (`class ...`).
NODE_DUMP = r"""
import { pathToFileURL } from "node:url";
const api = await import(pathToFileURL(process.argv[1]).href);
const exported = new Map(Object.entries(api).map(([name, value]) => [value, name]));
const source = (value) => Function.prototype.toString.call(value);
const isClass = (value) =>
  typeof value === "function" && /^class\b/.test(source(value));
const parentOf = (value) => {
  for (let up = Object.getPrototypeOf(value); up; up = Object.getPrototypeOf(up)) {
    if (exported.has(up)) return exported.get(up);
  }
  return null;
};
const members = (cls) => {
  const found = {};
  for (let proto = cls.prototype; proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || name.startsWith("_")) continue;
      if (Object.hasOwn(found, name)) continue; // a subclass overrides it
      const { get, set } = Object.getOwnPropertyDescriptor(proto, name);
      found[name] = get || set ? "property" : "method";
    }
  }
  for (const name of Object.getOwnPropertyNames(cls)) {
    if (["length", "name", "prototype"].includes(name)) continue;
    if (name.startsWith("_")) continue;
    found[name] = typeof cls[name] === "function" ? "static method" : "static property";
  }
  return found;
};
const surface = {};
for (const [name, value] of Object.entries(api)) {
  if (name.startsWith("_")) continue;
  if (isClass(value) && value.prototype instanceof Error) {
    const code = value.code ?? null;
    surface[name] = { kind: "error class", code, parent: parentOf(value) };
  } else if (isClass(value)) {
    surface[name] = { kind: "class", parent: parentOf(value) };
    for (const [member, kind] of Object.entries(members(value))) {
      surface[`${name}.${member}`] = { kind };
    }
  } else {
    surface[name] = { kind: typeof value === "function" ? "function" : "constant" };
  }
}
console.log(JSON.stringify(surface));
"""


def python_surface(package_name: str) -> Surface:
    """The public names of the installed package `package_name`, by introspection."""
    package = importlib.import_module(package_name)
    names = getattr(package, "__all__", None)
    if names is None:
        raise SystemExit(
            f"api-parity: {package_name} has no __all__ listing its public API"
        )
    undefined = [name for name in names if not hasattr(package, name)]
    if undefined:
        raise SystemExit(
            f"api-parity: {package_name}.__all__ lists {', '.join(undefined)}, "
            "which the package does not define"
        )
    public = {
        name: getattr(package, name) for name in names if not name.startswith("_")
    }
    exported = {
        id(value): name for name, value in public.items() if inspect.isclass(value)
    }

    def parent_of(cls: type) -> str | None:
        return next(
            (exported[id(up)] for up in cls.__mro__[1:] if id(up) in exported), None
        )

    surface: Surface = {}
    for name, value in public.items():
        if inspect.isclass(value) and issubclass(value, BaseException):
            code = getattr(value, "code", None)
            surface[name] = {
                "kind": "error class",
                "code": code,
                "parent": parent_of(value),
            }
        elif inspect.isclass(value):
            surface[name] = {"kind": "class", "parent": parent_of(value)}
            for member in dir(value):
                if member.startswith("_") or hasattr(object, member):
                    continue
                kind = member_kind(inspect.getattr_static(value, member))
                surface[f"{name}.{member}"] = {"kind": kind}
        else:
            surface[name] = {"kind": "function" if callable(value) else "constant"}
    return surface


def member_kind(attribute: object) -> str:
    """What a class attribute is, in the words of `NODE_DUMP`."""
    if isinstance(attribute, (staticmethod, classmethod)):
        return "static method"
    if inspect.isdatadescriptor(attribute):  # property, or a PyO3 #[getter]
        return "property"
    if callable(attribute) or inspect.ismethoddescriptor(attribute):
        return "method"
    return "static property"


def javascript_surface(module: Path) -> Surface:
    """The exports of the built JavaScript module at `module`, as Node sees them."""
    if not module.is_file():
        raise SystemExit(
            f"api-parity: {module} does not exist: build the npm package first"
        )
    try:
        result = subprocess.run(
            ["node", "--input-type=module", "-e", NODE_DUMP, str(module.resolve())],
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise SystemExit("api-parity: `node` is not installed or not on PATH") from None
    if result.returncode != 0:
        raise SystemExit(
            f"api-parity: Node could not import {module}:\n{result.stderr}"
        )
    surface: Surface = json.loads(result.stdout)
    return surface


def to_camel(name: str) -> str:
    """`most_common` -> `mostCommon`; names that are not snake_case stay as they are."""
    if not re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name):
        return name
    first, *rest = name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def to_snake(name: str) -> str:
    """`mostCommon` -> `most_common`; names that are not camelCase stay as they are."""
    if not re.fullmatch(r"[a-z][A-Za-z0-9]*", name):
        return name
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class Declarations:
    """The intended differences of api-parity.toml, and which of them were used."""

    def __init__(self, path: Path) -> None:
        try:
            data = (
                tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
            )
        except tomllib.TOMLDecodeError as error:
            raise SystemExit(f"api-parity: {path} is not valid TOML: {error}") from None
        unknown = set(data) - {"python-only", "javascript-only", "renamed"}
        if unknown:
            raise SystemExit(
                f"api-parity: {path} has unknown tables {sorted(unknown)}; "
                "use [python-only], [javascript-only] and [renamed]"
            )
        self.path = path
        self.only: dict[str, dict[str, str]] = {
            "Python": data.get("python-only", {}),
            "JavaScript": data.get("javascript-only", {}),
        }
        self.renamed: dict[str, str] = {}
        for python_name, entry in data.get("renamed", {}).items():
            if not isinstance(entry, dict) or not {"javascript", "reason"} <= set(
                entry
            ):
                raise SystemExit(
                    f"api-parity: [renamed] {python_name} in {path} needs "
                    '`{ javascript = "theName", reason = "why" }`'
                )
            self.renamed[python_name] = entry["javascript"]
        for language, entries in self.only.items():
            for name, reason in entries.items():
                if not isinstance(reason, str) or not reason.strip():
                    raise SystemExit(
                        f"api-parity: {name} in {path} ({language} only) needs "
                        "a reason: "
                        f'{name} = "why only {language} has it"'
                    )
        self.used: set[tuple[str, str]] = set()

    def to_javascript(self, python_name: str) -> str:
        """The JavaScript spelling of a Python name, `Class.member` included."""
        if python_name in self.renamed:
            return self.renamed[python_name]
        owner, dot, member = python_name.rpartition(".")
        return (
            f"{self.to_javascript(owner)}.{to_camel(member)}"
            if dot
            else to_camel(member)
        )

    def allows(self, language: str, name: str) -> bool:
        """Whether `name`, found in `language` only, is declared."""
        for pattern in self.only[language]:
            if fnmatch.fnmatchcase(name, pattern):
                self.used.add((language, pattern))
                return True
        return False

    def unused(self) -> list[str]:
        """The declared names that are no longer differences. A pattern is a rule
        (`*.free`: every class) and may match nothing."""
        return [
            f"{name} is declared {language}-only in {self.path.name}, but is not: "
            "remove the declaration"
            for language, entries in self.only.items()
            for name in entries
            if (language, name) not in self.used and not re.search(r"[*?\[]", name)
        ]


def compare(python: Surface, javascript: Surface, declared: Declarations) -> list[str]:
    """Every difference between the two surfaces that `declared` does not allow."""
    problems = []
    by_javascript_name = {declared.to_javascript(name): name for name in python}
    for js_name, py_name in sorted(by_javascript_name.items()):
        owner = js_name.rpartition(".")[0]
        if js_name in javascript or (owner and owner not in javascript):
            continue  # present in both, or a member of a class that is reported itself
        if not declared.allows("Python", py_name):
            problems.append(
                f"{python[py_name]['kind']} `{py_name}` is in Python only "
                f"(JavaScript would call it `{js_name}`)"
            )
    for js_name, entry in sorted(javascript.items()):
        owner = js_name.rpartition(".")[0]
        if js_name in by_javascript_name or (owner and owner not in by_javascript_name):
            continue
        if not declared.allows("JavaScript", js_name):
            python_name = ".".join(to_snake(part) for part in js_name.split("."))
            problems.append(
                f"{entry['kind']} `{js_name}` is in JavaScript only "
                f"(Python would call it `{python_name}`)"
            )
    for js_name, py_name in sorted(by_javascript_name.items()):
        if js_name not in javascript:
            continue
        ours, theirs = python[py_name], javascript[js_name]
        if ours["kind"] != theirs["kind"]:
            problems.append(
                f"`{py_name}` is a {ours['kind']} in Python but `{js_name}` is a "
                f"{theirs['kind']} in JavaScript"
            )
            continue
        if "code" in ours and ours["code"] != theirs["code"]:
            problems.append(
                f"error class `{py_name}` has the code {json.dumps(ours['code'])} in "
                f"Python but {json.dumps(theirs['code'])} in JavaScript"
            )
        parent = ours.get("parent")
        if parent is not None:
            parent = declared.to_javascript(parent)
        if parent != theirs.get("parent"):
            none = "no exported class"
            problems.append(
                f"`{py_name}` derives from {parent or none} in Python but "
                f"from {theirs.get('parent') or none} in JavaScript"
            )
    return problems + declared.unused()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "python_package", help="the import name of the installed package"
    )
    parser.add_argument("js_module", type=Path, help="the built JavaScript API module")
    parser.add_argument(
        "--declared",
        type=Path,
        default=Path("api-parity.toml"),
        help="the file of intended differences (default: api-parity.toml)",
    )
    arguments = parser.parse_args()
    declared = Declarations(arguments.declared)
    try:
        python = python_surface(arguments.python_package)
    except ImportError as error:
        raise SystemExit(
            f"api-parity: cannot import {arguments.python_package} ({error}): "
            "install the wheel first"
        ) from None
    javascript = javascript_surface(arguments.js_module)
    problems = compare(python, javascript, declared)
    if problems:
        print("api-parity: the Python and the JavaScript API differ:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print(
            "Add what is missing to the other binding, or declare the difference with "
            f"its reason in {arguments.declared}.",
            file=sys.stderr,
        )
        return 1
    names = sum(1 for name in python if "." not in name)
    print(f"api-parity: Python and JavaScript agree on {names} names and their members")
    return 0


if __name__ == "__main__":
    sys.exit(main())
