"""The pair-based STDP window: closed form and integral.

One pair of spikes with Δt = t_post - t_pre changes the weight by::

    Δw / w_max = A+ exp(-Δt/tau+)     for Δt > 0 (pre before post: potentiation)
    Δw / w_max = -A- exp(Δt/tau-)     for Δt < 0 (post before pre: depression)

and the window's integral is ∫ Δw/w_max dΔt = A+ tau+ - A- tau- (negative: depression
dominates, as in Song, Miller & Abbott 2000). ``rule`` is any object with ``tau_plus``,
``tau_minus`` (times), ``A_plus`` and ``A_minus`` (plain numbers), such as
:class:`bioneuro.bio.STDP`.
"""

from __future__ import annotations

import numpy as np
from brian2 import ms, second

from bioneuro.checks import check_quantity


def _seconds(t):
    return np.asarray(t / second, dtype=float)


def stdp_formula(rule, delta_t):
    """The pair-based STDP window, Δw / w_max, for Δt = t_post - t_pre.

    Δw / w_max = A+ exp(-Δt/tau+)   for Δt > 0 (pre before post: potentiation)
    Δw / w_max = -A- exp(Δt/tau-)   for Δt < 0 (post before pre: depression)
    """
    check_quantity("delta_t", delta_t, ms, example="10*ms", allow_array=True)
    dt = _seconds(delta_t)
    tp, tm = float(rule.tau_plus / second), float(rule.tau_minus / second)
    with np.errstate(over="ignore"):
        pot = rule.A_plus * np.exp(-np.abs(dt) / tp)
        dep = -rule.A_minus * np.exp(-np.abs(dt) / tm)
    return np.where(dt > 0, pot, np.where(dt < 0, dep, 0.0))


def stdp_integral(rule):
    """∫ Δw/w_max dΔt = A+ tau+ - A- tau- (a time; negative: depression dominates)."""
    return rule.A_plus * rule.tau_plus - rule.A_minus * rule.tau_minus


__all__ = ["stdp_formula", "stdp_integral"]
