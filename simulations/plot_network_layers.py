"""
A neuron in a deep network: inputs from the data or from the layer before
=========================================================================

The course's second diagram drawn from a real network: the data enter on the left,
every neuron of a layer reads every neuron of the layer before through a weighted
synapse, sums, applies φ and sends its output on to the next layer.

What to look at: the columns are the layers of an ``ann.MLP`` with 3 inputs, two hidden
layers of 4 and 3 neurons and one output; every grey line is a connection with its own
weight. One neuron of layer 2 is drawn in detail: its inputs are not data but the
outputs aᵢ of the four neurons of layer 1 (written in their circles, for the input
vector x on the left), each through one synapse whose weight wᵢ is written on it (line
width ∝ |wᵢ|; vermillion positive, blue negative, as in the cell). The box says what it
computes, with these numbers: z = Σ wᵢaᵢ + b, then φ(z) (ReLU), and the sky-blue arrow
carries that output to the next layer. The neurons of layer 1 do the same with
the data xᵢ as their inputs. Training changes these weights (``training_weights``).
Made with ``ann.MLP([3, 4, 3, 1])`` and ``ann.draw.draw_network(net, x=..., highlight=(2, 2))``.
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.ann import MLP
from bioneuro.ann.draw import draw_network
from bioneuro.figures.scripts import run_script

SECTION = "Start here: two neurons"
ORDER = 3
SIZES = [3, 4, 3, 1]
X = np.array([1.0, 0.5, 0.8])  # one input vector: one row of the data set
HIGHLIGHT = (2, 2)


def make_figure(quick=False):
    net = MLP(SIZES, activation="relu", output_activation="sigmoid", seed=12)
    fig, ax = plt.subplots(figsize=(15, 10))
    draw_network(
        net,
        ax,
        x=X,
        highlight=HIGHLIGHT,
        layer_names=["data", "layer 1", "layer 2", "output"],
    )
    ax.set_title(
        "A neuron in a deep network: weighted inputs from the layer before, "
        "one output to the next",
        fontsize=19,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
