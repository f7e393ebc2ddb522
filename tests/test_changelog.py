"""The generated CHANGELOG.md, scripts/changelog.sh and `make bump`.

The changelog is in the Keep a Changelog format; `make bump` moves what is under
"Unreleased" into the section of the new version, and the release workflow's GitHub
release takes that section as its notes (`scripts/changelog.sh notes`). The script runs
here with the project's own `sh` and `awk`, as `make` runs it.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PATTERNS
from projects import generate, restored

TODAY = datetime.datetime.now(datetime.UTC).date().isoformat()

RELEASED = """# Changelog

## [Unreleased]

### Fixed

- The word counter counts words joined by a hyphen once.

## [1.1.0] - 2026-01-02

### Added

- `crc32` takes a starting value.

## [1.0.0] - 2025-12-01

- The first stable version.
"""


@pytest.fixture(scope="module")
def project(copier_template: Path, tmp_path_factory) -> Path:
    return generate(copier_template, tmp_path_factory, "changelog")


def changelog(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "scripts/changelog.sh", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def written(project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(RELEASED)
    return path


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_project_starts_with_an_unreleased_section(
    pattern: str, copier_template: Path, tmp_path: Path
) -> None:
    import copier

    copier.run_copy(
        str(copier_template), tmp_path, data={"pattern": pattern}, defaults=True, quiet=True
    )
    changelogs = sorted(tmp_path.rglob("CHANGELOG.md"))
    expected = 3 if pattern == "core-library" else 1  # the core and each binding
    assert len(changelogs) == expected, changelogs
    for path in changelogs:
        text = path.read_text(encoding="utf-8")
        assert "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)" in text
        assert "\n## [Unreleased]\n\n### Added\n\n- The first version.\n" in text


def test_notes_are_the_section_of_the_version_without_its_heading(
    project: Path, written: Path
) -> None:
    result = changelog(project, "notes", str(written), "1.1.0")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "### Added\n\n- `crc32` takes a starting value.\n"


def test_release_moves_the_unreleased_changes_under_the_version(
    project: Path, written: Path
) -> None:
    result = changelog(project, "release", str(written), "1.2.0")
    assert result.returncode == 0, result.stderr
    text = written.read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [1.2.0] - {TODAY}\n\n### Fixed\n" in text
    assert text.endswith(RELEASED.split("## [1.1.0]")[1])
    notes = changelog(project, "notes", str(written), "1.2.0").stdout
    assert notes == "### Fixed\n\n- The word counter counts words joined by a hyphen once.\n"


def test_notes_of_a_version_without_a_section_say_how_to_make_one(
    project: Path, written: Path
) -> None:
    result = changelog(project, "notes", str(written), "1.2.0")
    assert result.returncode != 0
    assert f"{written} has no section for 1.2.0: move the Unreleased changes" in result.stderr
    assert "`make bump`" in result.stderr


def test_a_version_is_matched_as_text_not_as_a_pattern(project: Path, written: Path) -> None:
    """1.1.0's dots are no wildcards: 1x1x0 finds nothing."""
    written.write_text(RELEASED.replace("[1.0.0]", "[1x1x0]"))
    assert changelog(project, "notes", str(written), "1.1.0").stdout.startswith("### Added")
    assert changelog(project, "notes", str(written), "1.0.0").returncode != 0


def test_release_refuses_an_empty_unreleased_section(project: Path, written: Path) -> None:
    assert changelog(project, "release", str(written), "1.2.0").returncode == 0
    result = changelog(project, "release", str(written), "1.3.0")
    assert result.returncode != 0
    assert 'nothing under "## [Unreleased]"' in result.stderr
    assert "write what changed in 1.3.0 first" in result.stderr


def test_release_refuses_a_version_that_has_a_section(project: Path, written: Path) -> None:
    result = changelog(project, "release", str(written), "1.1.0")
    assert result.returncode != 0
    assert "already has a section for 1.1.0" in result.stderr
    assert written.read_text(encoding="utf-8") == RELEASED


@pytest.mark.parametrize("version", ["1.2", "v1.2.0", "1.2.0`touch ran`", "1.2.0;touch ran"])
def test_a_version_that_is_not_semantic_is_refused_and_runs_nothing(
    project: Path, written: Path, version: str
) -> None:
    result = changelog(project, "release", str(written), version)
    assert result.returncode != 0
    assert "is not a semantic version: type one such as 1.2.3" in result.stderr
    assert not (project / "ran").exists()
    assert written.read_text(encoding="utf-8") == RELEASED


# --- make bump: the version and the changelog in one command ------------------------------


@pytest.mark.build
@pytest.mark.parametrize("pattern", [p for p in PATTERNS if p != "unified-build"])
def test_make_bump_stamps_the_version_and_moves_the_changelog(
    pattern: str, copier_template: Path, tmp_path_factory
) -> None:
    """unified-build's `make bump` (cargo xtask bump): tests/test_patterns.py."""
    project = generate(copier_template, tmp_path_factory, f"bump-{pattern}", pattern=pattern)
    command = ["make", "bump", "VERSION=1.2.3"]
    folder, manifest = project, project / "Cargo.toml"
    if pattern == "core-library":
        command.insert(2, "PACKAGE=npm")
        folder = project / "bindings" / "javascript"
        manifest = folder / "Cargo.toml"
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '\nversion = "1.2.3"\n' in manifest.read_text(encoding="utf-8")
    package = json.loads((project / "bindings/javascript/package.json").read_text("utf-8"))
    assert package["version"] == "1.2.3"
    text = (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [1.2.3] - {TODAY}\n\n### Added\n\n- The first version.\n" in (
        text
    )
    lock = (project / "Cargo.lock").read_text(encoding="utf-8")
    assert '\nversion = "1.2.3"\n' in lock


# --- make github-release: the release's notes, and a re-run that completes it -------------
# `gh` talks to GitHub, which these tests cannot reach: a stand-in on PATH records what
# the target asks of it, and answers `gh release view` as GitHub would.

FAKE_GH = """#!/bin/sh
echo "gh $*" >> "$GH_LOG"
if [ "$1 $2" = "release view" ]; then [ -n "$GH_RELEASE_EXISTS" ]; exit; fi
while [ $# -gt 0 ]; do
  if [ "$1" = --notes-file ]; then cp "$2" "$GH_NOTES"; fi
  shift
done
"""


@dataclass
class GitHubRelease:
    result: subprocess.CompletedProcess[str]
    gh: list[str]  # the gh commands run
    notes: str  # the notes given to `gh release create`


def github_release(project: Path, tmp_path: Path, tag: str, exists: bool) -> GitHubRelease:
    """`TAG=tag make github-release` with dist/ holding two files."""
    (project / "dist").mkdir(exist_ok=True)
    for name in ("a.whl", "SHA256SUMS"):
        (project / "dist" / name).write_text(name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "TAG": tag,
        "GH_LOG": str(tmp_path / "log"),
        "GH_NOTES": str(tmp_path / "notes"),
        "GH_RELEASE_EXISTS": "yes" if exists else "",
    }
    result = subprocess.run(
        ["make", "github-release"], cwd=project, env=env, capture_output=True, text=True
    )
    log, notes = tmp_path / "log", tmp_path / "notes"
    return GitHubRelease(
        result,
        log.read_text().splitlines() if log.exists() else [],
        notes.read_text() if notes.exists() else "",
    )


@pytest.fixture
def released_project(project: Path) -> Iterator[Path]:
    changelog_path = project / "CHANGELOG.md"
    with restored(changelog_path):
        changelog_path.write_text(RELEASED)
        yield project


def test_github_release_is_created_with_the_changelog_section_as_notes(
    released_project: Path, tmp_path: Path
) -> None:
    release = github_release(released_project, tmp_path, "v1.1.0", exists=False)
    assert release.result.returncode == 0, release.result.stderr
    log = release.gh
    assert log == [
        "gh release view v1.1.0",
        "gh release create v1.1.0 --verify-tag --title v1.1.0 --notes-file "
        f"{log[1].split('--notes-file ')[1].split()[0]} dist/SHA256SUMS dist/a.whl",
    ]
    assert release.notes == "### Added\n\n- `crc32` takes a starting value.\n"


def test_a_re_run_completes_the_github_release_it_finds(
    released_project: Path, tmp_path: Path
) -> None:
    release = github_release(released_project, tmp_path, "v1.1.0", exists=True)
    assert release.result.returncode == 0, release.result.stderr
    assert release.gh == [
        "gh release view v1.1.0",
        "gh release upload v1.1.0 --clobber dist/SHA256SUMS dist/a.whl",
    ]


def test_a_version_with_a_suffix_is_released_as_a_prerelease(
    released_project: Path, tmp_path: Path
) -> None:
    changelog_path = released_project / "CHANGELOG.md"
    changelog_path.write_text(RELEASED.replace("[1.1.0]", "[1.1.0-rc.1]"))
    release = github_release(released_project, tmp_path, "v1.1.0-rc.1", exists=False)
    assert release.result.returncode == 0, release.result.stderr
    assert "--prerelease" in release.gh[1].split()


def test_github_release_refuses_a_version_the_changelog_lacks(
    released_project: Path, tmp_path: Path
) -> None:
    """Nothing is created without notes: the changelog's section must be written first."""
    release = github_release(released_project, tmp_path, "v1.2.0", exists=False)
    assert release.result.returncode != 0
    assert "CHANGELOG.md has no section for 1.2.0" in release.result.stderr
    assert release.gh == []
