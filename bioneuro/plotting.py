"""One style for every figure, and the machinery that turns a figure script into files.

Every ``simulations/plot_<name>.py`` defines ``make_figure(quick=False)`` returning a
matplotlib Figure, and ends with ``run_script(make_figure, __file__)`` under
``if __name__ == "__main__"``. The ``bioneuro figures`` command loads the same
function, so a script behaves identically alone and in the suite.

Nothing here calls ``plt.show()``; figures are drawn headless (Agg) and seeded.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
# The roles a colour plays across the whole gallery, so both neurons match.
COLORS = {
    "v": PALETTE["black"],
    "m": PALETTE["vermillion"],
    "h": PALETTE["blue"],
    "n": PALETTE["green"],
    "I_Na": PALETTE["vermillion"],
    "I_K": PALETTE["green"],
    "I_L": PALETTE["purple"],
    "stimulus": PALETTE["orange"],
    "hh": PALETTE["blue"],
    "lif": PALETTE["vermillion"],
    "analytic": PALETTE["black"],
    "dendrite": PALETTE["blue"],
    "soma": PALETTE["black"],
    "axon": PALETTE["vermillion"],
    "synapse": PALETTE["orange"],
    "excitatory": PALETTE["vermillion"],
    "inhibitory": PALETTE["blue"],
    "weight": PALETTE["orange"],
    "activation": PALETTE["green"],
}
CYCLE = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]

RC = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "lines.linewidth": 2.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "svg.hashsalt": "bioneuro",  # reproducible SVG ids
    "svg.fonttype": "none",
}


@contextlib.contextmanager
def style():
    """Context manager applying bioneuro's figure style (and colour cycle)."""
    import matplotlib.pyplot as plt
    from cycler import cycler

    with plt.rc_context({**RC, "axes.prop_cycle": cycler(color=CYCLE)}):
        yield


def label_panels(axes, x=-0.12, y=1.04):
    """Write A, B, C... in the top-left corner of each axes; return the axes."""
    for letter, ax in zip("ABCDEFGHIJKLMNOP", np.ravel(axes), strict=False):
        ax.text(x, y, letter, transform=ax.transAxes, fontsize=16, fontweight="bold",
                va="bottom", ha="right")  # fmt: skip
    return axes


def conventions(ax, text, loc="lower right"):
    """Print the conventions a figure depends on (temperature, sign, ...) in a corner."""
    places = {"lower right": (0.99, 0.02, "right", "bottom"),
              "upper right": (0.99, 0.98, "right", "top"),
              "center right": (0.99, 0.5, "right", "center"),
              "upper left": (0.01, 0.98, "left", "top"),
              "lower left": (0.01, 0.02, "left", "bottom")}  # fmt: skip
    if loc not in places:
        raise ValueError(f"loc must be one of {', '.join(places)}; got {loc!r}")
    xy = places[loc]
    ax.text(xy[0], xy[1], text, transform=ax.transAxes, ha=xy[2], va=xy[3],
            fontsize=10, color="0.35")  # fmt: skip
    return ax


# --------------------------------------------------------------------------- scripts


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
    """Command line of a single figure script: ``python plot_x.py [--quick] [--out DIR]``."""
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
                       formats=tuple(args.format.split(","))):  # fmt: skip
        print(path)
