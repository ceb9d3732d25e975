"""Activation functions φ(z): what a neuron does with its weighted input z = w·x + b.

Each activation is an :class:`Activation`: call it for φ(z), ask ``.derivative(z)``
for φ'(z) (backpropagation needs it), ``.curve()`` for its
:class:`~bioneuro.curves.ResponseCurve` (the same type as a biological f-I curve).

>>> relu = get_activation("relu")
>>> relu(np.array([-1.0, 2.0])), relu.derivative(np.array([-1.0, 2.0]))
(array([0., 2.]), array([0., 1.]))

The LIF-rate and soft-LIF activations are from Hunsberger & Eliasmith (2015),
"Spiking deep networks with LIF neurons", arXiv:1510.08829: the firing rate of a
leaky integrate-and-fire neuron driven by a constant normalised current j
(threshold at j = 1), and a smooth version that can be trained by gradient descent.
"""

from __future__ import annotations

import numpy as np

from bioneuro.curves import ResponseCurve

X_LABEL = "weighted input z = w·x + b"
Y_LABEL = "output φ(z)"


def _as_float(z):
    """``z`` as a float array (float32 stays float32; ints and lists become float64)."""
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(float)


class Activation:
    """A named function φ(z) with its derivative φ'(z), applied element-wise.

    Parameters
    ----------
    name : str
        The name :func:`get_activation` knows it by.
    function, derivative : callable
        ``z -> φ(z)`` and ``z -> φ'(z)`` on float arrays.
    formula : str
        The equation the code runs, for ``repr`` and figure legends.
    y_label : str
        Axis label of the output (the LIF rates are in Hz).
    """

    def __init__(self, name, function, derivative, formula, y_label=Y_LABEL):
        self.name = name
        self._function = function
        self._derivative = derivative
        self.formula = formula
        self.y_label = y_label

    def __call__(self, z):
        return self._function(_as_float(z))

    def derivative(self, z):
        """φ'(z), element-wise (0 at the kinks of step, sign and ReLU)."""
        return self._derivative(_as_float(z))

    def curve(self, z=None) -> ResponseCurve:
        """φ over ``z`` (default: 201 points from -5 to 5) as a ResponseCurve."""
        z = np.linspace(-5.0, 5.0, 201) if z is None else np.asarray(z, dtype=float)
        return ResponseCurve(z, self(z), x_label=X_LABEL, y_label=self.y_label,
                             label=self.name, meta={"formula": self.formula})  # fmt: skip

    def __repr__(self) -> str:
        return f"Activation({self.name!r}: {self.formula})"


# ----------------------------------------------------------------- the classics


def sigmoid(z):
    # 1 / (1 + exp(-z)) written as (1 + tanh(z/2)) / 2: the same function, one call,
    # and no overflow of exp(-z) for very negative z.
    return 0.5 + 0.5 * np.tanh(0.5 * z)


def _softplus(z):
    return np.logaddexp(0.0, z)  # log(1 + exp(z)) without overflow


LEAKY_SLOPE = 0.01

_CLASSIC = [
    Activation("step", lambda z: (z >= 0).astype(z.dtype), lambda z: np.zeros_like(z),
               "H(z) = 1 if z >= 0 else 0 (McCulloch-Pitts)"),
    Activation("sign", lambda z: np.where(z >= 0, 1.0, -1.0).astype(z.dtype),
               lambda z: np.zeros_like(z), "sign(z) = +1 if z >= 0 else -1"),
    Activation("linear", lambda z: z, lambda z: np.ones_like(z), "z"),
    Activation("sigmoid", sigmoid, lambda z: (s := sigmoid(z)) * (1 - s),
               "σ(z) = 1 / (1 + exp(-z));  σ' = σ (1 - σ)"),
    Activation("tanh", np.tanh, lambda z: 1 - np.tanh(z) ** 2,
               "tanh(z);  tanh' = 1 - tanh²"),
    Activation("relu", lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(z.dtype),
               "max(0, z)"),
    Activation("leaky_relu", lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
               lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype),
               f"z if z > 0 else {LEAKY_SLOPE} z"),
    Activation("softplus", _softplus, sigmoid, "log(1 + exp(z));  softplus' = σ"),
]  # fmt: skip

# ------------------------------------------------- LIF rate (Hunsberger & Eliasmith 2015)

TAU_RC = 0.02  # s, membrane time constant (Hunsberger & Eliasmith 2015; Nengo's default)
TAU_REF = 0.002  # s, refractory period (Nengo's default)
GAMMA = 0.05  # smoothing of soft-LIF (dimensionless current); smaller = closer to LIF


def _rate_of_excess(p):
    """r = 1 / (τ_ref + τ_rc log(1 + 1/p)) for p > 0, and 0 where p <= 0."""
    r = np.zeros_like(p, dtype=float)
    on = p > 0
    r[on] = 1.0 / (TAU_REF + TAU_RC * np.log1p(1.0 / p[on]))
    return r


def _lif_rate(j):
    return _rate_of_excess(np.asarray(j, dtype=float) - 1.0)


def _lif_rate_derivative(j):
    # dr/dj = r² τ_rc / (p (p + 1)) with p = j - 1 > 0 (0 below threshold).
    p = np.asarray(j, dtype=float) - 1.0
    r = _rate_of_excess(p)
    d = np.zeros_like(r)
    on = p > 0
    d[on] = r[on] ** 2 * TAU_RC / (p[on] * (p[on] + 1.0))
    return d


def _soft_excess(j):
    # ρ(j - 1) = γ log(1 + exp((j - 1)/γ)); the argument is clipped at -700 so that
    # ρ stays a positive float (exp(-700) ~ 1e-304) instead of underflowing to 0.
    x = np.maximum((np.asarray(j, dtype=float) - 1.0) / GAMMA, -700.0)
    return x, GAMMA * _softplus(x)


def _soft_lif(j):
    _, p = _soft_excess(j)
    return 1.0 / (TAU_REF + TAU_RC * np.log1p(1.0 / p))


def _soft_lif_derivative(j):
    # dr/dj = r² τ_rc / (p (p + 1)) · dp/dj, dp/dj = σ(x), p = γ softplus(x), x = (j-1)/γ;
    # σ(x) / softplus(x) is computed in the exp form: both ~ exp(x) far below threshold,
    # where (1 + tanh(x/2)) / 2 would round σ(x) to 0.
    x, p = _soft_excess(j)
    r = 1.0 / (TAU_REF + TAU_RC * np.log1p(1.0 / p))
    e = np.exp(np.minimum(x, 700.0))  # exp(x) / (1 + exp(x)): full relative precision
    return r**2 * TAU_RC / (p + 1.0) * (e / (1.0 + e)) / (GAMMA * _softplus(x))


_LIF = [
    Activation("lif_rate", _lif_rate, _lif_rate_derivative,
               f"r(j) = 1 / (τ_ref + τ_rc log(1 + 1/(j - 1))) for j > 1 else 0; "
               f"τ_rc = {TAU_RC} s, τ_ref = {TAU_REF} s", y_label="output φ(z) (Hz)"),
    Activation("soft_lif", _soft_lif, _soft_lif_derivative,
               f"LIF rate with max(j - 1, 0) replaced by γ log(1 + exp((j - 1)/γ)), "
               f"γ = {GAMMA}", y_label="output φ(z) (Hz)"),
]  # fmt: skip

# ----------------------------------------------------------------- softmax (output only)


def softmax(z):
    """exp(z_k) / Σ_j exp(z_j) along the last axis (shifted by max z: no overflow)."""
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax_derivative(z):
    raise TypeError(
        "softmax is not element-wise: its derivative is a Jacobian; backpropagation "
        "uses the vector-Jacobian product s * (g - Σ g s) instead (see layers.Dense)"
    )


SOFTMAX = Activation(
    "softmax", softmax, _softmax_derivative, "exp(z_k) / Σ_j exp(z_j) over the outputs"
)

ACTIVATIONS = {a.name: a for a in [*_CLASSIC, *_LIF, SOFTMAX]}


def get_activation(name) -> Activation:
    """The activation called ``name`` (an :class:`Activation` is returned unchanged).

    Raises
    ------
    ValueError
        For an unknown name, listing the known ones.
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(
            f"activation must be a name such as 'relu' or an Activation; got {name!r} "
            f"({type(name).__name__})"
        )
    if name not in ACTIVATIONS:
        known = ", ".join(repr(k) for k in ACTIVATIONS)
        raise ValueError(f"activation must be one of {known}; got {name!r}")
    return ACTIVATIONS[name]
