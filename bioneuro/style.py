"""The visual language of every figure, in one place: colours, fonts, panel letters.

Written down for people in ``docs/style.md``; this module is its single source in code.
The bio drawings (:mod:`bioneuro.bio.draw`), the ann drawings (:mod:`bioneuro.ann.draw`),
the diagrams (:mod:`bioneuro.figures.drawings`) and every figure script take their
colours and sizes from here. Nothing here draws or shows anything by itself.

**One colour per concept** (:data:`CONCEPTS`), and the two neurons share them: each part
of the cell has the colour of the part of the artificial neuron it maps onto.

=================================  ==========  ====================================
concept (cell ↔ artificial neuron)  colour      also used for
=================================  ==========  ====================================
dendrite ↔ input xᵢ                green       the data fed to a network
synapse ↔ weight wᵢ                orange      weights changing in training
soma ↔ sum Σ, z                    black       the membrane potential v
initial segment, threshold ↔ φ     purple      activation functions, f-I curves
axon ↔ output                      sky blue    a network's output, spikes sent on
excitatory (depolarising)          vermillion  w > 0, Na⁺ current and gates
inhibitory (hyperpolarising)       blue        w < 0, K⁺ current and gates
myelin                             yellow      myelinated fibres (black edges)
closed form, theory                dark grey   dashed lines
stimulus, bias, context            greys
=================================  ==========  ====================================

**Sizes for slides** (:data:`SLIDE_WIDTH_PX`, :data:`MIN_TEXT_PX`): a figure shown across
a 1920-pixel slide must have no text below 14 pixels, i.e. a font of at least
``min_fontsize(width_in)`` = 14 * 72 * width / 1920 points (7.4 pt for a 14-inch-wide
figure). ``tests/test_legibility.py`` checks it on every figure, with text overlaps and
legends over data.
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

#: Every concept that has a colour, its colour and what it means (docs/style.md).
CONCEPTS = {
    "dendrite": (PALETTE["green"], "dendrites, and the inputs xᵢ they map onto"),
    "input": (PALETTE["green"], "inputs xᵢ of an artificial neuron, the data"),
    "synapse": (PALETTE["orange"], "synapses, and the weights wᵢ they map onto"),
    "weight": (PALETTE["orange"], "weights wᵢ (their sign has its own colour)"),
    "soma": (PALETTE["black"], "the soma, and the sum Σ / z it maps onto"),
    "sum": (PALETTE["black"], "the weighted sum z = Σ wᵢxᵢ + b"),
    "ais": (PALETTE["purple"], "the axon initial segment, where the spike starts"),
    "activation": (PALETTE["purple"], "the activation φ, and the cell's f-I curve"),
    "axon": (PALETTE["sky"], "the axon, and the output it maps onto"),
    "output": (PALETTE["sky"], "the output φ(z) sent to the next layer"),
    "excitatory": (PALETTE["vermillion"], "excitatory / depolarising: w > 0, Na⁺"),
    "inhibitory": (PALETTE["blue"], "inhibitory / hyperpolarising: w < 0, K⁺"),
    "myelin": (PALETTE["yellow"], "myelin (always with a black edge)"),
    "theory": ("0.25", "closed forms and theory (dashed)"),
    "stimulus": ("0.55", "injected current, stimulus"),
    "bias": ("0.4", "the bias b"),
}

#: concept -> colour; the old role names are aliases of the concept they stand for.
COLORS = {k: c for k, (c, _) in CONCEPTS.items()}
COLORS.update(
    {
        "v": COLORS["soma"],
        "analytic": COLORS["theory"],
        "m": COLORS["excitatory"],
        "h": COLORS["excitatory"],
        "n": COLORS["inhibitory"],
        "I_Na": COLORS["excitatory"],
        "I_K": COLORS["inhibitory"],
        "I_M": COLORS["inhibitory"],
        "I_L": "0.55",
        "hh": COLORS["activation"],
        "lif": COLORS["activation"],
        "cortical": COLORS["activation"],
        "node": COLORS["axon"],
        "internode": COLORS["myelin"],
    }
)
#: Colour of the two classes of a binary data set: "no" (0) and "yes" (1, the output).
CLASS_COLORS = ("0.35", COLORS["output"])
CYCLE = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]

#: A figure is judged at this width (pixels) ...
SLIDE_WIDTH_PX = 1920
#: ... where no text may be smaller than this (pixels).
MIN_TEXT_PX = 14

RC = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 14,
    "axes.titlesize": 16,
    "axes.titleweight": "bold",
    # Titles at the top of their axes (plus axes.titlepad), not placed automatically:
    # matplotlib's automatic placement measures every y tick label of the axes and its
    # siblings for each title at each draw, to lift a title over x tick labels drawn on
    # top, which no figure here has. Every figure's files are byte-identical either way;
    # drawing costs 15 % less (2.8 s of CPU over the 35 figures). A figure that puts
    # ticks on top would have its title on them: tests/test_legibility.py fails it.
    "axes.titley": 1.0,
    "axes.labelsize": 14,
    "legend.fontsize": 13,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "lines.linewidth": 2.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "legend.frameon": False,
    "mathtext.fontset": "dejavusans",
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


def min_fontsize(width_in) -> float:
    """Smallest font (points) legible on a slide when a figure ``width_in`` inches wide
    fills :data:`SLIDE_WIDTH_PX` pixels: MIN_TEXT_PX * 72 * width_in / SLIDE_WIDTH_PX."""
    return MIN_TEXT_PX * 72.0 * float(width_in) / SLIDE_WIDTH_PX


def sign_color(w) -> str:
    """The colour of a signed quantity: excitatory for w > 0, inhibitory for w < 0."""
    if w > 0:
        return COLORS["excitatory"]
    if w < 0:
        return COLORS["inhibitory"]
    return "0.6"


def shades(concept, n, lightest=0.35):
    """``n`` shades of a concept's colour, from light (``lightest`` of the way from white)
    to the full colour: for several traces of one concept (e.g. points along an axon)."""
    from matplotlib.colors import to_rgb

    base = np.array(to_rgb(COLORS[concept]))
    return [tuple(1 - f * (1 - base)) for f in np.linspace(lightest, 1.0, n)]


def log_axis(ax, which="y"):
    """Put the ``which`` axis of ``ax`` (``"x"``, ``"y"`` or ``"both"``) on a log scale,
    its ticks labelled with plain numbers (0.01, 0.1, 1, 10) instead of powers of ten.

    The same ticks matplotlib labels (every decade; some minor ticks where an axis spans
    about a decade or less), written as a student reads them aloud. They also skip
    matplotlib's math typesetting of each ``10^k`` label, a sixth of the drawing time of
    a figure with log axes (``%g`` writes numbers below 1e-4 as ``1e-05``).

    Returns ``ax``.
    """
    from bioneuro._ticks import PlainLog

    if which not in ("x", "y", "both"):
        raise ValueError(f"which must be 'x', 'y' or 'both'; got {which!r}")
    for name in ("x", "y") if which == "both" else (which,):
        getattr(ax, f"set_{name}scale")("log")
        axis = getattr(ax, f"{name}axis")
        axis.set_major_formatter(PlainLog())
        axis.set_minor_formatter(PlainLog(labelOnlyBase=False))
    return ax


def label_panels(axes, x=-0.12, y=1.04, fontsize=20):
    """Write A, B, C... in the top-left corner of each axes; return the axes."""
    for letter, ax in zip("ABCDEFGHIJKLMNOP", np.ravel(axes), strict=False):
        ax.text(
            x,
            y,
            letter,
            transform=ax.transAxes,
            fontsize=fontsize,
            fontweight="bold",
            va="bottom",
            ha="right",
        )
    return axes


def message(fig, text, *, y=0.995, fontsize=20, **kwargs):
    """The figure's message as its title: one sentence a student reads first."""
    return fig.suptitle(text, y=y, fontsize=fontsize, fontweight="bold", **kwargs)


def conventions(ax, text, loc="lower right", fontsize=13):
    """Print the conditions a figure depends on (species, temperature, ...) in a corner."""
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
        xy[0],
        xy[1],
        text,
        transform=ax.transAxes,
        ha=xy[2],
        va=xy[3],
        fontsize=fontsize,
        color="0.3",
    )
    return ax
