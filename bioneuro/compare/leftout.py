"""Two small models of what the artificial neuron leaves out (for the gallery).

Neither exists elsewhere in bioneuro, so they are written here, as small as possible:

* :func:`adaptive_lif` — a leaky integrate-and-fire neuron with a spike-triggered
  adaptation current (Brette & Gerstner 2005 without the exponential term; Gerstner et
  al., *Neuronal Dynamics*, ch. 6)::

      tau_m dv/dt = E_L - v + R (I - w)          (v held at V_reset for t_ref after a spike)
      tau_w dw/dt = -w
      v >= V_th  ->  spike, v = V_reset, w = w + b

  Each step integrates v exactly with w held constant over the step
  (v <- v_inf + (v - v_inf) exp(-dt/tau_m), v_inf = E_L + R (I - w)) and w exactly
  (w <- w exp(-dt/tau_w)). With ``b = 0`` it is :class:`bioneuro.bio.LIF` and its rate
  is the closed form :func:`bioneuro.bio.analytic.lif_rate`; with ``b > 0`` the
  intervals lengthen after the onset of a step: the neuron remembers its own spikes.

* :func:`branch_neuron` — the two-layer model of a pyramidal cell of Poirazi, Brannon
  & Mel (2003): every dendritic branch sums its own synapses and passes the sum through
  a sigmoid, and the soma adds the branch outputs::

      output = Σ_b s(Σ_{i on b} w_i x_i),   s(u) = 1 / (1 + exp(-(u - theta) / k))

  The branches are the hidden units of a small network inside one neuron. The default
  theta = 4, k = 0.7 (in units of one synapse's weight) are illustrative, not fitted:
  a branch stays nearly silent with one or two active synapses and saturates with six.
"""

from __future__ import annotations

import numpy as np
from brian2 import Mohm, ms, mV, nA, second

from bioneuro.checks import check_number, check_quantity


def adaptive_lif(
    current,
    duration,
    *,
    tau_m=10 * ms,
    R=100 * Mohm,
    E_L=-65 * mV,
    V_th=-50 * mV,
    V_reset=-65 * mV,
    t_ref=2 * ms,
    tau_w=100 * ms,
    b=0.1 * nA,
    start=0 * ms,
    dt=0.01 * ms,
):
    """Simulate the adaptive LIF (module docstring) driven by a current step.

    Parameters
    ----------
    current : Quantity
        Step amplitude, switched on at ``start`` and kept on.
    duration, start, dt : Quantity
    tau_m, R, E_L, V_th, V_reset, t_ref : LIF parameters (defaults of ``bio.LIF``).
    tau_w : Quantity
        Decay time of the adaptation current (default 100 ms).
    b : Quantity
        Jump of the adaptation current per spike (default 0.1 nA; 0 gives a plain LIF).

    Returns
    -------
    dict with ``t`` (ms, array), ``v`` (mV, array), ``w`` (nA, array) and
    ``spike_times`` (ms, array).
    """
    check_quantity("current", current, nA, example="0.5*nA")
    check_quantity("duration", duration, ms, example="500*ms", positive=True)
    check_quantity("start", start, ms, example="50*ms", nonnegative=True)
    check_quantity("dt", dt, ms, example="0.01*ms", positive=True)
    check_quantity("tau_m", tau_m, ms, example="10*ms", positive=True)
    check_quantity("tau_w", tau_w, ms, example="100*ms", positive=True)
    check_quantity("R", R, Mohm, example="100*Mohm", positive=True)
    check_quantity("t_ref", t_ref, ms, example="2*ms", nonnegative=True)
    check_quantity("b", b, nA, example="0.1*nA", nonnegative=True)
    for name, value in (("E_L", E_L), ("V_th", V_th), ("V_reset", V_reset)):
        check_quantity(name, value, mV, example="-65*mV")
    if not V_reset < V_th:
        raise ValueError(f"V_reset must be below V_th; got V_reset={V_reset}, V_th={V_th}")
    if dt > duration:
        raise ValueError(f"dt must be smaller than duration; got dt={dt}, duration={duration}")
    h = float(dt / second)
    n = int(round(float(duration / dt)))
    el, vth, vr = (float(x / mV) for x in (E_L, V_th, V_reset))
    r_mv_per_na = float(R * nA / mV)
    i_amp, jump = float(current / nA), float(b / nA)
    decay_v = np.exp(-h / float(tau_m / second))
    decay_w = np.exp(-h / float(tau_w / second))
    t_on, ref = float(start / second), float(t_ref / second)
    v, w, last = el, 0.0, -np.inf
    vs, ws, spikes = np.empty(n + 1), np.empty(n + 1), []
    vs[0], ws[0] = v, w
    for k in range(1, n + 1):
        t = k * h
        drive = i_amp if t > t_on else 0.0
        if t - last < ref - 1e-12:
            v = vr
        else:
            v_inf = el + r_mv_per_na * (drive - w)
            v = v_inf + (v - v_inf) * decay_v
        w *= decay_w
        if v >= vth:
            spikes.append(t)
            v, w, last = vr, w + jump, t
        vs[k], ws[k] = v, w
    return {
        "t": np.arange(n + 1) * h * 1e3,
        "v": vs,
        "w": ws,
        "spike_times": np.asarray(spikes) * 1e3,
    }


def branch_sigmoid(u, *, theta=4.0, k=0.7):
    """s(u) = 1 / (1 + exp(-(u - theta) / k)): a branch's output for summed input ``u``."""
    check_number("theta", theta, example="4.0")
    check_number("k", k, example="0.7", positive=True)
    return 1.0 / (1.0 + np.exp(-(np.asarray(u, dtype=float) - theta) / k))


def branch_neuron(active_per_branch, *, weight=1.0, theta=4.0, k=0.7):
    """Output of the two-layer cell: Σ_b s(weight * n_b) for n_b active synapses on branch b.

    Parameters
    ----------
    active_per_branch : array_like, shape (..., n_branches)
        Number of active synapses on each branch (last axis); leading axes are cases.
    weight : float
        Weight of every synapse (the same for all).

    Returns
    -------
    ndarray, shape (...): the summed branch outputs.
    """
    n = np.asarray(active_per_branch, dtype=float)
    if n.ndim == 0 or n.shape[-1] == 0 or np.any(n < 0) or not np.all(np.isfinite(n)):
        raise ValueError(
            f"active_per_branch must hold counts >= 0 with one entry per branch "
            f"on its last axis, e.g. [[6, 0, 0], [2, 2, 2]]; got "
            f"{active_per_branch!r}"
        )
    check_number("weight", weight, example="1.0")
    return branch_sigmoid(weight * n, theta=theta, k=k).sum(axis=-1)
