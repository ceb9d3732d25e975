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
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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


def render(make_figure, name, out_dir, *, quick=False, formats=("png", "svg"), seed=0):
    """Draw one figure headless, seeded and styled, and write ``out_dir/name.<fmt>``.

    Returns the list of written paths.
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    np.random.seed(seed)  # noqa: NPY002 - scripts seed their own generators; this is a guard
    random.seed(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with style():
        fig = make_figure(quick=quick)
        written = []
        for fmt in formats:
            target = out_dir / f"{name}.{fmt}"
            metadata = {"Date": None} if fmt == "svg" else {"Software": "bioneuro"}
            fig.savefig(target, format=fmt, metadata=metadata)
            written.append(target)
    plt.close(fig)
    return written


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
    args = parser.parse_args()
    name = script_file.stem.removeprefix("plot_")
    for path in render(make_figure, name, args.out, quick=args.quick,
                       formats=tuple(args.format.split(","))):
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


def draw_figures(scripts, out, *, quick=False, formats=("png", "svg"), report=print):
    """Render every script in ``scripts`` into ``out``, reporting progress.

    A failing figure is reported and the others still drawn. Returns the names of the
    figures that failed.
    """
    mode = " (quick)" if quick else ""
    report(f"bioneuro: drawing {len(scripts)} figure(s){mode} into {out}", flush=True)
    failed, times, start = [], {}, time.perf_counter()
    for i, s in enumerate(scripts, 1):
        report(f"[{i:>2}/{len(scripts)}] {s.name:<28}", end=" ", flush=True)
        t0 = time.perf_counter()
        try:
            render(load_make_figure(s.path), s.name, out, quick=quick, formats=formats)
        except Exception as exc:  # report every failing figure, then exit non-zero
            failed.append(s.name)
            report(f"FAILED: {type(exc).__name__}: {exc}", flush=True)
            continue
        times[s.name] = time.perf_counter() - t0
        report(f"{times[s.name]:6.1f} s", flush=True)
    total = time.perf_counter() - start
    report(f"bioneuro: {len(scripts) - len(failed)} written, {len(failed)} failed, {total:.1f} s")
    if times:
        slowest = sorted(times.items(), key=lambda kv: -kv[1])[:5]
        report("slowest: " + ", ".join(f"{n} {t:.1f} s" for n, t in slowest))
    return failed
