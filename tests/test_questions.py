"""copier.yml: every question documented, and every bad answer rejected clearly."""

from __future__ import annotations

import html as html_module
import json
import re
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import copier
import pytest
import yaml
from markdown_it import MarkdownIt
from wcwidth import wcswidth

from conftest import JS_TARGETS, QUESTIONS, jinja_environment, tool

PUBLIC_KEYS = [
    "project_name",
    "project_slug",
    "crate_name",
    "python_package",
    "python_distribution",
    "npm_package",
    "description",
    "author_name",
    "author_email",
    "license",
    "repository_url",
    "pattern",
    "targets",
]
CLI_COPY = [tool("copier"), "copy", "--defaults"]
ASKED = [
    key for key, q in QUESTIONS.items() if not key.startswith("_") and q.get("when") is not False
]


@pytest.fixture(scope="session")
def template(template_repository: Path) -> str:
    return str(template_repository)


def copy(template: str, destination: Path, **data: object) -> Path:
    """A real `copier copy --defaults` of the template (its newest version)."""
    copier.run_copy(template, destination, data=data, defaults=True, quiet=True)
    return destination


def render_answers(template: str, tmp_path: Path, **data: object) -> dict:
    """Runs a real copy and returns the recorded answers."""
    copy(template, tmp_path / "out", **data)
    return yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text())


def test_the_public_interface_keys_are_all_questions() -> None:
    assert set(PUBLIC_KEYS) <= set(ASKED)


@pytest.mark.parametrize("key", ASKED)
def test_every_question_has_help(key: str) -> None:
    assert len(QUESTIONS[key].get("help", "").strip()) > 20


@pytest.mark.parametrize("key", ["pattern", "targets"])
def test_choice_values_are_stable_lowercase_hyphenated(key: str) -> None:
    for value in QUESTIONS[key]["choices"].values():
        assert value == value.lower()
        assert " " not in value
        assert "_" not in value


def test_targets_default_selects_python_and_every_javascript_runtime() -> None:
    """Not node-native: a second build of the npm package, with a CI job per platform."""
    assert QUESTIONS["targets"]["default"] == ["python", *JS_TARGETS]


def test_names_are_derived_from_the_project_name(template: str, tmp_path: Path) -> None:
    answers = render_answers(template, tmp_path, project_name="Fast Hash 3")
    assert answers["project_slug"] == "fast-hash-3"
    assert answers["crate_name"] == "fast_hash_3"
    assert answers["python_package"] == "fast_hash_3"
    assert answers["python_distribution"] == "fast-hash-3"
    assert answers["npm_package"] == "fast-hash-3"


def test_a_scoped_npm_name_is_accepted(template: str, tmp_path: Path) -> None:
    answers = render_answers(template, tmp_path, npm_package="@acme/fast-hash", targets=["node"])
    assert answers["npm_package"] == "@acme/fast-hash"


BAD_ANSWERS = [
    ("project_name", "", "must not be empty"),
    ("project_name", "3d tools", "must start with a letter"),
    ("project_name", 'The "Best" Lib', "must not contain double quotes"),
    ("project_name", "C:\\Lib", "must not contain double quotes, backslashes"),
    ("project_name", "_private", "must start with a letter"),
    ("project_slug", "", "must not be empty"),
    ("project_slug", "My Lib", "kebab-case"),
    ("crate_name", "", "must not be empty"),
    ("crate_name", "9lives", "not a valid crate name"),
    ("crate_name", "fn", "Rust keyword"),
    ("crate_name", "crate", "Rust keyword"),
    ("crate_name", "self", "Rust keyword"),
    ("crate_name", "std", "built-in crate"),
    ("crate_name", "my-lib", "not a valid crate name"),
    ("crate_name", "pyo3", "a crate the workspace depends on"),
    ("crate_name", "wasm_bindgen", "a crate the workspace depends on"),
    ("crate_name", "serde_json", "a crate the workspace depends on"),
    ("crate_name", "once_cell", "a crate the workspace depends on"),
    ("crate_name", "wasm_bindgen_macro", "a crate the workspace depends on"),
    ("python_package", "_native", "the binding's native module"),
    ("python_package", "", "must not be empty"),
    ("python_package", "2fast", "not a valid import name"),
    ("python_package", "class", "Python keyword"),
    ("python_package", "json", "standard library"),
    ("python_package", "typing", "standard library"),
    ("python_distribution", "-bad-", "not a valid PyPI name"),
    ("npm_package", "", "must not be empty"),
    ("npm_package", "MyLib", "capital letters"),
    ("npm_package", "my lib", "spaces"),
    ("npm_package", ".hidden", 'start with "." or "_"'),
    ("npm_package", "_private", 'start with "." or "_"'),
    ("npm_package", "a" * 215, "at most 214"),
    ("description", "Two\nlines", "single line"),
    ("author_name", "Ada <ada@example.com>", 'type "Ada ada@example.com" instead'),
    ("author_name", "Acme, Inc.", 'type "Acme Inc." instead'),
    ("author_email", "ada.example.com", "not an e-mail address"),
    ("author_email", "ada@", "not an e-mail address"),
    ("repository_url", "github.com/x/y", "not a repository URL"),
    ("targets", [], "at least one target"),
    # Answers that used to pass and broke much later (an upload, a checkout, rustc).
    ("description", "x" * 513, "PyPI refuses a package summary over 512"),
    ("project_name", "My\u202eLib", "text-direction control character"),
    ("project_name", "Zero\u200bWidth", "at character 5"),
    ("description", "Fast\u2066 parsing", "invisible or text-direction"),
    ("author_name", "Ada\ufeff Lovelace", "invisible or text-direction"),
    ("project_slug", "con", "device name on Windows"),
    ("crate_name", "nul", "device name on Windows"),
    ("python_package", "aux", "device name on Windows"),
    ("python_distribution", "com1", "device name of Windows"),
    ("python_distribution", "PRN.tools", "device name of Windows"),
    ("npm_package", "lpt9", "device name on Windows"),
    ("npm_package", "@acme/con.js", "device name on Windows"),
    ("npm_package", "my~lib", 'type "my-lib" instead'),
    ("npm_package", "crazy!", 'type "crazy" instead'),
    ("npm_package", "crypto", "built into Node.js"),
    ("npm_package", "node_modules", 'npm refuses "node_modules"'),
    ("npm_package", "favicon.ico", 'npm refuses "favicon.ico"'),
    ("npm_package", "esbuild", "tools the npm package is built and tested with"),
    ("npm_package", "typescript", "tools the npm package is built and tested with"),
    ("npm_package", "wrangler", "tools the npm package is built and tested with"),
]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    BAD_ANSWERS,
    ids=[f"{k}={str(v)[:12]!r}" for k, v, _ in BAD_ANSWERS],
)
def test_a_bad_answer_is_rejected_with_what_to_type_instead(
    template: str, tmp_path: Path, key: str, value: object, message: str
) -> None:
    destination = tmp_path / "out"
    with pytest.raises(ValueError, match=f"question '{key}'") as caught:
        copy(template, destination, **{key: value})
    assert message in str(caught.value)
    assert not destination.exists(), "a rejected copy must leave no destination behind"


def test_error_messages_suggest_an_alternative(template: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match='type another name, for example "json_rs"'):
        copy(template, tmp_path / "o", python_package="json")


def test_plain_copy_needs_no_trust_and_a_rejected_one_leaves_nothing(
    template: str, tmp_path: Path
) -> None:
    """The CLI as a workshop attendee runs it: no --trust, nothing but copier installed."""
    good = subprocess.run(
        [*CLI_COPY, template, str(tmp_path / "good")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "good" / "Cargo.toml").is_file()

    bad = subprocess.run(
        [*CLI_COPY, "-d", "crate_name=fn", template, str(tmp_path / "bad")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "Rust keyword" in bad.stderr
    assert not (tmp_path / "bad").exists()


def test_the_template_uses_no_unsafe_copier_features() -> None:
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(QUESTIONS)


# --- Answers people really type ---------------------------------------------------------


@pytest.mark.parametrize(
    ("project_name", "crate_name", "python_package"),
    [
        ("Core", "core_lib", "core_lib"),
        ("Self", "self_lib", "self_lib"),
        ("Test", "test_lib", "test_lib"),
        ("Async", "async_lib", "async_lib"),
        ("PyO3", "pyo3_lib", "pyo3_lib"),
        ("Serde JSON", "serde_json_lib", "serde_json_lib"),
        ("JSON", "json", "json_rs"),
        ("Class", "class", "class_rs"),
    ],
)
def test_a_reserved_word_as_project_name_gets_valid_derived_names(
    template: str, tmp_path: Path, project_name: str, crate_name: str, python_package: str
) -> None:
    answers = render_answers(template, tmp_path, project_name=project_name)
    assert (answers["crate_name"], answers["python_package"]) == (crate_name, python_package)


@pytest.mark.parametrize(
    ("project_name", "slug"),
    [
        ("Café Tools", "cafe-tools"),
        ("Ñandú", "nandu"),
        ("Zoë's Lib", "zoes-lib"),
        ("Straße Ærø", "strasse-aero"),
        ("Łódź Œuvre", "lodz-oeuvre"),
        ("Smörgåsbord 2", "smorgasbord-2"),
    ],
)
def test_a_latin_project_name_is_accepted_and_transliterated(
    template: str, tmp_path: Path, project_name: str, slug: str
) -> None:
    answers = render_answers(template, tmp_path, project_name=project_name)
    assert answers["project_name"] == project_name
    assert answers["project_slug"] == slug
    assert answers["crate_name"] == answers["python_package"] == slug.replace("-", "_")
    assert answers["npm_package"] == answers["python_distribution"] == slug


LATIN_LETTERS = [
    chr(code) for code in range(0xC0, 0x180) if unicodedata.category(chr(code)).startswith("L")
]


def test_every_latin_1_and_extended_a_letter_has_an_ascii_spelling() -> None:
    slug = jinja_environment().from_string(
        "{% from 'includes/names.jinja' import ascii %}{{ ascii(text) }}"
    )
    for letter in LATIN_LETTERS:
        spelled = slug.render(text=letter)
        assert re.fullmatch("[a-z]+", spelled), (letter, spelled)
        base = unicodedata.normalize("NFKD", letter.lower())[0]
        if base.isascii() and base.isalpha():  # é -> e, ŀ -> l; æ, ø, ß have no base letter
            assert spelled.startswith(base), (letter, spelled)


def test_a_name_without_latin_letters_asks_for_an_ascii_slug(template: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="question 'project_slug'") as caught:
        copy(template, tmp_path / "out", project_name="数据工具")
    assert '"数据工具" has no Latin letters' in str(caught.value)
    assert "-d project_slug=my-library" in str(caught.value)
    assert not (tmp_path / "out").exists()
    answers = render_answers(template, tmp_path, project_name="日本語", project_slug="nihongo")
    assert (answers["project_name"], answers["crate_name"]) == ("日本語", "nihongo")


def test_the_slug_question_explains_a_name_without_latin_letters() -> None:
    help_text = render_help("project_slug", project_name="日本語")
    assert '"日本語" has no Latin letters' in help_text
    assert 'such as "my-library"' in help_text


TRICKY = {
    "project_name": "Zoë's Café",
    "description": 'Parses "quoted" C:\\paths, <Vec<u8>> & [links] *fast* — ünïcode ✓',
    "author_name": 'Zoë O\'Brien "ZB" \\ Ørsted',
}


@pytest.fixture(scope="module")
def tricky_project(template: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy(template, tmp_path_factory.mktemp("tricky") / "project", **TRICKY)


def test_tricky_text_lands_unchanged_in_every_toml_manifest(tricky_project: Path) -> None:
    workspace = tomllib.loads((tricky_project / "Cargo.toml").read_text(encoding="utf-8"))
    package = workspace["workspace"]["package"]
    assert package["description"] == TRICKY["description"]
    assert package["authors"] == [f"{TRICKY['author_name']} <you@example.com>"]
    pyproject = tomllib.loads(
        (tricky_project / "bindings" / "python" / "pyproject.toml").read_text(encoding="utf-8")
    )
    assert pyproject["project"]["description"] == TRICKY["description"]
    assert pyproject["project"]["authors"][0]["name"] == TRICKY["author_name"]


def test_tricky_text_lands_unchanged_in_package_json(tricky_project: Path) -> None:
    path = tricky_project / "bindings" / "javascript" / "package.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["description"] == TRICKY["description"]
    assert package["author"] == f"{TRICKY['author_name']} <you@example.com>"


def test_tricky_text_lands_unchanged_in_the_answers_file(tricky_project: Path) -> None:
    answers = yaml.safe_load((tricky_project / ".copier-answers.yml").read_text("utf-8"))
    assert {key: answers[key] for key in TRICKY} == TRICKY


def markdown_text(source: str) -> str:
    """What a Markdown reader shows: the text of the rendered HTML."""
    html = MarkdownIt("commonmark").render(source)
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    "readme",
    ["README.md", "bindings/python/README.md", "bindings/javascript/README.md", "core/README.md"],
)
def test_tricky_text_shows_as_typed_in_the_readmes(tricky_project: Path, readme: str) -> None:
    shown = markdown_text((tricky_project / readme).read_text(encoding="utf-8"))
    assert TRICKY["description"] in shown
    if readme == "README.md":
        assert shown.startswith(TRICKY["project_name"] + "\n")


def test_tricky_text_shows_as_typed_in_the_core_crate_docs(tricky_project: Path) -> None:
    source = (tricky_project / "core" / "src" / "lib.rs").read_text(encoding="utf-8")
    docs = "\n".join(line[4:] for line in source.splitlines() if line.startswith("//! "))
    shown = markdown_text(docs)
    assert TRICKY["description"] in shown
    assert f"core of {TRICKY['project_name']}." in shown


def test_markdown_escaping_is_needed_negative_control() -> None:
    """Unescaped, the same description would not show as typed (the check can fail)."""
    assert TRICKY["description"] not in markdown_text(TRICKY["description"])


# --- Prompts fit an 80-column terminal ----------------------------------------------------

COLUMNS = 80
QMARK = "🎤 "  # Copier's prompt mark before the first help line
POINTER = " » ● "  # questionary's pointer and indicator before a checkbox choice


def render_help(key: str, **context: object) -> str:
    answers = {"project_name": "My Library", **context}
    return jinja_environment().from_string(QUESTIONS[key]["help"]).render(**answers)


HELP_CONTEXTS = [{"project_name": "My Library"}, {"project_name": "日本語"}]


@pytest.mark.parametrize("key", ASKED)
def test_every_help_line_fits_80_columns(key: str) -> None:
    for context in HELP_CONTEXTS:
        lines = render_help(key, **context).splitlines()
        widths = [wcswidth(QMARK + lines[0])] + [wcswidth(line) for line in lines[1:]]
        assert max(widths) <= COLUMNS, (key, lines)


@pytest.mark.parametrize("key", [k for k in ASKED if "choices" in QUESTIONS[k]])
def test_every_choice_title_fits_80_columns(key: str) -> None:
    options = QUESTIONS[key]["choices"]
    titles = options.keys() if isinstance(options, dict) else options
    for title in titles:
        assert wcswidth(POINTER + str(title)) <= COLUMNS, (key, title)


def test_a_too_long_help_line_is_caught_negative_control() -> None:
    too_long = "x" * (COLUMNS - wcswidth(QMARK) + 1)
    assert wcswidth(QMARK + too_long) > COLUMNS


# --- The message after copying ------------------------------------------------------------


def copy_message(template: str, destination: Path, *data: str) -> str:
    """What `copier copy` prints after generating (stderr), as a user sees it."""
    arguments = [arg for item in data for arg in ("-d", item)]
    result = subprocess.run(
        [*CLI_COPY, *arguments, template, str(destination)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


def test_after_copy_python_only_lists_no_javascript_prerequisites(
    template: str, tmp_path: Path
) -> None:
    message = copy_message(template, tmp_path / "p", "targets=[python]")
    assert "Python 3.10 or newer" in message
    for absent in ("wasm-bindgen", "Node.js", "npm", "Chromium", "JavaScript"):
        assert absent not in message, absent
    assert "make test" in message


def test_after_copy_node_only_names_the_pinned_wasm_bindgen_cli(
    template: str, tmp_path: Path
) -> None:
    message = copy_message(template, tmp_path / "n", "targets=[node]")
    cargo = tomllib.loads((tmp_path / "n" / "Cargo.toml").read_text())
    pinned = cargo["workspace"]["dependencies"]["wasm-bindgen"].lstrip("=")
    assert f"cargo install wasm-bindgen-cli --version ={pinned} --locked" in message
    assert "rustup target add wasm32-unknown-unknown" in message
    for absent in ("Python", "Chromium"):
        assert absent not in message, absent


def test_after_copy_browser_needs_chromium(template: str, tmp_path: Path) -> None:
    message = copy_message(template, tmp_path / "b", "targets=[browser]")
    assert "Chromium" in message


def test_after_copy_the_next_steps_use_the_destination(template: str, tmp_path: Path) -> None:
    destination = tmp_path / "with space"
    message = copy_message(template, destination, "targets=[python]")
    assert f"cd '{destination}'" in message


@pytest.mark.parametrize(
    ("project_name", "slug", "npm_package"),
    [
        ("Con", "con-lib", "con-lib"),
        ("Crypto", "crypto", "crypto-lib"),
        ("Http", "http", "http-lib"),
        ("TypeScript", "typescript", "typescript-lib"),
    ],
)
def test_a_name_a_platform_reserves_gets_valid_derived_names(
    template: str, tmp_path: Path, project_name: str, slug: str, npm_package: str
) -> None:
    answers = render_answers(template, tmp_path, project_name=project_name)
    assert (answers["project_slug"], answers["npm_package"]) == (slug, npm_package)


@pytest.mark.parametrize("name", ["Type", "Range", "Syntax", "Reference", "Panic", "Init"])
def test_a_base_error_class_never_shadows_another_error_class(
    template: str, tmp_path: Path, name: str
) -> None:
    """ "Type" would give the npm package a base class TypeError, JavaScript's own."""
    destination = tmp_path / "out"
    message = copy_message(template, destination, f"project_name={name}")
    errors = (destination / "bindings/javascript/js/errors.js").read_text(encoding="utf-8")
    assert f"export class {name}LibError extends Error" in errors
    # At most the package's own class of that name (PanicError), never a second one.
    assert errors.count(f"export class {name}Error ") <= 1
    assert f"derive from {name}LibError: {name}Error" in message


def test_an_ordinary_name_keeps_its_base_error_class_and_says_nothing(
    template: str, tmp_path: Path
) -> None:
    destination = tmp_path / "out"
    message = copy_message(template, destination, "project_name=Typed Tools")
    errors = (destination / "bindings/javascript/js/errors.js").read_text(encoding="utf-8")
    assert "export class TypedToolsError extends Error" in errors
    assert "derive from" not in message


@pytest.mark.parametrize(
    ("targets", "languages"),
    [
        (["python"], "Python"),
        (["node", "deno"], "JavaScript"),
        (["python", "browser"], "Python and JavaScript"),
    ],
)
def test_the_default_description_names_only_the_chosen_languages(
    template: str, tmp_path: Path, targets: list[str], languages: str
) -> None:
    answers = render_answers(template, tmp_path, targets=targets)
    assert answers["description"] == f"A Rust library with {languages} bindings."
