"""Spike-timing-dependent plasticity (STDP): the biological way of adjusting a weight.

Pair-based, **all-to-all** STDP with hard bounds, written with Brian2's
event-driven traces (every earlier spike of the other side contributes, not only the
nearest one)::

    dapre/dt  = -apre / tau_plus
    dapost/dt = -apost / tau_minus
    on a presynaptic spike:   apre  += A_plus;   w = clip(w - w_max apost, 0, w_max)
    on a postsynaptic spike:  apost += A_minus;  w = clip(w + w_max apre, 0, w_max)

so one pair with Δt = t_post - t_pre changes the weight by
Δw / w_max = A_plus exp(-Δt/tau_plus) (Δt > 0) or -A_minus exp(Δt/tau_minus) (Δt < 0).
"""

from __future__ import annotations

import brian2 as b2
from brian2 import ms

from bioneuro.bio.backends.equations import unit_string
from bioneuro.checks import check_number, check_quantity
from bioneuro.theory.stdp import stdp_integral


class STDP:
    """Pair-based all-to-all STDP with hard bounds [0, w_max].

    Parameters
    ----------
    tau_plus, tau_minus : Quantity
        Time constants of potentiation (pre before post) and depression.
    A_plus, A_minus : float
        Amplitudes, as fractions of ``w_max`` (both >= 0; depression is -A_minus).
    w_max : float or Quantity
        Upper bound of the weight; its unit is the weight's (e.g. ``2*nS`` for a
        conductance synapse, a plain number for a dimensionless weight).
    """

    def __init__(
        self, tau_plus=16.8 * ms, tau_minus=33.7 * ms, A_plus=0.01, A_minus=0.0105, w_max=1.0
    ):
        self.tau_plus = check_quantity("tau_plus", tau_plus, ms, example="16.8*ms", positive=True)
        self.tau_minus = check_quantity(
            "tau_minus", tau_minus, ms, example="33.7*ms", positive=True
        )
        self.A_plus = check_number("A_plus", A_plus, example="0.01", nonnegative=True)
        self.A_minus = check_number("A_minus", A_minus, example="0.0105", nonnegative=True)
        if isinstance(w_max, b2.Quantity) and not b2.get_dimensions(w_max).is_dimensionless:
            check_quantity("w_max", w_max, w_max, example="1*nS", positive=True)
        else:
            check_number("w_max", w_max, example="1.0", positive=True)
            w_max = float(w_max)
        self.w_max = w_max

    @classmethod
    def bi_poo(cls, w_max=1.0):
        """Bi & Poo (1998) hippocampal cultures: tau_plus 16.8 ms, tau_minus 33.7 ms.

        The exponential fits of their data give relative changes of the EPSC,
        Δw/w = 0.777 exp(-Δt/16.8 ms) and -0.273 exp(Δt/33.7 ms) (quoted in Bi & Poo
        2001, Annu. Rev. Neurosci. 24:139, and van Rossum, Bi & Turrigiano 2000).
        Here a synapse that starts at half its maximum (w = w_max/2) changes by those
        fractions, so A_plus = 0.777/2, A_minus = 0.273/2 (fractions of w_max).
        """
        return cls(16.8 * ms, 33.7 * ms, 0.777 / 2, 0.273 / 2, w_max)

    @classmethod
    def song(cls, w_max=1.0):
        """Song, Miller & Abbott (2000): tau_plus = tau_minus = 20 ms, A_plus = 0.005,
        A_minus / A_plus = 1.05, so depression dominates the integral of the window."""
        return cls(20 * ms, 20 * ms, 0.005, 0.005 * 1.05, w_max)

    @property
    def weight_unit(self):
        """Unit string of the weight (``"1"`` for a dimensionless weight)."""
        return unit_string(self.w_max)

    def synapse_model(self) -> str:
        """Brian2 Synapses model: the weight, the traces and the rule's constants."""
        return (
            f"w : {self.weight_unit}\n"
            "dapre/dt = -apre / tau_plus : 1 (event-driven)\n"
            "dapost/dt = -apost / tau_minus : 1 (event-driven)\n"
            "tau_plus : second (constant, shared)\n"
            "tau_minus : second (constant, shared)\n"
            "A_plus : 1 (constant, shared)\n"
            "A_minus : 1 (constant, shared)\n"
            f"w_max : {self.weight_unit} (constant, shared)\n"
        )

    def on_pre(self) -> str:
        return "apre += A_plus\nw = clip(w - w_max * apost, 0 * w_max, w_max)"

    def on_post(self) -> str:
        return "apost += A_minus\nw = clip(w + w_max * apre, 0 * w_max, w_max)"

    def set_parameters(self, synapses):
        """Write the rule's constants into a ``b2.Synapses`` built with :meth:`synapse_model`."""
        synapses.tau_plus = self.tau_plus
        synapses.tau_minus = self.tau_minus
        synapses.A_plus = self.A_plus
        synapses.A_minus = self.A_minus
        synapses.w_max = self.w_max

    def integral(self):
        """∫ Δw/w_max dΔt = A_plus tau_plus - A_minus tau_minus (a time);
        :func:`bioneuro.theory.stdp.stdp_integral`."""
        return stdp_integral(self)

    def __repr__(self) -> str:
        return (
            f"STDP(tau_plus={self.tau_plus}, tau_minus={self.tau_minus}, "
            f"A_plus={self.A_plus:g}, A_minus={self.A_minus:g}, w_max={self.w_max})"
        )


__all__ = ["STDP"]
