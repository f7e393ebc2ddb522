"""Build tier: the machinery of a generated project does not depend on the sample.

The default project's README tells the user how to replace the sample (`greet`,
`crc32`, `WordCounter`) with their own API. This test follows that recipe step by
step: it puts one new function, `shout`, with one error, in place of the sample in
every binding, deletes the sample's tests, and runs the project's own `make test`.
Initialisation, error translation and panic recovery are then tested in every
runtime with nothing of the sample left.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import copier
import pytest

pytestmark = pytest.mark.build

SAMPLE_NAMES = ("greet", "crc32", "WordCounter", "EmptyNameError", "UnsupportedLanguageError")
SAMPLE = re.compile(r"\b(?:{})\b".format("|".join(SAMPLE_NAMES)))


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=1800
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} failed in {cwd} ({result.returncode}):\n"
            f"{result.stdout[-8000:]}\n{result.stderr[-8000:]}"
        )
    return result


def write(path: Path, text: str) -> None:
    path.write_text(text.lstrip("\n"), encoding="utf-8")


def replace_between(path: Path, start: str, end: str, new: str) -> None:
    """Replaces the text from the line `start` up to (not including) the line `end`."""
    text = path.read_text(encoding="utf-8")
    begin, finish = text.index(start), text.index(end)
    assert begin < finish, (path, start, end)
    path.write_text(text[:begin] + new.lstrip("\n") + text[finish:], encoding="utf-8")


def drop_python_definitions(path: Path, uses_sample) -> None:
    """Deletes the top-level functions and classes of `path` for which `uses_sample`
    is true of their source, and the sample's names from its imports and `__all__`."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    tree = ast.parse(text)
    drop: set[int] = set()
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        source = "".join(lines[first - 1 : node.end_lineno])
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and uses_sample(node.name, source):
            drop.update(range(first - 1, node.end_lineno))
        elif isinstance(node, ast.ImportFrom | ast.Assign) and SAMPLE.search(source):
            kept = re.sub(
                r"^\s*\"?(?:{})\"?,\n".format("|".join(SAMPLE_NAMES)), "", source, flags=re.M
            )
            lines[first - 1] = kept
            drop.update(range(first, node.end_lineno))
    path.write_text(
        "".join(line for i, line in enumerate(lines) if i not in drop), encoding="utf-8"
    )


def set_list(path: Path, pattern: str, names: list[str], *, quoted: bool = True) -> None:
    """Replaces the one-name-a-line list that group 1 of `pattern` matches with `names`."""
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.S)
    assert match, (path, pattern)
    items = "".join(f'    "{name}",\n' if quoted else f"    {name},\n" for name in names)
    path.write_text(text[: match.start(1)] + items + text[match.end(1) :], encoding="utf-8")


# --- the recipe, step by step (the README's "Replace the sample with your library") -----


def replace_core(project: Path) -> None:
    """1. Core: the sample's modules go; `shout` and its error take their place."""
    for module in ("greet", "crc32", "word_counter"):
        (project / "core" / "src" / f"{module}.rs").unlink()
    write(
        project / "core" / "src" / "lib.rs",
        """
//! Shouts.

mod error;

pub use crate::error::Error;

/// `text` in capitals, with an exclamation mark.
///
/// ```
/// assert_eq!(my_library::shout(" hi ").unwrap(), "HI!");
/// ```
///
/// # Errors
///
/// [`Error::EmptyText`] when `text` is empty or only whitespace.
pub fn shout(text: &str) -> Result<String, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyText);
    }
    Ok(format!("{}!", text.to_uppercase()))
}

/// The library's version, the same string in every binding.
#[must_use]
pub const fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
""",
    )
    write(
        project / "core" / "src" / "error.rs",
        """
use std::fmt;

/// Everything the library can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The text to shout was empty or only whitespace.
    EmptyText,
}

impl Error {
    /// A stable, machine-readable identifier of the error kind.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            Self::EmptyText => "EMPTY_TEXT",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyText => f.write_str("text must not be empty"),
        }
    }
}

impl std::error::Error for Error {}
""",
    )


def replace_vectors(project: Path) -> None:
    """2. Shared vectors, and the tests that read them."""
    vectors = json.loads((project / "tests" / "vectors.json").read_text(encoding="utf-8"))
    vectors = {key: value for key, value in vectors.items() if key.startswith("$")}
    vectors["shout"] = [
        {"text": "hi", "expected": "HI!"},
        {"text": " Grüße ", "expected": "GRÜSSE!"},
        {"text": "  ", "error": "EMPTY_TEXT"},
    ]
    (project / "tests" / "vectors.json").write_text(
        json.dumps(vectors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write(
        project / "core" / "tests" / "vectors.rs",
        """
//! Runs the shared test vectors of `tests/vectors.json` against the core crate.

use serde_json::Value;

#[test]
fn shout_matches_the_shared_vectors() {
    let all: Value = serde_json::from_str(include_str!("../../tests/vectors.json")).unwrap();
    for case in all["shout"].as_array().unwrap() {
        let result = my_library::shout(case["text"].as_str().unwrap());
        match (case.get("expected"), case.get("error")) {
            (Some(expected), None) => assert_eq!(result.unwrap(), expected.as_str().unwrap()),
            (None, Some(code)) => assert_eq!(result.unwrap_err().code(), code.as_str().unwrap()),
            _ => panic!("a case needs either `expected` or `error`: {case}"),
        }
    }
}
""",
    )
    write(
        project / "bindings" / "python" / "tests" / "test_vectors.py",
        '''
"""The shared test vectors (tests/vectors.json at the workspace root), run in Python."""

import json
from pathlib import Path

import pytest

from my_library import EmptyTextError, shout

VECTORS = json.loads(
    (Path(__file__).parents[3] / "tests" / "vectors.json").read_text(encoding="utf-8")
)
ERRORS = {"EMPTY_TEXT": EmptyTextError}


@pytest.mark.parametrize("case", VECTORS["shout"], ids=repr)
def test_shout(case):
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]]):
            shout(case["text"])
    else:
        assert shout(case["text"]) == case["expected"]
''',
    )
    write(
        project / "bindings" / "javascript" / "tests" / "conformance.mjs",
        """
// The library's API, checked in every runtime against the shared vectors.
import { assertEqual, assertTrue, expectThrow } from "./suite.mjs";

export function cases(api, vectors) {
  return vectors.shout.map((vector) => ({
    name: `shout ${JSON.stringify(vector)}`,
    run: () => {
      if ("error" in vector) {
        const error = expectThrow(() => api.shout(vector.text));
        assertTrue(error instanceof api.EmptyTextError, "error class");
        assertEqual(error.code, vector.error, "error code");
      } else {
        assertEqual(api.shout(vector.text), vector.expected, "shout");
      }
    },
  }));
}
""",
    )
    # The property-based tests state the sample's properties: the recipe says to
    # state the new API's or delete them.
    (project / "core" / "tests" / "properties.rs").unlink()
    (project / "bindings" / "python" / "tests" / "test_properties.py").unlink()
    (project / "bindings" / "javascript" / "tests" / "properties.test.mjs").unlink()


def replace_python(project: Path) -> None:
    """3. Python: the binding crate, the stubs, the package's exports, its tests."""
    python = project / "bindings" / "python"
    write(
        python / "src" / "lib.rs",
        """
//! Python bindings of `my_library`.

use my_library as library;

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::panic::PanicException;
use pyo3::prelude::*;

create_exception!(
    my_library,
    Error,
    PyValueError,
    "Base class of every error raised by my_library."
);
create_exception!(
    my_library,
    EmptyTextError,
    Error,
    "The text to shout was empty or only whitespace."
);

/// Maps a core error onto the Python exception of the same kind.
fn to_py_err(error: &library::Error) -> PyErr {
    let message = error.to_string();
    match error {
        library::Error::EmptyText => EmptyTextError::new_err(message),
        _ => Error::new_err(message),
    }
}

/// `text` in capitals, with an exclamation mark.
#[pyfunction]
fn shout(py: Python<'_>, text: &str) -> PyResult<String> {
    py.detach(|| library::shout(text)).map_err(|error| to_py_err(&error))
}

/// The version of this Python package.
#[pyfunction]
const fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The version of the Rust core that this package was built with.
#[pyfunction]
const fn core_version() -> &'static str {
    library::version()
}

/// Gives each exception class the core's code of its error as `code`.
fn set_error_codes(py: Python<'_>) -> PyResult<()> {
    py.get_type::<Error>().setattr("code", py.None())?;
    py.get_type::<EmptyTextError>()
        .setattr("code", library::Error::EmptyText.code())?;
    py.get_type::<PanicException>().setattr("code", "PANIC")?;
    Ok(())
}

/// The extension module; `my_library/__init__.py` re-exports it.
#[pymodule(gil_used = false)]
mod _native {
    #[pymodule_export]
    use super::{EmptyTextError, Error, core_version, shout, version};

    use pyo3::panic::PanicException;
    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        let py = module.py();
        super::set_error_codes(py)?;
        module.add("PanicError", py.get_type::<PanicException>())
    }
}
""",
    )
    package = python / "python" / "my_library"
    stubs = package / "_native.pyi"
    drop_python_definitions(stubs, lambda name, _source: name in SAMPLE_NAMES)
    names = ["EmptyTextError", "Error", "PanicError", "core_version", "shout", "version"]
    set_list(stubs, r"__all__ = \[\n(.*?)\]\n", names)
    with stubs.open("a", encoding="utf-8") as file:
        file.write(
            "\nclass EmptyTextError(Error):\n"
            '    """The text to shout was empty or only whitespace."""\n\n'
            "    code: ClassVar[str]\n\n"
            "def shout(text: str) -> str:\n"
            '    """Return ``text`` in capitals, with an exclamation mark."""\n'
        )
    init = package / "__init__.py"
    set_list(init, r"from my_library\._native import \(\n(.*?)\)\n", names, quoted=False)
    set_list(init, r"__all__ = \[\n(.*?)\]\n", sorted([*names, "__version__"]))
    # The sample's tests go; the ones of the package itself stay.
    drop_python_definitions(
        python / "tests" / "test_api.py",
        lambda name, source: name.startswith("test_") and SAMPLE.search(source),
    )


def replace_javascript(project: Path) -> None:
    """4. JavaScript: the wasm crate's exports, js/api.js, js/errors.js; the example."""
    package = project / "bindings" / "javascript"
    replace_between(
        package / "src" / "lib.rs",
        "/// Greets `name` in `language`.",
        "/// Exports for the package's own tests",
        """
/// `text` in capitals, with an exclamation mark.
///
/// # Errors
///
/// A [`CoreError`] when the core library rejects the text.
#[wasm_bindgen]
pub fn shout(text: &str) -> Result<String, CoreError> {
    Ok(library::shout(text)?)
}

/// The version of this npm package.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The version of the Rust core that this package was built with.
#[wasm_bindgen(js_name = coreVersion)]
#[must_use]
pub fn core_version() -> String {
    library::version().to_owned()
}

""",
    )
    # None of the errors has data fields: no `error_fields`, no `plain_object`.
    replace_between(
        package / "src" / "lib.rs",
        "impl From<library::Error> for CoreError {",
        "/// `text` in capitals",
        """
impl From<library::Error> for CoreError {
    fn from(error: library::Error) -> Self {
        Self {
            code: error.code().to_owned(),
            message: error.to_string(),
            fields: None,
        }
    }
}

""",
    )
    lib = package / "src" / "lib.rs"
    lib.write_text(
        lib.read_text(encoding="utf-8").replace(
            "use js_sys::{Object, Reflect};", "use js_sys::Object;"
        ),
        encoding="utf-8",
    )
    replace_between(
        package / "js" / "api.js",
        "/**\n * Greets",
        "/**\n * @param {unknown} value",
        """
/**
 * `text` in capitals, with an exclamation mark.
 * @param {string} text
 * @returns {string}
 */
export function shout(text) {
  expectString(text, "text");
  return call(() => bindings.shout(text));
}

/**
 * The version of this npm package.
 * @returns {string}
 */
export function version() {
  return call(() => bindings.version());
}

/**
 * The version of the Rust core that this package was built with.
 * @returns {string}
 */
export function coreVersion() {
  return call(() => bindings.coreVersion());
}

""",
    )
    replace_between(
        package / "js" / "errors.js",
        "// --- Errors of the core library",
        "// --- Errors of the package itself",
        """
// --- Errors of the core library (core/src/error.rs) -----------------------------

/** `shout` was given an empty or whitespace-only text. */
export class EmptyTextError extends MyLibraryError {
  static code = "EMPTY_TEXT";
}

""",
    )
    # The example Worker shows the sample: the recipe says adapt it or delete it.
    shutil.rmtree(project / "examples" / "cloudflare-worker")
    (package / "tests" / "example-worker.test.mjs").unlink()
    (package / "tests" / "example-worker.soak.mjs").unlink()


def test_the_project_passes_its_own_tests_with_the_sample_replaced(
    copier_template: Path, tmp_path_factory: pytest.TempPathFactory, cargo_target_dir: Path
) -> None:
    project = tmp_path_factory.mktemp("replaced") / "my-library"
    copier.run_copy(str(copier_template), project, defaults=True, quiet=True)
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "## Replace the sample with your library" in readme

    replace_core(project)
    replace_vectors(project)
    replace_python(project)
    replace_javascript(project)

    env = {**os.environ, "CARGO_TARGET_DIR": str(cargo_target_dir)}
    result = run(["make", "test"], cwd=project, env=env)
    # The replaced API is the same in Python and JavaScript.
    parity = run(["make", "check-api"], cwd=project, env=env)
    assert "api-parity: Python and JavaScript agree" in parity.stdout

    # Nothing of the sample is left in what the bindings build and ship ...
    package = project / "bindings" / "javascript"
    for built in [package / "dist" / "api.d.ts", package / "js" / "api.js"]:
        assert not SAMPLE.search(built.read_text(encoding="utf-8")), built
    # ... and the machinery was tested in every runtime all the same.
    output = result.stdout + result.stderr
    for check in [
        "a panic throws PanicError carrying the panic message",
        "the machinery works in Deno",
        "the machinery works in Bun",
        "the machinery works in workerd",
        "after init() errors translate and panics are recovered from",
        "shout",
    ]:
        assert check in output, check
