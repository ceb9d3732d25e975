"""Closed forms for synapses: conductance kernels and PSPs on a passive membrane.

Shared by tests and figures. Times and voltages carry Brian2 units in and out.

A current-based synapse on a passive membrane (LIF below threshold)::

    tau_m dV/dt = -V + R I(t),   V = v - E_L,   I(t) = w k(t)

is linear, so the PSP is the convolution of the kernel with exp(-t/tau_m)/tau_m. For
a kernel written as a sum of exponentials  k(t) = sum_j c_j exp(-t/tau_j)::

    V(t) = R w sum_j c_j tau_j / (tau_j - tau_m) (exp(-t/tau_j) - exp(-t/tau_m))

and for the alpha kernel k(t) = e (t/tau) exp(-t/tau), with a = 1/tau, b = 1/tau_m,
c = a - b::

    V(t) = R w e / (tau_m tau c²) (exp(-b t) - exp(-a t) (1 + c t))
"""

from __future__ import annotations

import numpy as np
from brian2 import ms, mV, second, volt

from bioneuro.checks import check_quantity


def _seconds(t):
    return np.asarray(t / second, dtype=float)


def biexp_peak_time(tau_rise, tau_decay):
    """Time of the peak of exp(-t/tau_decay) - exp(-t/tau_rise):
    t_p = tau_decay tau_rise / (tau_decay - tau_rise) ln(tau_decay / tau_rise)
    (quantities in, out)."""
    return tau_decay * tau_rise / (tau_decay - tau_rise) * np.log(float(tau_decay / tau_rise))


def kernel(synapse, t):
    """Time course s(t)/w of one spike at t = 0 (peak 1), zero for t < 0.

    Parameters
    ----------
    synapse : Synapse
    t : Quantity array of times.

    Returns
    -------
    ndarray, the shape of ``t``.
    """
    check_quantity("t", t, ms, example="5*ms", allow_array=True)
    ts = _seconds(t)
    td = float(synapse.tau_decay / second)
    pos = np.clip(ts, 0, None)
    if synapse.kinetics == "exponential":
        out = np.exp(-pos / td)
    elif synapse.kinetics == "alpha":
        out = np.e * pos / td * np.exp(-pos / td)
    else:
        tr = float(synapse.tau_rise / second)
        out = synapse.norm * (np.exp(-pos / td) - np.exp(-pos / tr))
    return np.where(ts >= 0, out, 0.0)


def _exponential_terms(synapse):
    """(c_j, tau_j) with k(t) = sum c_j exp(-t/tau_j), seconds (not for alpha)."""
    td = float(synapse.tau_decay / second)
    if synapse.kinetics == "exponential":
        return [(1.0, td)]
    tr = float(synapse.tau_rise / second)
    return [(synapse.norm, td), (-synapse.norm, tr)]


def psp_current(synapse, t, *, R, tau_m, weight=None):
    """PSP V(t) = v - E_L of a current-based synapse on a passive membrane.

    Parameters
    ----------
    synapse : Synapse (mode="current")
    t : Quantity array, time since the spike arrived (after the delay).
    R, tau_m : Quantity, membrane resistance and time constant.
    weight : Quantity or None (default: ``synapse.weight``), peak current.

    Returns
    -------
    Quantity in volts, the shape of ``t``; zero for t < 0.
    """
    if synapse.mode != "current":
        raise ValueError(
            f"psp_current needs a current-based synapse (mode='current'); got "
            f"mode={synapse.mode!r}: conductance PSPs have no closed form"
        )
    check_quantity("t", t, ms, example="5*ms", allow_array=True)
    check_quantity("tau_m", tau_m, ms, example="10*ms", positive=True)
    w = synapse.weight if weight is None else synapse.check_weight(weight)
    scale = float(R * w / volt)
    ts = np.clip(_seconds(t), 0, None)
    tm = float(tau_m / second)
    if synapse.kinetics == "alpha":
        tau = float(synapse.tau_decay / second)
        a, b = 1 / tau, 1 / tm
        c = a - b
        if abs(c) * tau < 1e-9:  # tau == tau_m: the limit e t²/(2 tau²) exp(-t/tau)
            v = np.e * ts**2 / (2 * tau * tm) * np.exp(-ts / tau)
        else:
            v = np.e / (tm * tau * c**2) * (np.exp(-b * ts) - np.exp(-a * ts) * (1 + c * ts))
    else:
        v = np.zeros_like(ts)
        for coef, tau in _exponential_terms(synapse):
            if abs(tau - tm) < 1e-12:
                v += coef * ts / tm * np.exp(-ts / tm)
            else:
                v += coef * tau / (tau - tm) * (np.exp(-ts / tau) - np.exp(-ts / tm))
    return np.where(_seconds(t) >= 0, scale * v, 0.0) * volt


def psp_peak(synapse, *, R, tau_m, weight=None, t_max=None):
    """(time, amplitude) of the peak of :func:`psp_current`, found on a 1 µs grid."""
    t_max = t_max if t_max is not None else 10 * (tau_m + synapse.tau_decay)
    t = np.arange(0, float(t_max / second), 1e-6) * second
    v = psp_current(synapse, t, R=R, tau_m=tau_m, weight=weight)
    k = int(np.argmax(np.abs(v)))
    return t[k], v[k]


def threshold_latency(synapse, *, R, tau_m, gap, weight=None):
    """First time the current-based PSP climbs ``gap`` (e.g. V_th - E_L) above rest.

    Returns a time Quantity, or None if the PSP never reaches ``gap``.
    """
    check_quantity("gap", gap, mV, example="15*mV", positive=True)
    t = np.arange(0, float(10 * (tau_m + synapse.tau_decay) / second), 1e-6) * second
    v = psp_current(synapse, t, R=R, tau_m=tau_m, weight=weight)
    above = np.nonzero(v >= gap)[0]
    return None if len(above) == 0 else t[above[0]]


__all__ = ["biexp_peak_time", "kernel", "psp_current", "psp_peak", "threshold_latency"]
