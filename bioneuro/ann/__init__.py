"""The artificial neuron from scratch, in numpy: weighted sum, activation, layers, learning.

======================  =====================================================
module                  what lives there
======================  =====================================================
``activations``         φ(z) and φ'(z): step, sign, linear, sigmoid, tanh, ReLU,
                        leaky ReLU, softplus, LIF rate, soft-LIF, softmax
``neuron``              :class:`Neuron`: z = w·x + b, output φ(z)
``layers``              :class:`Dense` (alias :class:`Layer`), :class:`MLP`, backprop
``losses``              mean squared error, binary and softmax cross-entropy
``train``               perceptron, delta, Hebb and Oja rules; :class:`History`
``datasets``            AND, OR, NAND, XOR, moons, spirals, digits
``draw``                the neuron diagram and decision regions (matplotlib, lazily)
======================  =====================================================

>>> from bioneuro.ann import MLP, datasets
>>> X, y = datasets.xor()
>>> net = MLP([2, 4, 1], activation="tanh", seed=0)
>>> history = net.fit(X, y, epochs=500, learning_rate=0.5, loss="cross_entropy")
>>> net.predict(X)
array([0, 1, 1, 0])
"""

from bioneuro.ann import activations, datasets, draw, losses, train
from bioneuro.ann.activations import ACTIVATIONS, Activation, get_activation
from bioneuro.ann.layers import MLP, Dense, Layer
from bioneuro.ann.neuron import Neuron
from bioneuro.ann.train import History, delta_rule, hebb, oja, perceptron

__all__ = [
    "ACTIVATIONS",
    "MLP",
    "Activation",
    "Dense",
    "History",
    "Layer",
    "Neuron",
    "activations",
    "datasets",
    "delta_rule",
    "draw",
    "get_activation",
    "hebb",
    "losses",
    "oja",
    "perceptron",
    "train",
]
