"""A clean git repository of the template, made from this clone, for Copier to copy from.

Copier copies a template from git. Pointed at this working tree it would see everything
else that sits in it (a generated project with its own `.git`, build output, editor
files) and, with `--vcs-ref HEAD`, only what is committed. A snapshot avoids both:

- it is a `git clone` of this repository, so the template's history (the earlier
  versions listed in CHANGELOG.md) is there for `copier update`;
- the template's own files (TEMPLATE_PATHS) are then replaced by the working tree's
  tracked and untracked-but-not-ignored files and committed when they differ, so a
  contributor's uncommitted edits are what gets generated and tested;
- nothing else from the working tree is copied.

Usage: python scripts/template_snapshot.py DEST [--tag]
  --tag  also tags the versions of CHANGELOG.md (earlier ones at their commits, the
         newest at the snapshot), as a release would; DEST's own tags, not this clone's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What Copier reads: the questions, the Jinja they import, the rendered tree.
TEMPLATE_PATHS = ["copier.yml", "includes", "template"]
# A throwaway identity for the snapshot's own commits and tags (no global git config needed).
IDENTITY = ["-c", "user.name=template snapshot", "-c", "user.email=snapshot@localhost"]
VERSION_HEADING = re.compile(
    r"^## (?P<version>\d+\.\d+\.\d+)\b(?:.*?\bcommit (?P<commit>[0-9a-f]{7,40})\b)?", re.M
)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def changelog_versions(root: Path = ROOT) -> list[tuple[str, str | None]]:
    """(version, commit) per `## X.Y.Z` heading of CHANGELOG.md, newest first; the commit
    is None for the version still being made (the working tree)."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return [(m["version"], m["commit"]) for m in VERSION_HEADING.finditer(text)]


def working_tree_files(root: Path) -> list[str]:
    """The template's files as a contributor sees them: tracked (as edited) and new ones
    that .gitignore does not exclude; files deleted in the working tree are left out."""
    listed = git(
        root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *TEMPLATE_PATHS
    )
    names = sorted({name for name in listed.split("\0") if name})
    # A nested repository shows up as "dir/": it is not part of the template.
    return [n for n in names if (root / n).is_symlink() or (root / n).is_file()]


def copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():  # bindings/python/LICENSE-* link to the workspace's licences
        target.symlink_to(source.readlink())
    else:
        shutil.copy2(source, target)


def snapshot(destination: Path, root: Path = ROOT) -> Path:
    """Creates `destination` as described in the module docstring and returns it."""
    inside_git = (root / ".git").exists()
    if inside_git:
        subprocess.run(
            ["git", "clone", "--quiet", str(root), str(destination)],
            check=True,
            capture_output=True,
        )
        files = working_tree_files(root)
    else:  # an unpacked archive: no history, the files as they are
        destination.mkdir(parents=True)
        git(destination, "init", "--quiet")
        files = [
            str(p.relative_to(root))
            for name in TEMPLATE_PATHS
            for p in ([root / name] if (root / name).is_file() else (root / name).rglob("*"))
            if p.is_file() or p.is_symlink()
        ]
    for name in TEMPLATE_PATHS:
        target = destination / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    for name in files:
        copy_file(root / name, destination / name)
    git(destination, "add", "-A")
    if subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=destination).returncode:
        git(destination, "commit", "--quiet", "--no-verify", "-m", "The working tree's template")
    return destination


def tag_versions(repository: Path, root: Path = ROOT) -> str:
    """Tags the CHANGELOG's versions in `repository`; returns the newest (at HEAD)."""
    versions = changelog_versions(root)
    for version, commit in versions:
        if (
            commit
            and subprocess.run(
                ["git", "cat-file", "-e", f"{commit}^{{commit}}"], cwd=repository
            ).returncode
        ):
            raise SystemExit(
                f"template_snapshot: commit {commit} of version {version} (CHANGELOG.md) is not "
                "in this clone; earlier versions need the full history (git fetch --unshallow)"
            )
        git(repository, "tag", "--force", "--annotate", "-m", version, version, commit or "HEAD")
    return versions[0][0]


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__.split("Usage: ")[1], file=sys.stderr)
        return 2
    destination = Path(argv[0]).resolve()
    if destination.exists():
        print(f"template_snapshot: {destination} already exists", file=sys.stderr)
        return 1
    snapshot(destination)
    if "--tag" in argv[1:]:
        tag_versions(destination)
    print(destination)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
