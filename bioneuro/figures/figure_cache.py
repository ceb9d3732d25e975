"""The figure cache: a figure is built again only when something it depends on changed.

Building a figure (its script's ``make_figure``: the simulations, the analysis, the
artists) costs 0.1-4 s of CPU in quick mode and up to tens of seconds in full mode;
writing its files from the built Figure costs ~0.3 s. :func:`~bioneuro.figures.scripts.render`
keeps the Figure that ``make_figure`` returned, pickled, in
``$XDG_CACHE_HOME/bioneuro/figures/``, under a key of everything it depends on, and
the next run writes the files from it. The files are byte-identical to a build's
(every figure, quick and full, checked when this was written;
``tests/test_figure_cache.py`` checks some on every run).

The key is a SHA-256 of:

- the script's source;
- every file of the installed bioneuro package: its code and its bundled data;
- the versions of Python and of every core dependency of bioneuro (what ``pip install``
  installs with it: numpy, scipy, matplotlib, Brian2, Cython, scikit-learn...), and the
  machine type;
- Brian2's code generation target (``bioneuro figures --target``) and float type, when
  Brian2 is loaded;
- quick or full, the seed, and whether the bundled sweep results may be read (``--no-bundled``);
- matplotlib's settings under bioneuro's style, which the figure is built with (the
  user's own matplotlibrc shows through where the style sets nothing), and the font
  file they resolve to.

A change to any of them builds the figure again. What the key does not see: a change in
a library outside that list (e.g. a sympy that Brian2 parses equations with), Brian2's
compiler flags (which change no figure), a file a script reads from outside the package
(none of bioneuro's does). The entries are pickles, read as trusted: the folder must be
the user's own, as ``~/.cache`` is. ``bioneuro figures --rebuild``
(``$BIONEURO_REBUILD=1``) builds every figure again and refreshes its entry. Each
figure keeps its :data:`KEEP` most recently used entries per mode (one per Python
version, say).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import platform
import re
import sys
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from bioneuro.cache import cache_folder, env_flag, write_atomic

#: The variable ``bioneuro figures --rebuild`` sets: ``1`` builds every figure again.
REBUILD_ENV = "BIONEURO_REBUILD"

#: Entries kept per figure and mode (the most recently used ones).
KEEP = 3


def rebuild_requested() -> bool:
    """Whether ``$BIONEURO_REBUILD`` asks for every figure to be built again.

    Unset, empty or ``0``: no; ``1``: yes; anything else is refused, naming the variable.
    """
    return env_flag(REBUILD_ENV, False)


class FigureCache:
    """Where :func:`~bioneuro.figures.scripts.render` keeps the figure of one script.

    Parameters
    ----------
    script : path
        The ``simulations/plot_<name>.py`` the figure is built by.
    quick : bool
        Quick or full mode (two entries).
    seed : int
        The seed the figure is built with (:func:`~bioneuro.figures.scripts.render`'s).
    rebuild : bool, optional
        Build the figure again (never :meth:`load`), and :meth:`store` the new one;
        default :func:`rebuild_requested`.

    After :meth:`load`, ``hit`` says whether the figure came from the cache.
    """

    def __init__(self, script, *, quick, seed=0, rebuild=None):
        self.script = Path(script)
        self.quick = bool(quick)
        self.seed = seed
        self.rebuild = rebuild_requested() if rebuild is None else bool(rebuild)
        self.hit = False
        self._key = None

    @property
    def key(self) -> str:
        """The SHA-256 (hex) of what the figure depends on (:func:`figure_key`)."""
        if self._key is None:
            self._key = figure_key(self.script, self.quick, self.seed)
        return self._key

    def _stem(self):
        return f"{self.script.stem.removeprefix('plot_')}.{'quick' if self.quick else 'full'}"

    def path(self) -> Path:
        """The entry's file: ``figures/<name>.<quick|full>.<key>.pickle`` in the cache."""
        return cache_folder("figures", f"{self._stem()}.{self.key[:32]}.pickle")

    def load(self):
        """The cached Figure, or None (none stored, ``rebuild``, or an entry that does not
        unpickle, which is removed). Computes the key first, so that a figure built after
        it is stored under the key it was looked for with."""
        self.hit = False
        path = self.path()  # the key, before the figure is built (and Brian2 imported)
        if self.rebuild:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            fig = pickle.loads(data)
        except Exception:  # truncated or from an incompatible version: build it again
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        rekey_transforms(fig)
        with contextlib.suppress(OSError):
            os.utime(path)  # used: the most recent entries are the ones kept
        self.hit = True
        return fig

    def store(self, fig):
        """Keep ``fig`` (as ``make_figure`` returned it, before the files are laid out)
        and drop this figure's older entries beyond :data:`KEEP`.

        A figure that cannot be pickled (an artist holding a lambda, say) is built every
        time; a RuntimeWarning says so, naming the error. An unwritable cache folder
        changes nothing but the speed of the next run.
        """
        try:
            data = pickle.dumps(fig, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            warnings.warn(
                f"{self.script.name}: its figure cannot be cached, so every run builds it "
                f"again ({type(exc).__name__}: {exc})",
                RuntimeWarning,
                stacklevel=3,
            )
            return
        path = self.path()
        try:
            write_atomic(path, data)
            entries = sorted(
                path.parent.glob(f"{self._stem()}.*.pickle"), key=lambda p: -p.stat().st_mtime
            )
            for old in entries[KEEP:]:
                old.unlink()
        except OSError:
            pass


def rekey_transforms(fig):
    """Key every transform of an unpickled ``fig`` by its parents' ids in this process.

    A matplotlib transform keeps the transforms that depend on it (its "parents", told
    when it changes) in a dict keyed by ``id(parent)``, and an unpickled one keeps the
    ids of the process that pickled it (matplotlib 3.11). A transform made later whose
    id equals one of those keys replaces that entry, and the parent it replaced no longer
    hears of changes: when the figure's dpi changes for a file, its stale offset is
    drawn (seen: one panel's tick labels 2.08x too far from their axis, 150/72 dpi, in
    2 of ~10 test runs). Rekeyed here as ``TransformNode.set_children`` keys them.
    Returns ``fig``.
    """
    import weakref

    for node in transform_nodes(fig):
        parents = [ref() for ref in node._parents.values()]
        node._parents = {}
        for parent in parents:
            if parent is not None:
                key = id(parent)
                node._parents[key] = weakref.ref(
                    parent, lambda _, pop=node._parents.pop, k=key: pop(k)
                )
    return fig


def transform_nodes(fig):
    """Every matplotlib transform ``fig`` holds: everything it refers to, walked through
    ``gc.get_referents``, except numbers, strings, arrays, weak references, functions,
    classes and modules (a function's globals would lead to the whole program).

    Every transform an unpickled figure is made of, on Python 3.11-3.13 (checked against
    ``gc.get_objects``; a walk of instance dicts and containers only missed 538 of 2110
    on 3.13).
    """
    import gc
    import types
    import weakref

    from matplotlib.transforms import TransformNode

    leaves = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType)
    leaves += (types.CodeType, str, bytes, int, float, complex, type(None))
    leaves += (np.ndarray, np.generic, weakref.ref)
    nodes, seen, todo = [], set(), [fig]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, leaves):
            continue
        seen.add(id(obj))
        if isinstance(obj, TransformNode):
            nodes.append(obj)
        todo.extend(gc.get_referents(obj))
    return nodes


def figure_key(script, quick, seed=0) -> str:
    """SHA-256 (hex) of everything the figure built by ``script`` depends on (the list is
    in the module docstring)."""
    import matplotlib as mpl
    from matplotlib import font_manager

    from bioneuro.style import style

    brian2 = sys.modules.get("brian2")
    target = None
    if brian2 is not None:  # the choices that change numbers (-O1 or -O3 changes none)
        target = (
            brian2.prefs.codegen.target,
            brian2.prefs.codegen.runtime.numpy.discard_units,
            str(brian2.prefs.core.default_float_dtype),
        )
    with style():  # the settings render() builds the figure with, but those of the GUI
        # (the backend is an unnamed object until pyplot chooses one; pytest sets a
        # fallback). dict.items reads them as stored: rcParams["backend"] would choose a
        # backend, and pyplot closes every open figure when it does
        settings = sorted((k, repr(v)) for k, v in dict.items(mpl.rcParams) if k not in _GUI)
        font = font_manager.findfont(font_manager.FontProperties())
    # --no-bundled: the Brunel figures' networks simulated, not read from the bundle
    bundled = os.environ.get("BIONEURO_BUNDLED", "")
    digest = hashlib.sha256()
    for part in (
        Path(script).read_bytes(),
        _package_digest().encode(),
        repr(_versions()).encode(),
        repr((target, bool(quick), seed, settings, font, bundled)).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


#: matplotlib settings of the window a figure would be shown in: they change no file.
_GUI = {"backend", "backend_fallback", "interactive", "toolbar"}


@functools.cache
def _package_digest(root=None) -> str:
    """SHA-256 of every file of the bioneuro package (path and content), bytecode aside;
    ``root`` is the package's folder (default: the installed one)."""
    root = Path(root) if root else Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _pyproject_dependencies():
    """``[project] dependencies`` of the pyproject.toml next to the package."""
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        with open(pyproject, "rb") as fh:
            return tomllib.load(fh)["project"]["dependencies"]
    except (OSError, KeyError) as exc:
        raise RuntimeError(
            "bioneuro is not installed and no pyproject.toml was found next to it, so the "
            "figure cache cannot tell which versions its figures depend on: install it "
            f"with `pip install -e .` (looked for {pyproject}: {exc})"
        ) from None


@functools.cache
def _versions() -> tuple:
    """Python's version and machine, and the installed version of each core dependency."""
    try:
        requirements = metadata.requires("bioneuro") or ()
    except metadata.PackageNotFoundError:  # a clone on sys.path, not installed
        requirements = _pyproject_dependencies()
    names = set()
    for requirement in requirements:
        if "extra ==" not in requirement:  # the core ones, not the test or docs extras
            names.add(re.match(r"[A-Za-z0-9_.-]+", requirement).group(0))
    versions = []
    for name in sorted(names):
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    return (sys.version, platform.machine(), *versions)
