"""Drawing the artificial neuron and what it computes (matplotlib, imported lazily).

The diagram is drawn from an actual :class:`~bioneuro.ann.Neuron`: each input line's
width is proportional to |w_i| and its colour says the sign (excitatory orange-red,
inhibitory blue, the colours of the biological synapses in the gallery).
:func:`neuron_geometry` returns the numbers the drawing uses, so they can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bioneuro.ann._validate import as_inputs
from bioneuro.ann.neuron import Neuron

WIDTH_PER_UNIT_WEIGHT = 2.5  # points of line width per unit of |w|
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
    return NeuronGeometry(inputs=inputs, summation=(2.0, 0.0), activation=(3.3, 0.0),
                          output=(4.5, 0.0), line_widths=widths,
                          signs=np.sign(neuron.weights))  # fmt: skip


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

    from bioneuro.plotting import COLORS, PALETTE

    g = neuron_geometry(neuron)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    n = neuron.n_inputs
    labels = input_labels or [f"x{_sub(i + 1)}" for i in range(n)]
    if x is not None:
        x = as_inputs("x", x, n)
        if x.ndim != 1:
            raise ValueError(f"x must be one input vector of shape ({n},); got {x.shape}")
    sx, sy = g.summation
    colour = {1.0: COLORS["excitatory"], -1.0: COLORS["inhibitory"], 0.0: "0.6"}
    for i, (px, py) in enumerate(g.inputs):
        ax.plot([px + 0.18, sx - 0.3], [py, sy], color=colour[g.signs[i]],
                lw=g.line_widths[i], solid_capstyle="round", zorder=1)  # fmt: skip
        ax.add_patch(Circle((px, py), 0.18, fc="white", ec="black", lw=1.5, zorder=2))
        text = labels[i] if x is None else f"{labels[i]} = {x[i]:.3g}"
        ax.text(px - 0.28, py, text, ha="right", va="center", fontsize=13)
        mx, my = px + 0.4 * (sx - px), py + 0.4 * (sy - py)  # label sits on its line
        ax.text(mx, my, f"w{_sub(i + 1)} = {neuron.weights[i]:+.2g}", ha="center",
                va="center", fontsize=11, color=colour[g.signs[i]], zorder=2,
                bbox={"fc": "white", "ec": "none", "pad": 1.5})  # fmt: skip
    # bias: a line from above into the sum
    ax.annotate("", xy=(sx, sy + 0.3), xytext=(sx, sy + 1.0),
                arrowprops={"arrowstyle": "-|>", "color": "0.3", "lw": 1.5})  # fmt: skip
    ax.text(sx, sy + 1.05, f"bias b = {neuron.bias:+.2g}", ha="center", va="bottom",
            fontsize=11)  # fmt: skip
    ax.add_patch(Circle((sx, sy), 0.3, fc="white", ec="black", lw=2, zorder=3))
    ax.text(sx, sy, "Σ", ha="center", va="center", fontsize=20, zorder=4)
    ax.text(sx, sy - 0.42, "z = Σ wᵢxᵢ + b", ha="center", va="top", fontsize=11)
    # activation box with the shape of φ drawn inside
    axc, ayc = g.activation
    ax.add_patch(FancyBboxPatch((axc - 0.4, ayc - 0.35), 0.8, 0.7, boxstyle="round,pad=0.02",
                                fc="white", ec=COLORS["activation"], lw=2, zorder=3))  # fmt: skip
    zz = np.linspace(-4, 4, 81) if "lif" not in neuron.activation.name else np.linspace(0, 4, 81)
    phi = neuron.activation(zz)
    span = np.ptp(phi) or 1.0
    ax.plot(axc - 0.32 + 0.64 * (zz - zz[0]) / np.ptp(zz), ayc - 0.25 + 0.5 * (phi - phi.min())
            / span, color=COLORS["activation"], lw=2, zorder=4)  # fmt: skip
    ax.text(axc, ayc - 0.45, f"φ = {neuron.activation.name}", ha="center", va="top",
            fontsize=11, color=COLORS["activation"])  # fmt: skip
    arrow = {"arrowstyle": "-|>", "mutation_scale": 18, "lw": 2, "color": "black"}
    ax.add_patch(FancyArrowPatch((sx + 0.3, sy), (axc - 0.42, ayc), **arrow))
    ax.add_patch(FancyArrowPatch((axc + 0.42, ayc), g.output, **arrow))
    out_text = "output φ(z)"
    if x is not None:
        z = float(neuron.weighted_sum(x))
        out_text = f"z = {z:.3g}\noutput φ(z) = {float(neuron(x)):.3g}"
    ax.text(g.output[0] + 0.08, g.output[1], out_text, ha="left", va="center", fontsize=13,
            color=PALETTE["black"])  # fmt: skip
    top = max(1.0, g.inputs[:, 1].max())
    ax.set_xlim(-1.3, 6.3)
    ax.set_ylim(-top - 0.6, top + 0.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _sub(i: int) -> str:
    return str(i).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


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

    from bioneuro.plotting import PALETTE

    colours = [PALETTE["blue"], PALETTE["vermillion"], PALETTE["green"], PALETTE["orange"]]
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))  # fmt: skip
    labels = np.asarray(predict(np.c_[g1.ravel(), g2.ravel()])).reshape(g1.shape)
    k = int(max(labels.max(), np.max(y))) + 1
    cmap = cmap or ListedColormap(colours[:k])
    ax.contourf(g1, g2, labels, levels=np.arange(k + 1) - 0.5, cmap=cmap, alpha=alpha)
    for c in range(k):
        sel = np.asarray(y) == c
        ax.scatter(X[sel, 0], X[sel, 1], s=22, color=colours[c], edgecolor="white",
                   linewidth=0.5, label=f"class {c}", zorder=3)  # fmt: skip
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    return ax
