"""Tags the template's released versions, as CHANGELOG.md lists them.

A version is released by naming its commit in its heading, `## 1.2.0 (commit abc1234)`;
the version still being made has no commit (`## 1.3.0 (unreleased)`). For each released
version this checks that the commit is on the current branch and that a tag of that name,
if there is one, points at it, then creates the missing tags: with --publish through the
GitHub CLI (a tag and a GitHub release whose notes are the version's entry), otherwise it
only prints what it would do. Run by .github/workflows/release.yml on main.

Usage: python3 scripts/release.py [--publish]
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = re.compile(r"^## (?P<version>\d+\.\d+\.\d+)\b(?P<rest>.*)$", re.MULTILINE)
COMMIT = re.compile(r"\bcommit (?P<commit>[0-9a-f]{7,40})\b")


class ReleaseError(Exception):
    """A CHANGELOG entry that cannot be released as written."""


@dataclass
class Release:
    version: str
    commit: str  # the full SHA
    notes: str


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)


def releases_to_tag(root: Path) -> list[Release]:
    """The released versions of CHANGELOG.md that have no tag yet, oldest first."""
    changelog = root / "CHANGELOG.md"
    if not changelog.is_file():
        raise ReleaseError(f"{changelog} is missing: there is nothing to release")
    text = changelog.read_text(encoding="utf-8")
    headings = list(HEADING.finditer(text))
    pending = []
    for index, heading in enumerate(headings):
        version = heading["version"]
        named = COMMIT.search(heading["rest"])
        if named is None:
            continue  # not released yet
        resolved = git(root, "rev-parse", "--verify", "--quiet", f"{named['commit']}^{{commit}}")
        if resolved.returncode != 0:
            raise ReleaseError(f"{version}: commit {named['commit']} is not in this repository")
        commit = resolved.stdout.strip()
        if git(root, "merge-base", "--is-ancestor", commit, "HEAD").returncode != 0:
            raise ReleaseError(f"{version}: commit {named['commit']} is not on the current branch")
        tagged = git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/{version}^{{commit}}")
        if tagged.returncode == 0:
            if tagged.stdout.strip() != commit:
                raise ReleaseError(
                    f"{version}: the tag points at {tagged.stdout.strip()[:7]}, the CHANGELOG at "
                    f"{commit[:7]}: correct the CHANGELOG entry (tags are never moved)"
                )
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        pending.append(Release(version, commit, text[heading.end() : end].strip()))
    return pending[::-1]


def publish(release: Release) -> None:
    """Creates the tag and its GitHub release (the GitHub CLI reads GH_TOKEN)."""
    subprocess.run(
        [
            "gh", "release", "create", release.version,
            "--target", release.commit,
            "--title", release.version,
            "--notes", release.notes,
        ],
        check=True,
    )  # fmt: skip


def main(arguments: list[str], root: Path = ROOT) -> int:
    if arguments not in ([], ["--publish"]):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    try:
        pending = releases_to_tag(root)
    except ReleaseError as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    if not pending:
        print("release: every released version of CHANGELOG.md is tagged")
    for release in pending:
        print(f"release: {release.version} at {release.commit[:7]}")
        if arguments == ["--publish"]:
            publish(release)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
