"""
Activation functions and their derivatives
==========================================

Each activation φ(z), from the McCulloch-Pitts step to the LIF rate, with its slope φ'(z).

What to look at: the step and sign functions have slope 0 everywhere they are
defined, so gradient descent cannot train them (the perceptron rule is needed);
sigmoid and tanh saturate (slope → 0 for large |z|); ReLU passes the gradient
unchanged for z > 0. The last two panels are the firing rate of a leaky
integrate-and-fire neuron against its normalised input current (threshold at 1):
a hard corner at threshold with an infinite slope there, and the soft-LIF version
that smooths it (Hunsberger & Eliasmith 2015). Made with
``bioneuro.ann.get_activation(name)``, its ``curve()`` and ``derivative()``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import get_activation
from bioneuro.ann.draw import display_name
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels

SECTION = "The artificial neuron"
ORDER = 51

NAMES = [
    "step",
    "sign",
    "linear",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "softplus",
    "lif_rate",
    "soft_lif",
]


def make_figure(quick=False):
    n = 201 if quick else 801
    fig, axes = plt.subplots(2, 5, figsize=(19, 9))
    for ax, name in zip(axes.ravel(), NAMES, strict=True):
        act = get_activation(name)
        lif = "lif" in name
        z = np.linspace(0.0, 3.0, n) if lif else np.linspace(-4.0, 4.0, n)
        curve = act.curve(z)
        x, y = curve.arrays()
        dy = act.derivative(z)
        if name in ("step", "sign"):  # draw the jump as a jump, not a steep line
            y = np.where(np.isclose(z, 0, atol=(z[1] - z[0]) / 2), np.nan, y)
        ax.plot(x, y, color=COLORS["activation"], lw=3, label="φ(z)")
        if lif:
            dy = np.where(dy > 400, np.nan, dy)  # the LIF slope is infinite at j = 1
        ax.plot(x, dy, color="black", ls="--", lw=2, label="φ'(z): the slope")
        ax.axhline(0, color="0.8", lw=0.8, zorder=0)
        ax.axvline(1 if lif else 0, color="0.8", lw=0.8, zorder=0)
        ax.set_title(display_name(act))
        if lif:
            ax.set_xlabel("input j (threshold 1)")
            ax.set_ylabel("rate (Hz) and slope")
            ax.set_ylim(-10, 200)
        else:
            ax.set_xlabel("z = w·x + b")
            ax.set_ylim(-1.6, 4.2 if name in ("linear", "relu", "leaky_relu", "softplus") else 1.6)
    axes[0, 0].set_ylabel("φ(z) and φ'(z)")
    axes[1, 0].set_ylabel("φ(z) and φ'(z)")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=2, frameon=False, fontsize=15)
    label_panels(axes.ravel(), x=-0.12, y=1.04)
    fig.suptitle(
        "Activation functions φ(z) and their slopes φ'(z), which training follows",
        fontsize=19,
        fontweight="bold",
    )
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
