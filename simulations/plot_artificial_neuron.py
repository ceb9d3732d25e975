"""
The artificial neuron
=====================

Inputs times weights, plus a bias, through an activation: drawn from a real Neuron object.

What to look at: the example neuron of the opening figures (weights 1.5, −1 and 0.8, bias
−0.5, ReLU), for the input x = (1, 1, 1) written on the left. Each input line is as thick
as its weight is large, vermillion for a positive (excitatory) weight and blue for a
negative (inhibitory) one, like the synapses of the biological cell. The neuron computes
z = Σ wᵢxᵢ + b (panel A, the Σ), then φ(z) (panel B: the same z marked on the ReLU).
Made with ``compare.mapping.example_neuron()``, ``Neuron.weighted_sum`` and
``bioneuro.ann.draw.draw_neuron``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann.draw import display_name, draw_neuron
from bioneuro.compare import mapping
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels

SECTION = "The artificial neuron"
ORDER = 50


def make_figure(quick=False):
    neuron = mapping.example_neuron()
    x = np.asarray(mapping.EXAMPLE_INPUT)
    z = float(neuron.weighted_sum(x))
    y = float(neuron(x))
    fig, (ax_d, ax_c) = plt.subplots(1, 2, figsize=(15, 6), width_ratios=[2.1, 1])
    draw_neuron(neuron, ax_d, x=x)
    terms = " + ".join(f"({w:g})·{xi:g}" for w, xi in zip(neuron.weights, x, strict=True))
    ax_d.set_title(f"z = {terms} + ({neuron.bias:g}) = {z:.3g}", fontsize=15)
    zz = np.linspace(-2, 2, 241)
    ax_c.plot(zz, neuron.activation(zz), color=COLORS["activation"], lw=3)
    ax_c.axvline(z, color="0.5", lw=1, ls=":")
    ax_c.axhline(y, color="0.5", lw=1, ls=":")
    ax_c.plot([z], [y], "o", color="black", ms=11)
    ax_c.annotate(
        f"this input:\nz = {z:.2g}, φ(z) = {y:.2g}", (z, y), xytext=(-1.9, 1.4), fontsize=14
    )
    ax_c.set(xlabel="weighted sum z", ylabel="output φ(z)", ylim=(-0.1, 2.1))
    ax_c.set_title(f"φ = {display_name(neuron.activation)} turns z into the output")
    label_panels([ax_d, ax_c], x=0.0)
    fig.suptitle(
        "The artificial neuron: a weighted sum, then an activation", fontsize=19, fontweight="bold"
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
