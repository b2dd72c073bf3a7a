"""The import contract in pyproject.toml (run by `make lint`) keeps the layers: it passes on the
code as it is, and fails when a pure rule imports Django or the spine imports a feature app."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


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


def test_the_layers_hold_in_the_code_as_it_is():
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_pure_rule_importing_django_breaks_the_contract(broken_copy):
    result = _lint(broken_copy)
    assert result.returncode != 0
    assert "Pure rules import no Django BROKEN" in result.stdout
    assert "nearpeer.scheduling.types -> django" in result.stdout


def test_the_spine_importing_a_feature_app_breaks_the_contract(broken_copy):
    result = _lint(broken_copy)
    assert "The spine (tenancy, accounts, audit) imports no feature app BROKEN" in result.stdout
    assert "nearpeer.tenancy.zones -> nearpeer.meetings.models" in result.stdout
