"""The README's two commands on a fresh clone, in either order: a project generated inside
the clone (a git repository without a commit, as scripts/generate-default.sh leaves it)
never reaches the template's own tests, which copy a clean snapshot of the template."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import copier
import pytest

from conftest import ROOT
from template_snapshot import snapshot


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def clone_with_generated_projects(template_repository: Path, tmp_path: Path) -> Path:
    """A fresh clone, with what generate-default leaves in it (./my-library) and a
    project generated elsewhere inside it, that .gitignore does not cover."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(template_repository), str(clone))
    for name in ("my-library", "experiments/other-name"):
        copier.run_copy(
            str(template_repository),
            clone / name,
            vcs_ref="HEAD",
            data={"targets": ["node"]},
            defaults=True,
            quiet=True,
        )
        git(clone / name, "init", "--quiet")
    return clone


def test_the_template_tests_pass_beside_generated_projects(
    clone_with_generated_projects: Path,
) -> None:
    clone = clone_with_generated_projects
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_questions.py",
            "-k",
            "plain_copy or names_are_derived",
        ],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "2 passed" in result.stdout


def test_copying_the_working_tree_itself_breaks_negative_control(
    clone_with_generated_projects: Path, tmp_path: Path
) -> None:
    """What the tests did before: Copier, asked for HEAD of a dirty working tree, commits
    it in a temporary clone and trips over the generated project's repository."""
    with pytest.raises(Exception, match=r"(?i)commit|git"):
        copier.run_copy(
            str(clone_with_generated_projects),
            tmp_path / "out",
            vcs_ref="HEAD",
            defaults=True,
            quiet=True,
        )


def test_the_default_output_folder_is_ignored_by_git() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--quiet", "my-library/Cargo.toml"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0


def test_the_snapshot_holds_uncommitted_template_edits_and_nothing_else(
    template_repository: Path, tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(template_repository), str(clone))
    (clone / "template" / "NEW-FILE.md").write_text("untracked, not ignored\n")
    (clone / "template" / "__pycache__").mkdir()
    (clone / "template" / "__pycache__" / "x.pyc").write_bytes(b"ignored")
    with (clone / "copier.yml").open("a") as questions:
        questions.write("\n# an uncommitted edit\n")
    (clone / "template" / "nested").mkdir()
    git(clone / "template" / "nested", "init", "--quiet")

    made = snapshot(tmp_path / "snapshot", root=clone)

    assert (made / "copier.yml").read_text().endswith("# an uncommitted edit\n")
    assert (made / "template" / "NEW-FILE.md").is_file()
    assert not (made / "template" / "__pycache__").exists()
    assert not (made / "template" / "nested").exists()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=made, capture_output=True, text=True, check=True
    )
    assert not status.stdout, "the snapshot is committed, so Copier copies it as it is"
