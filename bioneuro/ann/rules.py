"""Learning = adjusting the weights: four rules for one neuron, and where backprop sits.

==============  ===========================================  ==========================
rule            update of weight w_i for input x_i            needs
==============  ===========================================  ==========================
Hebb (1949)     Δw = η y x                                   no target: grows forever
Oja (1982)      Δw = η y (x - y w)                           no target: finds the 1st PC
perceptron      Δw = η (t - step(w·x + b)) x                 target t in {0, 1}
delta / LMS     Δw = η (t - (w·x + b)) x                     target t, linear output
gradient        Δw = -η dL/dw  (backprop, :mod:`.fit`)       any differentiable network
==============  ===========================================  ==========================

``bioneuro.ann.train`` is this module under its former name (with :class:`History`).
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann._validate import (
    as_inputs,
    as_labels,
    check_budget,
    check_choice,
    check_number,
    check_rate,
)
from bioneuro.ann.activations import labels
from bioneuro.ann.fit import History
from bioneuro.ann.neuron import Neuron

__all__ = ["History", "delta_rule", "hebb", "oja", "perceptron"]


def _check_rule_input(X, y, learning_rate, epochs, seed):
    X = as_inputs("X", X, allow_1d=False)
    y = as_labels("y", y, X.shape[0], classes=[0, 1]).astype(float)
    check_rate("learning_rate", learning_rate)
    check_number("epochs", epochs, example="20", positive=True, integer=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    _check_loop("epochs", epochs, X)
    return X, y


def _check_loop(name, epochs, X, keep=False):
    """The size guard of a sample-by-sample rule: epochs x samples Python steps."""
    updates = float(epochs) * len(X)
    check_budget(
        name,
        epochs,
        nbytes=(updates + 1) * X.shape[1] * 8 * 2 if keep else 0,
        steps=updates,
        work=updates * X.shape[1],
        what=f"{epochs} epochs x {len(X)} samples" + (" of kept weights" if keep else ""),
    )


def _finite(w, learning_rate):
    if not np.all(np.isfinite(w)):
        raise FloatingPointError(
            f"the weights overflowed (to inf or NaN); lower learning_rate (got "
            f"{learning_rate}) or the number of epochs"
        )
    return w


def perceptron(X, y, epochs=20, learning_rate=1.0, seed=0, shuffle=True, weights0=None, bias0=0.0):
    """Rosenblatt's perceptron rule on one step-activation neuron.

    For each sample (in a seeded random order per epoch if ``shuffle``):

        ŷ = step(w·x + b),   w <- w + η (t - ŷ) x,   b <- b + η (t - ŷ)

    Training stops after the first epoch that ends with every sample right. The
    rule converges in finitely many steps if and only if a line (hyperplane)
    separates the two classes (Novikoff 1962); on XOR it never does.

    Parameters
    ----------
    X : array, shape (n, n_inputs)
    y : array, shape (n,)
        Targets t in {0, 1}.
    epochs : int
        At most this many passes through the data.
    learning_rate : float > 0
    seed : int
        Seeds the presentation order.
    shuffle : bool
        False presents the samples in the given order every epoch.
    weights0, bias0 : array and float, optional
        The starting weights (default: zeros) and bias.

    Returns
    -------
    neuron : Neuron
        The trained unit (activation ``"step"``).
    history : History
        ``weights``/``biases`` after each epoch (entry 0: the start), ``loss`` =
        errors made during the epoch, ``accuracy`` at the end of the epoch,
        ``converged_epoch`` (None if it never got every sample right).
    """
    X, t = _check_rule_input(X, y, learning_rate, epochs, seed)
    rng = np.random.default_rng(seed)
    w = np.zeros(X.shape[1]) if weights0 is None else as_inputs("weights0", weights0, X.shape[1])
    if w.ndim != 1:
        raise ValueError(
            f"weights0 must be one weight per input, shape ({X.shape[1]},); got {w.shape}"
        )
    b = float(check_number("bias0", bias0, example="0.0"))
    if not isinstance(shuffle, bool):
        raise TypeError(f"shuffle must be True or False; got {shuffle!r}")
    w = w.astype(float).copy()
    history = History(weights=[w.copy()], biases=[b])
    for epoch in range(1, int(epochs) + 1):
        order = rng.permutation(len(X)) if shuffle else range(len(X))
        errors = 0
        for i in order:
            y_hat = 1.0 if X[i] @ w + b >= 0 else 0.0
            if y_hat != t[i]:
                w = w + learning_rate * (t[i] - y_hat) * X[i]
                b = b + learning_rate * (t[i] - y_hat)
                errors += 1
        accuracy = np.mean((X @ w + b >= 0) == (t == 1))
        history.append(errors, accuracy)
        history.weights.append(w.copy())
        history.biases.append(b)
        if accuracy == 1.0:
            history.converged_epoch = epoch
            break
    return Neuron(w, b, "step"), history


def delta_rule(X, y, epochs=50, learning_rate=0.05, seed=0):
    """Widrow & Hoff's delta (LMS) rule: gradient descent on (t - z)² of a linear unit.

    For each sample (seeded random order): z = w·x + b, w <- w + η (t - z) x,
    b <- b + η (t - z). Unlike the perceptron it keeps learning from samples it
    already classifies right, and settles at the least-squares weights.

    Returns
    -------
    neuron : Neuron
        Activation ``"linear"``; classify with ``neuron(x) >= 0.5``.
    history : History
        ``loss`` = mean (t - z)² after each epoch, ``accuracy`` with the 0.5 threshold,
        ``weights``/``biases`` per epoch (entry 0: the start).
    """
    X, t = _check_rule_input(X, y, learning_rate, epochs, seed)
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    history = History(weights=[w.copy()], biases=[b])
    for _ in range(int(epochs)):
        for i in rng.permutation(len(X)):
            error = t[i] - (X[i] @ w + b)
            w = w + learning_rate * error * X[i]
            b = b + learning_rate * error
        z = _finite(X @ w + b, learning_rate)
        history.append(np.mean((t - z) ** 2), np.mean(labels(z[:, None], "linear") == t))
        history.weights.append(w.copy())
        history.biases.append(b)
    return Neuron(w, b, "linear"), history


def _unsupervised(rule, X, learning_rate, epochs, w0, seed):
    check_choice("rule", rule, ("hebb", "oja"))
    X = as_inputs("X", X, allow_1d=False)
    check_rate("learning_rate", learning_rate, example="0.01")
    check_number("epochs", epochs, example="5", positive=True, integer=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    _check_loop("epochs", epochs, X, keep=True)
    rng = np.random.default_rng(seed)
    if w0 is None:
        w = rng.standard_normal(X.shape[1]) * 0.1
    else:
        w = as_inputs("w0", w0, X.shape[1]).astype(float).copy()
    trajectory = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is refused below
        for _ in range(int(epochs)):
            for i in rng.permutation(len(X)):
                y = X[i] @ w
                w = w + learning_rate * y * (X[i] - y * w if rule == "oja" else X[i])
                trajectory.append(w.copy())
            _finite(w, learning_rate)
    return np.array(trajectory)


def hebb(X, learning_rate=0.01, epochs=1, w0=None, seed=0):
    """Hebb's rule on a linear neuron y = w·x: Δw = η y x, one sample at a time.

    "Cells that fire together wire together": the weights turn towards the inputs'
    main direction of variation, and their length grows without bound.

    Returns
    -------
    array, shape (epochs * n_samples + 1, n_inputs)
        The weight vector after every update (row 0: the start ``w0``, by default
        small seeded random weights).
    """
    return _unsupervised("hebb", X, learning_rate, epochs, w0, seed)


def oja(X, learning_rate=0.01, epochs=1, w0=None, seed=0):
    """Oja's rule: Δw = η y (x - y w), Hebb plus a decay that keeps |w| near 1.

    For zero-mean inputs w converges to the unit-length first principal component
    (the leading eigenvector of the inputs' covariance), up to sign.

    Returns
    -------
    array, shape (epochs * n_samples + 1, n_inputs)
        The weight vector after every update (row 0: the start).
    """
    return _unsupervised("oja", X, learning_rate, epochs, w0, seed)
