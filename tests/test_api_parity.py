"""Build tier: the API parity check of a generated project (`make check-api`).

A project with both the Python and a JavaScript binding compares the two public
APIs of its built packages, and fails on a difference that api-parity.toml does not
declare. Most negative controls give the check a drifted package without a rebuild:
a copy of the installed Python package or of the npm package's dist/ with one edit,
which is what the same edit to the binding's source and a rebuild produce (both
builds copy `__init__.py` and js/ verbatim). One rebuilds the extension module.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DEFAULT_PATTERN
from projects import build_env, install_wheel, python_tool, restored, run

pytestmark = pytest.mark.build

PYTHON_PACKAGE = "my_library"


@pytest.fixture(scope="module")
def project(built_project) -> Path:
    return built_project(DEFAULT_PATTERN)


def check(
    project: Path,
    *,
    python_path: Path | None = None,
    js_dist: Path | None = None,
    declared: Path | None = None,
):
    """Runs the project's checker as `make check-api` does, on the given copies."""
    js_module = (js_dist or project / "bindings" / "javascript" / "dist") / "api.js"
    command = [
        python_tool(project, "python"),
        str(project / "scripts" / "check_api_parity.py"),
        PYTHON_PACKAGE,
        str(js_module),
        "--declared",
        str(declared or project / "api-parity.toml"),
    ]
    env = dict(os.environ)
    if python_path is not None:
        env["PYTHONPATH"] = str(python_path)
    return run(command, cwd=project, env=env, check=False)


def drifted_python(
    project: Path, tmp_path: Path, edit: Callable[[str], str], file: str = "__init__.py"
) -> Path:
    """A copy of the installed Python package with `edit` applied to its `file`
    (`__init__.py`, or the stubs `_native.pyi`); returns the folder to put on
    PYTHONPATH."""
    located = run(
        [
            python_tool(project, "python"),
            "-c",
            f"import {PYTHON_PACKAGE}; print({PYTHON_PACKAGE}.__file__)",
        ],
        cwd=tmp_path,
    )
    installed = Path(located.stdout.strip()).parent
    copy = tmp_path / "site" / PYTHON_PACKAGE
    shutil.copytree(installed, copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / file
    edited = edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8"), "the edit changed nothing"
    path.write_text(edited, encoding="utf-8")
    return tmp_path / "site"


def drifted_js(project: Path, tmp_path: Path, file: str, edit: Callable[[str], str]) -> Path:
    """A copy of the npm package's dist/ with `edit` applied to `file`."""
    copy = tmp_path / "dist"
    shutil.copytree(project / "bindings" / "javascript" / "dist", copy)
    path = copy / file
    edited = edit(path.read_text(encoding="utf-8"))
    assert edited != path.read_text(encoding="utf-8"), "the edit changed nothing"
    path.write_text(edited, encoding="utf-8")
    return copy


def declared_with(project: Path, tmp_path: Path, table: str, line: str) -> Path:
    """A copy of api-parity.toml with `line` added to `[table]`."""
    text = (project / "api-parity.toml").read_text(encoding="utf-8")
    assert f"[{table}]\n" in text
    copy = tmp_path / "api-parity.toml"
    copy.write_text(text.replace(f"[{table}]\n", f"[{table}]\n{line}\n"), encoding="utf-8")
    return copy


def python_only_function(text: str) -> str:
    return (
        text
        + '\n\ndef only_in_python() -> None:\n    """New."""\n\n\n__all__ += ["only_in_python"]\n'
    )


def assert_fails_naming(result, *names: str) -> None:
    assert result.returncode != 0, result.stdout
    for name in names:
        assert name in result.stderr, (name, result.stderr)
    assert "Traceback" not in result.stderr


def test_make_check_api_passes_for_the_default_project(
    project: Path, cargo_target_dir: Path
) -> None:
    result = run(["make", "check-api"], cwd=project, env=build_env(cargo_target_dir))
    assert re.search(r"api-parity: Python and JavaScript agree on \d+ names", result.stdout)


def test_a_function_in_python_only_fails_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(project, tmp_path, python_only_function)
    result = check(project, python_path=site)
    assert_fails_naming(result, "`only_in_python` is in Python only", "`onlyInPython`")


def test_a_function_in_javascript_only_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project, tmp_path, "api.js", lambda text: text + "\nexport function onlyInJs() {}\n"
    )
    assert_fails_naming(check(project, js_dist=dist), "`onlyInJs` is in JavaScript only")


def test_a_method_renamed_in_one_binding_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project,
        tmp_path,
        "api.js",
        lambda text: text.replace("  mostCommon(n) {", "  topWords(n) {"),
    )
    assert_fails_naming(
        check(project, js_dist=dist),
        "`WordCounter.most_common` is in Python only",
        "`WordCounter.topWords` is in JavaScript only",
    )


def test_a_method_renamed_in_the_rust_of_one_binding_fails_the_check(
    project: Path, tmp_path: Path, cargo_target_dir: Path
) -> None:
    """The one control that rebuilds: the extension module itself drifts. The wheel
    goes to tmp_path and is installed there; the project keeps its own."""
    lib = project / "bindings" / "python" / "src" / "lib.rs"
    with restored(lib):
        original = lib.read_text(encoding="utf-8")
        assert "fn most_common(&self" in original
        lib.write_text(original.replace("fn most_common(&self", "fn top_words(&self"))
        # Other projects of the run share the cargo target dir and the crate names, and
        # cargo trusts an artifact newer than the sources: make this project's newer.
        for source in (project / "core" / "src").rglob("*.rs"):
            source.touch()
        run(
            [
                python_tool(project, "maturin"),
                "build",
                "--release",
                "--manifest-path",
                str(project / "bindings" / "python" / "Cargo.toml"),
                "--out",
                str(tmp_path / "wheel"),
            ],
            cwd=project,
            env=build_env(cargo_target_dir),
        )
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    site = tmp_path / "site"
    install_wheel(project, wheel, site)
    assert_fails_naming(
        check(project, python_path=site),
        "`WordCounter.top_words` is in Python only",
        "`WordCounter.mostCommon` is in JavaScript only",
    )


def test_an_error_class_missing_in_one_binding_fails_the_check(
    project: Path, tmp_path: Path
) -> None:
    def drop_class(text: str) -> str:
        return re.sub(r"export class UnsupportedLanguageError .*?\n}\n", "", text, flags=re.S)

    dist = drifted_js(project, tmp_path, "errors.js", drop_class)
    assert_fails_naming(
        check(project, js_dist=dist), "error class `UnsupportedLanguageError` is in Python only"
    )


def test_an_error_code_that_differs_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project, tmp_path, "errors.js", lambda text: text.replace('"EMPTY_NAME"', '"NO_NAME"')
    )
    assert_fails_naming(
        check(project, js_dist=dist), "`EmptyNameError`", '"EMPTY_NAME"', '"NO_NAME"'
    )


def test_a_property_that_is_a_method_in_one_binding_fails_the_check(
    project: Path, tmp_path: Path
) -> None:
    dist = drifted_js(
        project, tmp_path, "api.js", lambda text: text.replace("  get total() {", "  total() {")
    )
    assert_fails_naming(
        check(project, js_dist=dist),
        "`WordCounter.total` is a property in Python but `WordCounter.total` is a method",
    )


def test_a_declared_difference_passes_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(project, tmp_path, python_only_function)
    declared = declared_with(
        project, tmp_path, "python-only", 'only_in_python = "JavaScript has no use for it"'
    )
    result = check(project, python_path=site, declared=declared)
    assert result.returncode == 0, result.stderr


def test_a_declaration_without_a_difference_fails_the_check(project: Path, tmp_path: Path) -> None:
    declared = declared_with(project, tmp_path, "python-only", 'gone = "was removed"')
    assert_fails_naming(check(project, declared=declared), "gone is declared Python-only")


def test_a_declaration_without_a_reason_fails_the_check(project: Path, tmp_path: Path) -> None:
    declared = declared_with(project, tmp_path, "python-only", 'only_in_python = ""')
    assert_fails_naming(check(project, declared=declared), "only_in_python", "needs a reason")


# --- Enums: a PyO3 enum is a class whose members are its instances; wasm-bindgen's
# a frozen object of names and numbers. Both sides get one, as their builds make it.
PYTHON_ENUM = """

class Level:
    \"\"\"As PyO3 makes an enum: members are instances of the class.\"\"\"


Level.Major = Level()  # type: ignore[attr-defined]
Level.Minor = Level()  # type: ignore[attr-defined]
__all__ += ["Level"]
"""
JS_ENUM = """
export const Level = Object.freeze({ Major: 0, 0: "Major", Minor: 1, 1: "Minor" });
"""


def test_an_enum_in_both_bindings_passes_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(project, tmp_path, lambda text: text + PYTHON_ENUM)
    dist = drifted_js(project, tmp_path, "api.js", lambda text: text + JS_ENUM)
    result = check(project, python_path=site, js_dist=dist)
    assert result.returncode == 0, result.stderr


def test_an_enum_member_in_python_only_fails_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(project, tmp_path, lambda text: text + PYTHON_ENUM)
    dist = drifted_js(
        project,
        tmp_path,
        "api.js",
        lambda text: text + JS_ENUM.replace(', Minor: 1, 1: "Minor"', ""),
    )
    result = check(project, python_path=site, js_dist=dist)
    assert_fails_naming(result, "enum member `Level.Minor` is in Python only")
    assert "`Level.Major`" not in result.stderr
    assert "constant" not in result.stderr


# --- Special methods: Python's __str__ is JavaScript's toString.
PYTHON_CLASS_WITH_STR = """

class Version:
    \"\"\"A class with a Display impl.\"\"\"

    def __str__(self) -> str:
        return "1.0.0"


__all__ += ["Version"]
"""
JS_CLASS = """
export class Version {
  toString() {
    return "1.0.0";
  }
}
"""


def test_str_and_to_string_are_one_method(project: Path, tmp_path: Path) -> None:
    site = drifted_python(project, tmp_path, lambda text: text + PYTHON_CLASS_WITH_STR)
    dist = drifted_js(project, tmp_path, "api.js", lambda text: text + JS_CLASS)
    result = check(project, python_path=site, js_dist=dist)
    assert result.returncode == 0, result.stderr


def test_a_to_string_without_str_fails_the_check(project: Path, tmp_path: Path) -> None:
    without_str = PYTHON_CLASS_WITH_STR.replace(
        '    def __str__(self) -> str:\n        return "1.0.0"\n', "    pass\n"
    )
    site = drifted_python(project, tmp_path, lambda text: text + without_str)
    dist = drifted_js(project, tmp_path, "api.js", lambda text: text + JS_CLASS)
    assert_fails_naming(
        check(project, python_path=site, js_dist=dist),
        "method `Version.toString` is in JavaScript only",
    )


# --- Signatures and error fields, from the stubs and the type declarations.
def stub_edit(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return edit


def test_the_signatures_of_the_default_project_agree(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stderr


def test_a_default_that_differs_fails_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(
        project, tmp_path, stub_edit('language: str = "en"', 'language: str = "de"'), "_native.pyi"
    )
    assert_fails_naming(
        check(project, python_path=site),
        'parameter `language` of `greet` defaults to "de" in Python but "en" in JavaScript',
    )


def test_a_parameter_renamed_in_one_binding_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project,
        tmp_path,
        "api.d.ts",
        lambda text: text.replace("count(word: string)", "count(term: string)"),
    )
    assert_fails_naming(
        check(project, js_dist=dist),
        "`WordCounter.count` takes (word) in Python but (term) in JavaScript",
    )


def test_a_parameter_type_that_differs_fails_the_check(project: Path, tmp_path: Path) -> None:
    site = drifted_python(
        project,
        tmp_path,
        stub_edit("def count(self, word: str)", "def count(self, word: bytes)"),
        "_native.pyi",
    )
    assert_fails_naming(
        check(project, python_path=site),
        "parameter `word` of `WordCounter.count` is bytes in Python but str in JavaScript",
    )


def test_a_parameter_optional_in_one_binding_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project,
        tmp_path,
        "api.d.ts",
        lambda text: text.replace("greet(name: string,", "greet(name?: string,"),
    )
    assert_fails_naming(
        check(project, js_dist=dist),
        "parameter `name` of `greet` is required in Python but optional in JavaScript",
    )


def test_a_result_type_that_differs_fails_the_check(project: Path, tmp_path: Path) -> None:
    dist = drifted_js(
        project,
        tmp_path,
        "api.d.ts",
        lambda text: text.replace("get total(): bigint;", "get total(): string;"),
    )
    assert_fails_naming(
        check(project, js_dist=dist),
        "`WordCounter.total` returns int in Python but str in JavaScript",
    )


def test_an_error_field_missing_in_one_binding_fails_the_check(
    project: Path, tmp_path: Path
) -> None:
    site = drifted_python(
        project, tmp_path, stub_edit("    language: str\n", "    lang: str\n"), "_native.pyi"
    )
    assert_fails_naming(
        check(project, python_path=site),
        "field `UnsupportedLanguageError.lang` is in Python only",
        "field `UnsupportedLanguageError.language` is in JavaScript only",
    )
