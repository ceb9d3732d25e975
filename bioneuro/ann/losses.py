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

from bioneuro.ann._validate import as_inputs, as_labels, check_choice, same_shape
from bioneuro.ann.activations import TAU_REF, get_activation, sigmoid, softmax

LOSSES = ("mse", "cross_entropy")

#: The closed range of each bounded activation's outputs: a target outside it can never
#: be reached (linear and leaky ReLU are unbounded).
OUTPUT_RANGES = {
    "sigmoid": (0.0, 1.0),
    "softmax": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "step": (0.0, 1.0),
    "sign": (-1.0, 1.0),
    "relu": (0.0, np.inf),
    "softplus": (0.0, np.inf),
    "lif_rate": (0.0, 1.0 / TAU_REF),
    "soft_lif": (0.0, 1.0 / TAU_REF),
}


def _checked_pair(name_a, a, name_y, y):
    a = as_inputs(name_a, a)
    y = as_inputs(name_y, y)
    same_shape(name_a, a, name_y, y)
    return a, y


def _check_probability_rows(name, y):
    if np.any(y < 0) or np.any(y > 1) or not np.allclose(y.sum(axis=1), 1.0):
        raise ValueError(
            f"{name} rows must be one-hot (or probabilities summing to 1); got rows "
            f"summing to {np.unique(np.round(y.sum(axis=1), 6))[:5].tolist()}"
        )


def mse(a, y):
    """Mean squared error: L = mean over samples and outputs of (a - y)².

    dL/da = 2 (a - y) / a.size. ``a`` and ``y`` must have the same shape (a (4, 1)
    output against (4,) labels would broadcast to (4, 4)).
    """
    return _mse(*_checked_pair("a", a, "y", y))


def _mse(a, y):
    diff = a - y
    return float(np.mean(diff * diff)), (2.0 / diff.size) * diff


def binary_cross_entropy(z, y):
    """Binary cross-entropy of sigmoid outputs a = σ(z) against targets y in {0, 1}.

    ::

        L = mean over samples and outputs of -[y log a + (1 - y) log(1 - a)]
          = mean of softplus(z) - y z        (the same, computed without log(0));
        dL/dz = (σ(z) - y) / z.size.

    ``z`` and ``y`` must have the same shape.
    """
    z, y = _checked_pair("z", z, "y", y)
    if np.any((y < 0) | (y > 1)):
        raise ValueError(
            f"y must hold targets in [0, 1]; got values in [{y.min():g}, {y.max():g}]"
        )
    return _binary_cross_entropy(z, y)


def _binary_cross_entropy(z, y):
    loss = np.mean(np.logaddexp(0.0, z) - y * z)
    return float(loss), (sigmoid(z) - y) / z.size


def softmax_cross_entropy(z, y_onehot):
    """Cross-entropy of softmax outputs a = softmax(z) against one-hot targets.

    L = mean over samples of -Σ_k y_k log a_k = mean of logsumexp(z) - Σ_k y_k z_k;
    dL/dz = (softmax(z) - y) / n_samples. ``z`` and ``y_onehot`` have shape
    (n_samples, n_classes).
    """
    z, y_onehot = _checked_pair("z", z, "y_onehot", y_onehot)
    if z.ndim != 2:
        raise ValueError(f"z must have shape (n_samples, n_classes); got shape {z.shape}")
    _check_probability_rows("y_onehot", y_onehot)
    return _softmax_cross_entropy(z, y_onehot)


def _softmax_cross_entropy(z, y_onehot):
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
        value, grad_a = _mse(out.a, y)
        return value, grad_a, None
    if get_activation(activation).name == "softmax":
        value, grad_z = _softmax_cross_entropy(out.z, y)
    else:
        value, grad_z = _binary_cross_entropy(out.z, y)
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


def targets(y, n_samples, n_outputs, loss, activation, dtype=np.float64, name="y"):
    """``y`` as the (n_samples, n_outputs) float array the outputs are compared with.

    With a softmax output, class labels of shape (n_samples,) become one-hot rows;
    a cross-entropy needs targets in {0, 1}. Targets must lie in the range of the
    output activation (labels 0..4 cannot be reached by one sigmoid output), and a
    1-D ``y`` is one target per sample for a single output only.
    """
    act = get_activation(activation).name
    if act == "softmax" and np.ndim(y) == 1:
        y = as_labels(name, y, n_samples, classes=np.arange(n_outputs))
        return np.eye(n_outputs, dtype=dtype)[y.astype(int)]
    y = as_labels(name, y, n_samples, classes=[0, 1] if loss == "cross_entropy" else None)
    if y.ndim == 1 and n_outputs != 1:
        raise ValueError(
            f"{name} must have shape ({n_samples}, {n_outputs}) (one column per output); got "
            f"shape {y.shape}: class labels of shape ({n_samples},) need "
            f"output_activation='softmax'"
        )
    y = y.reshape(n_samples, -1) if y.ndim == 1 else y
    if y.ndim != 2 or y.shape[1] != n_outputs:
        raise ValueError(
            f"{name} must have shape ({n_samples}, {n_outputs}) (one column per output) "
            f"or ({n_samples},) class labels; got shape {y.shape}"
        )
    low, high = OUTPUT_RANGES.get(act, (-np.inf, np.inf))
    if np.any(y < low) or np.any(y > high):
        hint = (
            f"; for {int(y.max()) + 1} classes use {n_outputs if n_outputs > 1 else 'k'} "
            "outputs with output_activation='softmax' and labels 0..k-1"
            if n_outputs == 1 and np.all(y == np.round(y)) and y.max() > 1
            else ""
        )
        raise ValueError(
            f"{name} must lie in [{low:g}, {high:g}], the range of the output activation "
            f"{act!r} (a target it cannot reach); got values in "
            f"[{y.min():g}, {y.max():g}]{hint}"
        )
    if act == "softmax":
        _check_probability_rows(name, y)
    return y.astype(dtype, copy=False)
