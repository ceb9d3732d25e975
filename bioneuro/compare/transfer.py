"""Fit an activation function to a measured response curve, and say what its parameters mean.

An f-I curve (firing rate against injected current, from :func:`bioneuro.bio.fi_curve`)
and an activation function (output against weighted input, from
``Activation.curve()``) are both :class:`~bioneuro.curves.ResponseCurve` objects.
:func:`fit_activation` fits one of four activations to either, by least squares
(``scipy.optimize.curve_fit``; the step by an exhaustive search over thresholds), and
returns a :class:`Fit`: the parameters in the curve's own units, R², the fitted curve,
and what each parameter means for a neuron.

The four shapes, with x the input and f the output::

    relu      f = g max(0, x - θ)                          θ threshold, g gain
    softplus  f = g s ln(1 + e^{(x - θ)/s})                + s: width of the rounded corner
    sigmoid   f = f_max / (1 + e^{-(x - x_half)/s})        f_max saturation, s width
    step      f = h [x >= θ]                               h height

Units: if the curve's x and y are Brian2 quantities, θ has x's unit, g has y/x's
(Hz/nA for a LIF), f_max and h have y's. The fit itself runs on numbers scaled to
order one (x / max|x|, y / max|y|) so curve_fit is well conditioned.

**ReLU and the concave f-I curve.** A LIF f-I curve rises like 1/ln near rheobase
(infinitely steep) and then bends over: it is concave. A least-squares line through it
crosses zero well *below* rheobase (13 % below for a fit up to 1.5 x rheobase, 38 %
for 3 x), because the line must also follow the bend. The ReLU's threshold is meant to
be the rheobase, where firing starts, so by default (``threshold="onset"``) the
threshold is read off the data as the onset: the input, linearly interpolated, where
the curve leaves zero (accurate to the spacing of the input grid), and only the gain is
fitted by least squares. ``threshold="fit"`` fits both freely and shows the bias.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import brian2 as b2
import numpy as np
from scipy.optimize import curve_fit

from bioneuro.checks import check_choice
from bioneuro.curves import ResponseCurve

KINDS = ("relu", "softplus", "sigmoid", "step")

MEANING = {
    "threshold": "rheobase: the smallest input that makes the neuron fire (the ANN's "
    "bias, b = -g θ)",
    "gain": "slope: extra output per unit of extra input (Hz per unit current)",
    "width": "width of the rounded corner: input noise lets the neuron fire below threshold",
    "saturation": "maximum rate: 1/t_ref for a neuron with a refractory period t_ref",
    "x_half": "input giving half the maximum rate",
    "height": "output once above threshold (the all-or-none spike, as a rate)",
}


def _relu(x, theta, g):
    return g * np.maximum(x - theta, 0.0)


def _softplus(x, theta, g, s):
    return g * s * np.logaddexp(0.0, (x - theta) / s)


def _sigmoid(x, x_half, f_max, s):
    return f_max * 0.5 * (1.0 + np.tanh((x - x_half) / (2.0 * s)))


def _step(x, theta, h):
    return np.where(x >= theta, h, 0.0)


@dataclass(frozen=True)
class Fit:
    """An activation fitted to a response curve.

    Attributes
    ----------
    kind : str
        ``"relu"``, ``"softplus"``, ``"sigmoid"`` or ``"step"``.
    params : dict
        Name -> value, in the curve's units (Brian2 quantities if the curve had units).
    r2 : float
        Coefficient of determination, 1 - SS_res / SS_tot, over the fitted points.
    curve : ResponseCurve
        The fitted activation evaluated on the data's inputs (same units).
    data : ResponseCurve
        The points that were fitted (after ``x_range``).
    meaning : dict
        Name -> what the parameter is for a biological neuron.
    """

    kind: str
    params: dict
    r2: float
    curve: ResponseCurve
    data: ResponseCurve
    meaning: dict = field(default_factory=dict)
    _scaled: tuple = field(default=(), repr=False)

    def __call__(self, x):
        """The fitted activation at inputs ``x`` (same units as the curve's x)."""
        f, p, xs, ys, xdim, ydim = self._scaled
        xv = np.asarray(x / b2.Quantity(1, dim=xdim) if xdim is not None else x, dtype=float)
        y = f(xv / xs, *p) * ys
        return b2.Quantity(y, dim=ydim) if ydim is not None else y

    def describe(self) -> str:
        """One line per parameter: value and biological meaning."""
        lines = [f"{self.kind} fit, R² = {self.r2:.4f}"]
        for name, value in self.params.items():
            lines.append(f"  {name} = {value!s}: {self.meaning.get(name, '')}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!s}" for k, v in self.params.items())
        return f"Fit({self.kind}: {inner}, R²={self.r2:.4f})"


def _plain(a):
    if hasattr(a, "dim"):
        return np.asarray(a, dtype=float), b2.get_dimensions(a)
    return np.asarray(a, dtype=float), None


def _onset(x, y):
    """Input where the curve leaves zero: interpolated between the last silent point and
    the first firing point above it (x sorted)."""
    firing = np.flatnonzero(y > 0)
    if firing.size == 0:
        raise ValueError(
            "curve never leaves zero: no threshold to find; give a curve that "
            "reaches above threshold"
        )
    k = firing[0]
    if k == 0:
        return x[0]
    # the ReLU through the first two firing points, clipped to [last silent, first firing]
    if k + 1 < len(x) and y[k + 1] > y[k]:
        slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k])
        return float(np.clip(x[k] - y[k] / slope, x[k - 1], x[k]))
    return 0.5 * (x[k - 1] + x[k])


def fit_activation(curve, kind="relu", *, x_range=None, threshold="onset") -> Fit:
    """Fit an activation function to a response curve (f-I curve or activation curve).

    Parameters
    ----------
    curve : ResponseCurve
        From either side: ``bio.fi_curve(...)``, ``siegert_curve(...)``,
        ``get_activation("relu").curve()``.
    kind : {"relu", "softplus", "sigmoid", "step"}
    x_range : (low, high), optional
        Fit only the points with low <= x <= high (same units as ``curve.x``).
    threshold : {"onset", "fit"}
        ReLU only: ``"onset"`` (default) takes the threshold from where the curve leaves
        zero and fits the gain; ``"fit"`` fits both by least squares (see module notes:
        on a concave f-I curve that puts the threshold below rheobase).

    Returns
    -------
    Fit
    """
    if not isinstance(curve, ResponseCurve):
        raise TypeError(
            f"curve must be a ResponseCurve (e.g. from bio.fi_curve); got {type(curve).__name__}"
        )
    check_choice("kind", kind, KINDS)
    check_choice("threshold", threshold, ("onset", "fit"))
    x, xdim = _plain(curve.x)
    y, ydim = _plain(curve.y)
    if x_range is not None:
        if len(x_range) != 2:
            raise ValueError(f"x_range must be (low, high); got {x_range!r}")
        lo, hi = (_plain(v)[0] for v in x_range)
        if xdim is not None and (b2.get_dimensions(x_range[0]) != xdim):
            raise TypeError(f"x_range must have the units of curve.x; got {x_range!r}")
        keep = (x >= lo) & (x <= hi)
        x, y = x[keep], y[keep]
    order = np.argsort(x)
    x, y = x[order], y[order]
    finite = np.isfinite(x) & np.isfinite(y)
    if not np.all(finite):
        raise ValueError("curve holds NaN or infinite values; drop them before fitting")
    if x.size < 4:
        raise ValueError(f"need at least 4 points to fit; got {x.size} (check x_range)")
    xs = float(np.max(np.abs(x))) or 1.0
    ys = float(np.max(np.abs(y))) or 1.0
    u, v = x / xs, y / ys
    if np.ptp(v) == 0:
        raise ValueError("curve is flat (every y equal): nothing to fit")
    f, p = _fit_scaled(kind, u, v, threshold)
    pred = f(u, *p)
    ss_res = float(np.sum((v - pred) ** 2))
    ss_tot = float(np.sum((v - v.mean()) ** 2))
    r2 = 1.0 - ss_res / ss_tot

    def qx(val):
        return b2.Quantity(val * xs, dim=xdim) if xdim is not None else val * xs

    def qy(val):
        return b2.Quantity(val * ys, dim=ydim) if ydim is not None else val * ys

    def qg(val):
        value = val * ys / xs
        if xdim is None and ydim is None:
            return value
        dim = (ydim or b2.DIMENSIONLESS) / (xdim or b2.DIMENSIONLESS)
        return b2.Quantity(value, dim=dim)

    if kind == "relu":
        params = {"threshold": qx(p[0]), "gain": qg(p[1])}
    elif kind == "softplus":
        params = {"threshold": qx(p[0]), "gain": qg(p[1]), "width": qx(p[2])}
    elif kind == "sigmoid":
        params = {"x_half": qx(p[0]), "saturation": qy(p[1]), "width": qx(p[2])}
    else:
        params = {"threshold": qx(p[0]), "height": qy(p[1])}
    xq = b2.Quantity(x, dim=xdim) if xdim is not None else x
    yq = b2.Quantity(y, dim=ydim) if ydim is not None else y
    fitted = ResponseCurve(
        x=xq,
        y=b2.Quantity(pred * ys, dim=ydim) if ydim is not None else pred * ys,
        x_label=curve.x_label,
        y_label=curve.y_label,
        label=f"{kind} fit",
        meta={"kind": kind, "r2": r2},
    )
    data = ResponseCurve(
        x=xq,
        y=yq,
        x_label=curve.x_label,
        y_label=curve.y_label,
        label=curve.label,
        meta=curve.meta,
    )
    meaning = {name: MEANING[name] for name in params}
    return Fit(kind, params, r2, fitted, data, meaning, (f, p, xs, ys, xdim, ydim))


def _fit_scaled(kind, u, v, threshold):
    """Least squares on scaled data (u, v of order one); returns (function, parameters)."""
    span = float(np.ptp(u))
    if kind == "step":
        # exact least squares: for a threshold between neighbours, h = mean of v above it
        cuts = np.concatenate([[u[0]], 0.5 * (u[1:] + u[:-1])])
        best = None
        for c in cuts:
            above = u >= c
            h = float(np.mean(v[above])) if above.any() else 0.0
            sse = float(np.sum((v - np.where(above, h, 0.0)) ** 2))
            if best is None or sse < best[0]:
                best = (sse, c, h)
        return _step, np.array(best[1:])
    if kind == "relu":
        theta0 = _onset(u, v)
        firing = u > theta0
        slope0 = float(np.max(v[firing] / (u[firing] - theta0))) if firing.any() else 1.0
        if threshold == "onset":
            (g,), _ = curve_fit(
                lambda x, g: _relu(x, theta0, g), u, v, p0=[slope0 / 2], bounds=([0.0], [np.inf])
            )
            return _relu, np.array([theta0, g])
        p, _ = curve_fit(
            _relu, u, v, p0=[theta0, slope0 / 2], bounds=([u[0] - span, 0.0], [u[-1], np.inf])
        )
        return _relu, p
    if kind == "softplus":
        theta0 = _onset(u, v) if np.any(v > 0.01) else float(np.median(u))
        slope = float(np.polyfit(u[-max(3, len(u) // 4) :], v[-max(3, len(u) // 4) :], 1)[0])
        p0 = [theta0, max(slope, 1e-3), 0.05 * span]
        p, _ = curve_fit(
            _softplus,
            u,
            v,
            p0=p0,
            maxfev=20000,
            bounds=([u[0] - span, 0.0, 1e-4 * span], [u[-1] + span, np.inf, 10 * span]),
        )
        return _softplus, p
    # sigmoid
    half = float(u[np.argmin(np.abs(v - 0.5 * v.max()))])
    p0 = [half, float(v.max()), 0.1 * span]
    p, _ = curve_fit(
        _sigmoid,
        u,
        v,
        p0=p0,
        maxfev=20000,
        bounds=([u[0] - span, 0.0, 1e-4 * span], [u[-1] + span, 10 * float(v.max()), 10 * span]),
    )
    return _sigmoid, p


__all__ = ["KINDS", "MEANING", "Fit", "fit_activation"]
