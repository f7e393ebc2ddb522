"""`make docs`: one site with the guide and the API reference of each language the
project ships, each reference built from its own source (rustdoc, the Python stubs,
the emitted TypeScript declarations), and every link of the site resolving.

The build tier runs `make docs` in each pattern's project with every target, after
its `make test` (the session fixture `built_project`); the checker of the links has a
negative control of its own in the fast tier.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import PATTERNS
from projects import build_env, run


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "link": "href", "script": "src", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.targets.append(value)


def broken_links(site: Path) -> list[str]:
    """Every link of every HTML page under `site` to a file of the site that does not
    exist, as "page: link" lines. Links to other sites and to anchors of the same page
    are not followed; a link to a folder needs its index.html."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            resolved = (site / path.lstrip("/")) if path.startswith("/") else page.parent / path
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{page.relative_to(site)}: {target}")
    return broken


def test_the_link_check_finds_a_link_to_a_missing_page(tmp_path: Path) -> None:
    """Negative control: a link to a missing page, and one to a folder without an
    index.html, are found; links to existing pages, anchors and other sites are not."""
    (tmp_path / "rust").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "rust" / "index.html").write_text("<p>rust</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="rust/index.html#x">ok</a><a href="rust/">ok</a><a href="#top">ok</a>'
        '<a href="https://example.com/x">ok</a><a href="python/index.html">broken</a>'
        '<a href="empty/">broken</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == ["index.html: python/index.html", "index.html: empty/"]


# --- The build tier: each pattern's site --------------------------------------

_sites: dict[str, Path] = {}


@pytest.fixture
def site(request: pytest.FixtureRequest, built_project, cargo_target_dir: Path) -> Path:
    """The site that `make docs` builds in the built project of the test's pattern;
    built once per pattern, timed (the build already ran, so this is a warm build)."""
    pattern = request.node.callspec.params["pattern"]
    if pattern not in _sites:
        project = built_project(pattern)
        started = time.monotonic()
        run(["make", "docs"], cwd=project, env=build_env(cargo_target_dir))
        request.node.user_properties.append(("docs_seconds", round(time.monotonic() - started)))
        print(f"make docs ({pattern}, warm): {time.monotonic() - started:.0f} s")
        _sites[pattern] = project / "site"
    return _sites[pattern]


def answers(site: Path) -> dict:
    """The answers of the project whose site this is (its crate and package names)."""
    return yaml.safe_load((site.parent / ".copier-answers.yml").read_text(encoding="utf-8"))


@pytest.mark.build
@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_rust_reference_documents_the_core_api(pattern: str, site: Path) -> None:
    crate = site / "rust" / answers(site)["crate_name"]
    # Where a module is private, rustdoc leaves a redirect at the item's old path.
    pages = {
        path.name: path
        for path in crate.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    }
    for page in ["fn.greet.html", "fn.crc32.html", "fn.version.html", "struct.WordCounter.html"]:
        assert page in pages, (page, sorted(pages))
    assert 'id="method.most_common"' in pages["struct.WordCounter.html"].read_text("utf-8")
    assert "enum.Error.html" in pages, sorted(pages)


@pytest.mark.build
@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_python_reference_documents_the_package_api(pattern: str, site: Path) -> None:
    page = (site / "python" / "index.html").read_text(encoding="utf-8")
    package = answers(site)["python_package"]
    for name in [
        "greet",
        "crc32",
        "version",
        "WordCounter",
        "WordCounter.most_common",
        "Error",
        "EmptyNameError",
    ]:
        assert f'id="{package}.{name}"' in page, name


@pytest.mark.build
@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_javascript_reference_documents_the_package_api(pattern: str, site: Path) -> None:
    reference = site / "javascript"
    for page in ["greet", "crc32", "version"]:
        assert (reference / "functions" / f"{page}.html").is_file(), page
    assert "mostCommon" in (reference / "classes" / "WordCounter.html").read_text("utf-8")
    assert (reference / "classes" / "EmptyNameError.html").is_file()


@pytest.mark.build
@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_guide_is_the_readme_and_links_to_every_reference(pattern: str, site: Path) -> None:
    guide = (site / "index.html").read_text(encoding="utf-8")
    assert "Everyday commands" in guide  # the README
    assert f"<strong>{pattern}</strong>" in guide  # its pattern section
    assert "Trade-off:" in guide
    crate = answers(site)["crate_name"]
    for reference in [f"rust/{crate}/index.html", "python/", "javascript/index.html"]:
        assert f'href="{reference}"' in guide, reference


@pytest.mark.build
@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_link_of_the_site_resolves(pattern: str, site: Path) -> None:
    assert broken_links(site) == []
