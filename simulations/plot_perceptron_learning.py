"""
The perceptron learns AND but never XOR
=======================================

The perceptron rule moves a line epoch by epoch until AND is separated; no line separates XOR.

What to look at: in A the decision line w₁x₁ + w₂x₂ + b = 0 (dashed: the start; then
after each epoch, light to dark) swings until the single 1 (filled) is alone on its
side; it stops after a few epochs. In B the same rule on XOR keeps moving the line
around without end: whichever way it lies, at least one of the four points is on the
wrong side. C counts the points on the wrong side after each epoch. Made with
``bioneuro.ann.perceptron`` and ``bioneuro.ann.datasets.and_``/``xor``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import datasets, perceptron
from bioneuro.ann.draw import decision_line
from bioneuro.figures.scripts import run_script
from bioneuro.style import label_panels, shades

SECTION = "The artificial neuron"
ORDER = 52


def _panel(ax, X, y, history, title):
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    k = len(history.weights)
    tones = shades("weight", k, 0.3)
    for i, (w, b) in enumerate(zip(history.weights, history.biases, strict=True)):
        style = (
            {"ls": "--", "lw": 1.5, "color": "0.5"}
            if i == 0
            else {"lw": 3.5 if i == k - 1 else 1.5, "color": tones[i] if i < k - 1 else "black"}
        )
        decision_line(ax, w, b, **style)
    for label, marker in ((0, "o"), (1, "o")):
        sel = y == label
        ax.scatter(
            X[sel, 0],
            X[sel, 1],
            s=180,
            marker=marker,
            zorder=3,
            lw=2,
            facecolor="black" if label else "white",
            edgecolor="black",
            label=f"target {label}",
        )
    ax.set_xlabel("input x₁")
    ax.set_ylabel("input x₂")
    ax.set_title(title)
    ax.set_aspect("equal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=13)


def make_figure(quick=False):
    X, y_and = datasets.and_()
    _, y_xor = datasets.xor()
    epochs = 12 if quick else 30
    start = {"weights0": [-0.3, 0.5], "bias0": -0.1}  # dashed grey line; not through a point
    _, h_and = perceptron(X, y_and, epochs=epochs, learning_rate=0.25, seed=1, **start)
    _, h_xor = perceptron(X, y_xor, epochs=epochs, learning_rate=0.25, seed=1, **start)
    fig, axes = plt.subplots(1, 3, figsize=(17, 6.5))
    _panel(axes[0], X, y_and, h_and, f"AND: separated after {h_and.converged_epoch} epochs")
    _panel(axes[1], X, y_xor, h_xor, f"XOR: still wrong after {epochs} epochs")
    ax = axes[2]
    for h, marker, colour, name in (
        (h_and, "o-", "black", "AND"),
        (h_xor, "s-", "0.6", "XOR"),
    ):
        wrong = 4 * (1 - np.array(h.accuracy))
        ax.plot(range(1, h.epochs + 1), wrong, marker, color=colour, label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("points on the wrong side (of 4)")
    ax.set_ylim(-0.2, 4.2)
    ax.set_yticks(range(5))
    ax.set_title("AND is learnt, XOR never")
    ax.legend(frameon=False)
    label_panels(axes, x=-0.1, y=1.04)
    fig.suptitle(
        "The perceptron rule moves one line: it learns AND, never XOR (light to dark: epochs)",
        fontsize=18,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
