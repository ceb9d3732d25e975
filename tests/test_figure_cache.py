"""The figure cache (bioneuro.figures.figure_cache): a figure drawn from it writes the
bytes a build writes, and it is built again whenever something it depends on changed.

Every test points ``XDG_CACHE_HOME`` at its own temporary folder: the user's cache is
neither read nor written. (All 35 figures, quick and full, were checked byte-identical
when the cache was written: docs/architecture.md; here two real figures, one of them
simulating with Brian2.)
"""

import gc
import os
import pickle
import subprocess
import sys
import weakref

import matplotlib.pyplot as plt
import pytest
from brian2 import prefs
from matplotlib.transforms import TransformNode

from bioneuro import cli
from bioneuro.figures import figure_cache
from bioneuro.figures import scripts as figure_tools
from bioneuro.figures.figure_cache import REBUILD_ENV, FigureCache, figure_key
from bioneuro.style import style

SCRIPTS = {s.name: s for s in figure_tools.figure_scripts()}


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(REBUILD_ENV, raising=False)
    return tmp_path / "xdg" / "bioneuro" / "figures"


def _counting(script):
    """The script's make_figure, and a list that grows by one per build."""
    make_figure, builds = figure_tools.load_make_figure(script), []

    def counted(quick=False):
        builds.append(quick)
        return make_figure(quick=quick)

    return counted, builds


@pytest.mark.parametrize("name", ["psp_kinetics", "activation_functions"])
def test_a_cached_figure_writes_the_bytes_of_a_build(name, tmp_path, own_cache):
    # psp_kinetics runs Brian2 and scipy; activation_functions draws log axes (the
    # formatter that had to move to module level to be pickled)
    script = SCRIPTS[name].path
    make_figure, builds = _counting(script)
    first = FigureCache(script, quick=True)
    figure_tools.render(make_figure, name, tmp_path / "built", quick=True, cache=first)
    second = FigureCache(script, quick=True)
    figure_tools.render(make_figure, name, tmp_path / "cached", quick=True, cache=second)
    assert (first.hit, second.hit, builds) == (False, True, [True])
    assert [p.name for p in own_cache.iterdir()] == [second.path().name]
    for ext in ("png", "svg"):
        built = (tmp_path / "built" / f"{name}.{ext}").read_bytes()
        cached = (tmp_path / "cached" / f"{name}.{ext}").read_bytes()
        at = next((k for k, (a, b) in enumerate(zip(built, cached, strict=False)) if a != b), None)
        assert built == cached, (
            f"{name}.{ext} differs at byte {at}: {built[at - 80 : at + 40]!r} (built) vs "
            f"{cached[at - 80 : at + 40]!r} (cached)"
            if at is not None
            else f"{name}.{ext}: {len(built)} bytes built, {len(cached)} cached"
        )


def _stale(nodes):
    """The transforms whose parents are keyed by ids other than the parents' own."""
    return [n for n in nodes if any(k != id(r()) for k, r in n._parents.items() if r())]


def test_a_cached_figures_transforms_are_keyed_by_their_parents_ids(tmp_path, own_cache):
    # matplotlib keys a transform's parents by id(); unpickled, the keys are the ids of
    # the process that pickled them, and a new transform with a colliding id silently
    # cuts an old one off from invalidation (a stale dpi offset, drawn in 2 of ~10 runs)
    script = SCRIPTS["activation_functions"].path  # five panels, log axes: many transforms
    cache = FigureCache(script, quick=True)
    make_figure = figure_tools.load_make_figure(script)
    plt.close(figure_tools.build_figure(make_figure, quick=True, cache=cache))

    def transforms_in_memory():  # (a dead weak proxy answers no isinstance)
        objs = [o for o in gc.get_objects() if type(o) not in weakref.ProxyTypes]
        return {id(o) for o in objs if isinstance(o, TransformNode)}

    before = transforms_in_memory()
    raw = pickle.loads(cache.path().read_bytes())
    gc.collect()  # what unpickling made and dropped
    # every transform unpickling made is one transform_nodes finds (it also finds shared
    # ones the figure refers to, made before, whose keys are this process's already)
    made = transforms_in_memory() - before
    assert made and made <= {id(n) for n in figure_cache.transform_nodes(raw)}
    assert _stale(figure_cache.transform_nodes(raw))  # as matplotlib 3.11 unpickles it
    loaded = FigureCache(script, quick=True)
    fig = figure_tools.build_figure(make_figure, quick=True, cache=loaded)
    nodes = figure_cache.transform_nodes(fig)
    assert loaded.hit and len(nodes) > 500 and not _stale(nodes)
    plt.close("all")


def test_the_key_changes_with_what_the_figure_depends_on(tmp_path, own_cache, monkeypatch):
    script = tmp_path / "plot_probe.py"
    script.write_text("def make_figure(quick=False):\n    pass\n", encoding="utf-8")
    key = figure_key(script, quick=True)
    assert figure_key(script, quick=True) == key  # the same inputs, the same key
    with style():  # the style render() builds under is the one the key is computed with
        assert figure_key(script, quick=True) == key
    assert figure_key(script, quick=False) != key
    with plt.rc_context({"hatch.linewidth": 3.0}):  # from the user's matplotlibrc, say
        assert figure_key(script, quick=True) != key
    target = prefs.codegen.target
    try:
        prefs.codegen.target = "numpy" if target != "numpy" else "cython"
        assert figure_key(script, quick=True) != key
    finally:
        prefs.codegen.target = target
    assert figure_key(script, quick=True, seed=1) != key
    monkeypatch.setenv("BIONEURO_BUNDLED", "0")  # --no-bundled: the networks simulated
    assert figure_key(script, quick=True) != key
    monkeypatch.delenv("BIONEURO_BUNDLED")
    script.write_text("def make_figure(quick=False):\n    pass  # edited\n", "utf-8")
    assert figure_key(script, quick=True) != key


def test_a_fresh_process_computes_the_same_key(tmp_path):
    # the key names nothing of this process (no object addresses, no backend chosen or
    # not): another run of the command finds what this one stored. And computing it
    # chooses no backend there (pyplot would close every open figure if it did)
    script = SCRIPTS["psp_kinetics"].path
    code = (
        "import sys, brian2, matplotlib\n"
        "from matplotlib import rcsetup\n"
        "from bioneuro.figures.figure_cache import figure_key\n"
        "print(figure_key(sys.argv[1], quick=True))\n"
        "print(matplotlib.rcParams._get('backend') is rcsetup._auto_backend_sentinel)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(script)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert out.stdout.split() == [figure_key(script, quick=True), "True"]


def test_the_package_digest_sees_every_file_but_bytecode(tmp_path):
    root = tmp_path / "pkg"
    (root / "data").mkdir(parents=True)
    (root / "model.py").write_text("TAU = 20\n", encoding="utf-8")
    (root / "data" / "point.json").write_text("{}", encoding="utf-8")
    digest = figure_cache._package_digest.__wrapped__
    before = digest(root)
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "model.cpython-311.pyc").write_bytes(b"\0")
    assert digest(root) == before
    (root / "data" / "point.json").write_text('{"rate": 1}', encoding="utf-8")  # bundled data
    changed = digest(root)
    assert changed != before
    (root / "model.py").rename(root / "renamed.py")  # the same bytes under another name
    assert digest(root) != changed


def test_a_cache_for_another_seed_is_refused(tmp_path):
    cache = FigureCache(tmp_path / "plot_x.py", quick=True)
    with pytest.raises(ValueError, match=r"seed=1, but the figure cache given is for seed=0"):
        figure_tools.build_figure(lambda quick: None, quick=True, seed=1, cache=cache)


def test_an_uninstalled_clone_reads_its_dependencies_from_pyproject(monkeypatch):
    installed = figure_cache._versions.__wrapped__()

    def not_installed(name):
        raise figure_cache.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(figure_cache.metadata, "requires", not_installed)
    assert figure_cache._versions.__wrapped__() == installed


def test_the_key_names_python_and_the_core_dependencies():
    import brian2
    import matplotlib
    import numpy
    import scipy

    python, machine, *versions = figure_cache._versions()
    installed = dict(versions)
    assert python == sys.version and machine
    assert installed["brian2"] == brian2.__version__
    assert installed["numpy"] == numpy.__version__
    assert installed["scipy"] == scipy.__version__
    assert installed["matplotlib"] == matplotlib.__version__
    assert "pytest" not in installed  # a test extra: it changes no figure


def test_rebuild_builds_again_and_refreshes_the_entry(tmp_path, own_cache, monkeypatch):
    script = SCRIPTS["artificial_neuron"].path
    make_figure, builds = _counting(script)
    figure_tools.render(
        make_figure, "a", tmp_path, quick=True, cache=FigureCache(script, quick=True)
    )
    entry = FigureCache(script, quick=True).path()
    os.utime(entry, (1, 1))
    monkeypatch.setenv(REBUILD_ENV, "1")
    again = FigureCache(script, quick=True)
    figure_tools.render(make_figure, "a", tmp_path, quick=True, cache=again)
    assert (again.hit, builds) == (False, [True, True])
    assert entry.stat().st_mtime > 1  # written anew


@pytest.mark.parametrize("value", ["yes", "2", "true"])
def test_a_bad_rebuild_variable_is_refused_naming_it(value, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(REBUILD_ENV, value)
    with pytest.raises(ValueError, match=rf"\$BIONEURO_REBUILD must be 0 or 1; got '{value}'"):
        FigureCache("plot_x.py", quick=True)
    assert cli.main(["figures", "--quick", "--out", str(tmp_path), "artificial_neuron"]) == 2
    assert f"bioneuro: $BIONEURO_REBUILD must be 0 or 1; got '{value}'" in (
        capsys.readouterr().err
    )


def test_an_unreadable_entry_is_built_again(tmp_path, own_cache):
    script = SCRIPTS["artificial_neuron"].path
    make_figure, builds = _counting(script)
    cache = FigureCache(script, quick=True)
    figure_tools.render(make_figure, "a", tmp_path, quick=True, cache=cache)
    cache.path().write_bytes(b"not a pickle")
    again = FigureCache(script, quick=True)
    figure_tools.render(make_figure, "a", tmp_path, quick=True, cache=again)
    assert (again.hit, builds) == (False, [True, True])
    assert isinstance(pickle.loads(again.path().read_bytes()), plt.Figure)  # replaced


def test_a_figure_that_cannot_be_pickled_is_drawn_and_said_so(tmp_path, own_cache):
    script = tmp_path / "plot_lambda.py"
    script.write_text("# a figure holding a lambda\n", encoding="utf-8")

    def make_figure(quick=False):
        fig, ax = plt.subplots()
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, pos: f"{x}"))
        return fig

    cache = FigureCache(script, quick=False)
    with pytest.warns(RuntimeWarning, match="plot_lambda.py: its figure cannot be cached"):
        written = figure_tools.render(make_figure, "lambda", tmp_path, cache=cache)
    assert [p.name for p in written] == ["lambda.png", "lambda.svg"]
    assert not own_cache.exists()


def test_each_figure_keeps_its_most_recently_used_entries(tmp_path, own_cache):
    script = tmp_path / "plot_probe.py"
    script.write_text("import matplotlib.pyplot as plt\n", encoding="utf-8")
    own_cache.mkdir(parents=True)
    for k in range(4):  # four older entries of this figure and mode, one of another figure
        (own_cache / f"probe.quick.{k:032d}.pickle").write_bytes(b"")
        os.utime(own_cache / f"probe.quick.{k:032d}.pickle", (k + 1, k + 1))
    (own_cache / "other.quick.0.pickle").write_bytes(b"")
    os.utime(own_cache / "other.quick.0.pickle", (0, 0))

    def make_figure(quick=False):
        return plt.figure()

    cache = FigureCache(script, quick=True)
    figure_tools.render(make_figure, "probe", tmp_path, quick=True, cache=cache)
    kept = sorted(p.name for p in own_cache.iterdir())
    newest = [f"probe.quick.{k:032d}.pickle" for k in (2, 3)]
    assert kept == sorted(["other.quick.0.pickle", cache.path().name, *newest])
    assert figure_cache.KEEP == 3


def test_the_command_says_which_figures_came_from_the_cache(tmp_path, own_cache, capsys):
    args = ["figures", "--quick", "-j", "1", "--out", str(tmp_path), "artificial_neuron"]
    assert cli.main(args) == 0
    assert "from the figure cache" not in capsys.readouterr().out
    history = figure_tools._load_times()["quick"]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "(CPU" in out and ", from the figure cache;" in out
    assert "1 of them unchanged since they were last built" in out and "--rebuild" in out
    # a figure drawn from the cache leaves the build times that order the next run alone
    assert figure_tools._load_times()["quick"] == history
