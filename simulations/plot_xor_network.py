"""
A hidden layer solves XOR
=========================

A 2-2-1 network solves XOR: each hidden neuron draws one line, and the output neuron combines them.

What to look at: in A each of the two hidden neurons cuts the input plane with its own
line (dashed, where its weighted sum is 0); the network's answer (shading: blue 1, grey
0) changes only where a line is crossed, so the band between the lines, which holds
(0, 0) and (1, 1), gets one answer and the two sides, holding (0, 1) and (1, 0), the
other: no single line could do that. B shows why this works:
the hidden layer moves the four points to new coordinates (h₁, h₂) where a single
line (the output neuron's) does separate them. C: the cross-entropy loss during
training, full batch. Made with ``bioneuro.ann.MLP([2, 2, 1], activation="sigmoid")``,
``MLP.fit`` and ``MLP.parameters()``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import MLP, datasets
from bioneuro.ann.draw import decision_line, decision_regions
from bioneuro.figures.scripts import run_script
from bioneuro.style import CLASS_COLORS, COLORS, label_panels, log_axis

SECTION = "The artificial neuron"
ORDER = 53
SEED = 1


def _points(ax, P, y):
    for label in (0, 1):
        sel = y == label
        ax.scatter(
            P[sel, 0],
            P[sel, 1],
            s=180,
            zorder=4,
            lw=2,
            edgecolor="black",
            facecolor="black" if label else "white",
            label=f"target {label}",
        )


def make_figure(quick=False):
    X, y = datasets.xor()
    net = MLP([2, 2, 1], activation="sigmoid", output_activation="sigmoid", seed=SEED)
    history = net.fit(
        X, y, epochs=400 if quick else 1000, learning_rate=0.5, loss="cross_entropy", momentum=0.9
    )
    W1, b1, W2, b2 = net.parameters()
    fig, axes = plt.subplots(1, 3, figsize=(16, 5.2))

    ax = axes[0]
    decision_regions(ax, net.predict, X, y, margin=0.5, resolution=150 if quick else 300)
    ax.collections[-1].remove()  # redraw the points large, as in the other panels
    ax.collections[-1].remove()
    for k, ls in enumerate(("--", ":")):
        decision_line(
            ax,
            W1[:, k],
            b1[k],
            color="0.15",
            ls=ls,
            lw=3,
            label=f"hidden neuron h{'₁₂'[k]}: z = 0",
        )
    _points(ax, X, y)
    for label, colour in zip((0, 1), CLASS_COLORS, strict=True):
        ax.fill_between([], [], color=colour, alpha=0.25, label=f"network answers {label}")
    ax.set_xlabel("input x₁")
    ax.set_ylabel("input x₂")
    ax.set_aspect("equal")
    ax.set_title("two lines, one band")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=13, frameon=False)

    ax = axes[1]
    H = net.forward(X)[0].a  # the hidden layer's outputs, as the forward pass records them
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.35, 1.05)  # room under (0, 0) for its label: above it runs the line
    ax.set_yticks(np.arange(0, 1.01, 0.2))  # outputs are never negative: no ticks there
    decision_line(ax, W2[:, 0], b2[0], color="black", lw=2.5, label="output neuron: z = 0")
    _points(ax, H, y)
    names = {}  # inputs that land on the same hidden point share one label
    for (x1, x2), (h1, h2) in zip(X, H, strict=True):
        names.setdefault((round(h1, 1), round(h2, 1)), []).append(f"({x1:.0f},{x2:.0f})")
    for (h1, h2), text in names.items():
        right = h1 > 0.5
        below = h2 > 0.5 or not right  # only the lower right point has room above it
        ax.annotate(
            "x = " + "\n      ".join(text),
            (h1, h2),
            xytext=(0, -18 if below else 16),
            textcoords="offset points",
            fontsize=13,
            va="top" if below else "bottom",
            ha="right" if right else "left",
        )
    ax.set_xlabel("hidden neuron h₁ output")
    ax.set_ylabel("hidden neuron h₂ output")
    ax.set_aspect("equal")
    ax.set_title("one line is enough")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=13, frameon=False)

    ax = axes[2]
    log_axis(ax, "y")
    ax.plot(np.arange(1, history.epochs + 1), history.loss, color=COLORS["weight"])
    ax.set_xlabel("epoch (full batch of 4)")
    ax.set_ylabel("cross-entropy loss")
    solved = next(i for i, a in enumerate(history.accuracy, 1) if a == 1.0)
    ax.axvline(solved, color="0.5", ls=":", lw=1.5)
    ax.text(
        solved,
        ax.get_ylim()[1],
        f" all 4 right\n from epoch {solved}",
        va="top",
        fontsize=13,
        color="0.3",
    )
    ax.set_title("training finds the two lines")
    label_panels(axes, x=-0.15, y=1.06)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
