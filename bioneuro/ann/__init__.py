"""The artificial neuron from scratch, in numpy: weighted sum, activation, layers, learning.

======================  =====================================================
module                  what lives there
======================  =====================================================
``neuron``              :class:`Neuron`: z = w·x + b, output φ(z)
``activations``         φ(z) and φ'(z): step, sign, linear, sigmoid, tanh, ReLU,
                        leaky ReLU, softplus, LIF rate, soft-LIF, softmax;
                        :func:`labels`, outputs read as classes
``layers``              :class:`Dense` (alias :class:`Layer`): neurons side by
                        side; :class:`MLP`: layers in a row, forward records,
                        backprop
``losses``              mean squared error, binary and softmax cross-entropy
``fit``                 gradient descent: ``fit``, ``evaluate``, :class:`History`
``rules``               perceptron, delta, Hebb and Oja rules for one neuron
``datasets``            AND, OR, NAND, XOR, moons, spirals, digits
``draw``                the neuron diagram and decision regions (matplotlib, lazily)
======================  =====================================================

``train`` is the former name of ``rules`` (``ann.train.perceptron``, ``ann.train.History``).

>>> from bioneuro.ann import MLP, datasets
>>> X, y = datasets.xor()
>>> net = MLP([2, 4, 1], activation="tanh", seed=0)
>>> history = net.fit(X, y, epochs=500, learning_rate=0.5, loss="cross_entropy")
>>> net.predict(X)
array([0, 1, 1, 0])
"""

import sys

from bioneuro.ann import activations, datasets, draw, fit, losses, rules
from bioneuro.ann.activations import ACTIVATIONS, Activation, get_activation, labels
from bioneuro.ann.fit import Evaluation, History
from bioneuro.ann.layers import MLP, Dense, Layer, LayerRecord
from bioneuro.ann.neuron import Neuron
from bioneuro.ann.rules import delta_rule, hebb, oja, perceptron

train = rules  # the former name: `from bioneuro.ann import train` and
sys.modules[f"{__name__}.train"] = rules  # `import bioneuro.ann.train` keep working

__all__ = [
    "ACTIVATIONS",
    "MLP",
    "Activation",
    "Dense",
    "Evaluation",
    "History",
    "Layer",
    "LayerRecord",
    "Neuron",
    "activations",
    "datasets",
    "delta_rule",
    "draw",
    "fit",
    "get_activation",
    "hebb",
    "labels",
    "losses",
    "oja",
    "perceptron",
    "rules",
    "train",
]
