"""Shared fixtures: the template as pytest-copier sees it, and the variant matrix.

The matrix is derived from copier.yml, never kept by hand: a new pattern or target
there is rendered (and, in the build tier, built) by the suite without any edit here.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any

import jinja2.sandbox
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from template_snapshot import (  # noqa: E402
    TEMPLATE_PATHS,
    snapshot,
    tag_versions,
)

QUESTIONS: dict[str, Any] = yaml.safe_load((ROOT / "copier.yml").read_text(encoding="utf-8"))


def choices(question: str) -> list[str]:
    """The answer values a choice question offers, in the order copier.yml lists them."""
    options = QUESTIONS[question]["choices"]
    return list(options.values()) if isinstance(options, dict) else list(options)


PATTERNS = choices("pattern")
DEFAULT_PATTERN: str = QUESTIONS["pattern"]["default"]
TARGETS = choices("targets")


def tool(name: str) -> str:
    """A command as a user's shell finds it: on PATH (scripts/test.sh sources setup's
    .cache/toolchain.env), else among the console scripts of the Python environment
    running the tests (where `pip install` put copier, ruff, maturin, ...)."""
    found = shutil.which(name) or shutil.which(name, path=sysconfig.get_path("scripts"))
    if not found:
        pytest.fail(f"{name} is not on PATH: run `bash scripts/setup.sh` (or install it)")
    return found


def jinja_environment() -> jinja2.Environment:
    """Jinja as Copier configures it (sandboxed, with the Ansible filters Copier ships),
    loading from the template root, for tests of the includes/ macros on their own."""
    return jinja2.sandbox.SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(ROOT),
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
    )


def derived(name: str, **answers: Any) -> Any:
    """A derived value of copier.yml (`when: false`), computed from `answers`."""
    rendered = jinja_environment().from_string(QUESTIONS[name]["default"]).render(**answers)
    return yaml.safe_load(rendered) if QUESTIONS[name]["type"] == "yaml" else rendered


def accepted(pattern: str, targets: list[str]) -> bool:
    """Whether copier.yml's validator of `targets` accepts them with this pattern."""
    validator = jinja_environment().from_string(QUESTIONS["targets"]["validator"])
    return not validator.render(pattern=pattern, targets=targets).strip()


def alone(pattern: str, target: str) -> list[str] | None:
    """The smallest choice of targets with `target` that the pattern accepts: the target
    alone, or with the one it needs (node-native needs node); None where none is."""
    for others in ([], *([other] for other in TARGETS if other != target)):
        chosen = [t for t in TARGETS if t == target or t in others]
        if accepted(pattern, chosen):
            return chosen
    return None


def all_targets(pattern: str) -> list[str]:
    """Every target that the pattern accepts."""
    return [t for t in TARGETS if alone(pattern, t) is not None]


# The runtimes of the npm package (copier.yml's derived `js_targets`): every target
# but Python and those that only add a build for a runtime of the list.
JS_TARGETS: list[str] = derived("js_targets", targets=TARGETS)


def variants() -> list[pytest.param]:
    """Every pattern with every target on its own (with the target it needs, if any), and
    with all the targets it accepts together."""
    params = []
    for pattern in PATTERNS:
        params.append(pytest.param((pattern, all_targets(pattern)), id=f"{pattern}-all"))
        params.extend(
            pytest.param((pattern, alone(pattern, t)), id=f"{pattern}-{t}")
            for t in all_targets(pattern)
        )
    return params


@pytest.fixture(scope="session")
def template_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template as Copier sees it, independent of whatever else sits in this working
    tree: a clone of this repository with the working tree's template files committed on
    top (uncommitted edits included), and the versions of CHANGELOG.md tagged. A copy
    without `vcs_ref` takes the newest tag: the working tree."""
    repository = snapshot(tmp_path_factory.mktemp("template") / "polybind-template")
    tag_versions(repository)
    return repository


@pytest.fixture(scope="session")
def copier_template_paths() -> list[str]:
    """What pytest-copier would copy of the template (it uses template_repository)."""
    return TEMPLATE_PATHS


@pytest.fixture(scope="session")
def copier_template(template_repository: Path) -> Path:
    """pytest-copier's template: the tagged snapshot, symbolic links kept."""
    return template_repository


@pytest.fixture(scope="session")
def cargo_target_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cargo target dir for every project of the run (scripts/test.sh sets it)."""
    configured = os.environ.get("CARGO_TARGET_DIR")
    return Path(configured) if configured else tmp_path_factory.mktemp("cargo-target")


@pytest.fixture(scope="session")
def rendered_variant(copier_template: Path, tmp_path_factory):
    """`rendered_variant(pattern, targets)`: the project of `copier copy --defaults` with that
    pattern and those targets, rendered once per run and shared by the tests that only read
    it (a test that edits a project renders its own)."""
    from copier import run_copy

    rendered: dict[tuple[str, tuple[str, ...]], Path] = {}

    def get(pattern: str, targets: list[str]) -> Path:
        key = (pattern, tuple(targets))
        if key not in rendered:
            project = tmp_path_factory.mktemp(f"{pattern}-{len(targets)}-targets") / "project"
            answers = {"pattern": pattern, "targets": list(targets)}
            run_copy(str(copier_template), project, data=answers, defaults=True, quiet=True)
            rendered[key] = project
        return rendered[key]

    return get


@pytest.fixture(scope="session")
def built_project(copier_template: Path, tmp_path_factory, cargo_target_dir: Path):
    """`built_project(pattern)`: the project of `pattern` with every target it accepts, after
    its own `make test LOCKED=1` passed (and, with Python, `make build-python`: the release
    wheel in dist/python, which `make test` does not need); built once per run and shared
    by the tests that read it. The default pattern's is the project of a plain `copier copy
    --defaults` (the default targets). `built_project(pattern, targets)`: the same with
    these targets."""
    from projects import build_env, generate, run

    built: dict[tuple[str, tuple[str, ...]], Path] = {}
    default_targets = QUESTIONS["targets"]["default"]

    def get(pattern: str, targets: list[str] | None = None) -> Path:
        if targets is None:
            targets = default_targets if pattern == DEFAULT_PATTERN else all_targets(pattern)
        key = (pattern, tuple(targets))
        if key not in built:
            if pattern == DEFAULT_PATTERN and targets == default_targets:
                project = generate(
                    copier_template,
                    tmp_path_factory,
                    "my-library",
                    project_name=QUESTIONS["project_name"]["default"],
                )
            else:
                # Crates named after the folder: projects of one pattern with other targets
                # must not share crate names in the shared target dir.
                name = pattern if targets == all_targets(pattern) else f"{pattern}-{len(targets)}"
                project = generate(
                    copier_template, tmp_path_factory, name, pattern=pattern, targets=targets
                )
            # LOCKED=1 as in the project's CI: built from the shipped lockfiles as they are.
            goals = ["test", *(["build-python"] if "python" in targets else [])]
            run(["make", *goals, "LOCKED=1"], cwd=project, env=build_env(cargo_target_dir))
            built[key] = project
        return built[key]

    return get
