"""Drawing the artificial neuron and what it computes (matplotlib, imported lazily).

The diagram is drawn from an actual :class:`~bioneuro.ann.Neuron`: each input line's
width is proportional to |w_i| and its colour says the sign (excitatory vermillion,
inhibitory blue, the colours of the biological synapses in the gallery). The parts
have the concept colours of :mod:`bioneuro.style`, shared with the cell they map onto:
inputs green (dendrites), sum black (soma), activation purple (initial segment), output
sky blue (axon). :func:`neuron_geometry` returns the numbers the drawing uses, so they
can be tested; :func:`display_name` writes an activation's name for people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bioneuro.ann._validate import as_inputs
from bioneuro.ann.neuron import Neuron
from bioneuro.style import CLASS_COLORS, COLORS, PALETTE

WIDTH_PER_UNIT_WEIGHT = 2.5  # points of line width per unit of |w|
#: How each activation is named on a figure (code names stay in the code).
DISPLAY_NAMES = {
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "lif_rate": "LIF rate",
    "soft_lif": "soft LIF rate",
    "linear": "identity",
    "identity": "identity",
}


def display_name(activation) -> str:
    """The name of ``activation`` (an Activation or its name) as a figure writes it:
    ``"leaky_relu"`` -> ``"leaky ReLU"``, ``"lif_rate"`` -> ``"LIF rate"``."""
    name = getattr(activation, "name", activation)
    return DISPLAY_NAMES.get(name, str(name).replace("_", " "))


MIN_WIDTH, MAX_WIDTH = 0.6, 14.0


@dataclass(frozen=True)
class NeuronGeometry:
    """Where everything goes in :func:`draw_neuron` (data coordinates)."""

    inputs: np.ndarray  # (n, 2) centres of the input circles
    summation: tuple  # centre of the Σ circle
    activation: tuple  # centre of the φ box
    output: tuple  # tip of the output arrow
    line_widths: np.ndarray  # (n,) width of each weight line, in points
    signs: np.ndarray  # (n,) +1 excitatory, -1 inhibitory, 0 zero weight


def neuron_geometry(neuron) -> NeuronGeometry:
    """The layout of the diagram of ``neuron``: positions and weight line widths.

    Line width = clip(|w_i| * 2.5 pt, 0.6 pt, 14 pt): an absolute scale, so doubling
    the weights doubles the lines (up to the cap).
    """
    if not isinstance(neuron, Neuron):
        raise TypeError(f"neuron must be a bioneuro.ann.Neuron; got {type(neuron).__name__}")
    n = neuron.n_inputs
    ys = np.linspace(1.0, -1.0, n) * min(1.0, 0.45 * (n - 1)) if n > 1 else np.zeros(1)
    inputs = np.c_[np.zeros(n), ys]
    widths = np.clip(np.abs(neuron.weights) * WIDTH_PER_UNIT_WEIGHT, MIN_WIDTH, MAX_WIDTH)
    return NeuronGeometry(
        inputs=inputs,
        summation=(2.0, 0.0),
        activation=(3.3, 0.0),
        output=(4.5, 0.0),
        line_widths=widths,
        signs=np.sign(neuron.weights),
    )


def draw_neuron(neuron, ax=None, x=None, input_labels=None):
    """Draw inputs -> weights -> Σ -> φ -> output for ``neuron``; return the axes.

    Parameters
    ----------
    neuron : Neuron
    ax : matplotlib Axes, optional
    x : array, shape (n_inputs,), optional
        An input vector: its values, the weighted sum z and the output φ(z) are written
        on the diagram (computed by ``neuron.weighted_sum`` and ``neuron``).
    input_labels : list of str, optional
        Names of the inputs (default x₁, x₂, ...).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

    g = neuron_geometry(neuron)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    n = neuron.n_inputs
    labels = input_labels or [f"x{subscript(i + 1)}" for i in range(n)]
    if x is not None:
        x = as_inputs("x", x, n)
        if x.ndim != 1:
            raise ValueError(f"x must be one input vector of shape ({n},); got {x.shape}")
    sx, sy = g.summation
    colour = {1.0: COLORS["excitatory"], -1.0: COLORS["inhibitory"], 0.0: "0.6"}
    for i, (px, py) in enumerate(g.inputs):
        line = {"color": colour[g.signs[i]], "lw": g.line_widths[i], "solid_capstyle": "round"}
        ax.plot([px + 0.18, sx - 0.3], [py, sy], zorder=1, **line)
        ax.add_patch(Circle((px, py), 0.18, fc="white", ec=COLORS["input"], lw=2.5, zorder=2))
        text = labels[i] if x is None else f"{labels[i]} = {x[i]:.3g}"
        ax.text(px - 0.28, py, text, ha="right", va="center", fontsize=15, color=COLORS["input"])
        mx, my = px + 0.4 * (sx - px), py + 0.4 * (sy - py)  # label sits on its line
        weight = f"w{subscript(i + 1)} = {neuron.weights[i]:+.2g}"
        box = {"fc": "white", "ec": "none", "pad": 1.5}
        centred = {"ha": "center", "va": "center", "fontsize": 13, "zorder": 2}
        ax.text(mx, my, weight, color=colour[g.signs[i]], bbox=box, **centred)
    # bias: a line from above into the sum
    bias_arrow = {"arrowstyle": "-|>", "color": COLORS["bias"], "lw": 1.5}
    ax.annotate("", xy=(sx, sy + 0.3), xytext=(sx, sy + 1.0), arrowprops=bias_arrow)
    bias = f"bias b = {neuron.bias:+.2g}"
    ax.text(sx, sy + 1.05, bias, ha="center", va="bottom", fontsize=13, color=COLORS["bias"])
    ax.add_patch(Circle((sx, sy), 0.3, fc="white", ec=COLORS["sum"], lw=2.5, zorder=3))
    ax.text(sx, sy, "Σ", ha="center", va="center", fontsize=22, zorder=4)
    ax.text(sx, sy - 0.42, "z = Σ wᵢxᵢ + b", ha="center", va="top", fontsize=13)
    # activation box with the shape of φ drawn inside
    axc, ayc = g.activation
    green = COLORS["activation"]  # the activation's colour (purple), kept name
    box = {"boxstyle": "round,pad=0.02", "fc": "white", "ec": green, "lw": 2}
    ax.add_patch(FancyBboxPatch((axc - 0.4, ayc - 0.35), 0.8, 0.7, zorder=3, **box))
    zz = np.linspace(-4, 4, 81) if "lif" not in neuron.activation.name else np.linspace(0, 4, 81)
    phi = neuron.activation(zz)
    span = np.ptp(phi) or 1.0
    shape_x = axc - 0.32 + 0.64 * (zz - zz[0]) / np.ptp(zz)
    shape_y = ayc - 0.25 + 0.5 * (phi - phi.min()) / span
    ax.plot(shape_x, shape_y, color=green, lw=2, zorder=4)
    phi_name = f"φ = {display_name(neuron.activation)}"
    ax.text(axc, ayc - 0.45, phi_name, ha="center", va="top", fontsize=13, color=green)
    arrow = {"arrowstyle": "-|>", "mutation_scale": 18, "lw": 2.5, "color": COLORS["sum"]}
    ax.add_patch(FancyArrowPatch((sx + 0.3, sy), (axc - 0.42, ayc), **arrow))
    out_arrow = {**arrow, "color": COLORS["output"], "lw": 3}
    ax.add_patch(FancyArrowPatch((axc + 0.42, ayc), g.output, **out_arrow))
    out_text = "output φ(z)"
    if x is not None:
        z = float(neuron.weighted_sum(x))
        out_text = f"z = {z:.3g}\noutput φ(z) = {float(neuron(x)):.3g}"
    ox, oy = g.output
    ax.text(ox + 0.08, oy, out_text, ha="left", va="center", fontsize=15, color=COLORS["output"])
    top = max(1.0, g.inputs[:, 1].max())
    ax.set_xlim(-1.3, 6.3)
    ax.set_ylim(-top - 0.6, top + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def subscript(i: int) -> str:
    """``i`` in subscript digits: ``subscript(12)`` is ``"₁₂"`` (for x₁, w₁₂, ...)."""
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


_sub = subscript  # former private name (simulations/plot_signal_flow.py imports it)


def decision_line(ax, weights, bias, **kwargs):
    """Draw the line w₁x₁ + w₂x₂ + b = 0 across the current axes limits; return the axes."""
    w1, w2 = np.asarray(weights, dtype=float)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if abs(w2) > 1e-12:
        xs = np.array([x0, x1])
        ax.plot(xs, -(w1 * xs + bias) / w2, **kwargs)
    elif abs(w1) > 1e-12:
        ax.plot([-bias / w1] * 2, [y0, y1], **kwargs)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return ax


def decision_regions(ax, predict, X, y, resolution=200, margin=0.5, cmap=None, alpha=0.25):
    """Shade the classes ``predict`` assigns over the plane and scatter (X, y); return ax.

    ``predict`` maps an (m, 2) array to m labels or scores in [0, 1] (thresholded at 0.5).
    """
    from matplotlib.colors import ListedColormap

    # two classes: "no" (grey) and "yes" (the output's colour); more: the palette after
    colours = [*CLASS_COLORS, PALETTE["orange"], PALETTE["purple"]]
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    labels = np.asarray(predict(np.c_[g1.ravel(), g2.ravel()])).reshape(g1.shape)
    k = int(max(labels.max(), np.max(y))) + 1
    cmap = cmap or ListedColormap(colours[:k])
    ax.contourf(g1, g2, labels, levels=np.arange(k + 1) - 0.5, cmap=cmap, alpha=alpha)
    for c in range(k):
        sel = np.asarray(y) == c
        ax.scatter(
            X[sel, 0],
            X[sel, 1],
            s=34,
            color=colours[c],
            edgecolor="white",
            linewidth=0.5,
            label=f"class {c}",
            zorder=3,
        )
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax
