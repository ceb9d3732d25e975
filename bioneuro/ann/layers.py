"""Layers of neurons and networks of layers, with backpropagation written out by hand.

A :class:`Dense` layer is neurons side by side, all reading the same inputs x.
Neuron k has weights w_k (column k of W) and bias b_k, and computes z_k = w_k·x + b_k;
the layer computes all of them, for a whole batch, in one matrix product:

    z = x @ W + b,   a = φ(z)          x: (n, n_in), W: (n_in, n_out), b: (n_out,)

``layer[k]`` is neuron k as a :class:`~bioneuro.ann.Neuron` sharing W[:, k] and b[k].

An :class:`MLP` is layers in a row: each layer's output a is the next one's input x.
``MLP.forward`` returns a :class:`LayerRecord` (x, z, a) per layer. Training needs
dL/dW and dL/db for every layer; the chain rule, applied from the output back
(backpropagation, ``MLP.backward``), gives for each layer, from its record

    dL/dz = dL/da * φ'(z)              (element-wise)
    dL/dW = x.T @ dL/dz,   dL/db = Σ_samples dL/dz,   dL/dx = dL/dz @ W.T

and dL/dx is the dL/da of the layer before.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from bioneuro.ann import fit as training
from bioneuro.ann._validate import as_batch, check_budget, check_number
from bioneuro.ann.activations import get_activation, labels
from bioneuro.ann.losses import check_loss, output_loss, targets
from bioneuro.ann.neuron import Neuron


@dataclass(slots=True)
class LayerRecord:
    """What one layer did in a forward pass (backpropagation reads it).

    Attributes
    ----------
    x : ndarray, shape (n, n_in)
        The layer's input: the data, or the previous layer's ``a``.
    z : ndarray, shape (n, n_out)
        The weighted sums z = x @ W + b (column k: neuron k's w·x + b).
    a : ndarray, shape (n, n_out)
        The outputs a = φ(z).
    """

    x: np.ndarray
    z: np.ndarray
    a: np.ndarray


class Dense:
    """A fully connected layer: ``n_out`` neurons, each reading all ``n_in`` inputs.

    Parameters
    ----------
    n_in, n_out : int
        Inputs per neuron, number of neurons.
    activation : str or Activation
        φ of every neuron in the layer.
    rng : numpy.random.Generator, optional
        Draws the initial weights: normal with standard deviation sqrt(2 / n_in)
        for ReLU-like φ (He et al. 2015), sqrt(1 / n_in) otherwise (LeCun 1998);
        biases start at 0.
    dtype : numpy dtype
        float64 (default; exact gradient checks) or float32 (faster).

    Attributes
    ----------
    W : ndarray, shape (n_in, n_out)
        Column k holds neuron k's weights.
    b : ndarray, shape (n_out,)
        b[k] is neuron k's bias.

    Examples
    --------
    >>> layer = Dense(2, 3, "relu")
    >>> len(layer), layer[0]          # doctest: +ELLIPSIS
    (3, Neuron(weights=[...], bias=0, activation='relu'))
    >>> layer[0].bias = 0.5           # writes b[0]: the neuron is part of the layer
    >>> float(layer.b[0])
    0.5
    """

    def __init__(self, n_in, n_out, activation="relu", rng=None, dtype=np.float64):
        check_number("n_in", n_in, example="2", positive=True, integer=True)
        check_number("n_out", n_out, example="4", positive=True, integer=True)
        dtype = _check_dtype(dtype)
        check_budget(
            "n_out",
            n_out,
            nbytes=4.0 * n_in * n_out * max(dtype.itemsize, 8),
            what=f"W of {n_in} x {n_out} weights, 4 copies (weights, gradient, momentum)",
        )
        self.activation = get_activation(activation)
        rng = np.random.default_rng(0) if rng is None else rng
        gain = 2.0 if self.activation.name in ("relu", "leaky_relu", "softplus") else 1.0
        W = rng.standard_normal((int(n_in), int(n_out))) * np.sqrt(gain / n_in)
        self.W = W.astype(dtype)
        self.b = np.zeros(int(n_out), dtype=dtype)

    @classmethod
    def from_neurons(cls, neurons) -> Dense:
        """The layer of these neurons: their weight vectors become the columns of W.

        All must read the same number of inputs and share one activation. The layer
        holds copies; its own ``layer[k]`` are then views on it.
        """
        neurons = list(neurons)
        if not neurons or not all(isinstance(n, Neuron) for n in neurons):
            raise TypeError(f"neurons must be a non-empty list of Neuron; got {neurons!r}")
        first = neurons[0]
        if any(n.n_inputs != first.n_inputs for n in neurons):
            raise ValueError(
                f"neurons must all read {first.n_inputs} inputs; got "
                f"{[n.n_inputs for n in neurons]}"
            )
        if any(n.activation.name != first.activation.name for n in neurons):
            raise ValueError(
                f"neurons must share one activation; got {[n.activation.name for n in neurons]}"
            )
        layer = cls(first.n_inputs, len(neurons), first.activation)
        layer.W[...] = np.stack([n.weights for n in neurons], axis=1)
        layer.b[...] = [n.bias for n in neurons]
        return layer

    # ------------------------------------------------------------------ its neurons
    def __len__(self) -> int:
        return self.b.size

    def __getitem__(self, k) -> Neuron:
        """Neuron k: weights W[:, k] and bias b[k], shared (changing one changes the other)."""
        k = range(len(self))[k]  # IndexError out of range; -1 is the last neuron
        return Neuron.sharing(self.W[:, k], self.b[k : k + 1], self.activation)

    @property
    def neurons(self) -> list[Neuron]:
        """``[layer[0], layer[1], ...]``: the neurons the layer is made of."""
        return [self[k] for k in range(len(self))]

    # ------------------------------------------------------------------ forward, backward
    def forward(self, x, *, check=True) -> LayerRecord:
        """Each neuron's w·x + b side by side, z = x @ W + b, then a = φ(z).

        ``x`` is a float batch (shape (n, n_in); one vector: one row), checked unless
        ``check=False`` (an MLP checks its data once); the record keeps x, z and a for
        :meth:`backward`.
        """
        if check:
            x = as_batch("x", x, self.W.shape[0], self.W.dtype)
        z = x @ self.W + self.b  # z[:, k] = x · W[:, k] + b[k], neuron k's w·x + b
        return LayerRecord(x=x, z=z, a=self.activation.apply(z))

    def __call__(self, x):
        """The outputs a = φ(x @ W + b) (one vector in, one vector out)."""
        out = self.forward(x).a
        return out[0] if np.ndim(x) == 1 else out

    def backward(self, record, grad_a=None, grad_z=None):
        """Gradients from dL/da of this layer's output (or dL/dz directly, if known).

        Parameters
        ----------
        record : LayerRecord
            What :meth:`forward` recorded for this batch.
        grad_a, grad_z : ndarray, shape (n, n_out)
            dL/da, or dL/dz (a cross-entropy gives it directly); one of the two.

        Returns
        -------
        grad_x, grad_W, grad_b : arrays
            dL/dx (for the layer below), dL/dW (shape of W), dL/db (shape of b).
        """
        if grad_z is None:
            if self.activation.name == "softmax":  # vector-Jacobian product of softmax
                s = record.a
                grad_z = s * (grad_a - np.sum(grad_a * s, axis=1, keepdims=True))
            else:
                grad_z = grad_a * self.activation.apply_derivative(record.z)
        grad_W = record.x.T @ grad_z
        grad_b = grad_z.sum(axis=0)
        grad_x = grad_z @ self.W.T
        return grad_x, grad_W, grad_b

    def parameters(self):
        """``[W, b]`` (the arrays themselves: updating them in place trains the layer)."""
        return [self.W, self.b]

    def __repr__(self) -> str:
        n_in, n_out = self.W.shape
        return f"Dense({n_in} -> {n_out}, {self.activation.name})"


Layer = Dense


def _check_dtype(dtype):
    try:
        dtype = np.dtype(dtype)
    except TypeError as exc:
        raise TypeError(f"dtype must be np.float64 or np.float32; got {dtype!r}") from exc
    if dtype not in (np.float64, np.float32):
        raise TypeError(f"dtype must be np.float64 or np.float32; got {dtype}")
    return dtype


class MLP:
    """A multi-layer perceptron: dense layers in a row.

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, inputs first: ``[2, 4, 1]`` is 2 inputs, 4 hidden, 1 output.
    activation : str
        φ of the hidden layers.
    output_activation : str
        φ of the output layer: ``"sigmoid"`` (binary), ``"softmax"`` (classes),
        ``"linear"`` (regression), or any other activation.
    seed : int
        Seeds the initial weights, and ``batch_rng``, the mini-batch order of
        :meth:`fit` (with ``seed + 1``).
    dtype : numpy dtype
        float64 (default) or float32.

    Examples
    --------
    >>> net = MLP([2, 4, 1], activation="tanh", seed=0)
    >>> X, y = datasets.xor()
    >>> history = net.fit(X, y, epochs=2000, learning_rate=0.5)   # doctest: +SKIP
    >>> net.predict(X)                                            # doctest: +SKIP
    array([0, 1, 1, 0])
    """

    def __init__(
        self, sizes, activation="relu", output_activation="sigmoid", seed=0, dtype=np.float64
    ):
        sizes = list(sizes) if np.ndim(sizes) == 1 else sizes
        if not isinstance(sizes, list) or len(sizes) < 2:
            raise ValueError(
                f"sizes must list at least 2 layer sizes (inputs, outputs), "
                f"e.g. [2, 4, 1]; got {sizes!r}"
            )
        for i, n in enumerate(sizes):
            check_number(f"sizes[{i}]", n, example="4", positive=True, integer=True)
        check_number("seed", seed, example="0", integer=True, nonnegative=True)
        dtype = _check_dtype(dtype)
        n_weights = sum(float(a) * float(b) for a, b in itertools.pairwise(sizes))
        check_budget(
            "sizes",
            sizes,
            nbytes=4.0 * n_weights * max(dtype.itemsize, 8),
            what=f"{n_weights:.3g} weights, 4 copies (weights, gradient, momentum, update)",
        )
        if get_activation(output_activation).name == "softmax" and sizes[-1] < 2:
            raise ValueError(
                f"output_activation='softmax' needs at least 2 outputs (over one output it "
                f"is always 1); got sizes={sizes!r}: use 'sigmoid' for one output"
            )
        self.sizes = [int(n) for n in sizes]
        self.seed = int(seed)
        self.dtype = dtype
        rng = np.random.default_rng(self.seed)
        acts = [activation] * (len(sizes) - 2) + [output_activation]
        shapes = zip(self.sizes[:-1], self.sizes[1:], acts, strict=True)
        self.layers = [Dense(n_in, n_out, act, rng, self.dtype) for n_in, n_out, act in shapes]
        self.batch_rng = np.random.default_rng(self.seed + 1)  # mini-batch order of fit

    @property
    def output_activation(self):
        return self.layers[-1].activation

    def parameters(self):
        """``[W1, b1, W2, b2, ...]``; W has shape (n_in, n_out)."""
        return [p for layer in self.layers for p in layer.parameters()]

    # ------------------------------------------------------------------ forward
    def forward(self, X, *, check=True) -> list[LayerRecord]:
        """The forward pass: one :class:`LayerRecord` (x, z, a) per layer, in order.

        x of the first layer is X (checked, as a 2-D batch of ``dtype``); each next
        layer's x is the previous one's a; the last record's a is the network's output.
        ``check=False`` skips the checks of X, for batches of data already checked
        (``fit`` checks the whole data set once, not every mini-batch).
        """
        x = as_batch("X", X, self.sizes[0], self.dtype) if check else X
        if check:
            width = sum(self.sizes[1:])
            check_budget(
                "X",
                f"{len(x)} samples",
                nbytes=3.0 * len(x) * width * self.dtype.itemsize,
                what=f"x, z and a of {len(x)} samples x {width} neurons",
            )
        records = []
        for layer in self.layers:
            records.append(layer.forward(x, check=False))
            x = records[-1].a
        return records

    def __call__(self, X):
        """The network's output for a batch X, shape (n, n_outputs) (or one vector)."""
        out = self.forward(X)[-1].a
        return out[0] if np.ndim(X) == 1 else out

    def predict(self, X):
        """Class labels by :func:`~bioneuro.ann.activations.labels`: argmax of the
        outputs, or (one output) output >= 0.5 as 0/1 (>= 0 for a tanh or sign output).
        """
        out = self.forward(X)[-1].a
        predicted = labels(out, self.output_activation)
        return predicted[0] if np.ndim(X) == 1 else predicted

    # ------------------------------------------------------------------ backward
    def backward(self, records, grad_a=None, grad_z=None):
        """Backpropagation: gradients of every parameter from those of the output.

        Parameters
        ----------
        records : list of LayerRecord
            From :meth:`forward` on the batch.
        grad_a, grad_z : ndarray, shape (n, n_outputs)
            dL/da or dL/dz of the output layer (as :func:`~bioneuro.ann.losses.output_loss`
            returns them).

        Returns
        -------
        list of arrays
            dL/dW1, dL/db1, dL/dW2, ... in the order and shapes of :meth:`parameters`.
        """
        grads = []
        for layer, record in zip(self.layers[::-1], records[::-1], strict=True):
            grad_x, grad_W, grad_b = layer.backward(record, grad_a, grad_z)
            grads = [grad_W, grad_b, *grads]
            grad_a, grad_z = grad_x, None  # dL/dx here is dL/da of the layer below
        return grads

    def loss_and_gradients(self, X, y, loss="mse"):
        """The loss on a batch and its gradient for every parameter; updates nothing.

        Parameters
        ----------
        X : array, shape (n, n_inputs)
        y : array, shape (n,) or (n, n_outputs)
            Targets; with a softmax output, integer class labels or one-hot rows.
        loss : {"mse", "cross_entropy"}
            ``"mse"``: mean over samples and outputs of (output - y)².
            ``"cross_entropy"``: binary (sigmoid output) or multi-class (softmax).

        Returns
        -------
        loss : float
        gradients : list of arrays
            dL/dW1, dL/db1, dL/dW2, ... in the order and shapes of :meth:`parameters`.
        """
        check_loss(loss, self.output_activation)
        X = as_batch("X", X, self.sizes[0], self.dtype)
        Y = targets(y, len(X), self.sizes[-1], loss, self.output_activation, self.dtype)
        records = self.forward(X, check=False)
        value, grad_a, grad_z = output_loss(loss, records[-1], Y, self.output_activation)
        return value, self.backward(records, grad_a, grad_z)

    # ------------------------------------------------------------------ training
    def fit(
        self,
        X,
        y,
        *,
        epochs,
        learning_rate,
        batch_size=None,
        loss="mse",
        momentum=0.0,
        validation=None,
    ):
        """Mini-batch gradient descent with momentum: :func:`bioneuro.ann.fit.fit`.

        Returns a :class:`~bioneuro.ann.fit.History` (loss and accuracy per epoch).
        """
        return training.fit(
            self,
            X,
            y,
            epochs=epochs,
            learning_rate=learning_rate,
            batch_size=batch_size,
            loss=loss,
            momentum=momentum,
            validation=validation,
        )

    def evaluate(self, X, y, loss="mse"):
        """``(loss, accuracy)`` on a data set, without changing anything
        (:func:`bioneuro.ann.fit.evaluate`)."""
        return training.evaluate(self, X, y, loss=loss)

    def __repr__(self) -> str:
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"MLP({' -> '.join(map(str, self.sizes))}: [{inner}])"
