"""Layers of neurons and networks of layers, with backpropagation written out by hand.

A :class:`Dense` layer is many neurons reading the same inputs: one weight column
per neuron, so a whole batch goes through in one matrix product,

    z = x @ W + b,   a = φ(z)          x: (n, n_in), W: (n_in, n_out), b: (n_out,)

An :class:`MLP` is layers in a row. Training needs dL/dW and dL/db for every layer;
the chain rule, applied from the output back (backpropagation), gives

    dL/dz = dL/da * φ'(z)              (element-wise)
    dL/dW = x.T @ dL/dz,   dL/db = Σ_samples dL/dz,   dL/dx = dL/dz @ W.T

and dL/dx is the dL/da of the layer before. ``forward`` keeps x and z for this.
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann import losses as _losses
from bioneuro.ann._validate import as_inputs, check_choice, check_number
from bioneuro.ann.activations import get_activation


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
    """

    def __init__(self, n_in, n_out, activation="relu", rng=None, dtype=np.float64):
        check_number("n_in", n_in, example="2", positive=True, integer=True)
        check_number("n_out", n_out, example="4", positive=True, integer=True)
        self.activation = get_activation(activation)
        rng = np.random.default_rng(0) if rng is None else rng
        gain = 2.0 if self.activation.name in ("relu", "leaky_relu", "softplus") else 1.0
        W = rng.standard_normal((int(n_in), int(n_out))) * np.sqrt(gain / n_in)
        self.W = W.astype(dtype)
        self.b = np.zeros(int(n_out), dtype=dtype)
        self._x = self._z = self._a = None

    def forward(self, x):
        """a = φ(x @ W + b); keeps x, z and a for :meth:`backward`."""
        self._x = x
        self._z = x @ self.W + self.b
        self._a = self.activation(self._z)
        return self._a

    __call__ = forward

    def backward(self, grad_a=None, grad_z=None):
        """Gradients from dL/da of this layer's output (or dL/dz directly, if known).

        Returns
        -------
        grad_x, grad_W, grad_b : arrays
            dL/dx (for the layer below), dL/dW (shape of W), dL/db (shape of b).
        """
        if grad_z is None:
            if self.activation.name == "softmax":  # vector-Jacobian product of softmax
                s = self._a
                grad_z = s * (grad_a - np.sum(grad_a * s, axis=1, keepdims=True))
            else:
                grad_z = grad_a * self.activation.derivative(self._z)
        grad_W = self._x.T @ grad_z
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
        Seeds the initial weights and the mini-batch order of :meth:`fit`.
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

    def __init__(self, sizes, activation="relu", output_activation="sigmoid", seed=0,
                 dtype=np.float64):  # fmt: skip
        sizes = list(sizes) if np.ndim(sizes) == 1 else sizes
        if not isinstance(sizes, list) or len(sizes) < 2:
            raise ValueError(f"sizes must list at least 2 layer sizes (inputs, outputs), "
                             f"e.g. [2, 4, 1]; got {sizes!r}")  # fmt: skip
        for i, n in enumerate(sizes):
            check_number(f"sizes[{i}]", n, example="4", positive=True, integer=True)
        check_number("seed", seed, example="0", integer=True, nonnegative=True)
        self.sizes = [int(n) for n in sizes]
        self.seed = int(seed)
        self.dtype = np.dtype(dtype)
        rng = np.random.default_rng(self.seed)
        acts = [activation] * (len(sizes) - 2) + [output_activation]
        self.layers = [Dense(n_in, n_out, act, rng, self.dtype)
                       for n_in, n_out, act in zip(self.sizes[:-1], self.sizes[1:], acts,
                                                   strict=True)]  # fmt: skip
        self._rng = np.random.default_rng(self.seed + 1)  # mini-batch order

    # ------------------------------------------------------------------ forward
    @property
    def output_activation(self):
        return self.layers[-1].activation

    def __call__(self, X):
        """The network's output for a batch X, shape (n, n_outputs) (or one vector)."""
        X = as_inputs("X", X, self.sizes[0])
        one = X.ndim == 1
        a = self._forward(np.atleast_2d(X).astype(self.dtype, copy=False))
        return a[0] if one else a

    def _forward(self, a):
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def parameters(self):
        """``[W1, b1, W2, b2, ...]``; W has shape (n_in, n_out)."""
        return [p for layer in self.layers for p in layer.parameters()]

    def predict(self, X):
        """Class labels: argmax of the outputs, or (one output) output >= 0.5 as 0/1.

        With a tanh or sign output the single-output threshold is 0 instead of 0.5.
        """
        out = np.atleast_2d(self(X))
        if out.shape[1] > 1:
            labels = np.argmax(out, axis=1)
        else:
            threshold = 0.0 if self.output_activation.name in ("tanh", "sign") else 0.5
            labels = (out[:, 0] >= threshold).astype(int)
        return labels[0] if np.ndim(X) == 1 else labels

    # ------------------------------------------------------------------ loss, backward
    def _targets(self, y, n, loss):
        """y as an (n, n_outputs) float array; class labels become one-hot for softmax."""
        n_out = self.sizes[-1]
        softmax = self.output_activation.name == "softmax"
        if softmax and np.ndim(y) == 1:
            from bioneuro.ann._validate import as_labels

            y = as_labels("y", y, n, classes=np.arange(n_out))
            return np.eye(n_out, dtype=self.dtype)[y.astype(int)]
        from bioneuro.ann._validate import as_labels

        y = as_labels("y", y, n, classes=[0, 1] if loss == "cross_entropy" else None)
        y = y.reshape(n, -1) if y.ndim == 1 else y
        if y.shape[1] != n_out:
            raise ValueError(f"y must have shape ({n}, {n_out}) (one column per output) "
                             f"or ({n},) class labels; got shape {y.shape}")  # fmt: skip
        return y.astype(self.dtype, copy=False)

    def _check_loss(self, loss):
        check_choice("loss", loss, _losses.LOSSES)
        if loss == "cross_entropy" and self.output_activation.name not in ("sigmoid", "softmax"):
            raise ValueError(
                f"loss='cross_entropy' needs output_activation 'sigmoid' or 'softmax' "
                f"(outputs in (0, 1)); got {self.output_activation.name!r}"
            )

    def _loss(self, X, Y, loss):
        """Forward pass and loss; returns (loss, gradient to start backprop with)."""
        a = self._forward(X)
        out = self.layers[-1]
        if loss == "mse":
            value, grad_a = _losses.mse(a, Y)
            return value, {"grad_a": grad_a}
        if out.activation.name == "softmax":
            value, grad_z = _losses.softmax_cross_entropy(out._z, Y)
        else:
            value, grad_z = _losses.binary_cross_entropy(out._z, Y)
        return value, {"grad_z": grad_z}

    def _loss_and_gradients(self, X, Y, loss):
        """Forward, loss, backward on checked arrays; returns (loss, grads)."""
        value, grad = self._loss(X, Y, loss)
        grads = []
        for layer in reversed(self.layers):
            grad_x, grad_W, grad_b = layer.backward(**grad)
            grads += [grad_b, grad_W]
            grad = {"grad_a": grad_x}
        return value, grads[::-1]

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
        self._check_loss(loss)
        X = np.atleast_2d(as_inputs("X", X, self.sizes[0])).astype(self.dtype, copy=False)
        Y = self._targets(y, X.shape[0], loss)
        return self._loss_and_gradients(X, Y, loss)

    # ------------------------------------------------------------------ training
    def fit(self, X, y, *, epochs, learning_rate, batch_size=None, loss="mse", momentum=0.0,
            validation=None):  # fmt: skip
        """Mini-batch gradient descent with momentum; returns a :class:`History`.

        Each step, for every parameter p with gradient g on the batch:

            v <- momentum * v - learning_rate * g,      p <- p + v

        The batches are a fresh seeded shuffle of the samples each epoch.

        Parameters
        ----------
        X, y : arrays
            Training data (as in :meth:`loss_and_gradients`).
        epochs : int
            Passes through the data.
        learning_rate : float > 0
        batch_size : int, optional
            Samples per step; None = all of them (full-batch gradient descent).
        loss : {"mse", "cross_entropy"}
        momentum : float in [0, 1)
        validation : (X_val, y_val), optional
            Evaluated after each epoch into ``history.val_loss`` / ``val_accuracy``.

        Returns
        -------
        History
            ``loss`` and ``accuracy`` per epoch, averaged over that epoch's batches
            (so measured while the weights moved, as Keras and PyTorch loops do).
        """
        from bioneuro.ann.train import History, check_fit_arguments

        X, Y, labels, epochs, batch_size = check_fit_arguments(
            self, X, y, epochs, learning_rate, batch_size, loss, momentum
        )
        params = self.parameters()
        velocity = [np.zeros_like(p) for p in params]
        n = X.shape[0]
        history = History()
        lr, mu = self.dtype.type(learning_rate), self.dtype.type(momentum)
        for _ in range(epochs):
            order = self._rng.permutation(n) if batch_size < n else np.arange(n)
            total, correct = 0.0, 0
            for start in range(0, n, batch_size):
                idx = order[start : start + batch_size]
                value, grads = self._loss_and_gradients(X[idx], Y[idx], loss)
                total += value * len(idx)
                correct += int(np.sum(self._labels_of(self.layers[-1]._a) == labels[idx]))
                for p, v, g in zip(params, velocity, grads, strict=True):
                    v *= mu
                    v -= lr * g
                    p += v
            history.append(total / n, correct / n)
            if validation is not None:
                history.append_validation(*self.evaluate(*validation, loss=loss))
        return history

    def _labels_of(self, out):
        if out.shape[1] > 1:
            return np.argmax(out, axis=1)
        threshold = 0.0 if self.output_activation.name in ("tanh", "sign") else 0.5
        return (out[:, 0] >= threshold).astype(int)

    def evaluate(self, X, y, loss="mse"):
        """``(loss, accuracy)`` on a data set, without changing anything."""
        self._check_loss(loss)
        X = np.atleast_2d(as_inputs("X", X, self.sizes[0])).astype(self.dtype, copy=False)
        Y = self._targets(y, X.shape[0], loss)
        value, _ = self._loss(X, Y, loss)
        labels = np.argmax(Y, axis=1) if Y.shape[1] > 1 else (Y[:, 0] >= 0.5).astype(int)
        return value, float(np.mean(self._labels_of(self.layers[-1]._a) == labels))

    def __repr__(self) -> str:
        inner = ", ".join(repr(layer) for layer in self.layers)
        return f"MLP({' -> '.join(map(str, self.sizes))}: [{inner}])"
