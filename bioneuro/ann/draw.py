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

from bioneuro.ann._validate import as_inputs, as_labels, check_number
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


def decision_regions(
    ax, predict, X, y, resolution=200, margin=0.5, cmap=None, alpha=0.25, extent=None
):
    """Shade the class ``predict`` assigns to every point of the plane; scatter (X, y).

    The plane is sampled on a ``resolution`` x ``resolution`` grid and shaded by the
    answer there (``contourf`` with class boundaries at 0.5, 1.5, ...: a score in [0, 1]
    is split at 0.5), with each class of ``y`` in its colour on top.

    Parameters
    ----------
    ax : matplotlib Axes
    predict : callable
        Maps an (m, 2) array of points to m class labels, or to scores in [0, 1].
    X : array of shape (n_samples, 2)
        The data points; ``y`` their classes (0, 1, ...), one per row of ``X``.
    resolution : int
        Grid points per axis (at least 2).
    margin : float
        With no ``extent``: the shaded plane is the data's range widened by this much on
        each side (>= 0).
    cmap, alpha
        Colours of the classes (default: grey for 0, the output's colour for 1) and the
        shading's opacity.
    extent : (x_min, x_max, y_min, y_max), optional
        The shaded plane (e.g. to give two panels the same shape); the axes limits are
        set to it.

    Returns
    -------
    ax
    """
    from matplotlib.colors import ListedColormap

    if not callable(predict):
        raise TypeError(f"predict must be a function of an (m, 2) array; got {predict!r}")
    X = as_inputs("X", X, 2, allow_1d=False)
    y = as_labels("y", y, len(X))
    check_number("resolution", resolution, example="200", integer=True)
    if resolution < 2:
        raise ValueError(f"resolution must be at least 2 grid points, e.g. 200; got {resolution}")
    check_number("margin", margin, example="0.5", nonnegative=True)
    # two classes: "no" (grey) and "yes" (the output's colour); more: the palette after
    colours = [*CLASS_COLORS, PALETTE["orange"], PALETTE["purple"]]
    if extent is None:
        lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    else:
        try:
            box = np.asarray(extent, dtype=float).ravel()
        except (TypeError, ValueError):
            box = np.array([])
        if box.size != 4 or not (box[0] < box[1] and box[2] < box[3]):
            raise ValueError(
                "extent must be four numbers (x_min, x_max, y_min, y_max) with "
                f"x_min < x_max and y_min < y_max; got {extent!r}"
            )
        lo, hi = box[[0, 2]], box[[1, 3]]
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
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    return ax


# ----------------------------------------------------------------- a whole network


@dataclass(frozen=True)
class NetworkGeometry:
    """Where everything goes in :func:`draw_network` (data coordinates).

    Attributes
    ----------
    nodes : list of (n_l, 2) arrays
        Centres of the neurons of each layer, the inputs (the data) first.
    edges : (m, 2, 2) array
        Every connection, (start, end).
    highlight : (int, int)
        (layer, neuron) of the neuron drawn in detail; layer 1 is the first layer of
        neurons (layer 0 is the data).
    incoming : (n_prev, 2, 2) array
        Its connections from the layer before.
    incoming_weights, incoming_widths, incoming_signs : (n_prev,) arrays
        Their weights, line widths (points; ∝ |w|) and signs.
    outgoing : (n_next, 2, 2) array
        Its connections to the next layer (empty for an output neuron).
    """

    nodes: list
    edges: np.ndarray
    highlight: tuple
    incoming: np.ndarray
    incoming_weights: np.ndarray
    incoming_widths: np.ndarray
    incoming_signs: np.ndarray
    outgoing: np.ndarray


#: Horizontal distance between layers and vertical distance between neurons.
LAYER_STEP, NEURON_STEP, NODE_RADIUS = 3.0, 1.1, 0.3


def _check_highlight(mlp, highlight):
    n_layers = len(mlp.sizes) - 1
    if highlight is None:
        return (max(n_layers - 1, 1), 0)
    ok = (
        isinstance(highlight, tuple)
        and len(highlight) == 2
        and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in highlight)
    )
    if not ok or not 1 <= highlight[0] <= n_layers:
        raise ValueError(
            f"highlight must be (layer, neuron) with layer 1..{n_layers} (layer 0 is the "
            f"data), e.g. (1, 0); got {highlight!r}"
        )
    if not 0 <= highlight[1] < mlp.sizes[highlight[0]]:
        raise ValueError(
            f"highlight neuron must be 0..{mlp.sizes[highlight[0]] - 1} in layer "
            f"{highlight[0]}; got {highlight!r}"
        )
    return (int(highlight[0]), int(highlight[1]))


def network_geometry(mlp, highlight=None) -> NetworkGeometry:
    """The layout of :func:`draw_network` for ``mlp`` (a :class:`~bioneuro.ann.MLP`).

    Layer l sits at x = 3 l; its n_l neurons are spread 1.1 apart around y = 0. The
    highlighted neuron's incoming lines are |w| * 2.5 points wide (clipped to 0.6-14),
    as in :func:`neuron_geometry`.
    """
    from bioneuro.ann.layers import MLP

    if not isinstance(mlp, MLP):
        raise TypeError(f"mlp must be a bioneuro.ann.MLP, e.g. MLP([3, 4, 1]); got {mlp!r}")
    layer, unit = _check_highlight(mlp, highlight)
    nodes = []
    for k, n in enumerate(mlp.sizes):
        ys = (np.arange(n)[::-1] - (n - 1) / 2) * NEURON_STEP
        nodes.append(np.c_[np.full(n, k * LAYER_STEP), ys])
    edges = np.array(
        [[a, b] for k in range(len(nodes) - 1) for a in nodes[k] for b in nodes[k + 1]]
    ).reshape(-1, 2, 2)
    target = nodes[layer][unit]
    incoming = np.array([[a, target] for a in nodes[layer - 1]]).reshape(-1, 2, 2)
    w = np.asarray(mlp.layers[layer - 1].W[:, unit], dtype=float)
    outgoing = (
        np.array([[target, b] for b in nodes[layer + 1]]).reshape(-1, 2, 2)
        if layer + 1 < len(nodes)
        else np.zeros((0, 2, 2))
    )
    return NetworkGeometry(
        nodes=nodes,
        edges=edges,
        highlight=(layer, unit),
        incoming=incoming,
        incoming_weights=w.copy(),
        incoming_widths=np.clip(np.abs(w) * WIDTH_PER_UNIT_WEIGHT, MIN_WIDTH, MAX_WIDTH),
        incoming_signs=np.sign(w),
        outgoing=outgoing,
    )


def draw_network(mlp, ax=None, *, x=None, highlight=None, layer_names=None):
    """Draw ``mlp`` layer by layer, one neuron in detail: where its inputs come from, its
    weights, its weighted sum and activation, and where its output goes.

    Parameters
    ----------
    mlp : MLP
    ax : matplotlib Axes, optional
    x : array, shape (n_inputs,), optional
        One input vector from the data: its values are written at the inputs, every
        neuron shows its output a = φ(z), and the highlighted neuron its z and φ(z)
        (computed by ``mlp.forward``).
    highlight : (layer, neuron), optional
        Default: the first neuron of the last hidden layer.
    layer_names : list of str, optional
        One name per column (default: "data", "layer 1", ..., "output").

    Returns
    -------
    dict with ``ax``, ``geometry`` (:class:`NetworkGeometry`), ``records`` (the forward
    pass, or None) and ``texts`` (the weight labels written).
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle, FancyArrowPatch

    g = network_geometry(mlp, highlight)
    layer, unit = g.highlight
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 6))
    records = None
    if x is not None:
        x = as_inputs("x", x, mlp.sizes[0])
        if x.ndim != 1:
            raise ValueError(
                f"x must be one input vector of shape ({mlp.sizes[0]},); got {x.shape}"
            )
        records = mlp.forward(x[None, :])
    n_cols = len(mlp.sizes)
    names = layer_names or ["data"] + [f"layer {k}" for k in range(1, n_cols - 1)] + ["output"]
    if len(names) != n_cols:
        raise ValueError(f"layer_names must name all {n_cols} columns; got {names!r}")
    ax.add_collection(LineCollection(g.edges, colors="0.82", linewidths=1.2, zorder=1))
    texts = []
    for k, (seg, width, sign, w) in enumerate(
        zip(g.incoming, g.incoming_widths, g.incoming_signs, g.incoming_weights, strict=True)
    ):
        colour = {1.0: COLORS["excitatory"], -1.0: COLORS["inhibitory"]}.get(sign, "0.6")
        ax.plot(*seg.T, color=colour, lw=width, solid_capstyle="round", zorder=2)
        p = seg[0] + 0.42 * (seg[1] - seg[0])
        label = f"w{subscript(k + 1)} = {w:+.2f}"
        texts.append(
            ax.text(
                *p,
                label,
                color=colour,
                ha="center",
                va="center",
                fontsize=14,
                zorder=6,
                bbox={"fc": "white", "ec": "none", "pad": 1.0},
            )
        )
    for seg in g.outgoing:
        start = seg[0] + NODE_RADIUS * (seg[1] - seg[0]) / np.linalg.norm(seg[1] - seg[0])
        end = seg[1] - NODE_RADIUS * (seg[1] - seg[0]) / np.linalg.norm(seg[1] - seg[0])
        ax.add_patch(
            FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>",
                mutation_scale=18,
                lw=3,
                color=COLORS["output"],
                zorder=3,
            )
        )
    for col, pts in enumerate(g.nodes):
        for j, (px, py) in enumerate(pts):
            is_data = col == 0
            mine = (col, j) == g.highlight
            edge = COLORS["input"] if is_data else ("black" if mine else "0.35")
            face = "#f2e4ee" if mine else "white"
            ax.add_patch(
                Circle(
                    (px, py),
                    NODE_RADIUS * (1.35 if mine else 1.0),
                    fc=face,
                    ec=edge,
                    lw=3.5 if mine else 2,
                    zorder=4,
                )
            )
            if is_data:
                value = "" if x is None else f" = {x[j]:.2g}"
                ax.text(
                    px - 0.45,
                    py,
                    f"x{subscript(j + 1)}{value}",
                    ha="right",
                    va="center",
                    fontsize=15,
                    color=COLORS["input"],
                    zorder=5,
                )
            elif records is not None and not mine:
                a = float(records[col - 1].a[0, j])
                ax.text(px, py, f"{a:.2f}", ha="center", va="center", fontsize=12, zorder=5)
        ax.text(
            pts[0, 0],
            max(float(q[:, 1].max()) for q in g.nodes) + 0.75,
            names[col],
            ha="center",
            va="bottom",
            fontsize=15,
            fontweight="bold",
            color=COLORS["input"] if col == 0 else "black",
        )
    hx, hy = g.nodes[layer][unit]
    ax.text(hx, hy, "Σ φ", ha="center", va="center", fontsize=15, fontweight="bold", zorder=5)
    neuron = mlp.layers[layer - 1][unit]
    phi = display_name(neuron.activation)
    sources = "the data" if layer == 1 else f"layer {layer - 1}"
    box = [
        f"one neuron of {names[layer]}:",
        f"inputs aᵢ from {sources}",
        f"z = Σ wᵢaᵢ + b,  b = {neuron.bias:+.2f}",
        f"output φ(z),  φ = {phi}",
    ]
    if records is not None:
        z = float(records[layer - 1].z[0, unit])
        a = float(records[layer - 1].a[0, unit])
        box[2] = f"z = Σ wᵢaᵢ + b = {z:.2f}"
        box[3] = f"output φ(z) = {a:.2f}  ({phi})"
    bottom = min(float(p[:, 1].min()) for p in g.nodes)
    ax.text(
        hx,
        bottom - 0.9,
        "\n".join(box),
        ha="center",
        va="top",
        fontsize=14,
        bbox={"boxstyle": "round,pad=0.5", "fc": "#f2e4ee", "ec": "black", "lw": 1.5},
        zorder=6,
    )
    top = max(float(p[:, 1].max()) for p in g.nodes)
    ax.set_xlim(-2.2, LAYER_STEP * (n_cols - 1) + 1.0)
    ax.set_ylim(bottom - 3.2, top + 1.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"ax": ax, "geometry": g, "records": records, "texts": texts}
