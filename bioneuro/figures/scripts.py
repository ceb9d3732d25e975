"""Figure scripts: what each says about itself, and how one becomes files.

Every ``simulations/plot_<name>.py`` defines ``make_figure(quick=False)`` returning a
matplotlib Figure, and ends with ``run_script(make_figure, __file__)`` under
``if __name__ == "__main__"``. The ``bioneuro figures`` command loads the same
function (:func:`load_make_figure`, :func:`render`), so a script behaves identically
alone and in the suite. Its docstring (title, caption, what to look at) and its
``SECTION``/``ORDER`` constants place it in the gallery (:func:`describe_script`).

Nothing here calls ``plt.show()``; figures are drawn headless (Agg), styled
(:mod:`bioneuro.style`) and seeded.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bioneuro.cache import cache_folder, write_atomic
from bioneuro.figures.figure_cache import FigureCache
from bioneuro.style import style

#: File formats a figure can be written in.
FORMATS = ("png", "svg", "pdf")


def repo_root() -> Path:
    """The folder holding ``simulations/`` (the clone bioneuro was installed from)."""
    here = Path(__file__).resolve().parents[2]
    for candidate in (here, Path.cwd()):
        if (candidate / "simulations").is_dir():
            return candidate
    raise SystemExit(
        "bioneuro: no simulations/ folder found next to the package or in the current "
        "folder; the figure scripts live in the repository: clone it and run "
        "`pip install -e .` there, or run bioneuro from the clone."
    )


def figure_scripts(root=None):
    """Every ``simulations/plot_*.py``, described, in gallery order."""
    root = Path(root) if root else repo_root()
    scripts = [describe_script(p) for p in sorted((root / "simulations").glob("plot_*.py"))]
    return sorted(scripts, key=lambda s: (s.order, s.name))


@dataclass(frozen=True)
class FigureScript:
    """What a ``simulations/plot_<name>.py`` says about itself (read without running it)."""

    path: Path
    name: str
    title: str
    caption: str
    section: str
    order: int


def describe_script(path) -> FigureScript:
    """Read a figure script's docstring and its ``SECTION``/``ORDER`` constants.

    The docstring is reST: a title underlined with ``=``, then a one-sentence caption
    (its first paragraph), then what to look at. Parsed with ``ast``; the script is not imported.
    """
    path = Path(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    lines = [ln.strip() for ln in doc.strip().splitlines()]
    if len(lines) < 4 or not lines[1] or not set(lines[1]) <= {"="} or lines[2]:
        raise ValueError(
            f"{path.name}: the docstring must start with a title underlined with '=', "
            "a blank line and a one-sentence caption"
        )
    caption = []
    for line in lines[3:]:
        if not line:
            break
        caption.append(line)
    consts = {"SECTION": "Other", "ORDER": 100}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in consts:
                consts[target.id] = ast.literal_eval(node.value)
    return FigureScript(
        path=path,
        name=path.stem.removeprefix("plot_"),
        title=lines[0],
        caption=" ".join(caption),
        section=consts["SECTION"],
        order=consts["ORDER"],
    )


def load_make_figure(path):
    """Import a figure script by path and return its ``make_figure`` function."""
    import importlib.util

    path = Path(path)
    spec = importlib.util.spec_from_file_location(f"bioneuro_gallery_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_figure


def render(
    make_figure, name, out_dir, *, quick=False, formats=("png", "svg"), seed=0, cache=None
):
    """Draw one figure headless, seeded and styled, and write ``out_dir/name.<fmt>``.

    Brian2 code it compiles is compiled at ``-O1`` into its own cache folder
    (:func:`bioneuro.bio.backends.brian.quick_compile`). With ``cache`` (a
    :class:`~bioneuro.figures.figure_cache.FigureCache` for the script), the figure comes
    from the figure cache when nothing it depends on changed, and is kept there when it
    is built; ``cache.hit`` then says which. Returns the list of written paths.
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # a script using Brian2 has imported it by now: its runs skip the older objects, and
    # its new code compiles at -O1 (short simulations: gcc's time, not the loops', counts)
    brian = sys.modules.get("bioneuro.bio.backends.brian")
    with contextlib.ExitStack() as stack:
        stack.enter_context(style())
        if brian:
            stack.enter_context(brian.quick_compile())
            stack.enter_context(brian.frozen_heap(collect=True))
        fig = build_figure(make_figure, quick=quick, seed=seed, cache=cache)
        box = tight_box(fig)
        written = []
        for fmt in formats:
            target = out_dir / f"{name}.{fmt}"
            if fmt == "png":
                write_png(fig, target, box)
            else:
                metadata = {"Date": None} if fmt == "svg" else {}
                fig.savefig(target, format=fmt, metadata=metadata, bbox_inches=box)
            written.append(target)
    plt.close(fig)
    return written


def build_figure(make_figure, *, quick=False, seed=0, cache=None):
    """``make_figure(quick=quick)``, seeded and styled, or the same figure from ``cache``.

    With ``cache`` (a :class:`~bioneuro.figures.figure_cache.FigureCache` for the
    script), a figure whose inputs did not change since it was last built comes from the
    figure cache; a built one is kept there, as built (before :func:`tight_box` lays it
    out for the files). :func:`render` builds its figures here; so can a test that
    looks at a figure without writing it.
    """
    if cache is not None and cache.seed != seed:
        raise ValueError(
            f"seed={seed!r}, but the figure cache given is for seed={cache.seed!r}: make it "
            f"with FigureCache(script, quick=..., seed={seed!r})"
        )
    with style():
        fig = cache.load() if cache is not None else None
        if fig is None:
            np.random.seed(seed)  # noqa: NPY002 - scripts seed their own generators; a guard
            random.seed(seed)
            fig = make_figure(quick=quick)
            if cache is not None:
                cache.store(fig)
    return fig


#: zlib level of the PNG files. Compressing the 35 figures (PIL, measured on their
#: pixels): RGBA at level 6, matplotlib's way, 2.9 s of CPU and 8.3 MB; RGB at level 6
#: 2.3 s and 7.5 MB; RGB at level 3 1.7 s and 8.2 MB (the choice: the files stay as
#: small as before, written in 60 % of the time).
PNG_COMPRESS_LEVEL = 3


def write_png(fig, target, box):
    """Write ``fig`` cut to ``box`` (inches) as a PNG at ``savefig.dpi``: RGB when every
    pixel is opaque (RGBA otherwise).

    The pixels are the ones ``savefig(format="png", bbox_inches=box)`` draws. matplotlib
    writes them as RGBA; on an opaque background the alpha channel holds only 255s, and
    without it the file is compressed faster (:data:`PNG_COMPRESS_LEVEL`).
    """
    import matplotlib as mpl
    from PIL import Image, PngImagePlugin

    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", bbox_inches=box)
    drawn = fig.canvas.renderer  # the canvas savefig drew on: the box at the saving dpi
    size = (int(drawn.width), int(drawn.height))
    image = Image.frombuffer("RGBA", size, raw.getbuffer(), "raw", "RGBA", 0, 1)
    if image.getextrema()[3] == (255, 255):  # opaque: the alpha channel says nothing
        image = image.convert("RGB")
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "bioneuro")
    dpi = mpl.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else dpi  # what savefig drew at
    image.save(
        target, format="png", pnginfo=info, dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL
    )


def tight_box(fig):
    """Lay ``fig`` out once and return its tight bounding box (inches), padded.

    ``savefig(bbox_inches="tight")`` draws a figure twice per file (once to measure,
    once to write) and a constrained layout is solved in each draw: four draws and four
    layouts for a PNG and an SVG. Here the layout engine runs once at the saving
    resolution (``savefig.dpi``), as the first thing a draw does, and the box is
    measured without drawing (the rest of a draw changes no position: the 35 figures'
    files are byte-identical either way); the layout is then frozen by removing the
    engine, so each file costs one draw and every format shows the same layout (with
    any engine, even matplotlib's ``"none"`` placeholder, savefig draws the figure once
    more before each file). The box is padded by ``savefig.pad_inches``, as savefig
    pads it.
    """
    import matplotlib as mpl

    dpi = mpl.rcParams["savefig.dpi"]
    saved_dpi = fig.dpi
    fig.set_dpi(fig.dpi if dpi == "figure" else dpi)
    try:
        engine = fig.get_layout_engine()
        if engine is not None and fig.axes:
            try:  # as Figure.draw runs it, which ignores a layout that does not fit
                engine.execute(fig)
            except ValueError:
                pass
        box = fig.get_tightbbox(fig.canvas.get_renderer())
    finally:
        fig.set_dpi(saved_dpi)
    # None, not "none" (a placeholder engine): the extra draws cost ~0.1 s per file
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)
    return box.padded(mpl.rcParams["savefig.pad_inches"])


def run_script(make_figure, script_file):
    """Command line of a single figure script: ``python plot_x.py [--quick] [--out DIR]``.

    With ``BIONEURO_GALLERY`` set to ``quick`` or ``full`` (the docs site's sphinx-gallery
    build, docs/conf.py, and the notebooks it generates) it only draws the figure, seeded
    and styled, and leaves it open for the gallery to show; no arguments, no files.
    """
    gallery = os.environ.get("BIONEURO_GALLERY")
    if gallery:
        if gallery not in ("quick", "full"):
            raise ValueError(f"BIONEURO_GALLERY must be 'quick' or 'full'; got {gallery!r}")
        np.random.seed(0)  # noqa: NPY002 - as in render()
        random.seed(0)
        with style():
            make_figure(quick=gallery == "quick")
        return
    script_file = Path(script_file).resolve()
    parser = argparse.ArgumentParser(description=describe_script(script_file).title)
    parser.add_argument("--quick", action="store_true", help="shorter, coarser simulations")
    parser.add_argument(
        "--out", default=str(script_file.parents[1] / "figures"), help="output folder"
    )
    parser.add_argument("--format", default="png,svg", help="comma-separated formats")
    parser.add_argument(
        "--rebuild", action="store_true", help="build the figure again (no figure cache)"
    )
    args = parser.parse_args()
    name = script_file.stem.removeprefix("plot_")
    cache = FigureCache(script_file, quick=args.quick, rebuild=args.rebuild or None)
    formats = tuple(args.format.split(","))
    for path in render(make_figure, name, args.out, quick=args.quick, formats=formats, cache=cache):
        print(path)


def use_brian2_target(target):
    """Set Brian2's code generation target for this process (the command's choice).

    ``numpy`` needs no compiler and compiles nothing, and with ``discard_units`` it skips
    the unit checks that make it slow; ``cython`` compiles each new piece of code once
    (cached in ~/.cython/brian_extensions) and then runs fastest. ``auto`` is Brian2's
    own choice (cython when a compiler works) and changes nothing.
    """
    if target == "auto":
        return
    import brian2 as b2

    b2.prefs.codegen.target = target
    if target == "numpy":
        b2.prefs.codegen.runtime.numpy.discard_units = True


def default_jobs() -> int:
    """Worker processes ``bioneuro figures`` uses when ``-j`` is not given:
    ``$BIONEURO_JOBS`` if set, else one per core this process may run on.

    A malformed ``$BIONEURO_JOBS`` stops the command with a message naming it.
    """
    env = os.environ.get("BIONEURO_JOBS")
    if env is not None:
        try:
            return check_jobs(env, name="BIONEURO_JOBS")
        except ValueError as exc:
            raise SystemExit(f"bioneuro: {exc}") from None
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_jobs(value, *, name="jobs") -> int:
    """``value`` as a number of worker processes: a whole number, at least 1.

    Raises ValueError naming ``name`` otherwise (0, negative, fractional or text).
    """
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("+").isdigit() or int(text) < 1:
        raise ValueError(
            f"{name} must be a whole number of worker processes, at least 1 (e.g. 2); "
            f"got {value!r}"
        )
    return int(text)


def jobs_argument(text) -> int:
    """``type=`` for the ``-j/--jobs`` option: :func:`check_jobs`, as an argparse error
    (``bioneuro figures: error: argument -j/--jobs: must be ... got '0'``)."""
    try:
        return check_jobs(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("jobs ")) from None


def _times_file() -> Path:
    return cache_folder("figure_times.json")


def _load_times() -> dict:
    try:
        return json.loads(_times_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_times(mode, times):
    """Remember how long each figure took (to start the slowest first next time)."""
    if not times:
        return
    known = _load_times()
    known.setdefault(mode, {}).update({k: round(v, 3) for k, v in times.items()})
    text = json.dumps(known, indent=1, sort_keys=True)
    try:
        write_atomic(_times_file(), text.encode("utf-8"))
    except OSError:  # a read-only home: the order is only an optimisation
        pass


def _preload():
    """Import what the figures use once, in the parent, so every worker starts with it."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot
    import scipy.optimize  # noqa: F401

    import bioneuro.ann
    import bioneuro.bio
    import bioneuro.compare  # noqa: F401


@contextlib.contextmanager
def sigterm_unwinds():
    """Inside the block, SIGTERM raises ``SystemExit(143)`` as Ctrl-C raises
    KeyboardInterrupt, so ``finally`` blocks and ``with`` exits run before the process
    ends: the parent terminates its workers, and a worker inside a parameter sweep closes
    its Dask cluster (:func:`bioneuro.bio.sweep.sweep`), instead of leaving them drawing
    and computing after ``kill``. Outside the main thread, where Python cannot set a
    signal handler, it changes nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker(tasks, results, out, quick, formats, logs):
    """Worker process: draw each figure ``tasks`` sends, one after the other as
    ``jobs=1`` does, until it sends None; after each, send (seconds, CPU seconds,
    error, whether it came from the figure cache). A figure's output goes to its own log
    file in ``logs``."""
    _preload()  # nothing to do when forked from the parent, which imported it all
    from bioneuro.bio.backends.brian import frozen_heap

    with sigterm_unwinds(), frozen_heap(collect=True):
        while (script := tasks.recv()) is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            fd = os.open(_log_path(logs, script), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.close(fd)
            outcome = _draw_one(script, out, quick, formats)
            sys.stdout.flush()
            sys.stderr.flush()
            results.send(outcome)


def _draw_one(script, out, quick, formats):
    """Draw one figure in this process: (seconds, CPU seconds, error or None, whether it
    came from the figure cache). A failing figure's traceback goes to stderr, and the
    caller goes on with the next one."""
    t0, c0 = time.perf_counter(), time.process_time()
    cache = None
    try:
        cache = FigureCache(script.path, quick=quick)  # (refuses a bad $BIONEURO_REBUILD)
        make_figure = load_make_figure(script.path)
        render(make_figure, script.name, out, quick=quick, formats=formats, cache=cache)
    except Exception as exc:  # report every failing figure, then exit non-zero
        traceback.print_exc()
        return 0.0, 0.0, f"{type(exc).__name__}: {exc}", False
    return time.perf_counter() - t0, time.process_time() - c0, None, cache.hit


def _log_path(logs, script):
    return os.path.join(logs, f"{script.name}.log")


def _start_method():
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"


def draw_figures(scripts, out, *, quick=False, formats=("png", "svg"), jobs=None, report=print):
    """Render every script in ``scripts`` into ``out``, reporting progress.

    Parameters
    ----------
    scripts : list of FigureScript
    out : path
        Output folder.
    quick : bool
        Shorter, coarser simulations.
    formats : tuple of str
    jobs : int, optional
        Worker processes (default :func:`default_jobs`: every core). With more than one,
        that many workers, forked from this process once it has imported the libraries,
        each draw one figure after another as ``jobs=1`` does here, taking the next
        figure (the slowest of the previous run first) when they finish one. A figure
        does not depend on what was drawn before it in its process (each is seeded, and
        the last one's objects are collected first), so the files are byte-identical to
        ``jobs=1``. A worker keeps what it loaded for its next figure: a fresh process
        per figure cost ~0.2 s of CPU each (6 s over the 35 figures). SIGTERM (``kill``)
        stops the command as Ctrl-C does: the workers, and any Dask cluster a sweep of
        theirs started, are stopped before it exits (:func:`sigterm_unwinds`).
    report : callable
        ``print``-like; one line per finished figure: done/total, its time, the slowest
        so far.

    Returns
    -------
    list of str
        The names of the figures that failed, in the scripts' order (each is reported
        with its error; the others are still drawn).
    """
    jobs = default_jobs() if jobs is None else check_jobs(jobs)
    jobs = min(jobs, max(len(scripts), 1))
    mode = "quick" if quick else "full"
    workers = f" with {jobs} worker processes" if jobs > 1 else ""
    report(
        f"bioneuro: drawing {len(scripts)} figure(s){' (quick)' * quick} into {out}{workers}",
        flush=True,
    )
    failed, times, cpus, cached, start = [], {}, {}, set(), time.perf_counter()

    def done(name, seconds, cpu, error, hit, log=""):
        finished = len(times) + len(failed) + 1
        head = f"[{finished:>2}/{len(scripts)}] {name:<28}"
        if error is None:
            times[name], cpus[name] = seconds, cpu
            if hit:
                cached.add(name)
            slow = max(times, key=times.get)
            report(
                f"{head} {seconds:6.1f} s  (CPU {cpu:5.1f} s{', from the figure cache' * hit}; "
                f"slowest so far: {slow} {times[slow]:.1f} s)"
            )
        else:
            failed.append(name)
            report(f"{head} FAILED: {error}")
        if log.strip():
            report("    " + log.rstrip().replace("\n", "\n    "))
        sys.stdout.flush()

    heap = contextlib.nullcontext()
    if jobs == 1 and len(scripts) > 1:  # libraries frozen once; each figure's garbage collected
        _preload()
        from bioneuro.bio.backends.brian import frozen_heap

        heap = frozen_heap(collect=True)
    with sigterm_unwinds():  # a kill stops the workers and their sweeps too
        if jobs == 1:
            with heap:
                _draw_serial(scripts, out, quick, formats, done)
        else:
            _draw_parallel(scripts, out, quick, formats, jobs, mode, done)
    total = time.perf_counter() - start
    report(
        f"bioneuro: {len(times)} written, {len(failed)} failed, {total:.1f} s{workers} "
        f"(figures' CPU time {sum(cpus.values()):.1f} s)"
    )
    if cached:
        report(
            f"{len(cached)} of them unchanged since they were last built: drawn from the "
            "figure cache (--rebuild builds every figure again)"
        )
    if times:
        slowest = sorted(times.items(), key=lambda kv: -kv[1])[:5]
        report("slowest: " + ", ".join(f"{n} {t:.1f} s" for n, t in slowest))
    order = [s.name for s in scripts]
    failed.sort(key=order.index)  # the scripts' order, whichever worker finished first
    if failed:
        report("failed: " + ", ".join(failed))
    # the build times order the next run: a figure from the cache says nothing of its own
    _save_times(mode, {name: t for name, t in times.items() if name not in cached})
    return failed


def _draw_serial(scripts, out, quick, formats, done):
    """Each figure in this process, one after the other."""
    for s in scripts:
        done(s.name, *_draw_one(s, out, quick, formats))


#: Seconds each figure took on a first run (empty caches, nearly all of it compiling; one
#: process, 2026-11-30, the two Brunel figures from the bundled results): the order of
#: the figures a run has no times of its own for, the slowest first, so that the workers
#: finish together rather than one compiling the last large figure alone.
# fmt: off
FIRST_RUN_SECONDS = {
    "alone_vs_network": 32.2, "conversion": 29.6, "cuba_network": 23.7, "two_neurons": 21.4,
    "same_weights": 18.2, "fi_curves": 12.8, "conduction_velocity": 11.6, "two_cells": 11.1,
    "action_potential": 10.4, "cable_attenuation": 9.4, "epsp_distance": 8.9,
    "what_is_left_out": 7.6, "refractoriness": 4.0, "activation_fits": 3.2,
    "signal_flow": 3.0, "receptors": 2.2, "brunel_states": 1.4, "relay_chain": 1.3,
    "training_moons": 1.2, "learning_rules": 1.2, "brunel_phase_diagram": 1.0,
    "axon_propagation": 0.9, "psp_kinetics": 0.9, "stdp_window": 0.8, "swc_cell": 0.7,
    "neuron_anatomy": 0.7, "psp_weight": 0.7, "activation_functions": 0.7,
    "summation": 0.6, "rate_coding": 0.5, "artificial_neuron": 0.4, "xor_network": 0.4,
    "perceptron_learning": 0.4, "training_weights": 0.4, "network_layers": 0.2,
}
# fmt: on


def _draw_parallel(scripts, out, quick, formats, jobs, mode, done):
    """The figures on ``jobs`` worker processes, the slowest first: by the last run's
    times, else by :data:`FIRST_RUN_SECONDS`; a figure in neither first (it may be slow)."""
    previous = _load_times().get(mode, {})

    def expected(name):
        return previous.get(name, FIRST_RUN_SECONDS.get(name, float("inf")))

    queue = sorted(scripts, key=lambda s: -expected(s.name))
    ctx = multiprocessing.get_context(_start_method())
    frozen = contextlib.nullcontext()
    if ctx.get_start_method() == "fork":
        _preload()
        from bioneuro.bio.backends.brian import frozen_heap

        frozen = frozen_heap(collect=True)  # workers inherit it: libraries out of gc's way
    with tempfile.TemporaryDirectory(prefix="bioneuro_figures_") as logs, frozen:
        _run_workers(ctx, queue, logs, out, quick, formats, jobs, done)


def _run_workers(ctx, queue, logs, out, quick, formats, jobs, done):
    """Draw ``queue`` on ``jobs`` worker processes, each taking the next figure when it
    finishes one; report each figure. A worker that dies (a crash, a kill) fails the
    figure it was drawing, and a new one takes its place for the rest."""
    from multiprocessing.connection import wait

    workers = {}  # results connection -> (process, tasks connection)
    busy = {}  # results connection -> the script its worker is drawing

    def start_worker():
        tasks_out, tasks_in = ctx.Pipe(duplex=False)
        results_out, results_in = ctx.Pipe(duplex=False)
        proc = ctx.Process(
            target=_worker,
            args=(tasks_out, results_in, out, quick, formats, logs),
            name="bioneuro-figures",
        )
        sys.stdout.flush()
        sys.stderr.flush()
        proc.start()
        tasks_out.close()
        results_in.close()
        workers[results_out] = (proc, tasks_in)
        return results_out

    try:
        while queue or busy:
            while queue and len(busy) < jobs:
                idle = [conn for conn in workers if conn not in busy]
                conn = idle[0] if idle else start_worker()
                busy[conn] = queue.pop(0)
                workers[conn][1].send(busy[conn])
            for conn in wait(list(busy)):
                s = busy.pop(conn)
                try:
                    seconds, cpu, error, hit = conn.recv()
                except EOFError:  # the worker died without a word (crash, killed)
                    proc, tasks = workers.pop(conn)
                    proc.join()
                    conn.close()
                    tasks.close()
                    seconds, cpu, hit = 0.0, 0.0, False
                    error = f"worker process died (exit code {proc.exitcode})"
                try:
                    with open(_log_path(logs, s), encoding="utf-8", errors="replace") as fh:
                        text = fh.read()
                except OSError:
                    text = ""
                done(s.name, seconds, cpu, error, hit, text)
    finally:
        for conn, (proc, tasks) in workers.items():
            if conn in busy:  # interrupted mid-figure
                proc.terminate()
            else:
                with contextlib.suppress(OSError):
                    tasks.send(None)
            proc.join()
            conn.close()
            tasks.close()
