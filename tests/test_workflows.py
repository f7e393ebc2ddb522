"""The generated GitHub workflows: valid, secure, and calling the project's own commands.

Nothing here reaches GitHub. The workflows of every target selection that renders them
are checked by the tools GitHub users check them with: actionlint (with shellcheck for
the `run:` scripts), zizmor (offline, zero findings; its policy demands SHA pins) and
check-jsonschema's schemas for workflows and Dependabot. Every `run:` step must call a
command the project itself has (a Makefile target, an npm script, or one of the few
registry and release commands listed below), so that CI runs what a developer runs;
the build tier then runs those very commands on this machine.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import copier
import pytest
import yaml

from conftest import JS_TARGETS, PATTERNS, ROOT, all_targets, alone
from projects import generate

BIN = Path(sys.executable).parent
# On PATH as a shell finds it: scripts/test.sh sources setup's .cache/toolchain.env.
ACTIONLINT = shutil.which("actionlint") or "actionlint"
ZIZMOR = BIN / "zizmor"
CHECK_JSONSCHEMA = BIN / "check-jsonschema"


def workflow_variants() -> list[pytest.param]:
    """Every pattern with all targets, each target alone, and Python with one JavaScript
    target (a different one per pattern, so that every pairing renders somewhere)."""
    params = []
    for index, pattern in enumerate(PATTERNS):
        pair = JS_TARGETS[index % len(JS_TARGETS)]
        selections = {
            "all": all_targets(pattern),
            **{t: alone(pattern, t) for t in all_targets(pattern)},
            f"python+{pair}": ["python", pair],
        }
        params.extend(
            pytest.param((pattern, targets), id=f"{pattern}-{name}")
            for name, targets in selections.items()
        )
    return params


@pytest.fixture(scope="module", params=workflow_variants())
def project(request: pytest.FixtureRequest, copier_template: Path, tmp_path_factory) -> Path:
    pattern, targets = request.param
    destination = tmp_path_factory.mktemp("workflows") / "project"
    copier.run_copy(
        str(copier_template),
        destination,
        data={"pattern": pattern, "targets": targets},
        defaults=True,
        quiet=True,
    )
    # zizmor finds .github/zizmor.yml at the root of the git repository.
    subprocess.run(["git", "init", "--quiet"], cwd=destination, check=True)
    return destination


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def workflows(project: Path) -> list[Path]:
    return sorted((project / ".github" / "workflows").glob("*.yml"))


def release_workflows(project: Path) -> list[Path]:
    return sorted((project / ".github" / "workflows").glob("release*.yml"))


def answers(project: Path) -> dict:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


# --- linters ----------------------------------------------------------------------------


def test_workflows_pass_actionlint_and_shellcheck(project: Path) -> None:
    result = run([ACTIONLINT, "-shellcheck", "shellcheck", *workflows(project)], project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_and_dependabot_pass_zizmor_with_zero_findings(project: Path) -> None:
    result = run([ZIZMOR, "--offline", "."], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_workflows_match_the_github_workflow_schema(project: Path) -> None:
    schema = ["--builtin-schema", "vendor.github-workflows"]
    result = run([CHECK_JSONSCHEMA, *schema, *workflows(project)], project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema(project: Path) -> None:
    schema = ["--builtin-schema", "vendor.dependabot"]
    result = run([CHECK_JSONSCHEMA, *schema, ".github/dependabot.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr


# --- this repository's own workflows, through the same linters ----------------------------

OWN_WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_own_workflows_pass_actionlint_and_shellcheck() -> None:
    result = run([ACTIONLINT, "-shellcheck", "shellcheck", *OWN_WORKFLOWS], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_own_workflows_and_dependabot_pass_zizmor_with_zero_findings() -> None:
    result = run([ZIZMOR, "--offline", "--config", ".github/zizmor.yml", ".github"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_own_workflows_and_dependabot_match_their_schemas() -> None:
    workflows_schema = ["--builtin-schema", "vendor.github-workflows", *OWN_WORKFLOWS]
    dependabot_schema = ["--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"]
    for arguments in (workflows_schema, dependabot_schema):
        result = run([CHECK_JSONSCHEMA, *arguments], ROOT)
        assert result.returncode == 0, result.stdout + result.stderr


def test_own_ci_runs_each_test_tier_with_the_readme_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    jobs = load(ROOT / ".github" / "workflows" / "tests.yml")["jobs"]
    commands = {
        name: [s["run"] for s in job["steps"] if "run" in s][-1] for name, job in jobs.items()
    }
    assert commands == {
        "fast": 'bash scripts/test.sh -m "not build"',
        "build": "bash scripts/test.sh -m build",
    }
    for command in commands.values():
        assert command.removeprefix("bash ") in readme or command in readme, command


# --- what the workflows contain ---------------------------------------------------------

ACTION_PIN = re.compile(
    r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+|master)$"
)


def uses_lines(paths: list[Path]) -> Iterator[str]:
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(- )?uses: ", line) and "uses: ./" not in line:
                yield line


def pins(paths: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in uses_lines(paths):
        action, sha = ACTION_PIN.match(line).group(1, 2)
        found.setdefault(action, set()).add(sha)
    return found


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(
    project: Path,
) -> None:
    for line in uses_lines(workflows(project)):
        assert ACTION_PIN.match(line), line


def test_one_action_has_one_pin_here_and_in_this_repository_s_own_workflows(
    project: Path,
) -> None:
    """Dependabot updates this repository's own workflows; the template's pins follow."""
    everywhere = pins(workflows(project) + OWN_WORKFLOWS)
    assert {action: shas for action, shas in everywhere.items() if len(shas) > 1} == {}


def test_dependabot_watches_exactly_the_ecosystems_the_project_has(project: Path) -> None:
    config = yaml.safe_load((project / ".github" / "dependabot.yml").read_text())
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    expected = {("github-actions", "/"), ("cargo", "/")}
    if (project / "bindings" / "python").is_dir():
        expected.add(("pip", "/bindings/python"))
    if (project / "bindings" / "javascript").is_dir():
        expected.add(("npm", "/bindings/javascript"))
    if (project / "examples" / "cloudflare-worker").is_dir():
        expected.add(("npm", "/examples/cloudflare-worker"))
    assert watched == expected


def test_ci_has_a_job_for_each_chosen_language_and_none_for_the_others(project: Path) -> None:
    jobs = set(load(project / ".github" / "workflows" / "ci.yml")["jobs"])
    python = (project / "bindings" / "python").is_dir()
    javascript = (project / "bindings" / "javascript").is_dir()
    assert {"lint", "rust", "msrv"} <= jobs
    assert {"python-wheel", "python-test"} <= jobs if python else not jobs & {"python-wheel"}
    assert {"wasm", "javascript"} <= jobs if javascript else not jobs & {"wasm", "javascript"}


def needs(job: dict) -> set[str]:
    declared = job.get("needs", [])
    return {declared} if isinstance(declared, str) else set(declared)


def upstream(jobs: dict, name: str) -> set[str]:
    """Every job that must pass before `name` runs (its `needs`, transitively)."""
    found: set[str] = set()
    pending = needs(jobs[name])
    while pending:
        job = pending.pop()
        if job not in found:
            found.add(job)
            pending |= needs(jobs[job])
    return found


def release_tags(project: Path) -> dict[str, list[str]]:
    """{release workflow file: the tag patterns that start it}."""
    return {path.name: load(path)[True]["push"]["tags"] for path in release_workflows(project)}


def test_each_release_workflow_starts_on_the_tags_of_what_it_releases(project: Path) -> None:
    """One tag releases everything, except in core-library: a tag per package."""
    chosen = answers(project)
    if chosen["pattern"] == "core-library":
        expected = {"release-core.yml": ["core-v*"]}
        if "python" in chosen["targets"]:
            expected["release-python.yml"] = ["python-v*"]
        if set(chosen["targets"]) & set(JS_TARGETS):
            expected["release-npm.yml"] = ["npm-v*"]
    else:
        expected = {"release.yml": ["v*"]}
    assert release_tags(project) == expected


def publishing_problems(workflow: dict) -> list[str]:
    """Where a release workflow could publish before every build and test job passed."""
    jobs = workflow["jobs"]
    publishers = {name for name in jobs if name.startswith("publish-")}
    if not publishers:
        return ["no publish-* job"]
    builds = set(jobs) - publishers - {"tag", "provenance", "github-release"}
    problems = []
    for name in sorted(publishers):
        if missing := builds - upstream(jobs, name):
            problems.append(f"{name} does not wait for {sorted(missing)}")
        if jobs[name]["permissions"].get("id-token") != "write":
            problems.append(f"{name} has no id-token (trusted publishing)")
    if needs(jobs["github-release"]) != publishers | {"provenance"}:
        problems.append("github-release does not wait for every publish-* job and provenance")
    return problems


def test_publishing_waits_for_every_build_and_test_job(project: Path) -> None:
    for workflow in release_workflows(project):
        assert publishing_problems(load(workflow)) == [], workflow.name


def test_nothing_is_built_before_the_tag_check_passed(project: Path) -> None:
    """A tag that names another version fails before anything is built."""
    for workflow in release_workflows(project):
        jobs = load(workflow)["jobs"]
        assert needs(jobs["tag"]) == set(), workflow.name
        for name in set(jobs) - {"tag"}:
            assert "tag" in upstream(jobs, name), (workflow.name, name)


def test_the_tag_check_runs_the_version_rule_of_the_pattern(project: Path) -> None:
    """core-library's releases also check that each binding accepts the core's version;
    a release that builds wheels reads the maturin version they pin there too."""
    chosen = answers(project)
    extra = ["make check-versions"] if chosen["pattern"] == "core-library" else []
    for workflow in release_workflows(project):
        tag_job = load(workflow)["jobs"]["tag"]
        commands = [step["run"] for step in tag_job["steps"] if "run" in step]
        versions = (
            ['make versions >> "$GITHUB_OUTPUT"'] if "wheels" in load(workflow)["jobs"] else []
        )
        assert commands == ["make check-tag", *extra, *versions], workflow.name


def test_the_tag_reaches_the_tag_check_only_through_the_environment(project: Path) -> None:
    """A tag name is data: `${{ github.ref_name }}` appears in no `run:` line."""
    for workflow in release_workflows(project):
        (check,) = [
            s for s in load(workflow)["jobs"]["tag"]["steps"] if s.get("run") == "make check-tag"
        ]
        assert check["env"] == {"TAG": "${{ github.ref_name }}"}, workflow.name
        scripts = [
            s["run"]
            for job in load(workflow)["jobs"].values()
            for s in job.get("steps", [])
            if "run" in s
        ]
        assert not [script for script in scripts if "${{" in script and "github." in script], (
            workflow.name
        )


def crate_publishers(project: Path) -> list[str]:
    return [
        f"{workflow.name} {name}"
        for workflow in release_workflows(project)
        for name, job in load(workflow)["jobs"].items()
        if any(step.get("run", "") == "make publish-crate" for step in job.get("steps", []))
    ]


def test_shared_core_and_codegen_keep_their_core_off_crates_io(project: Path) -> None:
    """shared-core's and codegen's core is internal: `publish = false`, and no release
    publishes it; the other patterns publish it once, from one job."""
    core = tomllib.loads((project / "core" / "Cargo.toml").read_text(encoding="utf-8"))
    if answers(project)["pattern"] in ("shared-core", "codegen"):
        assert core["package"]["publish"] is False
        assert crate_publishers(project) == []
    else:
        assert "publish" not in core["package"]
        assert len(crate_publishers(project)) == 1


def test_unified_build_publishes_only_the_artifact_its_release_check_verified(
    project: Path,
) -> None:
    if answers(project)["pattern"] != "unified-build":
        pytest.skip("only unified-build has one build graph with a release check")
    jobs = load(project / ".github" / "workflows" / "release.yml")["jobs"]
    check = jobs["release-check"]
    assert [s["run"] for s in check["steps"] if "run" in s] == [
        "make checksums",
        "make verify-dist",
    ]
    uploads = [s["with"] for s in check["steps"] if "upload-artifact@" in s.get("uses", "")]
    assert uploads == [{"name": "dist", "path": "dist/", "if-no-files-found": "error"}]
    for name in [n for n in jobs if n.startswith("publish-")] + ["github-release"]:
        if name.startswith("publish-"):
            assert needs(jobs[name]) == {"release-check"}, name
        downloads = [
            s["with"] for s in jobs[name]["steps"] if "download-artifact@" in s.get("uses", "")
        ]
        assert downloads == [{"name": "dist", "path": "dist"}], name


# --- CI runs the project's own commands -------------------------------------------------

# Commands a workflow may run that are not Makefile targets or npm scripts, and why.
# The README's daily commands of each ecosystem, which the job `windows` runs as they
# are (no make there): cargo at the root, uv and npm in their folders. Elsewhere they
# would bypass the Makefile.
DAILY_COMMANDS = {"cargo test --workspace --locked", "uv run pytest", "npm ci"}

DIRECT_COMMANDS = {
    # The wheel and its test dependencies go into the interpreter setup-python
    # installed: there is no make on Windows, and a venv's layout differs there.
    "python -m pip install",
    # `pytest ARGS` must be what `make test-python` runs (checked below).
    "python -m pytest",
    # musllinux wheels and the musl native addons are built or tested in Alpine Linux,
    # with the commands of the other platforms (checked inside), after Alpine's Rust.
    "docker run",
    "apk add --no-cache cargo",
    # Release steps that only make sense there (the uploads themselves are Makefile
    # targets, rehearsed against local registries by tests/test_release_rehearsal.py).
    "npm pack",
    # The .crate, packed and built without credentials, then packed again (without
    # building) by the publish job, which compares the bytes: `cmp` with the verified
    # .crate, or `sha256sum --check` with unified-build's dist/SHA256SUMS.
    "cargo package",
    "cmp dist/",
    "sha256sum",
}


@dataclass
class RunStep:
    workflow: str
    job: str
    command: str
    working_directory: str
    # The environment the line runs in: the workflow's, the job's and the step's `env:`.
    env: dict[str, str] = field(default_factory=dict)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def matrix_values(job: dict) -> list[dict[str, str]]:
    """Every combination of the job's matrix, as {key: value} (no matrix: [{}])."""
    matrix = job.get("strategy", {}).get("matrix", {})
    keys = [k for k in matrix if k not in ("include", "exclude")]
    combos = [
        dict(zip(keys, values, strict=True)) for values in product(*(matrix[k] for k in keys))
    ]
    combos = [c for c in combos if c] + list(matrix.get("include", []))
    return combos or [{}]


def expand_matrix(script: str, combo: dict[str, str]) -> str:
    return re.sub(r"\$\{\{ matrix\.([\w-]+) \}\}", lambda m: str(combo[m.group(1)]), script)


def run_steps(workflow: Path) -> Iterator[RunStep]:
    """Each command line of each `run:` step, once per matrix combination."""
    loaded = load(workflow)
    for job_name, job in loaded["jobs"].items():
        default_dir = job.get("defaults", {}).get("run", {}).get("working-directory", ".")
        for step in job.get("steps", []):
            if "run" not in step:
                continue
            for combo in matrix_values(job):
                script = expand_matrix(step["run"], combo)
                for line in script.replace("\\\n", " ").splitlines():
                    if line.strip():
                        yield RunStep(
                            workflow.name,
                            job_name,
                            line.strip(),
                            step.get("working-directory", default_dir),
                            {
                                name: expand_matrix(str(value), combo)
                                for scope in (loaded, job, step)
                                for name, value in scope.get("env", {}).items()
                            },
                        )


def makefile_targets(project: Path) -> set[str]:
    text = (project / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):(?!=)", text, flags=re.MULTILINE))


def npm_scripts(project: Path, working_directory: str) -> set[str]:
    manifest = project / working_directory / "package.json"
    if not manifest.is_file():
        return set()
    return set(yaml.safe_load(manifest.read_text(encoding="utf-8"))["scripts"])


def python_tests(project: Path) -> str:
    """The folder of the tests that `make test-python` runs: `uv run pytest` in the
    Python package's folder, whose pyproject.toml names them (`testpaths`)."""
    recipe = subprocess.run(
        ["make", "-n", "--no-print-directory", "test-python"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (folder,) = re.findall(r"^cd (\S+) && (?:\S+=\S+ )*uv run pytest$", recipe, re.MULTILINE)
    pyproject = tomllib.loads((project / folder / "pyproject.toml").read_text(encoding="utf-8"))
    (tests,) = pyproject["tool"]["pytest"]["ini_options"]["testpaths"]
    return f"{folder}/{tests}"


def command_problem(project: Path, step: RunStep) -> str | None:
    """Why `step` is not a project command, or None when it is one."""
    command = re.sub(r"\s*>>?\s*\S+$", "", step.command.strip())  # `>> "$GITHUB_OUTPUT"`
    if make := re.fullmatch(r"make ((?:[\w-]+ ?)+?)( [A-Z_]+=\S+)*", command):
        unknown = set(make.group(1).split()) - makefile_targets(project)
        return f"no Makefile target {sorted(unknown)}" if unknown else None
    if npm := re.fullmatch(r"npm (?:run (?:--silent )?([\w:-]+)|(test))\b.*", command):
        script = npm.group(1) or npm.group(2)
        if script not in npm_scripts(project, step.working_directory):
            return f"no npm script {script!r} in {step.working_directory}/package.json"
        return None
    if pytest_args := re.fullmatch(r"python -m pytest (.+)", command):
        tests = python_tests(project)
        if pytest_args.group(1) != tests:
            return f"not the tests of `make test-python` ({tests})"
        return None
    if inner := re.fullmatch(r"docker run .* sh -ec '(.*)'", command):
        for part in inner.group(1).split(";"):
            if problem := command_problem(project, RunStep(**{**vars(step), "command": part})):
                return f"in the container: `{part.strip()}`: {problem}"
        return None
    if group := re.search(r"--group (\S+):(\S+)", command):
        manifest = project / group.group(1)
        groups = tomllib.loads(manifest.read_text(encoding="utf-8")).get("dependency-groups", {})
        if group.group(2) not in groups:
            return f"no dependency group {group.group(2)!r} in {group.group(1)}"
    if any(command.startswith(allowed) for allowed in DIRECT_COMMANDS):
        return None
    if step.job == "windows" and command in DAILY_COMMANDS:
        return None
    return "neither a Makefile target, an npm script, nor a listed release command"


def test_every_run_step_calls_a_command_the_project_has(project: Path) -> None:
    problems = [
        f"{s.workflow} {s.job}: `{s.command}`: {problem}"
        for path in workflows(project)
        for s in run_steps(path)
        if (problem := command_problem(project, s))
    ]
    assert problems == []


def test_pre_commit_runs_local_hooks_only(project: Path) -> None:
    """No hook repository is cloned when pre-commit runs: every hook is `repo: local`."""
    config = load(project / ".pre-commit-config.yaml")
    assert {repo["repo"] for repo in config["repos"]} == {"local"}


def test_wheels_are_built_with_the_arguments_of_make_build_python(project: Path) -> None:
    # What make runs with the workflows' environment (LOCKED=1 adds --locked).
    makefile = subprocess.run(
        ["make", "-n", "--no-print-directory", "build-python"],
        cwd=project,
        env={**os.environ, **workflow_env(project)},
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    local = re.search(r"maturin build (.+)$", makefile, re.MULTILINE)
    builds = [
        step["with"]
        for path in workflows(project)
        for job in load(path)["jobs"].values()
        for step in job.get("steps", [])
        if step.get("uses", "").startswith("PyO3/maturin-action@")
        and step["with"]["command"] == "build"
    ]
    assert bool(builds) == (local is not None)
    for arguments in builds:
        # The free-threaded and PyPy builds name the interpreters to build for, last.
        args = re.sub(r" --interpreter .*", "", arguments["args"])
        assert sorted(args.split()) == sorted(local.group(1).split())


def workflow_env(project: Path) -> dict[str, str]:
    """The `env:` that ci.yml sets for every job (the release workflows set the same)."""
    ci = load(project / ".github" / "workflows" / "ci.yml")
    return {name: str(value) for name, value in ci.get("env", {}).items()}


def unlocked_builds(project: Path, env: dict[str, str]) -> list[str]:
    """Every command of the workflows (their `make` targets as `make -n` prints them,
    under `env`) that could build other versions than the lockfiles record: cargo or
    maturin without --locked, `npm install`. Publishing jobs are left out."""
    lines = []
    for step in {(s.command, s.working_directory): s for s in all_run_steps(project)}.values():
        if step.job.startswith("publish"):
            continue
        if step.command.startswith("make "):
            printed = subprocess.run(
                ["bash", "-c", step.command.replace("make ", "make -n --no-print-directory ", 1)],
                cwd=project / step.working_directory,
                env={
                    **os.environ,
                    "GITHUB_REF_NAME": "v0.1.0",
                    "GITHUB_OUTPUT": "/dev/null",
                    **step.env,
                    **env,
                },
                capture_output=True,
                text=True,
                check=False,
            )
            lines += [f"{step.command}: {line}" for line in printed.stdout.splitlines()]
        else:
            # The line's environment, as a shell command line would give it.
            assignments = "".join(f"{name}={value} " for name, value in step.env.items())
            lines.append(f"{step.job}: {assignments}{step.command}")
    # `uv run` builds the package (maturin, through its PEP 517 backend), unless it
    # leaves the package out (`--only-group`); MATURIN_PEP517_ARGS=--locked locks it.
    builder = re.compile(r"(?:^|[\s;&|(/])(?:cargo|maturin build|uv run(?!.* --only-group))\s")
    return [
        line
        for line in lines
        if (builder.search(line.split(": ", 1)[1]) and "--locked" not in line)
        or re.search(r"\bnpm (?:install|i)\b", line)
    ]


def npm_installs(project: Path, drop: str | None = None) -> list[tuple[RunStep, str]]:
    """(step, command) for each `npm ci` that the workflows' make steps run, as `make -n`
    prints it in the step's environment (without the variable `drop`)."""
    installs = []
    for step in all_run_steps(project):
        if not step.command.startswith("make "):
            continue
        env = {name: value for name, value in step.env.items() if name != drop}
        printed = subprocess.run(
            ["bash", "-c", step.command.replace("make ", "make -n ", 1)],
            cwd=project / step.working_directory,
            env={**os.environ, "GITHUB_OUTPUT": "/dev/null", **env},
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        installs += [(step, line) for line in printed.splitlines() if "npm ci" in line]
    return installs


def test_ci_installs_a_runtimes_test_tools_only_in_the_job_of_its_tests(project: Path) -> None:
    """Each runtime's test tools are an npm workspace (test-tools/<runtime>/): the job of
    that runtime's tests installs them and no other runtime's; every other job none."""
    if not (project / "bindings" / "javascript" / "test-tools").is_dir():
        pytest.skip("no runtime with test tools of its own")
    installs = npm_installs(project)
    assert installs
    runtimes = {path.name for path in (project / "bindings/javascript/test-tools").iterdir()}
    for step, command in installs:
        words = command.split()
        tests = step.command.removeprefix("make test-js-")  # the matrix's `tests`
        if step.job == "javascript" and tests in runtimes:
            assert "--include-workspace-root" in words, command
            assert words.count("--workspace") == 1, command
            assert words[words.index("--workspace") + 1] == f"test-tools/{tests}", command
        else:
            assert "--no-workspaces" in words, (step, command)


def test_an_install_of_every_test_tool_is_caught(copier_template: Path, tmp_path: Path) -> None:
    """Negative control: without NPM_TEST_TOOLS, `npm ci` installs every workspace."""
    project = tmp_path / "project"
    copier.run_copy(str(copier_template), project, defaults=True, quiet=True)
    installs = npm_installs(project, drop="NPM_TEST_TOOLS")
    assert installs
    assert all("--no-workspaces" not in command.split() for _, command in installs)
    assert all("--workspace" not in command.split() for _, command in installs)


def all_run_steps(project: Path) -> list[RunStep]:
    return [step for path in workflows(project) for step in run_steps(path)]


def test_ci_and_release_build_only_what_the_lockfiles_record(project: Path) -> None:
    """cargo and maturin with --locked, npm ci: never `npm install`."""
    assert workflow_env(project).get("LOCKED") == "1"
    assert unlocked_builds(project, workflow_env(project)) == []


# --- negative controls: the checks above catch the broken versions ---------------------


def test_builds_without_locked_are_caught(copier_template: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    copier.run_copy(str(copier_template), project, defaults=True, quiet=True)
    found = "\n".join(unlocked_builds(project, {"LOCKED": ""}))
    assert "npm install" in found
    assert re.search(r"cargo (?!--locked)", found)
    assert re.search(r"^make lint: uv run (?!.*--only-group)", found, re.MULTILINE)


@pytest.fixture(scope="module")
def default_project(copier_template: Path, tmp_path_factory) -> Path:
    destination = tmp_path_factory.mktemp("negative") / "project"
    copier.run_copy(str(copier_template), destination, defaults=True, quiet=True)
    subprocess.run(["git", "init", "--quiet"], cwd=destination, check=True)
    return destination


@pytest.fixture
def broken(default_project: Path):
    """Applies a (search, replace) edit to ci.yml for one test, then restores it."""
    ci = default_project / ".github" / "workflows" / "ci.yml"
    original = ci.read_text(encoding="utf-8")

    def edit(search: str, replace: str) -> Path:
        assert search in original
        ci.write_text(original.replace(search, replace, 1), encoding="utf-8")
        return default_project

    yield edit
    ci.write_text(original, encoding="utf-8")


CHECKOUT_PIN = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"


@pytest.mark.parametrize(
    "unpinned", ["actions/checkout@v7.0.1", "actions/checkout@v7", "actions/checkout@main"]
)
def test_zizmor_rejects_an_action_pinned_by_tag_or_branch(broken, unpinned: str) -> None:
    project = broken(CHECKOUT_PIN, unpinned)
    result = run([ZIZMOR, "--offline", "."], project)
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout


def test_actionlint_reports_shellcheck_findings_in_run_scripts(broken) -> None:
    project = broken("run: make test-rust", "run: cd $HOME/build && make test-rust")
    result = run([ACTIONLINT, "-shellcheck", "shellcheck", ".github/workflows/ci.yml"], project)
    assert result.returncode != 0
    assert "shellcheck reported issue" in result.stdout
    assert "SC2086" in result.stdout


def test_correspondence_rejects_a_make_target_the_makefile_lacks(broken) -> None:
    project = broken("run: make test-rust", "run: make test-everything")
    steps = [s for s in run_steps(project / ".github" / "workflows" / "ci.yml")]
    problems = [command_problem(project, s) for s in steps if "test-everything" in s.command]
    assert problems == ["no Makefile target ['test-everything']"]


def test_correspondence_rejects_a_command_that_bypasses_the_makefile(broken) -> None:
    project = broken("run: make test-rust", "run: cargo test --workspace")
    steps = run_steps(project / ".github" / "workflows" / "ci.yml")
    bypass = [s for s in steps if s.command == "cargo test --workspace"]
    assert bypass
    assert command_problem(project, bypass[0]) is not None


def test_correspondence_rejects_a_dependency_group_the_project_lacks(broken) -> None:
    project = broken("pyproject.toml:test", "pyproject.toml:testing")
    steps = run_steps(project / ".github" / "workflows" / "ci.yml")
    step = next(s for s in steps if ":testing" in s.command)
    assert command_problem(project, step) == (
        "no dependency group 'testing' in bindings/python/pyproject.toml"
    )


def test_correspondence_rejects_a_pytest_run_that_differs_from_the_makefile(broken) -> None:
    project = broken("run: python -m pytest bindings/python/tests", "run: python -m pytest -x")
    steps = run_steps(project / ".github" / "workflows" / "ci.yml")
    changed = [s for s in steps if s.command == "python -m pytest -x"]
    assert changed
    assert command_problem(project, changed[0]) == (
        "not the tests of `make test-python` (bindings/python/tests)"
    )


@pytest.fixture(scope="module")
def unified_release_yml(copier_template: Path, tmp_path_factory) -> dict:
    destination = tmp_path_factory.mktemp("negative-unified") / "project"
    data = {"pattern": "unified-build"}
    copier.run_copy(str(copier_template), destination, data=data, defaults=True, quiet=True)
    return load(destination / ".github" / "workflows" / "release.yml")


def test_publishing_check_catches_a_publish_job_that_skips_the_release_check(
    unified_release_yml: dict,
) -> None:
    workflow = copy.deepcopy(unified_release_yml)
    assert publishing_problems(workflow) == []
    workflow["jobs"]["publish-npm"]["needs"] = ["npm-package"]
    (problem,) = publishing_problems(workflow)
    assert problem.startswith("publish-npm does not wait for [")
    assert "'release-check'" in problem
    assert "'wheels'" in problem


def test_publishing_check_catches_a_publish_job_that_skips_a_build(
    default_project: Path,
) -> None:
    workflow = load(default_project / ".github" / "workflows" / "release.yml")
    assert publishing_problems(workflow) == []
    workflow["jobs"]["publish-pypi"]["needs"].remove("sdist")
    assert publishing_problems(workflow) == ["publish-pypi does not wait for ['sdist']"]


# --- build tier: the workflows' commands, run here --------------------------------------


@pytest.fixture(scope="module")
def built_project(copier_template: Path, tmp_path_factory, cargo_target_dir: Path) -> Path:
    """The default project, with the wheel `make build-python` builds (as CI's
    maturin-action does, with the same arguments) where the Python jobs expect it."""
    destination = tmp_path_factory.mktemp("ci-here") / "my-library"
    copier.run_copy(str(copier_template), destination, defaults=True, quiet=True)
    subprocess.run(["git", "init", "--quiet"], cwd=destination, check=True)
    shell("make build-python", destination, ci_env(cargo_target_dir, destination))
    return destination


def ci_env(cargo_target_dir: Path, project: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        **workflow_env(project),
        "CARGO_TARGET_DIR": str(cargo_target_dir),
        "GITHUB_OUTPUT": str(project / "github-output"),
        **extra,
    }


def shell(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One `run:` line the way GitHub runs it: `bash -e {0}`."""
    result = subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


def ci_commands(project: Path, jobs: set[str]) -> list[RunStep]:
    steps = run_steps(project / ".github" / "workflows" / "ci.yml")
    unique = {(s.job, s.command, s.working_directory): s for s in steps if s.job in jobs}
    return list(unique.values())


@pytest.mark.build
def test_ci_make_commands_pass_here(built_project: Path, cargo_target_dir: Path) -> None:
    """lint, test-rust, msrv (rustup installs the declared rust-version), versions, the
    wasm build made once, then every runtime's tests against it, each step with its
    own `env:` (the npm test tools that the job of a runtime's tests installs)."""
    env = ci_env(cargo_target_dir, built_project)
    jobs = {"lint", "rust", "msrv", "versions", "wasm", "javascript"}
    for step in ci_commands(built_project, jobs):
        shell(step.command, built_project / step.working_directory, {**env, **step.env})
    outputs = (built_project / "github-output").read_text(encoding="utf-8").splitlines()
    pyproject = tomllib.loads((built_project / "bindings/python/pyproject.toml").read_text("utf-8"))
    (maturin,) = pyproject["dependency-groups"]["build"]
    assert outputs == [
        "version=0.1.0",
        f"maturin={maturin.removeprefix('maturin==')}",
        "wasm-bindgen=0.2.130",
        "node=20.15",
    ]


def interpreter(version: str) -> Path:
    """A CPython `version` on this machine: one of pyenv's, or on PATH."""
    pyenv = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False)
    if pyenv.returncode == 0:
        for candidate in sorted(Path(pyenv.stdout.strip()).glob(f"versions/{version}.*")):
            if (candidate / "bin" / "python").exists():
                return candidate / "bin" / "python"
    if (found := shutil.which(f"python{version}")) and "shims" not in found:
        return Path(found)
    pytest.skip(f"no Python {version} on this machine")


@pytest.mark.build
@pytest.mark.parametrize("which", ["oldest", "newest"])
def test_ci_python_steps_pass_with_the_oldest_and_newest_python(
    built_project: Path, tmp_path: Path, cargo_target_dir: Path, which: str
) -> None:
    """The python-test job's lines, with `python` a fresh venv of python_min (the
    oldest the wheel claims) or of the newest Python here (CI takes the newest release)."""
    answers = load(built_project / ".copier-answers.yml")
    version = answers["python_min"] if which == "oldest" else "3.13"
    venv = tmp_path / "venv"
    subprocess.run([interpreter(version), "-m", "venv", venv], check=True)
    env = ci_env(cargo_target_dir, built_project, PATH=f"{venv / 'bin'}:{os.environ['PATH']}")
    for step in ci_commands(built_project, {"python-test"}):
        shell(step.command, built_project / step.working_directory, env)


@pytest.mark.build
def test_release_tag_check_accepts_the_version_and_refuses_any_other(built_project: Path) -> None:
    workflow = built_project / ".github" / "workflows" / "release.yml"
    accepted = tag_check(built_project, workflow, "v0.1.0")
    assert accepted.returncode == 0, accepted.stderr
    result = tag_check(built_project, workflow, "v0.2.0")
    assert result.returncode != 0
    assert "tag 'v0.2.0' does not match the workspace version 0.1.0" in result.stderr


@pytest.mark.build
def test_release_packing_publishing_and_checksums_pass_here(
    built_project: Path, cargo_target_dir: Path, tmp_path: Path
) -> None:
    """The release's own lines after `make test-js`: npm pack, and the checksums of what
    the GitHub release gets (the uploads: tests/test_release_rehearsal.py)."""
    env = ci_env(cargo_target_dir, built_project)
    shell("make build-js", built_project, env)
    steps = list(run_steps(built_project / ".github" / "workflows" / "release.yml"))

    def run_job(job: str, workspace: Path) -> None:
        for step in (s for s in steps if s.job == job):
            if step.command.startswith("make"):
                continue  # make test-js: the build tier's `make test`; the rest need GitHub
            shell(step.command, workspace / step.working_directory, env)

    run_job("npm-package", built_project)
    (tarball,) = (built_project / "bindings" / "javascript").glob("*.tgz")
    # The job below starts from its downloaded artifacts, as on GitHub.
    release = tmp_path / "github-release"
    (release / "dist").mkdir(parents=True)
    for artifact in [tarball, *(built_project / "dist" / "python").glob("*.whl")]:
        shutil.copy(artifact, release / "dist")
    run_job("github-release", release)
    sums = (release / "dist" / "SHA256SUMS").read_text(encoding="utf-8")
    assert re.search(r"^[0-9a-f]{64}  my-library-0\.1\.0\.tgz$", sums, re.MULTILINE)
    assert re.search(r"^[0-9a-f]{64}  my_library-0\.1\.0-.*-abi3-.*\.whl$", sums, re.MULTILINE)


# --- build tier: each pattern's tag check, and unified-build's release check, run here ---

VERSION = "0.1.0"  # every package's version in a freshly generated project


@pytest.fixture(scope="module", params=PATTERNS)
def locked_project(request: pytest.FixtureRequest, copier_template: Path, tmp_path_factory) -> Path:
    """A project of each pattern with every target and a Cargo.lock (which `cargo pkgid`,
    and so `make check-tag`, needs), as a repository that was pushed would have it."""
    project = generate(
        copier_template, tmp_path_factory, f"tags-{request.param}", pattern=request.param
    )
    subprocess.run(["cargo", "generate-lockfile", "--quiet"], cwd=project, check=True)
    return project


def tag_check(project: Path, workflow: Path, tag: str) -> subprocess.CompletedProcess[str]:
    """The tag check of `workflow`'s `tag` job, run here as GitHub runs it for a push of
    `tag`: its `env:` with `${{ github.ref_name }}` standing for the tag."""
    tag_job = load(workflow)["jobs"]["tag"]
    (step, *_) = [step for step in tag_job["steps"] if "run" in step]
    step_env = {k: v.replace("${{ github.ref_name }}", tag) for k, v in step["env"].items()}
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=project,
        env={**os.environ, **step_env},
        capture_output=True,
        text=True,
    )


@pytest.mark.build
def test_each_release_s_tag_check_accepts_its_package_s_version(locked_project: Path) -> None:
    for workflow in release_workflows(locked_project):
        for pattern in release_tags(locked_project)[workflow.name]:
            result = tag_check(locked_project, workflow, pattern.replace("*", VERSION))
            assert result.returncode == 0, (workflow.name, result.stderr)


@pytest.mark.build
def test_each_release_s_tag_check_refuses_another_version(locked_project: Path) -> None:
    """Negative control: the tag names a version that no manifest has."""
    for workflow in release_workflows(locked_project):
        for pattern in release_tags(locked_project)[workflow.name]:
            tag = pattern.replace("*", "0.2.0")
            result = tag_check(locked_project, workflow, tag)
            assert result.returncode != 0, (workflow.name, tag)
            assert f"tag '{tag}' does not match the" in result.stderr, result.stderr
            assert f"version {VERSION}" in result.stderr, result.stderr


# Tag names git accepts that would run a command if pasted into a shell or a Makefile.
HOSTILE_TAGS = [
    "v0.1.0`touch {marker}`",
    "v0.1.0$(touch {marker})",
    "v0.1.0;touch${{IFS}}{marker}",
    "v0.1.0$(shell touch {marker})",
]


@pytest.mark.build
@pytest.mark.parametrize("hostile", HOSTILE_TAGS)
def test_a_hostile_tag_name_runs_nothing_and_is_refused(
    locked_project: Path, tmp_path: Path, hostile: str
) -> None:
    marker = tmp_path / "ran"
    for workflow in release_workflows(locked_project):
        prefix = release_tags(locked_project)[workflow.name][0].removesuffix("v*")
        tag = prefix + hostile.format(marker=marker)
        result = tag_check(locked_project, workflow, tag)
        assert not marker.exists(), (workflow.name, tag)
        assert result.returncode != 0, (workflow.name, tag)
        assert f"tag '{tag}' does not match the" in result.stderr, result.stderr


@pytest.mark.build
@pytest.mark.parametrize("locked_project", ["shared-core"], indirect=True)
def test_the_tag_check_refuses_a_tag_on_make_s_command_line(locked_project: Path) -> None:
    """Make expands a command-line value (`$(shell ...)` would run): only the
    environment passes the tag, and the message says how."""
    result = subprocess.run(
        ["make", "check-tag", "TAG=v0.1.0"], cwd=locked_project, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "pass TAG through the environment, not on make's command line" in result.stderr
    assert "TAG=v1.2.3 make check-tag" in result.stderr


@pytest.mark.build
@pytest.mark.parametrize("locked_project", ["core-library"], indirect=True)
def test_core_library_tag_check_names_the_manifest_of_the_tagged_package(
    locked_project: Path,
) -> None:
    manifests = {
        "release-core.yml": "core/Cargo.toml",
        "release-python.yml": "bindings/python/Cargo.toml",
        "release-npm.yml": "bindings/javascript/Cargo.toml",
    }
    for name, manifest in manifests.items():
        workflow = locked_project / ".github" / "workflows" / name
        (pattern,) = release_tags(locked_project)[name]
        result = tag_check(locked_project, workflow, pattern.replace("*", "0.2.0"))
        assert f"or change the version in {manifest}" in result.stderr, result.stderr


@pytest.mark.build
@pytest.mark.parametrize("locked_project", ["core-library"], indirect=True)
@pytest.mark.parametrize("tag", ["v0.1.0", "rust-v0.1.0", "core0.1.0", ""])
def test_core_library_tag_check_refuses_a_tag_that_names_no_package(
    locked_project: Path, tag: str
) -> None:
    """Negative control: the tag's prefix is not one of the packages'; the message says
    which tags there are."""
    workflow = locked_project / ".github" / "workflows" / "release-core.yml"
    result = tag_check(locked_project, workflow, tag)
    assert result.returncode != 0
    assert f"tag '{tag}' names no package of this project: tag core-vX.Y.Z (the core), " in (
        result.stderr
    )
    assert "python-vX.Y.Z (the Python package), npm-vX.Y.Z (the npm package)" in result.stderr


@pytest.fixture(scope="module")
def unified_release(copier_template: Path, tmp_path_factory, cargo_target_dir: Path) -> Path:
    """A committed unified-build project with every artifact in dist/, gathered as the
    release workflow's build jobs upload them: without SHA256SUMS."""
    project = generate(
        copier_template, tmp_path_factory, "release-unified", pattern="unified-build"
    )
    env = ci_env(cargo_target_dir, project)
    shell("cargo generate-lockfile --quiet", project, env)
    shell(
        "git add -A && git -c user.name=CI -c user.email=ci@example.com commit -qm v0.1.0",
        project,
        env,
    )
    shell("make dist", project, env)
    (project / "dist" / "SHA256SUMS").unlink()
    return project


def release_job(project: Path, job: str) -> list[RunStep]:
    return [s for s in run_steps(project / ".github" / "workflows" / "release.yml") if s.job == job]


@pytest.fixture(scope="module")
def release_check_outputs(unified_release: Path, cargo_target_dir: Path) -> list[str]:
    """What the release-check job's commands print on the gathered artifacts; they write
    dist/SHA256SUMS, which the publish-crate job checks its packed bytes against."""
    env = ci_env(cargo_target_dir, unified_release)
    return [
        shell(s.command, unified_release, env).stdout
        for s in release_job(unified_release, "release-check")
    ]


@pytest.mark.build
def test_unified_build_release_check_passes_on_the_gathered_artifacts(
    unified_release: Path, release_check_outputs: list[str]
) -> None:
    outputs = release_check_outputs
    sums = (unified_release / "dist" / "SHA256SUMS").read_text(encoding="utf-8")
    for suffix in (".crate", ".whl", ".tar.gz", ".tgz"):
        assert re.search(rf"^[0-9a-f]{{64}}  \S+{re.escape(suffix)}$", sums, re.MULTILINE), suffix
    assert "every artifact in dist/ is version 0.1.0" in outputs[-1]


def publish_crate_checkout(unified_release: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The publish-crate job's workspace: a fresh checkout of the tagged commit, its own
    target/ (the job's paths are relative to it), and the checked dist/ downloaded."""
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "--quiet", unified_release, checkout], check=True)
    shutil.copytree(unified_release / "dist", checkout / "dist")
    env = {k: v for k, v in os.environ.items() if k != "CARGO_TARGET_DIR"}
    return checkout, env


def publish_crate_checks(project: Path) -> list[RunStep]:
    """The publish-crate job's lines before the upload (`make publish-crate`, whose
    decision tests/test_release_rehearsal.py runs)."""
    steps = release_job(project, "publish-crate")
    assert steps[-1].command == "make publish-crate"
    return steps[:-1]


@pytest.mark.build
@pytest.mark.usefixtures("release_check_outputs")
def test_unified_build_publishes_the_crate_the_release_check_verified(
    unified_release: Path, tmp_path: Path
) -> None:
    """The publish job packs the crate again, building nothing (`--no-verify`): the
    bytes are the checked .crate's (`sha256sum --check`)."""
    checkout, env = publish_crate_checkout(unified_release, tmp_path)
    for step in publish_crate_checks(unified_release):
        shell(step.command, checkout / step.working_directory, env)


@pytest.mark.build
@pytest.mark.usefixtures("release_check_outputs")
def test_unified_build_refuses_to_publish_a_crate_other_than_the_checked_one(
    unified_release: Path, tmp_path: Path
) -> None:
    """Negative control: the sources differ from those the checked .crate was packed
    from, so the packed bytes differ and nothing is uploaded."""
    checkout, env = publish_crate_checkout(unified_release, tmp_path)
    lib = checkout / "core" / "src" / "lib.rs"
    lib.write_text(lib.read_text(encoding="utf-8") + "\n// changed after the check\n")
    shell("git -c user.name=CI -c user.email=ci@example.com commit -qam changed", checkout, env)
    steps = publish_crate_checks(unified_release)
    check = next(i for i, s in enumerate(steps) if s.command.startswith("sha256sum"))
    for step in steps[:check]:
        shell(step.command, checkout / step.working_directory, env)
    result = subprocess.run(
        ["bash", "-e", "-c", steps[check].command],
        cwd=checkout / steps[check].working_directory,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert ".crate: FAILED" in result.stdout
