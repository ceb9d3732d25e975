"""
The artificial neuron
=====================

Inputs times weights, plus a bias, through an activation: drawn from a real Neuron object.

What to look at: each input line is as thick as its weight is large, orange-red for
a positive (excitatory) weight and blue for a negative (inhibitory) one, like the
synapses of the biological cell. For the input written on the left the neuron
computes z = Σ wᵢxᵢ + b (panel A, the Σ), then φ(z) (panel B: the same z marked on
the sigmoid). Made with ``bioneuro.ann.Neuron``, ``Neuron.weighted_sum`` and
``bioneuro.ann.draw.draw_neuron``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import Neuron
from bioneuro.ann.draw import draw_neuron
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels

SECTION = "The artificial neuron"
ORDER = 50


def make_figure(quick=False):
    neuron = Neuron(weights=[1.5, -1.0, 0.5], bias=-0.5, activation="sigmoid")
    x = np.array([1.0, 0.8, 2.0])
    z = float(neuron.weighted_sum(x))
    fig, (ax_d, ax_c) = plt.subplots(1, 2, figsize=(13, 4.8), width_ratios=[2.1, 1])
    draw_neuron(neuron, ax_d, x=x)
    terms = " + ".join(f"({w:g})·{xi:g}" for w, xi in zip(neuron.weights, x, strict=True))
    ax_d.set_title(f"z = {terms} + ({neuron.bias:g}) = {z:.3g}", fontsize=13)
    curve = neuron.activation.curve(np.linspace(-6, 6, 241))
    curve.plot(ax_c, color=COLORS["activation"], label="φ(z) = sigmoid")
    ax_c.axvline(z, color="0.5", lw=1, ls=":")
    ax_c.axhline(float(neuron(x)), color="0.5", lw=1, ls=":")
    ax_c.plot([z], [float(neuron(x))], "o", color="black", ms=9, label=f"this input: z = {z:.2g}")
    ax_c.set_title("φ turns z into the output")
    ax_c.legend(loc="upper left", frameon=False)
    label_panels([ax_d, ax_c], x=0.0)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
