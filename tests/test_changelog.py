"""The generated CHANGELOG.md, scripts/changelog.sh and `make bump`.

The changelog is in the Keep a Changelog format; `make bump` moves what is under
"Unreleased" into the section of the new version, and the release workflow's GitHub
release takes that section as its notes (`scripts/changelog.sh notes`). The script runs
here with the project's own `sh` and `awk`, as `make` runs it.
"""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest

from conftest import PATTERNS
from projects import generate

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
