"""copier.yml: every question documented, and every bad answer rejected clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import copier
import pytest
import yaml

from conftest import QUESTIONS, ROOT, TARGETS

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
# The working tree, even after the repository is tagged (copier would pick the tag).
TEMPLATE = str(ROOT)
CLI_COPY = [
    str(Path(sys.executable).with_name("copier")),
    "copy",
    "--defaults",
    "--vcs-ref",
    "HEAD",
]
ASKED = [
    key for key, q in QUESTIONS.items() if not key.startswith("_") and q.get("when") is not False
]


def render_answers(tmp_path: Path, **data: object) -> dict:
    """Runs a real copy and returns the recorded answers."""
    copier.run_copy(
        TEMPLATE, tmp_path / "out", data=data, defaults=True, quiet=True, vcs_ref="HEAD"
    )
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


def test_targets_default_selects_every_target() -> None:
    assert QUESTIONS["targets"]["default"] == TARGETS


def test_names_are_derived_from_the_project_name(tmp_path: Path) -> None:
    answers = render_answers(tmp_path, project_name="Fast Hash 3")
    assert answers["project_slug"] == "fast-hash-3"
    assert answers["crate_name"] == "fast_hash_3"
    assert answers["python_package"] == "fast_hash_3"
    assert answers["python_distribution"] == "fast-hash-3"
    assert answers["npm_package"] == "fast-hash-3"


def test_a_scoped_npm_name_is_accepted(tmp_path: Path) -> None:
    answers = render_answers(tmp_path, npm_package="@acme/fast-hash", targets=["node"])
    assert answers["npm_package"] == "@acme/fast-hash"


BAD_ANSWERS = [
    ("project_name", "", "must not be empty"),
    ("project_name", "3d tools", "must start with a letter"),
    ("project_name", "Ñandú Lib", "only contain ASCII"),
    ("project_slug", "My Lib", "kebab-case"),
    ("crate_name", "", "must not be empty"),
    ("crate_name", "9lives", "not a valid crate name"),
    ("crate_name", "fn", "Rust keyword"),
    ("crate_name", "crate", "Rust keyword"),
    ("crate_name", "self", "Rust keyword"),
    ("crate_name", "std", "built-in crate"),
    ("crate_name", "my-lib", "not a valid crate name"),
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
    ("author_email", "ada.example.com", "not an e-mail address"),
    ("author_email", "ada@", "not an e-mail address"),
    ("repository_url", "github.com/x/y", "not a repository URL"),
    ("targets", [], "at least one target"),
]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    BAD_ANSWERS,
    ids=[f"{k}={str(v)[:12]!r}" for k, v, _ in BAD_ANSWERS],
)
def test_a_bad_answer_is_rejected_with_what_to_type_instead(
    tmp_path: Path, key: str, value: object, message: str
) -> None:
    destination = tmp_path / "out"
    with pytest.raises(ValueError, match=f"question '{key}'") as caught:
        copier.run_copy(
            TEMPLATE, destination, data={key: value}, defaults=True, quiet=True, vcs_ref="HEAD"
        )
    assert message in str(caught.value)
    assert not destination.exists(), "a rejected copy must leave no destination behind"


def test_error_messages_suggest_an_alternative(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match='type another name, for example "json_rs"'):
        copier.run_copy(
            TEMPLATE, tmp_path / "o", data={"python_package": "json"}, defaults=True, vcs_ref="HEAD"
        )


def test_plain_copy_needs_no_trust_and_a_rejected_one_leaves_nothing(tmp_path: Path) -> None:
    """The CLI as a workshop attendee runs it: no --trust, nothing but copier installed."""
    good = subprocess.run(
        [*CLI_COPY, TEMPLATE, str(tmp_path / "good")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert (tmp_path / "good" / "Cargo.toml").is_file()

    bad = subprocess.run(
        [*CLI_COPY, "-d", "crate_name=fn", TEMPLATE, str(tmp_path / "bad")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "Rust keyword" in bad.stderr
    assert not (tmp_path / "bad").exists()


def test_the_template_uses_no_unsafe_copier_features() -> None:
    assert not {"_tasks", "_migrations", "_jinja_extensions"} & set(QUESTIONS)
