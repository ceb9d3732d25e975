"""Small data sets: the logic gates, two moons, two spirals, 8x8 digits.

Every function returns ``(X, y)``: X float array (n_samples, n_features), y integer
labels (n_samples,). The random ones take a ``seed`` and give the same data for it.
"""

from __future__ import annotations

import numpy as np

from bioneuro.ann._validate import check_budget, check_number

_GATE_INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])


def _gate(outputs):
    return _GATE_INPUTS.copy(), np.array(outputs, dtype=int)


def and_():
    """AND: 1 only when both inputs are 1. Linearly separable."""
    return _gate([0, 0, 0, 1])


def or_():
    """OR: 1 when either input is 1. Linearly separable."""
    return _gate([0, 1, 1, 1])


def nand():
    """NAND: 0 only when both inputs are 1. Linearly separable."""
    return _gate([1, 1, 1, 0])


def xor():
    """XOR: 1 when exactly one input is 1. Not linearly separable: needs a hidden layer."""
    return _gate([0, 1, 1, 0])


def _check_random(n, noise, seed):
    check_number("n", n, example="200", positive=True, integer=True)
    check_number("noise", noise, example="0.1", nonnegative=True)
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    if n < 2:
        raise ValueError(f"n must be >= 2 (one sample per class at least); got {n!r}")
    check_budget("n", n, nbytes=float(n) * 2 * 8 * 8, what=f"{n} samples x 2 features, 8 arrays")
    return int(n) // 2, int(n) - int(n) // 2, np.random.default_rng(seed)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles (as scikit-learn's ``make_moons``), shuffled.

    Class 0: (cos θ, sin θ); class 1: (1 - cos θ, 0.5 - sin θ), θ uniform in [0, π];
    plus Gaussian noise of standard deviation ``noise`` on both coordinates.
    """
    n0, n1, rng = _check_random(n, noise, seed)
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    X = np.concatenate([np.c_[np.cos(t0), np.sin(t0)], np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]])
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    X += rng.normal(0.0, noise, X.shape)
    order = rng.permutation(len(y))
    return X[order], y[order]


def spirals(n=200, noise=0.1, seed=0, turns=1.5):
    """Two interleaved spirals (each the other rotated by 180°), shuffled.

    Point at fraction s in [0, 1] along an arm: radius s, angle 2π·turns·s (+ π for
    class 1), plus Gaussian noise of standard deviation ``noise`` times the radius 1.
    """
    n0, n1, rng = _check_random(n, noise, seed)
    check_number("turns", turns, example="1.5", positive=True)
    parts = []
    for label, count in ((0, n0), (1, n1)):
        s = np.sqrt(rng.uniform(0.02, 1.0, count))  # sqrt: even density along the arm
        angle = 2 * np.pi * turns * s + np.pi * label
        parts.append(np.c_[s * np.cos(angle), s * np.sin(angle)])
    X = np.concatenate(parts) + rng.normal(0.0, noise, (n0 + n1, 2))
    y = np.r_[np.zeros(n0, int), np.ones(n1, int)]
    order = rng.permutation(len(y))
    return X[order], y[order]


def digits():
    """scikit-learn's bundled 8x8 handwritten digits (1797 images, no download).

    Returns X of shape (1797, 64), pixel intensities scaled to [0, 1], and y in 0..9.
    Needs scikit-learn (``pip install scikit-learn`` or ``pip install bioneuro[digits]``).
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:
        raise ImportError(
            "bioneuro.ann.datasets.digits() needs scikit-learn, which bundles the 8x8 "
            "digits: pip install scikit-learn"
        ) from exc
    data = load_digits()
    return data.data / 16.0, data.target.astype(int)


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Seeded random split: ``X_train, X_test, y_train, y_test``.

    Both parts hold at least one sample: ``round(test_fraction * n)`` (at least 1, at
    most n - 1) go to the test set.
    """
    check_number("test_fraction", test_fraction, example="0.25", positive=True)
    if test_fraction >= 1:
        raise ValueError(f"test_fraction must be in (0, 1), e.g. 0.25; got {test_fraction!r}")
    check_number("seed", seed, example="0", integer=True, nonnegative=True)
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(f"X and y must be arrays of samples; got shapes {X.shape} and {y.shape}")
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same number of rows; got {len(X)} and {len(y)}")
    if len(y) < 2:
        raise ValueError(f"X must hold at least 2 samples to split; got {len(y)}")
    order = np.random.default_rng(seed).permutation(len(y))
    n_test = min(max(1, round(test_fraction * len(y))), len(y) - 1)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]
