"""Brings the lockfiles that generated projects ship up to date: the one command.

Usage: python scripts/update_lockfiles.py

A generated project ships Cargo.lock (and xtask/Cargo.lock where it has an xtask) and
bindings/javascript/package-lock.json, resolved for its answers. What they contain
depends on few answers, so they are stored once, merged, in includes/lockfiles/:

- Cargo: the dependency graph depends on the pattern, on whether Python and any
  JavaScript target are chosen, and on node-native (20 classes that copier.yml's
  validators accept; the xtask of core-library and unified-build on the same). This
  script renders one project per class from a snapshot of the working tree, has
  Cargo resolve each afresh (`cargo generate-lockfile`: the newest versions that the
  manifests and the declared rust-version allow), and writes every package once,
  with the classes it belongs to.
  The workspace's own crates are stored as "@crate..." and renamed when rendered.
- npm: the lock depends on which dev dependencies package.json declares, which
  depends on some of the JavaScript targets. This script finds those targets (by
  rendering package.json for every combination), has npm lock each distinct
  combination afresh (`npm install --package-lock-only`, without registry URLs), and
  writes every entry (path and content) once, with the combinations it belongs to.

Then it renders every class again through the template and checks that Copier writes
exactly the lockfile that Cargo or npm wrote; any difference stops it with an error
and leaves the data files as they were.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable
from graphlib import TopologicalSorter
from pathlib import Path

import copier
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from template_snapshot import snapshot  # noqa: E402

DATA = ROOT / "includes" / "lockfiles"
QUESTIONS = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))
# The crate name the classes are resolved with; it becomes "@crate" in the data, and
# sorts between other packages ("quote" < "quote_lock" < "r-efi"), so that the
# renaming is checked to keep Cargo's order.
CRATE = "quote_lock"
# Cargo's name for crates.io in a lockfile, stored once in the data.
CRATES_IO = "crates.io"


def choices(question: str) -> list[str]:
    options = QUESTIONS[question]["choices"]
    return list(options.values()) if isinstance(options, dict) else list(options)


PATTERNS = choices("pattern")
JS_TARGETS = [target for target in choices("targets") if target != "python"]


def run(command: list[str], cwd: Path) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(
            f"update_lockfiles: {' '.join(command)} failed in {cwd}:\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )


def plain_snapshot(destination: Path) -> Path:
    """The working tree's template as a plain folder: Copier renders it without cloning
    (several times faster than from git, and this script renders 60 projects)."""
    snapshot(destination)
    shutil.rmtree(destination / ".git")
    return destination


def targets_of(python: bool, js: bool, native: bool) -> list[str]:
    """The targets of a class's representative project: "node" for JavaScript."""
    chosen = [("python", python), ("node", js), ("node-native", native)]
    return [target for target, wanted in chosen if wanted]


def valid(template: Path, pattern: str, targets: list[str]) -> bool:
    """Whether copier.yml's validators accept these answers (node-native needs node, and
    a pattern that supports it)."""
    with tempfile.TemporaryDirectory(prefix="update-lockfiles-valid-") as scratch:
        try:
            copier.run_copy(
                str(template),
                Path(scratch) / "project",
                data={"project_name": "Quote Lock", "pattern": pattern, "targets": targets},
                defaults=True,
                quiet=True,
                pretend=True,
            )
        except ValueError:
            return False
    return True


def render(template: Path, destination: Path, pattern: str, targets: list[str]) -> Path:
    copier.run_copy(
        str(template),
        destination,
        data={
            "project_name": "Quote Lock",
            "crate_name": CRATE,
            "pattern": pattern,
            "targets": targets,
        },
        defaults=True,
        quiet=True,
    )
    return destination


def cargo_class(pattern: str, python: bool, js: bool, native: bool) -> str:
    """The class name as includes/lockfiles/cargo.jinja computes it."""
    flags = [("python", python), ("js", js), ("native", native)]
    return pattern + "".join(f"+{flag}" for flag, chosen in flags if chosen)


def merged_order(orders: Iterable[list[str]]) -> list[str]:
    """One order of every item that keeps the order of each list (the lists are
    Cargo's or npm's sorted output, so they agree)."""
    graph: dict[str, set[str]] = {}
    for order in orders:
        for index, item in enumerate(order):
            graph.setdefault(item, set())
            if index:
                graph[item].add(order[index - 1])
    return list(TopologicalSorter(graph).static_order())


def merge(classes: dict[str, list[tuple[str, dict]]]) -> list[tuple[dict, list[str] | None]]:
    """Every (identity, entry) of every class once, in an order that keeps each class's,
    with the classes it is in (None: all of them)."""
    members: dict[str, list[str]] = {}
    entries: dict[str, dict] = {}
    for name, items in classes.items():
        for identity, entry in items:
            members.setdefault(identity, []).append(name)
            entries[identity] = entry
    order = merged_order([identity for identity, _ in items] for items in classes.values())
    return [
        (entries[identity], None if len(members[identity]) == len(classes) else members[identity])
        for identity in order
    ]


# --- Cargo ----------------------------------------------------------------------


def cargo_entries(lockfile: Path) -> tuple[int, list[tuple[str, dict]], set[str]]:
    """The lockfile's format version and its packages, the workspace's crates renamed
    "@crate...", the crates.io source named by CRATES_IO."""
    lock = tomllib.loads(lockfile.read_text(encoding="utf-8"))

    def placeholder(text: str) -> str:
        name, _, rest = text.partition(" ")
        if name == CRATE or name.startswith(CRATE + "_"):
            name = "@crate" + name[len(CRATE) :]
        return f"{name} {rest}".rstrip()

    items = []
    for package in lock["package"]:
        entry = {"name": placeholder(package["name"]), "version": package["version"]}
        if "source" in package:
            if not package["source"].endswith("/crates.io-index"):
                raise SystemExit(f"update_lockfiles: {package['name']} is not from crates.io")
            entry["source"] = CRATES_IO
        if "checksum" in package:
            entry["checksum"] = package["checksum"]
        if "dependencies" in package:
            entry["dependencies"] = [placeholder(d) for d in package["dependencies"]]
        items.append((json.dumps(entry, sort_keys=True), entry))
    sources = {p["source"] for p in lock["package"] if "source" in p}
    return lock["version"], items, sources


def cargo_data(locks: dict[str, Path]) -> dict:
    versions, classes, sources = set(), {}, set()
    for name, lockfile in locks.items():
        version, items, found = cargo_entries(lockfile)
        versions.add(version)
        sources |= found
        classes[name] = items
    (version,) = versions
    (source,) = sources  # crates.io's, checked in cargo_entries
    packages = []
    for entry, when in merge(classes):
        packages.append(entry if when is None else {**entry, "when": sorted(when)})
    return {
        "version": version,
        "sources": {CRATES_IO: source},
        "packages": packages,
    }


# --- npm ------------------------------------------------------------------------


def npm_lock(folder: Path) -> Path:
    """npm's lock of `folder`, resolved afresh, without registry URLs (the project
    installs from whichever registry npm is configured with)."""
    (folder / "package-lock.json").unlink(missing_ok=True)
    shutil.rmtree(folder / "node_modules", ignore_errors=True)
    run(
        [
            "npm",
            "install",
            "--package-lock-only",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
            "--omit-lockfile-registry-resolved",
        ],
        cwd=folder,
    )
    return folder / "package-lock.json"


def npm_data(locks: dict[str, Path], targets: list[str]) -> dict:
    classes, versions = {}, set()
    for name, lockfile in locks.items():
        lock = json.loads(lockfile.read_text(encoding="utf-8"))
        versions.add(lock["lockfileVersion"])
        classes[name] = [
            (path + "\0" + json.dumps(entry, sort_keys=True), {"path": path, "entry": entry})
            for path, entry in lock["packages"].items()
        ]
    (version,) = versions
    packages = []
    for entry, when in merge(classes):
        packages.append(entry if when is None else {**entry, "when": sorted(when)})
    return {"lockfileVersion": version, "targets": targets, "packages": packages}


def npm_classes(template: Path, work: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The JavaScript targets whose choice changes package.json's dependencies, and for
    each combination of them (named "a+b") the targets of one project that has it."""
    manifests = {}
    for count in range(1, len(JS_TARGETS) + 1):
        for chosen in itertools.combinations(JS_TARGETS, count):
            if not valid(template, PATTERNS[0], list(chosen)):
                continue
            project = render(template, work / "npm" / "+".join(chosen), PATTERNS[0], list(chosen))
            # package.json and the workspaces of the runtimes' test tools (test-tools/*/)
            package = project / "bindings" / "javascript"
            manifests[chosen] = {
                str(path.relative_to(package)): {
                    key: manifest.get(key)
                    for key in ("dependencies", "devDependencies", "workspaces")
                    for manifest in [json.loads(path.read_text(encoding="utf-8"))]
                }
                for path in [package / "package.json", *package.glob("test-tools/*/package.json")]
            }
            shutil.rmtree(project)

    def without(chosen: tuple[str, ...], target: str) -> tuple[str, ...]:
        return tuple(t for t in chosen if t != target)

    relevant = [
        target
        for target in JS_TARGETS
        if any(
            manifests[chosen] != manifests[without(chosen, target)]
            for chosen in manifests
            if target in chosen and without(chosen, target) in manifests
        )
    ]
    classes: dict[str, list[str]] = {}
    for chosen, manifest in manifests.items():
        name = "+".join(t for t in chosen if t in relevant)
        representative = classes.setdefault(name, list(chosen))
        if manifests[tuple(representative)] != manifest:
            raise SystemExit(
                f"update_lockfiles: {chosen} and {representative} declare different npm "
                f"dependencies, though they differ only in {set(chosen) ^ set(representative)}"
            )
    return relevant, classes


# --- The command ----------------------------------------------------------------


def timed(message: str, action: Callable[[], object]):
    start = time.monotonic()
    result = action()
    print(f"update_lockfiles: {message} ({time.monotonic() - start:.0f} s)", flush=True)
    return result


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="update-lockfiles-") as scratch:
        work = Path(scratch)
        template = plain_snapshot(work / "template")
        workspace_locks: dict[str, Path] = {}
        xtask_locks: dict[str, Path] = {}
        # (python, js, native): node-native comes with a JavaScript target.
        languages = [(True, False, False), (False, True, False), (True, True, False)]
        languages += [(python, True, True) for python in (False, True)]
        classes = [
            (pattern, *chosen)
            for pattern, chosen in itertools.product(PATTERNS, languages)
            if valid(template, pattern, targets_of(*chosen))
        ]

        def resolve_cargo() -> None:
            for pattern, python, js, native in classes:
                name = cargo_class(pattern, python, js, native)
                targets = targets_of(python, js, native)
                project = render(template, work / "cargo" / name, pattern, targets)
                for folder, locks in ((project, workspace_locks), (project / "xtask", xtask_locks)):
                    if (folder / "Cargo.toml").exists():
                        (folder / "Cargo.lock").unlink(missing_ok=True)
                        run(["cargo", "generate-lockfile", "--quiet"], cwd=folder)
                        locks[name] = folder / "Cargo.lock"

        timed(f"Cargo resolved {len(classes)} classes", resolve_cargo)
        relevant, npm_projects = timed(
            "found the targets that change package.json", lambda: npm_classes(template, work)
        )
        npm_locks: dict[str, Path] = {}

        def resolve_npm() -> None:
            for name, targets in npm_projects.items():
                project = render(template, work / "npm" / (name or "none"), PATTERNS[0], targets)
                npm_locks[name] = npm_lock(project / "bindings" / "javascript")

        timed(f"npm resolved {len(npm_projects)} combinations of {relevant}", resolve_npm)

        data = {
            "workspace.json": cargo_data(workspace_locks),
            "xtask.json": cargo_data(xtask_locks),
            "package-lock.json": npm_data(npm_locks, relevant),
        }
        previous = {name: (DATA / name).read_bytes() for name in data if (DATA / name).exists()}
        for name, content in data.items():
            (DATA / name).write_text(data_file(content), encoding="utf-8")
        try:
            timed(
                "checked every class as Copier renders it",
                lambda: check(work, workspace_locks, xtask_locks, npm_locks, npm_projects),
            )
        except BaseException:
            for name, content in previous.items():
                (DATA / name).write_bytes(content)
            raise
    sizes = ", ".join(f"{name} {(DATA / name).stat().st_size // 1024} KiB" for name in data)
    print(f"update_lockfiles: wrote includes/lockfiles/ ({sizes})")
    return 0


def data_file(content: dict) -> str:
    """JSON with one package per line: a new version is a one-line change in git."""
    lines = [json.dumps(package, ensure_ascii=False) for package in content["packages"]]
    head = json.dumps({**content, "packages": None}, ensure_ascii=False, indent=1)
    return (
        head.replace('"packages": null', '"packages": [\n  ' + ",\n  ".join(lines) + "\n ]") + "\n"
    )


def check(work, workspace_locks, xtask_locks, npm_locks, npm_projects) -> None:
    """Renders every class from a snapshot with the new data and compares each
    lockfile with the one Cargo or npm wrote."""
    template = plain_snapshot(work / "checked-template")
    wrong = []

    def compare(rendered: Path, expected: Path) -> None:
        if rendered.read_bytes() != expected.read_bytes():
            wrong.append(f"{rendered} differs from {expected}")

    for name, lockfile in workspace_locks.items():
        pattern, _, flags = name.partition("+")
        targets = targets_of(*(flag in flags.split("+") for flag in ("python", "js", "native")))
        project = render(template, work / "check" / name, pattern, targets)
        compare(project / "Cargo.lock", lockfile)
        if name in xtask_locks:
            compare(project / "xtask" / "Cargo.lock", xtask_locks[name])
    for name, targets in npm_projects.items():
        project = render(template, work / "check" / f"npm-{name or 'none'}", PATTERNS[0], targets)
        compare(project / "bindings/javascript/package-lock.json", npm_locks[name])
    if wrong:
        raise SystemExit(
            "update_lockfiles: the template renders other lockfiles:\n" + "\n".join(wrong)
        )


if __name__ == "__main__":
    sys.exit(main())
