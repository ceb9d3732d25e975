"""
Same weights, two neurons
=========================

One set of weights drives an artificial ReLU neuron and a spiking integrate-and-fire
neuron fed Poisson spike trains: the spiking rate lands on the activation, and its error
shrinks as the counting window grows.

What to look at: each dot is one of 100 random input patterns x; across is the
artificial neuron's output relu(w·x + b), up is the spiking neuron's rate divided by the
rate of a fully active input (100 Hz). The dots lie on the identity line, scattered by
Poisson counting noise; patterns with negative drive stay silent in both. The right
panel shows that scatter shrinking as 1/sqrt(window), the price of coding a number in
spikes. Made with ``ann.Neuron(w, b, "relu")`` and ``compare.same_weights(neuron, X,
duration=...)`` (``.rates(window)``, ``.error(window)``).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Hz, ms, second

from bioneuro.ann import Neuron
from bioneuro.compare import same_weights
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, log_axis

SECTION = "The mapping: biological onto artificial"
ORDER = 72


def make_figure(quick=False):
    rng = np.random.default_rng(0)
    neuron = Neuron(rng.normal(0, 0.6, 10), bias=0.1, activation="relu")
    X = rng.uniform(0, 1, (100, 10))
    duration = 2 * second if quick else 16 * second
    # dt 0.5 ms (the function's default is 0.1 ms): an axon spikes in a step with
    # probability rate x dt <= 0.05, so the count's variance is (1 - rate dt) >= 0.95 of
    # Poisson's (the r.m.s. error at most 2.5 % low, inside the dots); 5x fewer steps
    pair = same_weights(
        neuron, X, duration=duration, max_rate=100 * Hz, fibres=4, dt=0.5 * ms, seed=0
    )

    fig, (ax_sc, ax_err) = plt.subplots(1, 2, figsize=(12.5, 5.4))
    top = 1.05 * max(pair.activation.max(), pair.rates(1 * second).max())
    ax_sc.plot([0, top], [0, top], color="0.6", lw=1.2, label="identity")
    ax_sc.plot(
        pair.activation,
        pair.rates(0.25 * second),
        "o",
        ms=5,
        mfc="none",
        color=COLORS["stimulus"],
        label="0.25 s window",
    )
    ax_sc.plot(
        pair.activation,
        pair.rates(1 * second),
        "o",
        ms=6,
        color=COLORS["lif"],
        label=f"1 s window (r = {pair.correlation(1 * second):.3f})",
    )
    ax_sc.set_xlabel("artificial neuron: ReLU(w·x + b)")
    ax_sc.set_ylabel("spiking neuron: rate / 100 Hz")
    ax_sc.set_title("100 input patterns, same weights")
    ax_sc.legend(loc="upper left", frameon=False)
    conventions(ax_sc, "IF neuron, reset by subtraction\n10 inputs x 4 Poisson axons")

    windows = np.geomspace(0.1, float(duration / second), 9)
    errors = [pair.error(w * second) for w in windows]
    log_axis(ax_err, "both")
    ax_err.plot(windows, errors, "o-", color=COLORS["lif"], label="spiking vs artificial")
    ax_err.plot(
        windows,
        errors[0] * np.sqrt(windows[0] / windows),
        "--",
        color="0.5",
        label="∝ 1/√window (Poisson)",
    )
    ax_err.set_xlabel("counting window (s)")
    ax_err.set_ylabel("r.m.s. error (units of activation)")
    ax_err.set_title("The error shrinks as the window grows")
    ax_err.legend(loc="upper right", frameon=False)
    label_panels([ax_sc, ax_err])
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
