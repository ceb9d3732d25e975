"""The STDP window, measured: one spike pair per time difference, all in one network."""

from __future__ import annotations

import brian2 as b2
import numpy as np
from brian2 import ms

from bioneuro.bio.backends.brian import TARGETS, codeobj_class
from bioneuro.bio.models.plasticity import STDP
from bioneuro.checks import check_budget, check_choice, check_quantity, progress
from bioneuro.curves import ResponseCurve


def stdp_window(rule, delta_t, *, w_start=None, dt=0.01 * ms, target="numpy"):
    """Measure the STDP window by simulating one spike pair per Δt.

    All pairs run in ONE Brian2 network: synapse k joins presynaptic neuron k to
    postsynaptic neuron k (spike generators), and sees exactly one pair, pre at
    t0 and post at t0 + Δt_k, so the pairs cannot interact. Each weight starts at
    ``w_start`` (default w_max/2) and is read after the run.

    Parameters
    ----------
    rule : STDP
    delta_t : Quantity array
        Δt = t_post - t_pre; rounded to the ``dt`` grid. A non-zero Δt shorter than
        one step would round to 0 (or flip its sign) and is refused.
    w_start : float or Quantity, optional
    dt : Quantity
    target : {"numpy", "cython", "auto"}
        Code generation target (numpy default: a tiny network, no compile wait).

    Returns
    -------
    ResponseCurve with x = Δt (the simulated, grid-rounded values) and
    y = Δw / w_max (plain numbers).
    """
    if not isinstance(rule, STDP):
        raise TypeError(f"rule must be an STDP rule, e.g. STDP.song(); got {rule!r}")
    check_quantity("delta_t", delta_t, ms, example="np.arange(-50, 51, 5)*ms", allow_array=True)
    check_quantity("dt", dt, ms, example="0.01*ms", positive=True)
    check_choice("target", target, TARGETS)
    ratio = np.atleast_1d(np.asarray(delta_t / dt, dtype=float))
    if ratio.ndim != 1 or ratio.size == 0:
        raise ValueError(
            f"delta_t must hold at least one time difference, e.g. [10]*ms; got {delta_t}"
        )
    short = (ratio != 0) & (np.abs(ratio) < 1)
    if np.any(short):
        raise ValueError(
            f"delta_t must be 0 or at least one step of dt={dt} long (shorter ones would "
            f"round to 0); got {np.atleast_1d(np.asarray(delta_t / ms))[short][:3]} ms"
        )
    n = ratio.size
    longest = float(np.max(np.abs(ratio)))
    check_budget(
        "delta_t",
        delta_t,
        nbytes=n * 40 * 8,
        steps=2 * longest + 30,
        work=(2 * longest + 30) * n,
        what=f"{n} pairs over 2 x max|delta_t|/dt = {2 * longest:.3g} steps",
    )
    steps = np.round(ratio).astype(int)
    if w_start is None:
        w_start = rule.w_max / 2
    elif isinstance(rule.w_max, b2.Quantity):
        check_quantity("w_start", w_start, rule.w_max, example="1*nS", nonnegative=True)
    else:
        from bioneuro.checks import check_number

        check_number("w_start", w_start, example="0.5", nonnegative=True)
    if w_start > rule.w_max:
        raise ValueError(f"w_start must be in [0, w_max={rule.w_max}]; got {w_start}")
    codeobj = codeobj_class(target)
    t0 = int(np.max(np.abs(steps))) + 10  # in steps: every spike after t = 0
    pre_t = np.full(n, t0) * dt
    post_t = (t0 + steps) * dt
    pre = b2.SpikeGeneratorGroup(
        n, np.arange(n), pre_t, dt=dt, name="bioneuro_stdp_pre", codeobj_class=codeobj
    )
    post = b2.SpikeGeneratorGroup(
        n, np.arange(n), post_t, dt=dt, name="bioneuro_stdp_post", codeobj_class=codeobj
    )
    syn = b2.Synapses(
        pre,
        post,
        model=rule.synapse_model(),
        on_pre=rule.on_pre(),
        on_post=rule.on_post(),
        dt=dt,
        name="bioneuro_stdp_synapses",
        codeobj_class=codeobj,
    )
    syn.connect(j="i")
    rule.set_parameters(syn)
    syn.w = w_start
    net = b2.Network(pre, post, syn, name="bioneuro_stdp_network")
    net.run((2 * t0 + 10) * dt, namespace={}, **progress(2 * t0 + 10, (2 * t0 + 10) * n))
    dw = np.asarray((syn.w[:] - w_start) / rule.w_max, dtype=float)
    order = np.argsort(np.asarray(syn.i[:]))
    return ResponseCurve(
        x=steps * dt,
        y=dw[order],
        x_label="Δt = t_post - t_pre (ms)",
        y_label="Δw / w_max",
        label="STDP, simulated pairs",
        meta={"rule": repr(rule), "dt": dt, "w_start": w_start, "pairing": "all-to-all"},
    )


__all__ = ["stdp_window"]
