"""
Training is adjusting weights: gradient descent, epoch by epoch
===============================================================

One artificial neuron learns to separate two classes: its two weights and its bias move
at every step of gradient descent, the loss falls, and the line they draw turns until it
separates the data.

What to look at: the course says "adjusting a model's weights is the primary way
through which deep learning models are trained". (A) The neuron's weights w₁, w₂ and
its bias b after every epoch of full-batch gradient descent on the cross-entropy loss
(learning rate 0.5): they start where the random initialisation put them and move fast
while the loss is high, then slowly. (B) The loss, falling as they move. (C-F) The data
(60 points, two classes) and the line w₁x₁ + w₂x₂ + b = 0 the neuron draws at four
epochs, the shading its answer: at first the line is wrong, then it turns and slides
into the gap. The arrow is the weight vector (w₁, w₂), perpendicular to the line: the
neuron answers 1 on the side it points to. Made with ``ann.MLP([2, 1],
output_activation="sigmoid")``, ``MLP.fit(..., epochs=1)`` called once per epoch and
``ann.draw.decision_regions``, ``ann.draw.decision_line``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import MLP
from bioneuro.ann.draw import decision_line, decision_regions
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels, log_axis, shades

SECTION = "The artificial neuron"
ORDER = 55
EPOCHS = 60
SNAPSHOTS = (0, 3, 12, 60)
LEARNING_RATE = 0.5


def blobs(n=30, seed=0):
    """Two Gaussian clouds of ``n`` points each (class 0 lower left, class 1 upper right)."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal([-1.0, -0.6], 0.55, (n, 2)), rng.normal([0.9, 0.9], 0.55, (n, 2))])
    return X, np.repeat([0, 1], n)


def training_run(epochs=EPOCHS, seed=3):
    """Train one sigmoid neuron on :func:`blobs`; return (net, X, y, weights, losses):
    ``weights`` has one row (w1, w2, b) per epoch, row 0 before any training."""
    X, y = blobs()
    net = MLP([2, 1], output_activation="sigmoid", seed=seed)
    layer = net.layers[0]
    weights = [np.r_[layer.W[:, 0], layer.b]]
    losses = [float(net.evaluate(X, y, loss="cross_entropy").loss)]
    for _ in range(epochs):
        net.fit(X, y, epochs=1, learning_rate=LEARNING_RATE, loss="cross_entropy")
        weights.append(np.r_[layer.W[:, 0], layer.b])
        losses.append(float(net.evaluate(X, y, loss="cross_entropy").loss))
    return net, X, y, np.array(weights), np.array(losses)


def make_figure(quick=False):
    _, X, y, weights, losses = training_run()
    fig = plt.figure(figsize=(16, 11))
    grid = fig.add_gridspec(2, 4, height_ratios=[1, 1.05], hspace=0.3, wspace=0.35)
    ax_w = fig.add_subplot(grid[0, :2])
    ax_l = fig.add_subplot(grid[0, 2:])
    epochs = np.arange(len(weights))
    colours = [COLORS["weight"], shades("weight", 2, 0.5)[0], COLORS["bias"]]
    for k, (name, colour, ls) in enumerate(
        zip(("w₁", "w₂", "bias b"), colours, ("-", "--", ":"), strict=True)
    ):
        ax_w.plot(epochs, weights[:, k], color=colour, ls=ls, lw=3)
        k45 = 45
        offset = -0.35 if name == "bias b" else 0.3
        ax_w.text(
            k45,
            weights[k45, k] + offset,
            name,
            color=colour,
            fontsize=15,
            va="center",
            fontweight="bold",
        )
    log_axis(ax_l, "y")
    ax_l.plot(epochs, losses, color="black", lw=3)
    for ax in (ax_w, ax_l):
        for e in SNAPSHOTS:
            ax.axvline(e, color="0.7", lw=1.2, ls=":")
        ax.set_xlabel("epoch")
        ax.set_xlim(-1, EPOCHS + 8)
    ax_w.axhline(0, color="0.5", lw=1)
    ax_w.set(ylabel="value", title="the weights move")
    ax_l.set(ylabel="cross-entropy loss", title="the loss falls")
    maps = [fig.add_subplot(grid[1, k]) for k in range(4)]
    for ax, e in zip(maps, SNAPSHOTS, strict=True):
        w1, w2, b = weights[e]

        def predict(P, w1=w1, w2=w2, b=b):
            return (P @ np.array([w1, w2]) + b > 0).astype(int)

        decision_regions(ax, predict, X, y, margin=0.6, resolution=150)
        decision_line(ax, [w1, w2], b, color="black", lw=2.5)
        centre = X.mean(axis=0)
        norm = np.hypot(w1, w2) or 1.0
        ax.annotate(
            "",
            xy=tuple(centre + 0.9 * np.array([w1, w2]) / norm),
            xytext=tuple(centre),
            arrowprops={
                "arrowstyle": "-|>",
                "color": COLORS["weight"],
                "lw": 3,
                "mutation_scale": 20,
            },
        )
        right = np.mean(predict(X) == y)
        ax.set_title(
            f"epoch {e}: {100 * right:.0f} % right\nw = ({w1:.1f}, {w2:.1f}), b = {b:.1f}",
            fontsize=14,
        )
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂" if e == SNAPSHOTS[0] else "")
    label_panels([ax_w, ax_l], x=-0.08, y=1.03)
    label_panels(maps, x=-0.12, y=1.03)
    for ax, letter in zip(maps, "CDEF", strict=True):
        ax.texts[-1].set_text(letter)
    fig.suptitle(
        "Training is adjusting weights: one neuron, gradient descent, epoch by epoch",
        fontsize=20,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
