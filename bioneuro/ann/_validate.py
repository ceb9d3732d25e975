"""Input checks for bioneuro.ann (numpy only: no Brian2, no scipy).

Each raises ``TypeError`` or ``ValueError`` naming the parameter, what was given
and what was expected, before anything is computed.
"""

from __future__ import annotations

import numpy as np

from bioneuro.checks import check_budget, check_choice, check_number, describe

__all__ = [
    "as_batch",
    "as_inputs",
    "as_labels",
    "check_budget",
    "check_choice",
    "check_number",
    "check_rate",
    "same_shape",
]


def as_inputs(name, x, n_features=None, *, allow_1d=True) -> np.ndarray:
    """``x`` as a finite float array of shape (n_samples, n_features) or (n_features,)."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers; got {describe(x)}") from exc
    if arr.dtype.kind not in "fiub":
        raise TypeError(
            f"{name} must be an array of numbers; got dtype {arr.dtype} ({describe(x)})"
        )
    if arr.dtype.kind != "f":
        arr = arr.astype(float)
    expected = f"(n_samples, {n_features})" if n_features else "(n_samples, n_features)"
    if arr.ndim == 1 and allow_1d:
        pass
    elif arr.ndim != 2:
        raise ValueError(f"{name} must have shape {expected}; got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one value (sample); got shape {arr.shape}")
    if n_features is not None and arr.shape[-1] != n_features:
        raise ValueError(
            f"{name} has {arr.shape[-1]} feature(s) but the weights expect {n_features}: "
            f"shape {expected}; got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite; got {bad} NaN or infinite value(s)")
    return arr


def as_batch(name, x, n_features, dtype) -> np.ndarray:
    """``x`` checked by :func:`as_inputs`, as a 2-D batch (one vector: one row) of ``dtype``."""
    return np.atleast_2d(as_inputs(name, x, n_features)).astype(dtype, copy=False)


def as_labels(name, y, n_samples, classes=None) -> np.ndarray:
    """``y`` as a finite array with ``n_samples`` rows; values in ``classes`` if given."""
    arr = np.asarray(y)
    if arr.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be an array of numbers; got dtype {arr.dtype}")
    if arr.ndim == 0 or arr.shape[0] != n_samples or arr.size == 0:
        raise ValueError(
            f"{name} must have one row per sample ({n_samples}); got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; got NaN or infinite values")
    if classes is not None:
        outside = np.setdiff1d(np.unique(arr), classes)
        if outside.size:
            expected = np.asarray(classes).tolist()
            raise ValueError(
                f"{name} must contain only the classes {expected}; got {outside[:5].tolist()}"
            )
    return arr


def check_rate(name, value, example="0.1"):
    """A learning rate: a finite number > 0."""
    return check_number(name, value, example=example, positive=True)


def same_shape(name_a, a, name_b, b):
    """Refuse two arrays of different shapes (numpy would broadcast them silently)."""
    if np.shape(a) != np.shape(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape (nothing is broadcast); got "
            f"{name_a} {np.shape(a)} and {name_b} {np.shape(b)}"
        )
