"""nox sessions: the test suite on every supported Python, and the checks CI runs.

    pip install -e ".[dev]"      # or just: pip install nox
    nox                          # tests on 3.11, 3.12 and 3.13, then lint and deps
    nox -s tests-3.12            # the suite on one Python (pytest arguments after --)
    nox -s tests-3.13 -- tests/test_brian2_results_owned.py
    nox -s lint deps             # ruff check, ruff format --check; deptry
    nox -s figures-3.12          # the main job with the core dependencies only
    nox -s site                  # the site and notebooks (CI's own step; needs chromium)

Where the environments live, and why: Brian2 compiles every piece of generated code
with Cython and caches the result in ~/.cython/brian_extensions, keyed on the code *and
on the path of the interpreter* (sys.executable) that compiled it. nox's default,
.nox/ inside the clone, gives each clone (and each deleted .nox/) new interpreter
paths, so every run would compile every model again: tens of minutes per Python on a
2-core machine. The environments therefore live in one fixed per-user folder,
~/.cache/bioneuro/nox (BIONEURO_NOX_ENVDIR overrides it), shared by every clone: the
first run of a session compiles, later runs from any clone load the compiled code.
nox still recreates each environment on every run (fresh dependencies; the path, and so
the cache, stay the same); `nox -r` reuses them and skips the install. Two clones
running the same session at once would share one environment: run them one at a time.

Interpreters: nox looks for python3.11, python3.12 and python3.13 on PATH. Where pyenv
has them installed but not on PATH (pyenv's shims refuse versions that are not
selected), the newest installed patch release of each is put on PATH below.
"""

import os
import re
from pathlib import Path

import nox

PYTHONS = ["3.11", "3.12", "3.13"]  # requires-python >= 3.11; Brian2 2.10+ from 3.12

nox.options.envdir = os.environ.get(
    "BIONEURO_NOX_ENVDIR", str(Path.home() / ".cache" / "bioneuro" / "nox")
)
nox.options.sessions = ["tests", "lint", "deps"]
nox.options.error_on_missing_interpreters = True  # a supported Python is never skipped

# The checkers, pinned once: in the lint extra of pyproject.toml.
LINT = nox.project.load_toml("pyproject.toml")["project"]["optional-dependencies"]["lint"]


def _tool(name):
    return next(req for req in LINT if re.match(rf"{name}\b", req))


def _pyenv_interpreters():
    """Put pyenv's python3.X (newest patch release) on PATH for each supported X."""
    versions = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not versions.is_dir():
        return
    dirs = []
    for minor in PYTHONS:
        found = [
            v for v in versions.iterdir() if re.fullmatch(re.escape(minor) + r"\.\d+", v.name)
        ]
        if found:
            newest = max(found, key=lambda v: int(v.name.rsplit(".", 1)[1]))
            if (newest / "bin" / f"python{minor}").exists():
                dirs.append(str(newest / "bin"))
    os.environ["PATH"] = os.pathsep.join([*dirs, os.environ.get("PATH", "")])


_pyenv_interpreters()


@nox.session(python=PYTHONS)
def tests(session):
    """The test suite (the README's `pytest`, on every core) in a fresh environment."""
    session.install("-e", ".[test]")
    session.run(
        "python",
        "-c",
        "import brian2, numpy, sys; print(sys.version.split()[0], "
        "'brian2', brian2.__version__, 'numpy', numpy.__version__)",
    )
    session.run("pytest", *session.posargs)


@nox.session(python="3.11")
def site(session):
    """The site and the notebooks, as CI's own step runs them (needs Debian's chromium)."""
    session.install("-e", ".[test,docs,notebooks]")
    session.run(
        "pytest",
        "tests/test_site.py",
        "tests/test_notebooks.py",
        *session.posargs,
        env={"BIONEURO_REQUIRE_EXTRAS": "1"},
    )


@nox.session(python=PYTHONS)
def figures(session):
    """The README's main job with the core dependencies only, into a temporary folder."""
    session.install("-e", ".")
    out = session.create_tmp()
    session.run("bioneuro", "figures", "--out", out, *session.posargs)


@nox.session(python="3.11")
def lint(session):
    """ruff check and ruff format --check, over the whole repository."""
    session.install(_tool("ruff"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def deps(session):
    """deptry: every module the package or a figure script imports is a core dependency.

    Installs bioneuro with its core dependencies only (deptry reads the installed
    distributions to map package names to modules, e.g. scikit-learn to sklearn) and
    checks the folders `bioneuro figures` runs; the configuration is [tool.deptry] in
    pyproject.toml.
    """
    session.install("-e", ".", _tool("deptry"))
    session.run("deptry", "bioneuro", "simulations")
