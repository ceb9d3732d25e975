"""The visual language of every figure, in one place: colours, fonts, panel letters.

Both neurons are drawn with these colours, so a colour keeps its meaning across the
whole gallery; the bio drawings (:mod:`bioneuro.bio.draw`), the ann drawings
(:mod:`bioneuro.ann.draw`) and the figure scripts take them from here. Nothing here
draws or shows anything by itself.
"""

from __future__ import annotations

import contextlib

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
        ax.text(
            x,
            y,
            letter,
            transform=ax.transAxes,
            fontsize=16,
            fontweight="bold",
            va="bottom",
            ha="right",
        )
    return axes


def conventions(ax, text, loc="lower right"):
    """Print the conventions a figure depends on (temperature, sign, ...) in a corner."""
    places = {
        "lower right": (0.99, 0.02, "right", "bottom"),
        "upper right": (0.99, 0.98, "right", "top"),
        "center right": (0.99, 0.5, "right", "center"),
        "upper left": (0.01, 0.98, "left", "top"),
        "lower left": (0.01, 0.02, "left", "bottom"),
    }
    if loc not in places:
        raise ValueError(f"loc must be one of {', '.join(places)}; got {loc!r}")
    xy = places[loc]
    ax.text(
        xy[0], xy[1], text, transform=ax.transAxes, ha=xy[2], va=xy[3], fontsize=10, color="0.35"
    )
    return ax
