"""scripts/release.py: which template versions .github/workflows/release.yml tags.

Run against real git repositories; only the GitHub CLI call of --publish is left out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import release


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=test", "-c", "user.email=test@localhost"]
    result = subprocess.run(
        ["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True
    )
    return result.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with three commits: first, second, third (HEAD)."""
    git(tmp_path, "init", "--quiet")
    for name in ("first", "second", "third"):
        (tmp_path / name).write_text(name)
        git(tmp_path, "add", name)
        git(tmp_path, "commit", "--quiet", "-m", name)
    return tmp_path


def commit(repo: Path, name: str) -> str:
    return git(repo, "log", "--format=%H", f"--grep=^{name}$")


def changelog(repo: Path, *entries: str) -> None:
    (repo / "CHANGELOG.md").write_text("# Changelog\n\n" + "\n".join(entries), encoding="utf-8")


def test_released_versions_without_a_tag_are_tagged_oldest_first(repo: Path) -> None:
    first, second = commit(repo, "first")[:7], commit(repo, "second")[:7]
    changelog(
        repo,
        "## 0.3.0 (unreleased)\n\n- coming\n",
        f"## 0.2.0 (commit {second})\n\n- two\n",
        f"## 0.1.0 (commit {first})\n\n- one\n",
    )
    pending = release.releases_to_tag(repo)
    assert [(r.version, r.commit) for r in pending] == [
        ("0.1.0", commit(repo, "first")),
        ("0.2.0", commit(repo, "second")),
    ]
    assert pending[1].notes == "- two"


def test_a_version_already_tagged_at_its_commit_is_left_alone(repo: Path) -> None:
    git(repo, "tag", "0.1.0", commit(repo, "first"))
    changelog(repo, f"## 0.1.0 (commit {commit(repo, 'first')[:7]})\n")
    assert release.releases_to_tag(repo) == []


def test_a_tag_at_another_commit_than_the_changelog_names_is_an_error(repo: Path) -> None:
    git(repo, "tag", "0.1.0", commit(repo, "second"))
    changelog(repo, f"## 0.1.0 (commit {commit(repo, 'first')[:7]})\n")
    with pytest.raises(release.ReleaseError, match="tags are never moved"):
        release.releases_to_tag(repo)


def test_a_commit_missing_from_the_repository_is_an_error(repo: Path) -> None:
    changelog(repo, "## 0.1.0 (commit 0123abc)\n")
    with pytest.raises(release.ReleaseError, match="0123abc is not in this repository"):
        release.releases_to_tag(repo)


def test_a_commit_off_the_current_branch_is_an_error(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "side", commit(repo, "first"))
    (repo / "side").write_text("side")
    git(repo, "add", "side")
    git(repo, "commit", "--quiet", "-m", "side")
    side = commit(repo, "side")
    git(repo, "checkout", "--quiet", "-")
    changelog(repo, f"## 0.1.0 (commit {side[:7]})\n")
    with pytest.raises(release.ReleaseError, match="not on the current branch"):
        release.releases_to_tag(repo)


def test_the_command_reports_an_error_without_a_traceback(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert release.main([], root=repo) == 1
    error = capsys.readouterr().err
    assert error.startswith("release: ")
    assert "CHANGELOG.md is missing: there is nothing to release" in error


def test_the_command_without_publish_only_prints_the_plan(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changelog(repo, f"## 0.1.0 (commit {commit(repo, 'first')[:7]})\n")
    assert release.main([], root=repo) == 0
    assert capsys.readouterr().out == f"release: 0.1.0 at {commit(repo, 'first')[:7]}\n"
    assert git(repo, "tag") == ""
