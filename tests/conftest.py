"""Shared fixtures, and how the suite spreads over the cores.

* Expensive simulations run once per test session (the fixtures below) or once per
  module (module-scoped fixtures in the test files).
* pytest-xdist runs the tests on every core (``-n auto --dist loadgroup``,
  pyproject.toml). Tests of a module with a module-scoped fixture go to one worker
  (``xdist_group`` = the module), so the fixture is built once, not once per worker;
  the tests of one figure (``test_legibility``: quick and full mode) go to one worker,
  so the second draws it with the first's compiled code already loaded.
* A ``bioneuro figures`` command run inside a test draws in the test's process
  (``BIONEURO_JOBS=1``): the suite's workers already use every core.
* Once the tests are collected, the objects the imports made are frozen (``gc.freeze``,
  after one collection): Brian2 runs ``gc.collect()`` at the start of every simulation,
  and walking Brian2, sympy, scipy and matplotlib costs 0.1-0.4 s per run. Before each
  test the last one's garbage is collected and what survived (caches, longer-lived
  fixtures) is frozen too, so a run walks only what its own test made (without it, runs
  late in the session walked everything the earlier tests had left: 38 s of the suite's
  CPU time). A frozen Brian2 object that later becomes garbage is collected when its
  name is needed again (``release_name``), so a new cell never compiles new code for
  it. Nothing a test checks depends on it.
* The site and the notebooks (a Sphinx build, headless Chromium, Jupyter kernels: a
  minute or more) are CI's own step: their tests run when ``BIONEURO_REQUIRE_EXTRAS=1``
  (``.ci/run``, ``nox -s site``) and skip otherwise, saying so (the ``extras_step``
  fixture), so the README's ``pytest`` runs the same tests whichever extras the
  environment happens to hold.
"""

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("BIONEURO_JOBS", "1")

#: Test files whose tests are grouped per figure (parametrized by ``name``).
FIGURE_TESTS = ("test_legibility.py",)


def _module_scoped(item):
    """True if ``item`` uses a module-scoped fixture defined in its own test file."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(
        fixturedef.scope == "module" and item.nodeid.startswith(fixturedef.baseid + "::")
        for defs in info.name2fixturedefs.values()
        for fixturedef in defs
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's hook reads the markers
def pytest_collection_modifyitems(config, items):
    """Add ``xdist_group`` markers (see the module docstring); explicit ones are kept."""
    for item in items:
        if item.get_closest_marker("xdist_group") or not hasattr(item, "module"):
            continue
        filename = os.path.basename(str(item.fspath))
        name = getattr(item, "callspec", None) and item.callspec.params.get("name")
        if filename in FIGURE_TESTS and isinstance(name, str):
            item.add_marker(pytest.mark.xdist_group(f"figure_{name}"))
        elif _module_scoped(item):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def _ungrouped(session):
    """The ``xdist_group`` tests pytest-xdist failed to group (node ids without ``@``).

    Under ``--dist loadgroup`` each worker appends ``@<group>`` to a grouped test's node
    id and the scheduler sends one group to one worker. With pytest 9.2 and pytest-xdist
    3.8 the renaming silently does nothing (pytest-xdist#1386): the tests of one module
    then build its module-scoped fixture on both workers at once, and two Sphinx builds
    of the same docs/ tree read each other's half-written images.
    """
    if not session.config.getoption("loadgroup", False):
        return []
    grouped = [i.nodeid for i in session.items if i.get_closest_marker("xdist_group")]
    return [nodeid for nodeid in grouped if "@" not in nodeid]


@pytest.fixture(scope="session", autouse=True)
def _xdist_grouped(request):
    """Fail every test, before any fixture is built, if the grouping was lost."""
    lost = getattr(request.session, "bioneuro_ungrouped", [])
    if lost:
        pytest.fail(
            f"pytest-xdist did not group {len(lost)} xdist_group tests (e.g. {lost[0]}); "
            "pytest 9.2 breaks --dist loadgroup (pytest-xdist#1386): "
            'pip install -e ".[test]" installs the versions pyproject.toml pins',
            pytrace=False,
        )


def pytest_collection_finish(session):
    """Check the grouping, then freeze what the test modules imported (Brian2, sympy,
    scipy, matplotlib, ...)."""
    from bioneuro.bio.backends.brian import frozen_heap

    session.bioneuro_ungrouped = _ungrouped(session)

    session.bioneuro_frozen_heap = frozen_heap(collect=True)
    session.bioneuro_frozen_heap.__enter__()


def pytest_runtest_setup(item):
    """Before each test's fixtures: the last test's garbage collected, what survived
    (caches, longer-lived fixtures) frozen, so this test's ``Network.run`` calls walk
    only the objects made since (:func:`~bioneuro.bio.backends.brian.frozen_heap`)."""
    from bioneuro.bio.backends.brian import freeze_survivors

    freeze_survivors()


def pytest_sessionfinish(session):
    heap = getattr(session, "bioneuro_frozen_heap", None)
    if heap is not None:
        heap.__exit__(None, None, None)


@pytest.fixture(scope="session")
def extras_step():
    """Skip unless this run is the site-and-notebooks step (``BIONEURO_REQUIRE_EXTRAS=1``)."""
    if os.environ.get("BIONEURO_REQUIRE_EXTRAS") != "1":
        pytest.skip(
            "the site and notebooks are CI's own step: BIONEURO_REQUIRE_EXTRAS=1 pytest "
            "tests/test_site.py tests/test_notebooks.py (or nox -s site)"
        )


@pytest.fixture(scope="session")
def hh():
    from bioneuro import bio

    return bio.HodgkinHuxley()


@pytest.fixture(scope="session")
def lif():
    from bioneuro import bio

    return bio.LIF()
