"""One artificial neuron: inputs x, weights w, bias b, weighted sum z, activation φ.

    z = w·x + b = Σ_i w_i x_i + b        (the soma summing its synaptic inputs)
    output = φ(z)                        (the firing rate, or spike / no spike)

With the ``"step"`` activation this is the McCulloch-Pitts unit (1943) and, trained
with :func:`bioneuro.ann.rules.perceptron`, Rosenblatt's perceptron (1958).

A layer (:class:`bioneuro.ann.layers.Dense`) is neurons side by side: ``layer[k]`` is a
Neuron whose weights are column k of the layer's W and whose bias is b[k].

>>> and_gate = Neuron(weights=[1, 1], bias=-1.5, activation="step")
>>> and_gate([[0, 0], [0, 1], [1, 0], [1, 1]])
array([0., 0., 0., 1.])
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann._validate import as_inputs, check_number
from bioneuro.ann.activations import get_activation


class Neuron:
    """z = w·x + b, output = φ(z).

    Parameters
    ----------
    weights : array_like, shape (n_inputs,)
        One weight per input (synaptic strengths; negative = inhibitory). Copied.
    bias : float
        Added to the weighted sum (minus the threshold).
    activation : str or Activation
        φ, by name (see :data:`bioneuro.ann.activations.ACTIVATIONS`), e.g. ``"step"``.

    Attributes
    ----------
    weights : ndarray, shape (n_inputs,)
    bias : float
        Stored in a one-element array, so that a neuron of a layer can share b[k] with
        it (see :meth:`sharing`); reading gives a float, assigning writes through.
    activation : Activation
    """

    def __init__(self, weights, bias=0.0, activation="step"):
        weights = as_inputs("weights", weights, allow_1d=True).astype(float)
        if weights.ndim != 1 or weights.size == 0:
            raise ValueError(
                f"weights must be a 1-D array with one weight per input; got shape {weights.shape}"
            )
        bias = float(check_number("bias", bias, example="-1.5"))
        activation = get_activation(activation)
        if activation.name == "softmax":
            raise ValueError(
                "activation 'softmax' normalises over a layer's outputs: no meaning for "
                "one neuron; use it as an MLP output_activation; got activation='softmax'"
            )
        self.weights = weights
        self._bias = np.array([bias])
        self.activation = activation

    @classmethod
    def sharing(cls, weights, bias, activation) -> Neuron:
        """A neuron that uses the given arrays instead of copies of them.

        ``weights`` (shape (n_inputs,)) and ``bias`` (shape (1,)) are typically column k
        of a layer's W and ``b[k:k+1]``: changing the neuron changes the layer, and back.
        No checks: the layer has made them.
        """
        neuron = cls.__new__(cls)  # skip __init__, which copies
        neuron.weights = weights
        neuron._bias = bias
        neuron.activation = get_activation(activation)
        return neuron

    @property
    def bias(self) -> float:
        return float(self._bias[0])

    @bias.setter
    def bias(self, value):
        self._bias[0] = check_number("bias", value, example="-1.5")

    @property
    def n_inputs(self) -> int:
        return self.weights.size

    def weighted_sum(self, x):
        """z = Σ_i w_i x_i + b for one input vector (shape (n,)) or a batch (shape (m, n))."""
        x = as_inputs("x", x, self.n_inputs)
        return x @ self.weights + self.bias

    def __call__(self, x):
        """The output φ(w·x + b): a float for one input vector, shape (m,) for a batch."""
        return self.activation(self.weighted_sum(x))

    def parameters(self):
        """``[weights, bias]``."""
        return [self.weights, self.bias]

    def __repr__(self) -> str:
        w = np.array2string(self.weights, precision=3, separator=", ")
        return f"Neuron(weights={w}, bias={self.bias:.3g}, activation={self.activation.name!r})"
