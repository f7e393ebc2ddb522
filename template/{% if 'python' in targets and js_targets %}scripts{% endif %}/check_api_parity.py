"""Checks that the Python and the JavaScript packages expose the same API.

Usage: check_api_parity.py PYTHON_PACKAGE JS_MODULE [--declared FILE]

Reads both surfaces from the built packages, never from their sources: it imports
PYTHON_PACKAGE (the installed wheel) and introspects the names of its `__all__`;
it runs Node to import JS_MODULE (the npm package's built API module) and
introspects its exports. Functions, classes with their methods, static members
and properties, enums with their members, error classes with their `code` and
their parent class are compared, snake_case in Python against camelCase in
JavaScript (`most_common` is `mostCommon`; `__str__` is `toString`, `__eq__` is
`equals`). Every difference fails the check unless the declarations file
(api-parity.toml) lists it with a reason; a declared name that is no longer a
difference fails it too, so the file stays true (a `*` pattern may match nothing).

Then the signatures are compared, from the type declarations that both packages
ship (the `.pyi` stubs of the Python package, checked against the module by
stubtest; the `.d.ts` of the npm package, emitted from its JSDoc) and the defaults
of the JavaScript implementation: parameter names, types, optionality and default
values, return types, and the data fields of error classes. A Python `int` matches
a JavaScript `number` or `bigint`, `bytes` any byte buffer, `X | None` an optional
or `X | undefined`.

Names that start with an underscore, and Python's other dunder names, are not API.
"""

from __future__ import annotations

import argparse
import ast
import enum
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
const isEnum = (value) =>
  typeof value === "object" && value !== null && Object.isFrozen(value) &&
  Object.keys(value).length > 0 &&
  Object.values(value).every((item) => ["number", "string"].includes(typeof item));
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
  } else if (isEnum(value)) {
    // wasm-bindgen's enum: a frozen object of names to values (and values to names).
    surface[name] = { kind: "enum" };
    for (const member of Object.keys(value).filter((key) => !/^\d+$/.test(key))) {
      surface[`${name}.${member}`] = { kind: "enum member" };
    }
  } else {
    surface[name] = { kind: typeof value === "function" ? "function" : "constant" };
  }
}
console.log(JSON.stringify(surface));
"""


# Dumps the signatures that the type declarations (the .d.ts beside the module at
# argv[1]) give, read with the package's own TypeScript compiler, and the default
# values of the implementation, in the shape `python_declarations` returns.
NODE_DECLARATIONS = r"""
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const moduleFile = process.argv[1];
// TypeScript from the npm package's dev dependencies: beside the module, or in the
// package folder of the workspace (for a copy of dist/ elsewhere).
const ts = [moduleFile, `${process.cwd()}/bindings/javascript/package.json`]
  .map((base) => {
    try {
      return createRequire(base)("typescript");
    } catch {
      return null;
    }
  })
  .find(Boolean);
if (!ts) throw new Error("no TypeScript: run `npm install` in bindings/javascript");
const K = ts.SyntaxKind;
const declarationFile = moduleFile.replace(/\.js$/, ".d.ts");
const program = ts.createProgram([declarationFile], {
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: [],
});
const checker = program.getTypeChecker();
const BYTES = ["Uint8Array", "ArrayBuffer", "ArrayBufferView", "BufferSource"];
const LISTS = ["Array", "ReadonlyArray"];
const MAPS = ["Map", "Record"];
const type = (node) => {
  if (!node) return ["any"];
  switch (node.kind) {
    case K.StringKeyword: return ["str"];
    case K.NumberKeyword: return ["number"];
    case K.BigIntKeyword: return ["int"];
    case K.BooleanKeyword: return ["bool"];
    case K.VoidKeyword:
    case K.UndefinedKeyword: return ["none"];
    case K.LiteralType:
      return node.literal.kind === K.NullKeyword ? ["none"] : ["any"];
    case K.ParenthesizedType: return type(node.type);
    case K.ArrayType: return ["list", type(node.elementType)];
    case K.TupleType:
      return ["tuple", node.elements.map((e) => type(e.type ?? e))];
    case K.UnionType: return ["union", node.types.map(type)];
    case K.TypeReference: {
      const name = node.typeName.getText();
      const args = node.typeArguments ?? [];
      if (BYTES.includes(name)) return ["bytes"];
      if (LISTS.includes(name) && args.length === 1) return ["list", type(args[0])];
      if (MAPS.includes(name) && args.length === 2) return ["map", type(args[1])];
      return ["name", name];
    }
    default: return ["any"];
  }
};
// Default values come from the implementation: a .d.ts has none.
const text = readFileSync(moduleFile, "utf8");
const source = ts.createSourceFile(moduleFile, text, ts.ScriptTarget.ES2022);
const defaults = new Map();
const note = (key, fn) => {
  for (const { name, initializer } of fn.parameters) {
    if (initializer) {
      defaults.set(`${key}(${name.getText(source)})`, initializer.getText(source));
    }
  }
};
ts.forEachChild(source, (node) => {
  if (ts.isFunctionDeclaration(node) && node.name) note(node.name.text, node);
  if (!ts.isClassDeclaration(node) || !node.name) return;
  for (const member of node.members) {
    const key = ts.isConstructorDeclaration(member)
      ? "constructor"
      : ts.isMethodDeclaration(member) && member.name.getText(source);
    if (key) note(`${node.name.text}.${key}`, member);
  }
});
const signature = (key, decl) => ({
  params: decl.parameters.map((p) => ({
    name: p.name.getText(),
    type: type(p.type),
    optional: Boolean(p.questionToken || p.initializer),
    default: defaults.get(`${key}(${p.name.getText()})`) ?? null,
  })),
  returns: type(decl.type),
});
const out = {};
const entry = checker.getSymbolAtLocation(program.getSourceFile(declarationFile));
for (let symbol of checker.getExportsOfModule(entry)) {
  const name = symbol.name;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const decl of symbol.declarations ?? []) {
    if (ts.isFunctionDeclaration(decl)) out[name] = signature(name, decl);
    if (!ts.isClassDeclaration(decl)) continue;
    const fields = {};
    for (const member of decl.members) {
      if (ts.isConstructorDeclaration(member)) {
        out[`${name}.constructor`] = signature(`${name}.constructor`, member);
      }
      if (!member.name || ts.isPrivateIdentifier(member.name)) continue;
      const key = `${name}.${member.name.getText()}`;
      const isStatic = ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static;
      if (ts.isMethodDeclaration(member)) out[key] = signature(key, member);
      if (ts.isGetAccessorDeclaration(member)) {
        out[key] = { returns: type(member.type) };
      }
      if (ts.isPropertyDeclaration(member) && !isStatic) {
        fields[member.name.getText()] = type(member.type);
      }
    }
    out[`${name}.<fields>`] = fields;
  }
}
console.log(JSON.stringify(out));
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
        elif inspect.isclass(value) and enum_members(value):
            surface[name] = {"kind": "enum"}
            for member in enum_members(value):
                surface[f"{name}.{member}"] = {"kind": "enum member"}
        elif inspect.isclass(value):
            surface[name] = {"kind": "class", "parent": parent_of(value)}
            for member in dir(value):
                if member in PAIRED_DUNDERS and member in vars(value):
                    surface[f"{name}.{member}"] = {"kind": "method"}
                if member.startswith("_") or hasattr(object, member):
                    continue
                kind = member_kind(inspect.getattr_static(value, member))
                surface[f"{name}.{member}"] = {"kind": kind}
        else:
            surface[name] = {"kind": "function" if callable(value) else "constant"}
    return surface


# Python's special methods that JavaScript spells as ordinary methods.
PAIRED_DUNDERS = {"__str__": "toString", "__eq__": "equals"}


def enum_members(cls: type) -> list[str]:
    """The members of an enum class: `enum.Enum`'s, or a PyO3 enum's (class
    attributes that are instances of the class itself); none for other classes."""
    if issubclass(cls, enum.Enum):
        return list(cls.__members__)
    return [
        name
        for name, value in vars(cls).items()
        if not name.startswith("_") and type(value) is cls
    ]


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
        member = PAIRED_DUNDERS.get(member) or to_camel(member)
        return f"{self.to_javascript(owner)}.{member}" if dot else member

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


Signatures = dict[str, Any]
TypeTree = list[Any]

BYTES_TYPES = {"bytes", "bytearray", "memoryview", "Buffer"}
SELF = {"self", "cls"}
LIST_TYPES = {"list", "List", "Sequence", "Iterable"}
MAP_TYPES = {"dict", "Dict", "Mapping"}


def python_type(node: ast.expr | None) -> TypeTree:
    """A stub's annotation as a type tree, the shape of NODE_DECLARATIONS's."""
    if node is None:
        return ["any"]
    if isinstance(node, ast.Constant):
        if node.value is None:
            return ["none"]
        if isinstance(node.value, str):  # a quoted annotation
            return python_type(ast.parse(node.value, mode="eval").body)
        return ["any"]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return ["union", [python_type(node.left), python_type(node.right)]]
    if isinstance(node, ast.Name | ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        if name in {"str", "int", "float", "bool"}:
            return [name]
        return ["bytes"] if name in BYTES_TYPES else ["name", name]
    if isinstance(node, ast.Subscript):
        base = python_type(node.value)
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        args = [python_type(item) for item in items]
        name = base[1] if base[0] == "name" else None
        if name in LIST_TYPES:
            return ["list", args[0]]
        if name in MAP_TYPES:
            return ["map", args[-1]]
        if name in {"tuple", "Tuple"}:
            return ["tuple", args]
        if name == "Optional":
            return ["union", [args[0], ["none"]]]
        if name == "Union":
            return ["union", args]
    return ["any"]


def python_declarations(package_name: str) -> Signatures:
    """The signatures and error fields of the package's stubs (`*.pyi` beside its
    modules), keyed by Python name: `Class.method`, `Class.constructor` for
    `__init__` or `__new__`, `Class.<fields>` for the instance attributes."""
    package = importlib.import_module(package_name)
    found: Signatures = {}
    for stub in sorted(Path(package.__file__).parent.glob("*.pyi")):
        for node in ast.parse(stub.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found[node.name] = python_signature(node)
            elif isinstance(node, ast.ClassDef):
                fields = {}
                for item in node.body:
                    if isinstance(item, ast.FunctionDef):
                        member = item.name
                        if member in {"__init__", "__new__"}:
                            member = "constructor"
                        elif member.startswith("_"):
                            continue
                        found[f"{node.name}.{member}"] = python_signature(item)
                    elif (
                        isinstance(item, ast.AnnAssign)
                        and isinstance(item.target, ast.Name)
                        and "ClassVar" not in ast.unparse(item.annotation)
                    ):
                        fields[item.target.id] = python_type(item.annotation)
                found[f"{node.name}.<fields>"] = fields
    return found


def python_signature(function: ast.FunctionDef) -> dict[str, Any]:
    """Parameters (without `self`/`cls`) and result of a stub function."""
    decorators = {ast.unparse(decorator) for decorator in function.decorator_list}
    if "property" in decorators:
        return {"returns": python_type(function.returns)}
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (
        len(positional) - len(arguments.defaults)
    ) + list(arguments.defaults)
    pairs = [
        *zip(positional, defaults, strict=True),
        *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True),
    ]
    if pairs and "staticmethod" not in decorators and pairs[0][0].arg in SELF:
        pairs = pairs[1:]
    return {
        "params": [
            {
                "name": argument.arg,
                "type": python_type(argument.annotation),
                "optional": default is not None,
                "default": literal(default),
            }
            for argument, default in pairs
        ],
        "returns": python_type(function.returns),
    }


def literal(node: ast.expr | None) -> str | None:
    """A default value as JSON, or None when there is none or it is not a literal
    (`...` in a stub)."""
    if node is None:
        return None
    try:
        return json.dumps(ast.literal_eval(node))
    except ValueError:
        return None


def javascript_literal(text: str | None) -> str | None:
    """A default value of the JavaScript source as JSON, when it is a literal."""
    if text is None:
        return None
    if text == "undefined":
        return "null"
    try:
        return json.dumps(json.loads(text))
    except ValueError:
        return None


def javascript_declarations(module: Path) -> Signatures:
    """The signatures and error fields that the npm package's .d.ts declares."""
    result = subprocess.run(
        ["node", "--input-type=module", "-e", NODE_DECLARATIONS, str(module.resolve())],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(
            f"api-parity: could not read the type declarations of {module}:\n"
            f"{result.stderr}"
        )
    found: Signatures = json.loads(result.stdout)
    return found


def simplified(tree: TypeTree) -> TypeTree:
    """A union flattened, without repeated members; a union of one its member."""
    if tree[0] != "union":
        return tree
    members: list[TypeTree] = []
    for member in tree[1]:
        member = simplified(member)
        for item in member[1] if member[0] == "union" else [member]:
            if item not in members:
                members.append(item)
    return members[0] if len(members) == 1 else ["union", members]


def compatible(python: TypeTree, javascript: TypeTree) -> bool:
    """Whether a Python type and a JavaScript type describe the same values."""
    python, javascript = simplified(python), simplified(javascript)
    if "any" in (python[0], javascript[0]) or python == javascript:
        return True
    if javascript == ["number"]:
        return python in (["int"], ["float"])
    if javascript[0] == "union" and python[0] != "union":
        # A wider parameter type in JavaScript (`number | bigint` for an `int`).
        return all(compatible(python, member) for member in javascript[1])
    if python[0] != javascript[0]:
        return False
    if python[0] in {"list", "map"}:
        return compatible(python[1], javascript[1])
    if python[0] in {"tuple", "union"}:
        if len(python[1]) != len(javascript[1]):
            return False
        if python[0] == "tuple":
            return all(map(compatible, python[1], javascript[1]))
        left = list(javascript[1])
        for member in python[1]:
            match = next((other for other in left if compatible(member, other)), None)
            if match is None:
                return False
            left.remove(match)
        return True
    return False


def show(tree: TypeTree) -> str:
    """A type tree, readably."""
    kind = tree[0]
    if kind == "name":
        return str(tree[1])
    if kind in {"list", "map"}:
        return f"{kind}[{show(tree[1])}]"
    if kind in {"tuple", "union"}:
        separator = " | " if kind == "union" else ", "
        text = separator.join(show(item) for item in tree[1])
        return text if kind == "union" else f"tuple[{text}]"
    return str(kind)


def compare_signatures(
    python: Signatures, javascript: Signatures, declared: Declarations
) -> list[str]:
    """Every difference of signature or error fields between the names both share."""
    problems = []
    for py_name, ours in sorted(python.items()):
        owner, _, member = py_name.rpartition(".")
        if member in {"constructor", "<fields>"}:
            js_name = f"{declared.to_javascript(owner)}.{member}"
        else:
            js_name = declared.to_javascript(py_name)
        theirs = javascript.get(js_name)
        if theirs is None:
            continue  # a name in one binding only is reported by `compare`
        if member == "<fields>":
            problems += compare_fields(owner, ours, theirs)
            continue
        where = f"`{py_name}`" + ("" if js_name == py_name else f" (`{js_name}`)")
        if not compatible(ours["returns"], theirs["returns"]):
            problems.append(
                f"{where} returns {show(ours['returns'])} in Python but "
                f"{show(theirs['returns'])} in JavaScript"
            )
        if "params" not in ours or "params" not in theirs:
            continue
        ours_names = [to_camel(param["name"]) for param in ours["params"]]
        theirs_names = [param["name"] for param in theirs["params"]]
        if ours_names != theirs_names:
            problems.append(
                f"{where} takes ({', '.join(p['name'] for p in ours['params'])}) in "
                f"Python but ({', '.join(theirs_names)}) in JavaScript"
            )
            continue
        for mine, other in zip(ours["params"], theirs["params"], strict=True):
            label = f"parameter `{mine['name']}` of {where}"
            if not compatible(mine["type"], other["type"]):
                problems.append(
                    f"{label} is {show(mine['type'])} in Python but "
                    f"{show(other['type'])} in JavaScript"
                )
            if mine["optional"] != other["optional"]:
                state = {True: "optional", False: "required"}
                problems.append(
                    f"{label} is {state[mine['optional']]} in Python but "
                    f"{state[other['optional']]} in JavaScript"
                )
            default = javascript_literal(other["default"])
            if None not in (mine["default"], default) and mine["default"] != default:
                problems.append(
                    f"{label} defaults to {mine['default']} in Python but "
                    f"{other['default']} in JavaScript"
                )
    return problems


def compare_fields(
    owner: str, python: dict[str, TypeTree], javascript: dict[str, TypeTree]
) -> list[str]:
    """The data fields of an error class (or the attributes of a class)."""
    problems = []
    for name, tree in sorted(python.items()):
        other = javascript.get(to_camel(name))
        if other is None:
            problems.append(f"field `{owner}.{name}` is in Python only")
        elif not compatible(tree, other):
            problems.append(
                f"field `{owner}.{name}` is {show(tree)} in Python but {show(other)} "
                "in JavaScript"
            )
    camel = {to_camel(name) for name in python}
    problems += [
        f"field `{owner}.{name}` is in JavaScript only"
        for name in sorted(javascript)
        if name not in camel and name != "code"
    ]
    return problems


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
    problems += compare_signatures(
        python_declarations(arguments.python_package),
        javascript_declarations(arguments.js_module),
        declared,
    )
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
