"""`copier update` brings template changes into a project without losing its code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import copier
import pytest
import yaml

from conftest import make_template_repository


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    """A git copy of the template, tagged 1.0.0, that a test can release again."""
    return make_template_repository(tmp_path / "template-repo", "1.0.0")


def generate(template_repo: Path, destination: Path, **answers: object) -> Path:
    copier.run_copy(str(template_repo), destination, data=answers, defaults=True, quiet=True)
    git(destination, "init", "--quiet")
    git(destination, "add", "-A")
    git(destination, "commit", "--quiet", "-m", "generated")
    return destination


def release(template_repo: Path, tag: str, change) -> None:
    change(template_repo)
    git(template_repo, "add", "-A")
    git(template_repo, "commit", "--quiet", "-m", f"template {tag}")
    git(template_repo, "tag", tag)


def update(project: Path, **answers: object) -> None:
    copier.run_update(
        str(project), data=answers, defaults=True, overwrite=True, quiet=True, conflict="rej"
    )


def test_update_applies_template_changes_and_keeps_user_code(
    template_repo: Path, tmp_path: Path
) -> None:
    project = generate(template_repo, tmp_path / "project", targets=["python"])
    user_code = "\n/// Added by the user after generation.\npub fn answer() -> u32 {\n    42\n}\n"
    with (project / "core" / "src" / "lib.rs").open("a") as lib:
        lib.write(user_code)
    git(project, "commit", "--quiet", "-am", "user code")

    def improve_makefile(repo: Path) -> None:
        makefile = repo / "template" / "Makefile.jinja"
        makefile.write_text(makefile.read_text() + "\n# Improved in template 1.1.0.\n")

    release(template_repo, "1.1.0", improve_makefile)
    update(project)

    assert user_code in (project / "core" / "src" / "lib.rs").read_text()
    assert "# Improved in template 1.1.0." in (project / "Makefile").read_text()
    assert yaml.safe_load((project / ".copier-answers.yml").read_text())["_commit"] == "1.1.0"
    assert not list(project.rglob("*.rej"))


def test_update_can_add_a_target_later(template_repo: Path, tmp_path: Path) -> None:
    project = generate(template_repo, tmp_path / "project", targets=["python"])
    assert not (project / "bindings" / "javascript").exists()

    update(project, targets=["python", "node"])

    assert (project / "bindings" / "javascript" / "package.json").is_file()
    assert '"bindings/javascript"' in (project / "Cargo.toml").read_text()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["targets"] == ["python", "node"]
