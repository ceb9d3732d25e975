"""
Training a network on two moons and two spirals
===============================================

Mini-batch gradient descent on curved classes: loss, accuracy and the decision regions learned.

What to look at: A, the loss falls fast on the training data and the held-out test
data alike (no overfitting at this size); B, accuracy reaches 99 % or more on both (the
exact test accuracy is in the titles, to one decimal).
C and D, the
regions the trained networks assign to each class (shading) curve
around the data, which no single neuron could do; the points are the held-out
test data. Made with ``bioneuro.ann.datasets.moons``/``spirals``,
``MLP([2, 16, 16, 1]).fit(..., batch_size=32, momentum=0.9,
loss="cross_entropy", validation=...)`` and ``bioneuro.ann.draw.decision_regions``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import MLP, datasets
from bioneuro.ann.draw import decision_regions
from bioneuro.figures.scripts import run_script
from bioneuro.style import CLASS_COLORS, COLORS, label_panels, log_axis

SECTION = "The artificial neuron"
ORDER = 54


def _train(X, y, sizes, epochs, learning_rate):
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, 0.3, seed=0)
    net = MLP(sizes, activation="relu", output_activation="sigmoid", seed=0)
    history = net.fit(
        X_train,
        y_train,
        epochs=epochs,
        learning_rate=learning_rate,
        batch_size=32,
        loss="cross_entropy",
        momentum=0.9,
        validation=(X_test, y_test),
    )
    return net, history, X_test, y_test


def _extent(X, margin, aspect):
    """The data's range plus ``margin``, widened in one direction to ``aspect`` (height /
    width): panels of two data sets then get boxes of one shape at equal axis scales."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    centre, size = (lo + hi) / 2, hi - lo
    size = np.maximum(size, [size[1] / aspect, size[0] * aspect])
    lo, hi = centre - size / 2, centre + size / 2
    return lo[0], hi[0], lo[1], hi[1]


def make_figure(quick=False):
    X, y = datasets.moons(1000, noise=0.15, seed=0)
    moons_net, h, Xm, ym = _train(X, y, [2, 16, 16, 1], 30 if quick else 100, 0.03)
    X, y = datasets.spirals(600, noise=0.05, seed=0)
    spiral_net, hs, Xs, ys = _train(X, y, [2, 32, 32, 1], 60 if quick else 300, 0.05)

    fig, axes = plt.subplots(2, 2, figsize=(13, 11), height_ratios=[1, 1.25])
    axes = axes.ravel()
    epochs = np.arange(1, h.epochs + 1)
    ax = axes[0]
    log_axis(ax, "y")
    ax.plot(epochs, h.loss, color=COLORS["weight"], label="training (during epoch)")
    ax.plot(epochs, h.val_loss, color="black", ls="--", label="test (after epoch)")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cross-entropy loss")
    ax.set_title("moons: loss")
    ax.legend(frameon=False)
    ax = axes[1]
    ax.plot(epochs, 100 * np.array(h.accuracy), color=COLORS["weight"], label="training")
    ax.plot(epochs, 100 * np.array(h.val_accuracy), color="black", ls="--", label="test")
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy (%)")
    ax.set_ylim(70, 100.5)
    ax.set_title(f"moons: accuracy (test {100 * h.val_accuracy[-1]:.1f} %)")
    ax.legend(frameon=False, loc="lower right")
    res = 120 if quick else 300
    panels = [
        (axes[2], moons_net, Xm, ym, h, "moons, 2-16-16-1"),
        (axes[3], spiral_net, Xs, ys, hs, "spirals, 2-32-32-1"),
    ]
    for ax, net, Xt, yt, hist, name in panels:
        extent = _extent(Xt, 0.3, aspect=0.8)
        decision_regions(ax, net.predict, Xt, yt, resolution=res, extent=extent)
        ax.set_title(f"{name}: test {100 * hist.val_accuracy[-1]:.1f} %")
        ax.set_aspect("equal")
        for label, colour in zip((0, 1), CLASS_COLORS, strict=True):
            ax.fill_between([], [], color=colour, alpha=0.25, label=f"network answers {label}")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=13)
    label_panels(axes)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
