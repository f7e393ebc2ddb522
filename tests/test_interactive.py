"""The questions as a person meets them: the real interactive `copier copy`, driven through
a pseudo-terminal of 80 columns, its screen rendered by a terminal emulator (pyte)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pexpect
import pyte
import pytest
import yaml

from conftest import QUESTIONS, jinja_environment, tool

COLUMNS, ROWS = 80, 50
CTRL_U = "\x15"  # clears the pre-filled default of a text prompt
DOWN = "\x1b[B"
ENTER = "\r"


class Terminal:
    """A program in a pseudo-terminal, with the screen a person would be looking at."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            command[0], command[1:], env=env, dimensions=(ROWS, COLUMNS), timeout=60
        )

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline:
                pytest.fail(f"{text!r} never showed; the screen:\n{self.text()}")
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if text not in self.text():
                    pytest.fail(f"ended before {text!r} showed; the screen:\n{self.text()}")

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)
            time.sleep(0.05)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF, timeout=120)
        self.stream.feed(self.child.before or b"")
        self.child.close()
        return self.child.exitstatus


def help_lines(key: str, **answers: object) -> list[str]:
    source = QUESTIONS[key]["help"]
    rendered = jinja_environment().from_string(source).render(**answers)
    return [line.strip() for line in rendered.splitlines() if line.strip()]


@pytest.fixture
def terminal(template_repository: Path, tmp_path: Path):
    settings = tmp_path / "copier-settings.yml"
    settings.write_text("{}\n")
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PROMPT_TOOLKIT_NO_CPR": "1",  # pexpect does not answer cursor-position requests
        "COPIER_SETTINGS_PATH": str(settings),  # no personal defaults
        "COLUMNS": str(COLUMNS),
        "LINES": str(ROWS),
    }
    copier = tool("copier")
    session = Terminal([copier, "copy", str(template_repository), str(tmp_path / "out")], env)
    yield session
    if session.child.isalive():
        session.child.terminate(force=True)


def answer(terminal: Terminal, key: str, typed: str | None, **context: object) -> None:
    """Waits for the question, checks that each line of its help shows in full on the
    80-column screen, then types `typed` over the default (None: keeps the default)."""
    lines = help_lines(key, **context)
    terminal.wait_for(lines[0])
    for line in lines:
        assert line in terminal.text(), f"help line of {key} cut: {line!r}\n{terminal.text()}"
    if typed is None:
        terminal.send(ENTER)
    else:
        terminal.send(CTRL_U, typed, ENTER)


def test_a_person_answers_every_question_at_80_columns(terminal: Terminal, tmp_path: Path):
    name = {"project_name": "Café Tools"}
    answer(terminal, "project_name", "Café Tools")
    # A rejected answer: the validator's message shows, the question stays.
    answer(terminal, "project_slug", "Cafe Tools", **name)
    terminal.wait_for('"Cafe Tools" is not kebab-case')
    terminal.send(CTRL_U, "cafe-tools", ENTER)
    answer(terminal, "crate_name", None)
    answer(terminal, "python_package", "cafe")
    answer(terminal, "python_distribution", None)
    answer(terminal, "npm_package", "@acme/cafe-tools")
    answer(terminal, "author_name", "Zoë O'Brien")
    answer(terminal, "author_email", "zoe@example.com")
    # A select: one step down from the default, "MIT OR Apache-2.0", is "MIT".
    terminal.wait_for(help_lines("license")[0])
    terminal.send(DOWN, ENTER)
    answer(terminal, "repository_url", None)
    answer(terminal, "pattern", None)
    # The multiselect starts with the default targets checked: `a` checks them all, a
    # second `a` clears them all, then space checks the pointed one: python, then (one
    # down) node.
    terminal.wait_for(help_lines("targets")[0])
    terminal.send("a", "a", " ", DOWN, " ", ENTER)
    answer(terminal, "python_min", None)
    answer(terminal, "description", 'Brews "café" tools \\ fast.')
    assert terminal.finish() == 0, terminal.text()

    answers = yaml.safe_load((tmp_path / "out" / ".copier-answers.yml").read_text("utf-8"))
    assert answers | {"_commit": None, "_src_path": None} == {
        "_commit": None,
        "_src_path": None,
        "project_name": "Café Tools",
        "project_slug": "cafe-tools",
        "crate_name": "cafe_tools",
        "python_package": "cafe",
        "python_distribution": "cafe",
        "npm_package": "@acme/cafe-tools",
        "description": 'Brews "café" tools \\ fast.',
        "author_name": "Zoë O'Brien",
        "author_email": "zoe@example.com",
        "license": "MIT",
        "repository_url": "https://github.com/your-org/cafe-tools",
        "pattern": "shared-core",
        "targets": ["python", "node"],
        "python_min": "3.10",
    }
    project = tmp_path / "out"
    assert (project / "bindings" / "python" / "python" / "cafe" / "__init__.py").is_file()
    assert (project / "bindings" / "javascript" / "package.json").is_file()
    assert not (project / "examples").exists(), "cloudflare-workers was unchecked"
    assert 'Your project "Café Tools" is ready' in terminal.text()
