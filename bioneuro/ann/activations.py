"""Activation functions φ(z): what a neuron does with its weighted input z = w·x + b.

Each activation is an :class:`Activation`: call it for φ(z), ask ``.derivative(z)``
for φ'(z) (backpropagation needs it), ``.curve()`` for its
:class:`~bioneuro.curves.ResponseCurve` (the same type as a biological f-I curve).

>>> relu = get_activation("relu")
>>> relu(np.array([-1.0, 2.0])), relu.derivative(np.array([-1.0, 2.0]))
(array([0., 2.]), array([0., 1.]))

:func:`labels` reads outputs as class labels: the one rule that ``MLP.predict``,
``fit``'s accuracy and ``evaluate`` share.

The LIF-rate and soft-LIF activations are from Hunsberger & Eliasmith (2015),
"Spiking deep networks with LIF neurons", arXiv:1510.08829: the firing rate of a
leaky integrate-and-fire neuron driven by a constant normalised current j
(threshold at j = 1), and a smooth version that can be trained by gradient descent.
Both are the one LIF closed form, :func:`bioneuro.theory.lif.rate_of_excess`.
"""

from __future__ import annotations

import numpy as np

from bioneuro.curves import ResponseCurve
from bioneuro.theory.lif import rate_of_excess, rate_of_excess_derivative

X_LABEL = "weighted input z = w·x + b"
Y_LABEL = "output φ(z)"


def _as_float(z, name="z"):
    """``z`` as a finite float array (float32 stays float32; ints and lists become
    float64); anything else is refused naming ``name``."""
    try:
        z = np.asarray(z)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numbers; got {z!r}") from exc
    if z.dtype.kind not in "fiub":
        raise TypeError(f"{name} must be numbers; got dtype {z.dtype}")
    z = z if z.dtype.kind == "f" else z.astype(float)
    if not np.all(np.isfinite(z)):
        raise ValueError(f"{name} must be finite; got NaN or infinite value(s)")
    return z


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

    def apply(self, z):
        """φ(z) of a float array already checked (a layer's weighted sums), unchecked."""
        return self._function(z)

    def apply_derivative(self, z):
        """φ'(z) of a float array already checked, unchecked."""
        return self._derivative(z)

    def curve(self, z=None) -> ResponseCurve:
        """φ over ``z`` (default: 201 points from -5 to 5) as a ResponseCurve."""
        z = np.linspace(-5.0, 5.0, 201) if z is None else _as_float(z)
        meta = {"formula": self.formula}
        return ResponseCurve(
            z, self(z), x_label=X_LABEL, y_label=self.y_label, label=self.name, meta=meta
        )

    def __repr__(self) -> str:
        return f"Activation({self.name!r}: {self.formula})"


# ----------------------------------------------------------------- the classics


def step(z):
    return (z >= 0).astype(z.dtype)  # H(0) = 1


def sign(z):
    return np.where(z >= 0, 1.0, -1.0).astype(z.dtype)


def zero_slope(z):
    return np.zeros_like(z)


def sigmoid(z):
    # 1 / (1 + exp(-z)) written as (1 + tanh(z/2)) / 2: the same function, one call,
    # and no overflow of exp(-z) for very negative z.
    return 0.5 + 0.5 * np.tanh(0.5 * z)


def softplus(z):
    return np.logaddexp(0.0, z)  # log(1 + exp(z)) without overflow


LEAKY_SLOPE = 0.01

_CLASSIC = [
    Activation("step", step, zero_slope, "H(z) = 1 if z >= 0 else 0 (McCulloch-Pitts)"),
    Activation("sign", sign, zero_slope, "sign(z) = +1 if z >= 0 else -1"),
    Activation("linear", lambda z: z, np.ones_like, "z"),
    Activation(
        "sigmoid",
        sigmoid,
        lambda z: (s := sigmoid(z)) * (1 - s),
        "σ(z) = 1 / (1 + exp(-z));  σ' = σ (1 - σ)",
    ),
    Activation("tanh", np.tanh, lambda z: 1 - np.tanh(z) ** 2, "tanh(z);  tanh' = 1 - tanh²"),
    Activation("relu", lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(z.dtype), "max(0, z)"),
    Activation(
        "leaky_relu",
        lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
        lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE).astype(z.dtype),
        f"z if z > 0 else {LEAKY_SLOPE} z",
    ),
    Activation("softplus", softplus, sigmoid, "log(1 + exp(z));  softplus' = σ"),
]

# ------------------------------------------------- LIF rate (Hunsberger & Eliasmith 2015)
#
# One formula, bioneuro.theory.lif.rate_of_excess:
#
#     r(p) = 1 / (τ_ref + τ_rc log(1 + 1/p))   for p > 0, else 0,
#
# with p the drive above threshold in units of the reset gap. Here the input j is the
# drive in threshold units (threshold at j = 1, reset to 0), so p = j - 1. The
# parameters are Hunsberger & Eliasmith's (Nengo's defaults), not bio.LIF's (tau_m
# 10 ms): the ANN side follows the paper it reproduces, so its rates can be compared
# with theirs.

TAU_RC = 0.02  # s: τ_rc = tau_m of rate_of_excess (Hunsberger & Eliasmith 2015; Nengo)
TAU_REF = 0.002  # s: τ_ref = t_ref of rate_of_excess (same source; bio.LIF's is 2 ms too)
GAMMA = 0.05  # soft-LIF smoothing γ (threshold units); smaller = closer to the LIF rate


def lif_rate(j):
    """r(j) = rate_of_excess(j - 1): 1 / (τ_ref + τ_rc log(1 + 1/(j - 1))) for j > 1."""
    return rate_of_excess(np.asarray(j, dtype=float) - 1.0, TAU_RC, TAU_REF)


def lif_rate_derivative(j):
    """dr/dj = dr/dp = r² τ_rc / (p (p + 1)) with p = j - 1 > 0 (0 at and below threshold)."""
    return rate_of_excess_derivative(np.asarray(j, dtype=float) - 1.0, TAU_RC, TAU_REF)


def _soft_excess(j):
    """x = (j - 1)/γ and the smoothed excess p = γ softplus(x) = γ log(1 + exp(x)) > 0.

    x is clipped at -700 so that p stays a positive float (exp(-700) ~ 1e-304)
    instead of underflowing to 0, where the rate formula would switch off.
    """
    x = np.maximum((np.asarray(j, dtype=float) - 1.0) / GAMMA, -700.0)
    return x, GAMMA * softplus(x)


def soft_lif(j):
    """r(j) = rate_of_excess(p) with p = γ softplus((j - 1)/γ) instead of max(j - 1, 0)."""
    _, p = _soft_excess(j)
    return rate_of_excess(p, TAU_RC, TAU_REF)


def soft_lif_derivative(j):
    """dr/dj = dr/dp · dp/dj = rate_of_excess_derivative(p) · σ(x), x = (j - 1)/γ.

    σ(x) is computed as exp(x) / (1 + exp(x)): far below threshold that keeps its full
    relative precision, where (1 + tanh(x/2)) / 2 would round it to 0.
    """
    x, p = _soft_excess(j)
    e = np.exp(np.minimum(x, 700.0))
    return rate_of_excess_derivative(p, TAU_RC, TAU_REF) * (e / (1.0 + e))


_LIF = [
    Activation(
        "lif_rate",
        lif_rate,
        lif_rate_derivative,
        f"r(j) = 1 / (τ_ref + τ_rc log(1 + 1/(j - 1))) for j > 1 else 0; "
        f"τ_rc = {TAU_RC} s, τ_ref = {TAU_REF} s",
        y_label="output φ(z) (Hz)",
    ),
    Activation(
        "soft_lif",
        soft_lif,
        soft_lif_derivative,
        f"LIF rate with max(j - 1, 0) replaced by γ log(1 + exp((j - 1)/γ)), γ = {GAMMA}",
        y_label="output φ(z) (Hz)",
    ),
]

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


# ----------------------------------------------------------------- outputs -> classes

ZERO_CENTRED = ("tanh", "sign")  # outputs in [-1, 1]: the middle is 0, not 0.5


def labels(outputs, activation="sigmoid"):
    """The class each row of ``outputs`` stands for: the one label rule of bioneuro.ann.

    Several outputs: the index of the largest (argmax). One output: 1 if it is at
    least the middle of φ's range, else 0; the middle is 0 for tanh and sign
    (outputs in [-1, 1]) and 0.5 for every other φ (sigmoid's (0, 1); targets 0/1).

    Parameters
    ----------
    outputs : array, shape (n_samples, n_outputs)
        A network's outputs (or targets, or spike rates) for a batch.
    activation : str or Activation
        φ of the output layer; it matters for one output only.

    Returns
    -------
    ndarray of int, shape (n_samples,)
    """
    outputs = _as_float(outputs, "outputs")
    if outputs.ndim != 2 or outputs.shape[0] == 0:
        raise ValueError(
            f"outputs must have shape (n_samples, n_outputs); got shape {outputs.shape}"
        )
    if outputs.shape[1] > 1:
        return np.argmax(outputs, axis=1)
    threshold = 0.0 if get_activation(activation).name in ZERO_CENTRED else 0.5
    return (outputs[:, 0] >= threshold).astype(int)
