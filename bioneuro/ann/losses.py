"""Losses: one number saying how wrong the outputs are, and its gradient.

Each loss function returns ``(loss, gradient)``. ``mse`` takes the outputs a = φ(z)
and returns dL/da; the cross-entropies take the output layer's weighted input z and
return dL/dz directly, because with a sigmoid or softmax output it simplifies to

    dL/dz = (a - y) / n                (the famous "output minus target")

which is also free of the overflow of log σ(z) for large |z|. :func:`output_loss`
picks the right one for a network's output layer; :func:`targets` turns labels into
the array the outputs are compared with.
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann._validate import as_labels, check_choice
from bioneuro.ann.activations import get_activation, sigmoid, softmax

LOSSES = ("mse", "cross_entropy")


def mse(a, y):
    """Mean squared error: L = mean over samples and outputs of (a - y)².

    dL/da = 2 (a - y) / a.size.
    """
    diff = a - y
    return float(np.mean(diff * diff)), (2.0 / diff.size) * diff


def binary_cross_entropy(z, y):
    """Binary cross-entropy of sigmoid outputs a = σ(z) against targets y in {0, 1}.

    ::

        L = mean over samples and outputs of -[y log a + (1 - y) log(1 - a)]
          = mean of softplus(z) - y z        (the same, computed without log(0));
        dL/dz = (σ(z) - y) / z.size.
    """
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    return float(loss), (sigmoid(z) - y) / z.size


def softmax_cross_entropy(z, y_onehot):
    """Cross-entropy of softmax outputs a = softmax(z) against one-hot targets.

    L = mean over samples of -Σ_k y_k log a_k = mean of logsumexp(z) - Σ_k y_k z_k;
    dL/dz = (softmax(z) - y) / n_samples.
    """
    zmax = np.max(z, axis=1, keepdims=True)
    logsumexp = zmax[:, 0] + np.log(np.sum(np.exp(z - zmax), axis=1))
    loss = np.mean(logsumexp - np.sum(y_onehot * z, axis=1))
    return float(loss), (softmax(z) - y_onehot) / z.shape[0]


def output_loss(loss, out, y, activation):
    """The loss of a network's output layer, and the gradient backpropagation starts from.

    Parameters
    ----------
    loss : {"mse", "cross_entropy"}
    out : LayerRecord
        What the output layer did (its ``z`` and ``a``), from ``MLP.forward``.
    y : array, shape of ``out.a``
        Targets, as :func:`targets` makes them.
    activation : str or Activation
        φ of the output layer: ``"softmax"`` picks the multi-class cross-entropy.

    Returns
    -------
    (L, dL/da, None) for ``"mse"``; (L, None, dL/dz) for ``"cross_entropy"``.
    """
    if loss == "mse":
        value, grad_a = mse(out.a, y)
        return value, grad_a, None
    if get_activation(activation).name == "softmax":
        value, grad_z = softmax_cross_entropy(out.z, y)
    else:
        value, grad_z = binary_cross_entropy(out.z, y)
    return value, None, grad_z


def check_loss(loss, activation):
    """``loss`` is known, and a cross-entropy has an output in (0, 1) to measure."""
    check_choice("loss", loss, LOSSES)
    name = get_activation(activation).name
    if loss == "cross_entropy" and name not in ("sigmoid", "softmax"):
        raise ValueError(
            f"loss='cross_entropy' needs output_activation 'sigmoid' or 'softmax' "
            f"(outputs in (0, 1)); got {name!r}"
        )


def targets(y, n_samples, n_outputs, loss, activation, dtype=np.float64):
    """``y`` as the (n_samples, n_outputs) float array the outputs are compared with.

    With a softmax output, class labels of shape (n_samples,) become one-hot rows;
    a cross-entropy needs targets in {0, 1}.
    """
    if get_activation(activation).name == "softmax" and np.ndim(y) == 1:
        y = as_labels("y", y, n_samples, classes=np.arange(n_outputs))
        return np.eye(n_outputs, dtype=dtype)[y.astype(int)]
    y = as_labels("y", y, n_samples, classes=[0, 1] if loss == "cross_entropy" else None)
    y = y.reshape(n_samples, -1) if y.ndim == 1 else y
    if y.shape[1] != n_outputs:
        raise ValueError(
            f"y must have shape ({n_samples}, {n_outputs}) (one column per output) "
            f"or ({n_samples},) class labels; got shape {y.shape}"
        )
    return y.astype(dtype, copy=False)
