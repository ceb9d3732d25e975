"""The leaky integrate-and-fire neuron's firing rate under a constant drive.

A LIF neuron ``tau_m dv/dt = E_L - v + R I`` driven by a constant current relaxes
towards the drive ``mu = E_L + R I``; if ``mu`` lies above the threshold ``V_th`` it
reaches it after ``tau_m ln((mu - V_reset) / (mu - V_th))`` and then waits ``t_ref``::

    f = 1 / (t_ref + tau_m ln((mu - V_reset) / (mu - V_th)))     if mu > V_th, else 0

Written with the *excess* ``p = (mu - V_th) / (V_th - V_reset)`` (how far above threshold
the drive is, in units of the reset gap) the logarithm is ``log(1 + 1/p)``::

    f(p) = 1 / (t_ref + tau_m log(1 + 1/p))                     if p > 0, else 0

:func:`rate_of_excess` is that formula, in plain numbers; the biological side calls it
through :func:`lif_rate` (with units), the artificial side through the ``lif_rate`` and
``soft_lif`` activations of :mod:`bioneuro.ann.activations` (Hunsberger & Eliasmith
2015, whose input j is the drive in threshold units, so p = j - 1).
"""

from __future__ import annotations

import numpy as np


def rate_of_excess(p, tau_m, t_ref):
    """Firing rate f(p) = 1 / (t_ref + tau_m log(1 + 1/p)) for p > 0, and 0 for p <= 0.

    Parameters
    ----------
    p : float or array
        Drive above threshold in units of the reset gap, (mu - V_th) / (V_th - V_reset).
    tau_m, t_ref : float
        Membrane time constant and refractory period, in seconds (plain numbers).

    Returns
    -------
    ndarray of float, the shape of ``p``: the rate in Hz.
    """
    p = np.asarray(p, dtype=float)
    rate = np.zeros(p.shape)
    on = p > 0
    rate[on] = 1.0 / (t_ref + tau_m * np.log1p(1.0 / p[on]))
    return rate


def rate_of_excess_derivative(p, tau_m, t_ref):
    """df/dp = f² tau_m / (p (p + 1)) for p > 0, and 0 for p <= 0 (plain numbers)."""
    p = np.asarray(p, dtype=float)
    rate = rate_of_excess(p, tau_m, t_ref)
    slope = np.zeros(p.shape)
    on = p > 0
    slope[on] = rate[on] ** 2 * tau_m / p[on] / (p[on] + 1.0)
    return slope


def lif_rate(model, current):
    """Firing rate of a LIF neuron driven by a constant current (units in and out).

    f = 1 / (t_ref + tau_m ln((R I + E_L - V_reset) / (R I + E_L - V_th)))  if R I > V_th - E_L,
    f = 0                                                                    otherwise
    (:func:`rate_of_excess` with p = (R I + E_L - V_th) / (V_th - V_reset)).

    Parameters
    ----------
    model : bioneuro.bio.LIF
        tau_m, R, E_L, V_th, V_reset, t_ref are read from it.
    current : Quantity (scalar or array), a current.

    Returns
    -------
    Quantity in Hz, the shape of ``current``.
    """
    import brian2 as b2

    from bioneuro.checks import check_quantity

    check_quantity("current", current, b2.amp, example="0.2*nA", allow_array=True)
    p = model.parameters()
    mu = np.asarray((p["R"] * current + p["E_L"]) / b2.volt, dtype=float)
    v_th, v_reset = float(p["V_th"] / b2.volt), float(p["V_reset"] / b2.volt)
    excess = (mu - v_th) / (v_th - v_reset)
    rate = rate_of_excess(excess, float(p["tau_m"] / b2.second), float(p["t_ref"] / b2.second))
    return rate * b2.Hz
