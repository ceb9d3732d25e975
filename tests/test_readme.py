"""The README's promises: its commands, its gallery, its code."""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bioneuro import cli
from bioneuro.figures import gallery
from bioneuro.figures.scripts import figure_scripts

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands():
    block = re.search(r"## Set-up: two commands.*?```bash\n(.*?)```", README, re.S).group(1)
    return [ln for ln in block.splitlines() if ln and not ln.startswith("#")]


def test_exactly_two_setup_commands_and_ci_runs_the_test_one():
    commands = setup_commands()
    assert len(commands) == 2
    main_job, tests = commands
    assert main_job.endswith("bioneuro figures")
    assert tests.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci, "`.ci/run` must run the README's test command verbatim"


def test_ci_runs_the_checks_the_contributors_section_promises():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for check in ("ruff check .", "ruff format --check .", "deptry bioneuro simulations"):
        assert check in ci, f"`.ci/run` must run `{check}`"


def test_contributors_section_names_every_nox_session():
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    sessions = [
        f.name
        for f in tree.body
        if isinstance(f, ast.FunctionDef)
        and any("nox.session" in ast.unparse(d) for d in f.decorator_list)
    ]
    assert {"tests", "lint", "deps"} <= set(sessions)
    section = README.split("## Contributing")[1].split("\n## ")[0]
    for name in sessions:
        assert f"`nox -s {name}`" in section, f"README's Contributing omits `nox -s {name}`"


def test_every_extra_is_a_development_group_for_deptry():
    """The main job installs no extra, so deptry must treat every extra as development.

    Otherwise a package that only an extra brings could be imported by bioneuro or a
    figure script and deptry would take it for a core dependency.
    """
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(pyproject["project"].get("optional-dependencies", {}))
    dev_groups = set(pyproject["tool"]["deptry"]["optional_dependencies_dev_groups"])
    assert extras <= dev_groups, (
        f"extras {sorted(extras - dev_groups)} are not in [tool.deptry] "
        "optional_dependencies_dev_groups (pyproject.toml)"
    )


def test_gallery_lists_every_figure_script():
    block = README.split(gallery.START)[1].split(gallery.END)[0]
    assert block.strip() == gallery.readme_block(figure_scripts(ROOT)).strip(), (
        "README gallery is stale: run `bioneuro list --update-readme`"
    )


def test_every_figure_file_has_its_script_and_gallery_entry():
    scripts = {s.name for s in figure_scripts(ROOT)}
    for png in (ROOT / "figures").glob("*.png"):
        assert png.stem in scripts, f"{png.name} has no simulations/plot_{png.stem}.py"
        assert f"figures/{png.name}" in README
    for name in scripts:
        for ext in ("png", "svg"):
            assert (ROOT / "figures" / f"{name}.{ext}").exists(), f"{name}.{ext} not generated"


def test_readme_python_example_runs():
    code = re.search(r"## Use it in your own code.*?```python\n(.*?)```", README, re.S).group(1)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]


@pytest.mark.parametrize("command", [["list"], ["list", "--markdown"]])
def test_cli_lists(command, capsys):
    assert cli.main(command) == 0
    out = capsys.readouterr().out
    assert "action_potential" in out and "fi_curves" in out


def test_cli_rejects_unknown_figure_and_format(capsys):
    assert cli.main(["figures", "no_such_figure"]) == 2
    assert "unknown figure(s) no_such_figure" in capsys.readouterr().err
    assert cli.main(["figures", "--format", "gif"]) == 2
    assert "--format takes png, svg and/or pdf; got 'gif'" in capsys.readouterr().err
