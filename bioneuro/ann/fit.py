"""Training a network by gradient descent: :func:`fit`, :func:`evaluate`, :class:`History`.

One step on a mini-batch is four lines, in this order::

    records = net.forward(X_batch)                        # forward: x, z, a per layer
    L, dL/da, dL/dz = output_loss(...)                    # how wrong, and its gradient
    grads = net.backward(records, dL/da, dL/dz)           # backpropagation
    v <- momentum v - learning_rate g,  p <- p + v        # for every parameter p

``MLP.fit`` and ``MLP.evaluate`` call these. The single-neuron learning rules
(perceptron, delta, Hebb, Oja) are in :mod:`bioneuro.ann.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from bioneuro.ann._validate import as_batch, check_budget, check_number, check_rate
from bioneuro.ann.activations import labels
from bioneuro.ann.losses import check_loss, output_loss, targets


@dataclass
class History:
    """What happened during training, one entry per epoch (for plotting).

    ``weights`` and ``biases`` are filled by the single-neuron rules: entry 0 is the
    initial state, entry k the state after epoch k.
    """

    loss: list = field(default_factory=list)
    accuracy: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    weights: list = field(default_factory=list)
    biases: list = field(default_factory=list)
    converged_epoch: int | None = None

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def append(self, loss, accuracy):
        self.loss.append(float(loss))
        self.accuracy.append(float(accuracy))

    def append_validation(self, loss, accuracy):
        self.val_loss.append(float(loss))
        self.val_accuracy.append(float(accuracy))

    def __repr__(self) -> str:
        last = f", final loss {self.loss[-1]:.4g}, accuracy {self.accuracy[-1]:.3f}"
        return f"History({self.epochs} epochs{last if self.loss else ''})"


@dataclass(frozen=True)
class Evaluation:
    """Loss and accuracy of a network on a data set; unpacks as ``loss, accuracy``."""

    loss: float
    accuracy: float

    def __iter__(self):
        return iter((self.loss, self.accuracy))


def check_fit_arguments(net, X, y, epochs, learning_rate, batch_size, loss, momentum):
    """Validate :func:`fit`'s arguments; return X, Y (targets), labels, epochs, batch_size."""
    check_number("epochs", epochs, example="100", positive=True, integer=True)
    check_rate("learning_rate", learning_rate)
    check_number("momentum", momentum, example="0.9", nonnegative=True)
    if momentum >= 1:
        raise ValueError(f"momentum must be in [0, 1), e.g. 0.9; got {momentum!r}")
    check_loss(loss, net.output_activation)
    X = as_batch("X", X, net.sizes[0], net.dtype)
    Y = targets(y, len(X), net.sizes[-1], loss, net.output_activation, net.dtype)
    if batch_size is None:
        batch_size = len(X)
    check_number("batch_size", batch_size, example="32", positive=True, integer=True)
    if batch_size > len(X):
        raise ValueError(
            f"batch_size must be at most the number of samples ({len(X)}); got {batch_size}"
        )
    n_weights = sum(p.size for p in net.parameters())
    batches = np.ceil(len(X) / batch_size)
    check_budget(
        "epochs",
        epochs,
        steps=float(epochs) * batches,
        work=6.0 * float(epochs) * len(X) * n_weights,
        what=f"{epochs} epochs x {len(X)} samples x {n_weights} weights x 6 operations",
    )
    return X, Y, labels(Y), int(epochs), int(batch_size)


def _check_validation(net, validation, loss):
    """``validation`` as checked (X_val, Y_val), messages naming ``validation``."""
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise TypeError(f"validation must be a pair (X_val, y_val); got {validation!r:.60}")
    X_val = as_batch("validation[0] (X_val)", validation[0], net.sizes[0], net.dtype)
    targets(
        validation[1],
        len(X_val),
        net.sizes[-1],
        loss,
        net.output_activation,
        net.dtype,
        "validation[1] (y_val)",
    )
    return validation


def fit(
    net,
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
    """Mini-batch gradient descent with momentum on ``net`` (an MLP); returns a History.

    Each step, for every parameter p with gradient g on the batch:

        v <- momentum * v - learning_rate * g,      p <- p + v

    The batches are a fresh shuffle of the samples each epoch, drawn from
    ``net.batch_rng`` (seeded by the network's seed).

    Parameters
    ----------
    net : MLP
    X, y : arrays
        Training data (as in ``MLP.loss_and_gradients``).
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
    X, Y, true_labels, epochs, batch_size = check_fit_arguments(
        net, X, y, epochs, learning_rate, batch_size, loss, momentum
    )
    if validation is not None:
        _check_validation(net, validation, loss)
    params = net.parameters()
    velocity = [np.zeros_like(p) for p in params]
    lr, mu = net.dtype.type(learning_rate), net.dtype.type(momentum)
    n = len(X)
    history = History()
    for _ in range(epochs):
        order = net.batch_rng.permutation(n) if batch_size < n else np.arange(n)
        total, correct = 0.0, 0
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            records = net.forward(X[idx], check=False)  # X was checked above
            value, grad_a, grad_z = output_loss(loss, records[-1], Y[idx], net.output_activation)
            if not np.isfinite(value):
                raise FloatingPointError(
                    f"training diverged in epoch {len(history.loss) + 1}: the loss is "
                    f"{value}; lower learning_rate (got {learning_rate}) or momentum "
                    f"(got {momentum})"
                )
            grads = net.backward(records, grad_a, grad_z)
            for p, v, g in zip(params, velocity, grads, strict=True):
                v *= mu
                v -= lr * g
                p += v
            total += value * len(idx)
            predicted = labels(records[-1].a, net.output_activation)
            correct += int(np.sum(predicted == true_labels[idx]))
        history.append(total / n, correct / n)
        if validation is not None:
            history.append_validation(*evaluate(net, *validation, loss=loss))
    return history


def evaluate(net, X, y, loss="mse") -> Evaluation:
    """Loss and accuracy of ``net`` on a data set, without changing anything."""
    check_loss(loss, net.output_activation)
    X = as_batch("X", X, net.sizes[0], net.dtype)
    Y = targets(y, len(X), net.sizes[-1], loss, net.output_activation, net.dtype)
    out = net.forward(X, check=False)[-1]
    value, _, _ = output_loss(loss, out, Y, net.output_activation)
    accuracy = np.mean(labels(out.a, net.output_activation) == labels(Y))
    return Evaluation(value, float(accuracy))
