"""Losses: one number saying how wrong the outputs are, and its gradient.

Each function returns ``(loss, gradient)``. ``mse`` takes the outputs a = φ(z) and
returns dL/da; the cross-entropies take the output layer's weighted input z and
return dL/dz directly, because with a sigmoid or softmax output it simplifies to

    dL/dz = (a - y) / n                (the famous "output minus target")

which is also free of the overflow of log σ(z) for large |z|.
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann.activations import sigmoid, softmax

LOSSES = ("mse", "cross_entropy")


def mse(a, y):
    """Mean squared error: L = mean over samples and outputs of (a - y)².

    dL/da = 2 (a - y) / a.size.
    """
    diff = a - y
    return float(np.mean(diff * diff)), (2.0 / diff.size) * diff


def binary_cross_entropy(z, y):
    """Binary cross-entropy of sigmoid outputs a = σ(z) against targets y in {0, 1}.

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
