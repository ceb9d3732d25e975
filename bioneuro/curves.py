"""ResponseCurve: an input -> output curve, the currency shared by both neurons.

The biological side returns one from :func:`bioneuro.bio.fi_curve` (firing rate
against injected current); the artificial side from an activation function
(output against weighted input). Comparison and plotting code treats them alike.

This module needs numpy only: ``x`` and ``y`` may be plain arrays or Brian2
quantities (anything with a ``dim`` attribute), and are kept as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _is_quantity(a) -> bool:
    return hasattr(a, "dim") and hasattr(a, "dimensions")


def _magnitude(a, unit=None) -> np.ndarray:
    """Plain float array of ``a``, in ``unit`` if given (a Brian2 unit)."""
    if unit is not None:
        if not _is_quantity(a):
            raise TypeError(f"unit={unit!r} given, but the curve's values are plain numbers")
        return np.asarray(a / unit, dtype=float)
    return np.asarray(a, dtype=float)


@dataclass(frozen=True)
class ResponseCurve:
    """An input -> output curve: ``y`` as a function of ``x``.

    Parameters
    ----------
    x : array or Brian2 Quantity, shape (n,)
        The input: injected current (biology) or weighted input z = w.x + b (ANN).
    y : array or Brian2 Quantity, shape (n,)
        The output: firing rate (biology) or activation phi(z) (ANN).
    x_label, y_label : str
        Axis names with their units, e.g. ``"I (µA/cm²)"``, ``"rate (Hz)"``.
    label : str
        What the curve is, for legends: ``"Hodgkin-Huxley, 6.3 °C"``, ``"ReLU"``.
    meta : dict
        Anything that produced the curve (model parameters, duration, seed).
    """

    x: object
    y: object
    x_label: str = "input"
    y_label: str = "output"
    label: str = ""
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        xs, ys = np.shape(self.x), np.shape(self.y)
        if len(xs) != 1 or xs != ys:
            raise ValueError(f"x and y must be 1-D and of equal length; got shapes x={xs}, y={ys}")

    def __len__(self) -> int:
        return len(self.x)

    def arrays(self, x_unit=None, y_unit=None) -> tuple[np.ndarray, np.ndarray]:
        """``(x, y)`` as plain float arrays, each in the given Brian2 unit if any.

        >>> curve.arrays(uA / cm**2, Hz)   # doctest: +SKIP
        """
        return _magnitude(self.x, x_unit), _magnitude(self.y, y_unit)

    def plot(self, ax=None, x_unit=None, y_unit=None, **kwargs):
        """Draw the curve on ``ax`` (a new axes if None) and return the axes."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots()
        x, y = self.arrays(x_unit, y_unit)
        kwargs.setdefault("label", self.label or None)
        ax.plot(x, y, **kwargs)
        ax.set_xlabel(self.x_label)
        ax.set_ylabel(self.y_label)
        return ax

    def __repr__(self) -> str:
        return (
            f"ResponseCurve({self.label or 'unnamed'!s}: {len(self)} points, "
            f"x: {self.x_label}, y: {self.y_label})"
        )
