"""Build tier: the codegen pattern declares the API once.

A function added to the declaration, by the one edit that the generated README
shows, is a function of the Python and the JavaScript package, with its types in the
generated stubs and declarations; no other file is edited by hand. The check of the
committed stubs and the macro's compile errors bite. The npm package has both of
its Node.js builds (node-native): the day-one API gives Python's results on each.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from projects import backend_env, build_env, generate, git, python_tool, restored, run

pytestmark = pytest.mark.build

NEW_FUNCTION = "shout"


def readme_edit(project: Path) -> str:
    """The Rust block under "Add a function: one edit" in the project's README."""
    readme = (project / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a function: one edit", 1)[1]
    match = re.search(r"```rust\n(.*?)```", section, re.S)
    assert match, "the README shows no Rust block for adding a function"
    return match.group(1)


def add_to_declaration(project: Path, code: str) -> None:
    """Puts `code` at the top of the `api` module of core/src/lib.rs."""
    lib = project / "core" / "src" / "lib.rs"
    text = lib.read_text(encoding="utf-8")
    opening = "pub mod api {\n"
    assert text.count(opening) == 1, "core/src/lib.rs has no `pub mod api {`"
    lib.write_text(text.replace(opening, opening + code + "\n"), encoding="utf-8")


@pytest.fixture(scope="module")
def extended(copier_template: Path, tmp_path_factory, cargo_target_dir) -> Path:
    """A codegen project (Python, and Node.js with the native addon), committed, then
    the README's one edit, then `make test` (which builds both packages and runs all
    their tests)."""
    project = generate(
        copier_template,
        tmp_path_factory,
        "codegen-edit",
        pattern="codegen",
        targets=["python", "node", "node-native"],
    )
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "generated")
    add_to_declaration(project, readme_edit(project))
    run(["make", "test"], cwd=project, env=build_env(cargo_target_dir))
    return project


def core_crate(project: Path) -> str:
    manifest = (project / "core" / "Cargo.toml").read_text(encoding="utf-8")
    return re.search(r'(?m)^name = "([^"]+)"', manifest).group(1)


def python_package(project: Path) -> str:
    (package,) = (project / "bindings" / "python" / "python").iterdir()
    return package.name


def test_the_readme_edit_adds_one_function(extended: Path) -> None:
    assert f"pub fn {NEW_FUNCTION}(text: &str) -> String" in readme_edit(extended)


def test_only_the_declaration_is_edited_and_the_stubs_regenerated(extended: Path) -> None:
    changed = set(git(extended, "diff", "--name-only").split())
    stubs = f"bindings/python/python/{python_package(extended)}/_native.pyi"
    assert changed == {"core/src/lib.rs", stubs}


def test_python_calls_the_new_function(extended: Path) -> None:
    package = python_package(extended)
    result = run(
        [
            python_tool(extended, "python"),
            "-c",
            f"import {package}; print({package}.{NEW_FUNCTION}('hello'))",
        ],
        cwd=extended,
    )
    assert result.stdout.strip() == "HELLO"


def test_javascript_calls_the_new_function(extended: Path) -> None:
    script = (
        f"import {{ {NEW_FUNCTION} }} from './bindings/javascript/dist/node.js';"
        f"console.log({NEW_FUNCTION}('hello'));"
    )
    result = run(["node", "--input-type=module", "-e", script], cwd=extended)
    assert result.stdout.strip() == "HELLO"


def test_the_generated_stubs_type_the_new_function(extended: Path) -> None:
    stubs = extended / "bindings" / "python" / "python" / python_package(extended) / "_native.pyi"
    text = stubs.read_text(encoding="utf-8")
    assert f"def {NEW_FUNCTION}(text: builtins.str) -> builtins.str:" in text
    assert f'"{NEW_FUNCTION}",' in text  # in __all__


def test_the_generated_declarations_type_the_new_function(extended: Path) -> None:
    declarations = extended / "bindings" / "javascript" / "dist" / "api.d.ts"
    text = declarations.read_text(encoding="utf-8")
    assert f"export function {NEW_FUNCTION}(text: string): string;" in text
    assert "Shouts `text`" in text  # the doc comment came along


def test_the_project_lints_clean_after_the_edit(extended: Path, cargo_target_dir) -> None:
    """Includes the stubs check and the API parity check."""
    run(["make", "lint"], cwd=extended, env=build_env(cargo_target_dir))


def test_committed_stubs_that_miss_the_new_function_fail_the_check(
    extended: Path, cargo_target_dir
) -> None:
    """Negative control: the stubs of the first commit, without the new function."""
    stubs = extended / "bindings" / "python" / "python" / python_package(extended) / "_native.pyi"
    relative = stubs.relative_to(extended).as_posix()
    with restored(stubs):
        stubs.write_text(git(extended, "show", f"HEAD:{relative}"), encoding="utf-8")
        result = run(
            ["make", "check-stubs"], cwd=extended, env=build_env(cargo_target_dir), check=False
        )
    assert result.returncode != 0
    assert f"+def {NEW_FUNCTION}(" in result.stdout
    assert "does not match the API declaration: run `make stubs`" in result.stdout


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        (
            "    pub fn fill(buffer: &mut [u8]) {\n        buffer.fill(0);\n    }\n",
            "`&mut` parameters are not supported: the caller's value is not written back",
        ),
        (
            "    pub struct Handle {\n        id: u32,\n    }\n",
            "give `Handle` a constructor in an `impl` block of this module",
        ),
        (
            "    pub fn flag(#[default(true)] on: bool) -> bool {\n        on\n    }\n",
            "defaults are string, integer or float literals",
        ),
        (
            "pub struct Point { x: f64 }\n"
            "impl Point {\n"
            "    pub fn new() -> Self { Self { x: 0.0 } }\n"
            "    #[setter]\n"
            "    pub fn set_x(&mut self, x: f64) { self.x = x; }\n"
            "}\n",
            "#[setter] is not supported",
        ),
        (
            "pub struct Token { id: u32 }\n"
            "impl Token {\n"
            "    pub fn new() -> Self { Self { id: 0 } }\n"
            "    pub fn into_id(self) -> u32 { self.id }\n"
            "}\n",
            "methods take `&self` or `&mut self`",
        ),
        (
            "    #[derive(Clone)]\n    pub enum Pair {\n        Both(u32, u32),\n    }\n",
            "name the fields of `Pair::Both`",
        ),
        (
            "    pub fn init() {}\n",
            "`init` is a function of the npm package already",
        ),
        (
            "    pub fn backend() {}\n",
            "`backend` is an export of the npm package already",
        ),
        (
            "pub struct Registry { names: Vec<String> }\n"
            "impl Registry {\n"
            "    pub fn new() -> Self { Self { names: Vec::new() } }\n"
            "    pub fn merge(&mut self, other: &Registry) {\n"
            "        self.names.extend_from_slice(&other.names);\n"
            "    }\n"
            "}\n",
            "derive `Clone` on `Registry`",
        ),
        (
            "    #[derive(Clone)]\n    pub struct Version {\n        pub major: u64,\n    }\n",
            "the record `Version` is passed by value: derive `Clone` and `PartialEq`",
        ),
        (
            "    #[derive(Clone)]\n    pub enum Slot {\n        Full {\n"
            "            counter: WordCounter,\n        },\n    }\n",
            "the field `counter` of `Slot::Full` holds the class `WordCounter`",
        ),
    ],
    ids=[
        "mutable-slice-parameter",
        "class-without-constructor",
        "boolean-default",
        "setter",
        "method-consuming-self",
        "enum-with-tuple-variant",
        "function-named-like-the-package-init",
        "function-named-like-the-package-backend",
        "class-parameter-without-clone",
        "record-without-partial-eq",
        "enum-with-a-class-field",
    ],
)
def test_a_declaration_the_macro_cannot_bind_fails_with_what_to_write(
    extended: Path, cargo_target_dir, declaration: str, message: str
) -> None:
    with restored(extended / "core" / "src" / "lib.rs"):
        add_to_declaration(extended, declaration)
        result = run(
            ["cargo", "check", "--package", core_crate(extended), "--quiet"],
            cwd=extended,
            env=build_env(cargo_target_dir),
            check=False,
        )
    assert result.returncode != 0
    assert message in result.stderr
    # The module still compiles as plain Rust: the macro's error is the only one, not
    # one more at each use of an item it declares.
    assert "due to 1 previous error" in result.stderr, result.stderr


# --- A day-one API: every form the macro supports, in both languages ---------------
# These tests replace the declaration of the `extended` project, so they come last.

DAY_ONE = Path(__file__).parent / "codegen_day_one"


def npm_name(project: Path) -> str:
    manifest = project / "bindings" / "javascript" / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["name"]


@pytest.fixture(scope="module")
def day_one(extended: Path, cargo_target_dir, tmp_path_factory) -> Iterator[Path]:
    """The `extended` project with tests/codegen_day_one/ as its core (an incremental
    build of both packages), and a folder that imports them as a user would, with
    the consumers check.py and check.mjs, and differential.py (as test_differential.py)
    with its Node side oracle.mjs. The project's files are put back after."""
    core = extended / "core" / "src"
    stubs = extended / "bindings" / "python" / "python" / python_package(extended) / "_native.pyi"
    package = python_package(extended)
    with restored(core / "lib.rs", core / "error.rs", stubs):
        declaration = (DAY_ONE / "lib.rs").read_text(encoding="utf-8")
        (core / "lib.rs").write_text(
            declaration.replace("CRATE", core_crate(extended)).replace("PACKAGE", package),
            encoding="utf-8",
        )
        (core / "error.rs").write_text(
            (DAY_ONE / "error.rs").read_text(encoding="utf-8"), encoding="utf-8"
        )
        run(["make", "build"], cwd=extended, env=build_env(cargo_target_dir))
        # uv's editable install of the package rebuilds for the new core.
        run(["uv", "run", "python", "-c", "pass"], cwd=extended / "bindings" / "python")
        consumer = tmp_path_factory.mktemp("day-one-consumer")
        (consumer / "node_modules").mkdir()
        (consumer / "node_modules" / npm_name(extended)).symlink_to(
            extended / "bindings" / "javascript"
        )
        # differential.py is a test module of the consumer's pytest, not of this suite's.
        for source, python_file in (
            ("check.py", "check.py"),
            ("differential.py", "test_differential.py"),
        ):
            (consumer / python_file).write_text(
                (DAY_ONE / source).read_text(encoding="utf-8").replace("PACKAGE", package),
                encoding="utf-8",
            )
        for javascript_file in ("check.mjs", "oracle.mjs"):
            (consumer / javascript_file).write_text(
                (DAY_ONE / javascript_file)
                .read_text(encoding="utf-8")
                .replace('"PACKAGE"', json.dumps(npm_name(extended))),
                encoding="utf-8",
            )
        yield consumer


# The npm package's two builds in Node.js: the native addon, and WebAssembly.
BACKENDS = ("native", "wasm")


def python_results(day_one: Path, extended: Path) -> list[str]:
    python = run([python_tool(extended, "python"), "check.py"], cwd=day_one)
    return python.stdout.splitlines()


def node_results(day_one: Path, extended: Path, backend: str) -> list[str]:
    node = run(["node", "check.mjs"], cwd=day_one, env=backend_env(extended, backend))
    return node.stdout.splitlines()


def node_prints(day_one: Path, extended: Path, backend: str, body: str) -> str:
    """What `body`, a module with the package imported as `lib`, prints on `backend`."""
    script = f"import * as lib from {json.dumps(npm_name(extended))};{body}"
    node = run(
        ["node", "--input-type=module", "-e", script],
        cwd=day_one,
        env=backend_env(extended, backend),
    )
    return node.stdout.strip()


def thrown(call: str) -> str:
    """A module body that prints the class and message of what `call` throws."""
    return (
        f"try {{ {call}; }} catch (error) {{ console.log(error.constructor.name, error.message); }}"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_package_loads_the_build_it_is_told_to(
    day_one: Path, extended: Path, backend: str
) -> None:
    assert node_prints(day_one, extended, backend, "console.log(lib.backend);") == backend


@pytest.mark.parametrize("backend", BACKENDS)
def test_day_one_api_gives_the_same_results_in_python_and_node(
    day_one: Path, extended: Path, backend: str
) -> None:
    python = python_results(day_one, extended)
    assert len(python) == 42  # one line per print of check.py
    assert python == node_results(day_one, extended, backend)


def test_day_one_api_keeps_64_bit_integers_and_error_data_exact(
    day_one: Path, extended: Path
) -> None:
    python = python_results(day_one, extended)
    assert "fingerprint: 3064531636054261376" in python  # above 2**53
    assert "fingerprint > 2^53: True" in python
    assert "parse error: PARSE 2 a number expected a number at position 2" in python
    assert "type error: TYPE Type" in python
    assert any(line.endswith("given Some(1152921504606846976)") for line in python)


def test_a_variant_of_an_enum_with_data_reads_like_its_call_in_python(
    day_one: Path, extended: Path
) -> None:
    calls = ["Shape.Circle(radius=1.0)", "Shape.Empty()", "Shape.Rect(width=2.0, height=3.0)"]
    shown = ", ".join(f"repr(lib.{call})" for call in calls)
    script = f"import {python_package(extended)} as lib; print({shown}, sep='\\n')"
    python = run([python_tool(extended, "python"), "-c", script], cwd=day_one)
    assert python.stdout.splitlines() == calls


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_unknown_tag_is_a_type_error_that_names_the_tags_and_the_given_one(
    day_one: Path, extended: Path, backend: str
) -> None:
    call = 'lib.area({ tag: "Square", side: 1 })'
    assert node_prints(day_one, extended, backend, thrown(call)) == (
        'TypeError shape.tag: expected one of "Circle", "Rect", "Empty", got "Square"'
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_64_bit_field_out_of_range_is_a_type_error_that_names_it(
    day_one: Path, extended: Path, backend: str
) -> None:
    """A u64 inside a record is read by the Rust side, not by the package's own checks."""
    call = "lib.bump({ major: 2n ** 64n, minor: 0n, patch: 0n }, lib.Level.Major)"
    assert node_prints(day_one, extended, backend, thrown(call)) == (
        "TypeError version.major: expected a bigint from 0 to 18446744073709551615, "
        "got 18446744073709551616"
    )


def differential(
    day_one: Path, extended: Path, backend: str, **env: str
) -> subprocess.CompletedProcess[str]:
    """test_differential.py, with the project's pytest and Hypothesis, its Node.js side
    on `backend`."""
    return run(
        [python_tool(extended, "pytest"), "-p", "no:cacheprovider", "test_differential.py"],
        cwd=day_one,
        env={**backend_env(extended, backend), **env},
        check=False,
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_day_one_api_gives_the_same_results_on_random_inputs(
    day_one: Path, extended: Path, backend: str
) -> None:
    result = differential(day_one, extended, backend)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_a_u64_rounded_in_javascript_fails_on_random_inputs_negative_control(
    day_one: Path, extended: Path
) -> None:
    """oracle.mjs, told to round a u64 through `number` as codegen once did: the
    fingerprints and bumped versions above 2^53 differ."""
    result = differential(day_one, extended, "native", DIFFERENTIAL_NEGATIVE_CONTROL="round-u64")
    assert result.returncode == 1, result.stdout[-6000:]
    assert "FAILED test_differential.py::test_fingerprint" in result.stdout
    assert "FAILED test_differential.py::test_bump" in result.stdout
    assert "passed" in result.stdout  # the other functions return no u64


def test_day_one_python_consumer_type_checks_under_mypy_strict(
    day_one: Path, extended: Path
) -> None:
    run([python_tool(extended, "mypy"), "--strict", "check.py"], cwd=day_one)


def test_day_one_javascript_consumer_type_checks_under_tsc_strict(
    day_one: Path, extended: Path
) -> None:
    tsc = extended / "bindings" / "javascript" / "node_modules" / ".bin" / "tsc"
    run(
        [
            str(tsc),
            "--strict",
            "--allowJs",
            "--checkJs",
            "--noEmit",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--target",
            "es2022",
            "--lib",
            "es2022,dom,esnext.disposable",
            "check.mjs",
        ],
        cwd=day_one,
    )


def test_day_one_api_passes_the_parity_check(day_one: Path, extended: Path) -> None:
    """Records and enums with data are classes in Python and types in JavaScript (plain
    objects, tagged unions): the parity check takes them as the same API."""
    run(
        [
            python_tool(extended, "python"),
            "scripts/check_api_parity.py",
            python_package(extended),
            "bindings/javascript/dist/api.js",
        ],
        cwd=extended,
    )
