"""
A trained network run as a spiking network
==========================================

The same trained ReLU networks, for XOR and for 8x8 handwritten digits, run as spiking
integrate-and-fire networks on Brian2: accuracy climbs with simulated time to the
artificial network's.

What to look at: nothing is decided until spikes have crossed every layer (a step of
latency per layer), then the accuracy rises as the spike counts approach the
activations, and reaches the ANN's (dashed) within tens of milliseconds. Poisson input
spike trains (grey squares) need slightly longer than constant input currents (black
circles) and stay noisier: their counting noise must average out. The digits' softmax
outputs are read from the output neurons' membrane potentials (Rueckauer et al. 2017).
All 449 test digits run at once, in one Brian2 network with a block of neurons per
image. Made with ``ann.MLP(..., activation="relu")``, ``compare.to_spiking(mlp,
data=X_train)`` and ``SpikingNetwork.accuracy(X, y, times)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms

from bioneuro.ann import MLP, datasets
from bioneuro.compare import to_spiking
from bioneuro.figures.scripts import run_script
from bioneuro.style import conventions, label_panels, log_axis

SECTION = "The mapping: biological onto artificial"
ORDER = 76


def make_figure(quick=False):
    fig, (ax_xor, ax_dig) = plt.subplots(1, 2, figsize=(13, 5.2))
    times = np.array([1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 100, 200, 500])
    if quick:
        times = times[times <= 30]

    X, y = datasets.xor()
    net = MLP([2, 8, 1], activation="relu", output_activation="linear", seed=0)
    net.fit(X, y.astype(float), epochs=2000, learning_rate=0.05)
    ann = np.mean(net.predict(X) == y)
    snn = to_spiking(net, data=X)
    acc = snn.accuracy(X, y, times * ms)
    log_axis(ax_xor, "x")
    ax_xor.plot(times, 100 * acc, "o-", color="black", label="spiking, constant input")
    acc_p = to_spiking(net, data=X, input="poisson").accuracy(X, y, times * ms, seed=0)
    ax_xor.plot(times, 100 * acc_p, "s-", color="0.55", label="spiking, Poisson input")
    ax_xor.axhline(100 * ann, color="0.3", ls="--", label="ANN")
    ax_xor.set_title("XOR, 2-8-1 ReLU network")

    X, y = datasets.digits()
    Xtr, Xte, ytr, yte = datasets.train_test_split(X, y, test_fraction=0.25, seed=0)
    if quick:
        Xte, yte = Xte[:60], yte[:60]
    net = MLP([64, 32, 10], activation="relu", output_activation="softmax", seed=0)
    net.fit(
        Xtr,
        ytr,
        epochs=20 if quick else 60,
        learning_rate=0.1,
        batch_size=32,
        loss="cross_entropy",
        momentum=0.9,
    )
    ann = np.mean(net.predict(Xte) == yte)
    acc = to_spiking(net, data=Xtr).accuracy(Xte, yte, times * ms)
    acc_p = to_spiking(net, data=Xtr, input="poisson").accuracy(Xte, yte, times * ms, seed=0)
    log_axis(ax_dig, "x")
    ax_dig.plot(times, 100 * acc, "o-", color="black", label="spiking, constant input")
    ax_dig.plot(times, 100 * acc_p, "s-", color="0.55", label="spiking, Poisson input")
    ax_dig.axhline(100 * ann, color="0.3", ls="--", label=f"ANN ({100 * ann:.1f} %)")
    ax_dig.set_title(f"Digits, 64-32-10 ReLU network ({len(yte)} test images)", fontsize=13)
    ax_dig.text(
        0.98,
        0.33,
        f"at {times[-1]} ms: spiking {100 * acc[-1]:.1f} % (constant),\n"
        f"{100 * acc_p[-1]:.1f} % (Poisson)",
        transform=ax_dig.transAxes,
        ha="right",
        fontsize=11,
        color="0.3",
    )
    for ax in (ax_xor, ax_dig):
        ax.set_xlabel("simulated time (ms; one step = 1 ms)")
        ax.set_ylabel("accuracy (%)")
        ax.set_ylim(0, 105)
        ax.legend(loc="lower right", frameon=False)
    conventions(
        ax_xor,
        "IF neurons,\nreset by subtraction,\nDiehl et al. 2015\nnormalisation",
        loc="lower left",  # narrow, under the 50 % plateau and left of the legend
    )
    label_panels([ax_xor, ax_dig])
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
