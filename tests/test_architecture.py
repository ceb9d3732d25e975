"""The import graph is part of the design: the contracts of pyproject.toml hold.

import-linter checks four contracts (pyproject.toml, [tool.importlinter]): ann never
imports bio, compare or the figure tooling; bio never imports ann, compare or the figure
tooling; the package is layered (command > figure tooling > comparison > the two
neurons > closed forms > basics); no two sibling modules import each other, at any
depth. A second test adds one forbidden import to a copy of the package and checks
that the contracts then fail: a check that cannot fail checks nothing.
"""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())",
]


def _lint(package_parent, config):
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [*LINT, "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=package_parent,
        env=env,
        timeout=120,
    )


def test_import_contracts_are_kept():
    out = _lint(ROOT, ROOT / "pyproject.toml")
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "4 kept, 0 broken" in out.stdout


def test_a_forbidden_import_breaks_the_contracts(tmp_path):
    shutil.copytree(
        ROOT / "bioneuro", tmp_path / "bioneuro", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    neuron = tmp_path / "bioneuro" / "ann" / "neuron.py"
    neuron.write_text(neuron.read_text(encoding="utf-8") + "\nimport bioneuro.bio  # noqa\n")
    out = _lint(tmp_path, tmp_path / "pyproject.toml")
    assert out.returncode != 0
    assert "bioneuro.ann.neuron -> bioneuro.bio" in out.stdout
    assert "BROKEN" in out.stdout


def test_the_library_never_imports_a_figure_script():
    # The scripts in simulations/ are loaded by path (bioneuro.figures.scripts), never
    # imported as modules; nothing in the package names them.
    for path in (ROOT / "bioneuro").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not name.startswith(("simulations", "plot_")), f"{path}: {name}"
