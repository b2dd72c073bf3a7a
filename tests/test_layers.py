"""The import contract in pyproject.toml (run by `make lint`) keeps the layers: it passes on the
code as it is, and fails when a pure rule imports Django or the spine imports a feature app. And
no module grows past what a reader takes in: one past MAX_LINES becomes a package of the same name
(docs/architecture.md, "One face for every app"), unless it is a data table listed below."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
needs_lint_imports = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter not installed"
)

MAX_LINES = 450
# Modules allowed past MAX_LINES, each for its reason: data tables, where splitting would only
# scatter one table over several files.
LONG_DATA_TABLES = {
    "curriculum/core_plans.py": "the core curriculum's text, plan by plan",
    "supportline/triage/concepts.py": "the words of each concept the meaning frames use",
    "supportline/triage/lexicon.py": "the triage phrases, idioms, negations and typo tables",
}


def _lint(src: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=src.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def broken_copy(tmp_path_factory) -> Path:
    """A copy of the source with one pure rule importing Django and tenancy importing meetings."""
    src = tmp_path_factory.mktemp("layers") / "src"
    shutil.copytree(
        ROOT / "src" / "nearpeer",
        src / "nearpeer",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "templates"),
    )
    with (src / "nearpeer" / "scheduling" / "types.py").open("a") as module:
        module.write("\nfrom django.utils import timezone  # noqa\n")
    with (src / "nearpeer" / "tenancy" / "zones.py").open("a") as module:
        module.write("\nfrom nearpeer.meetings import models as _meetings  # noqa\n")
    return src


@needs_lint_imports
def test_the_layers_hold_in_the_code_as_it_is():
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_lint_imports
def test_a_pure_rule_importing_django_breaks_the_contract(broken_copy):
    result = _lint(broken_copy)
    assert result.returncode != 0
    assert "Pure rules import no Django BROKEN" in result.stdout
    assert "nearpeer.scheduling.types -> django" in result.stdout


@needs_lint_imports
def test_the_spine_importing_a_feature_app_breaks_the_contract(broken_copy):
    result = _lint(broken_copy)
    assert "The spine (tenancy, accounts, audit) imports no feature app BROKEN" in result.stdout
    assert "nearpeer.tenancy.zones -> nearpeer.meetings.models" in result.stdout


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _modules() -> dict[str, int]:
    """Every Python module under src/nearpeer, by path from there, with its length. Migrations are
    left out: Django writes them."""
    package = ROOT / "src" / "nearpeer"
    return {
        path.relative_to(package).as_posix(): _lines(path)
        for path in sorted(package.rglob("*.py"))
        if "migrations" not in path.parts
    }


def test_no_module_is_longer_than_a_reader_takes_in():
    too_long = {
        name: lines
        for name, lines in _modules().items()
        if lines > MAX_LINES and name not in LONG_DATA_TABLES
    }
    assert not too_long, "\n".join(
        [f"Longer than {MAX_LINES} lines: split each into a package of the same name."]
        + [f"  src/nearpeer/{name}: {lines} lines" for name, lines in too_long.items()]
    )


def test_every_long_data_table_is_still_long():
    """The allow-list holds only what needs it: a table trimmed below the limit leaves the list."""
    modules = _modules()
    stale = {name: modules.get(name) for name in LONG_DATA_TABLES}
    stale = {name: lines for name, lines in stale.items() if lines is None or lines <= MAX_LINES}
    assert not stale, "\n".join(
        ["Take these out of LONG_DATA_TABLES (gone, or no longer past the limit):"]
        + [f"  src/nearpeer/{name}: {lines or 'no such file'}" for name, lines in stale.items()]
    )
