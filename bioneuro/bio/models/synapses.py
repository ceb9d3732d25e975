"""Synapses: kinetics, receptor presets, weights and delays, on Brian2.

A :class:`Synapse` is a description, like a point model: what the synaptic
conductance (or current) does after a presynaptic spike, with a weight and a delay.
It writes two pieces of Brian2 code, once:

* the **postsynaptic variables** (added to the target neuron's equations), e.g. for
  an exponential AMPA synapse named ``ampa``::

      ds_ampa/dt = -s_ampa / tau_decay_ampa : siemens
      I_ampa = s_ampa * (E_ampa - v) : amp

* the **on_pre** statement run by the ``b2.Synapses`` object for each arriving
  spike, e.g. ``s_ampa += w`` (the weight ``w`` lives on the synapse).

Kinetics (each normalised so that one spike of weight ``w`` gives a peak ``s = w``):

==================  ===================================================  ==============
name                s(t) after one spike at t = 0                          variables
==================  ===================================================  ==============
``exponential``     w exp(-t/tau_decay)                                    s
``alpha``           w (t/tau_decay) exp(1 - t/tau_decay)                   s, x
``biexponential``   w f (exp(-t/tau_decay) - exp(-t/tau_rise))             a, b (s = a-b)
==================  ===================================================  ==============

with ``f = 1 / (exp(-t_p/tau_decay) - exp(-t_p/tau_rise))`` and the time of peak
``t_p = tau_decay tau_rise / (tau_decay - tau_rise) ln(tau_decay / tau_rise)``
("difference of exponentials").

Modes: ``"current"`` (``I = s``, weight in amperes, may be negative for inhibition) and
``"conductance"`` (``I = s (E_rev - v)``, weight in siemens, >= 0; NMDA adds the
magnesium block ``I = s B(v) (E_rev - v)``).
"""

from __future__ import annotations

import numpy as np
from brian2 import amp, mM, ms, mV, nS, pA, siemens

from bioneuro.bio.backends.equations import parameter_declarations
from bioneuro.checks import check_choice, check_quantity
from bioneuro.theory.psp import biexp_peak_time

KINETICS = ("exponential", "alpha", "biexponential")
MODES = ("current", "conductance")

#: Jahr & Stevens (1990) magnesium block: B(V) = 1 / (1 + [Mg]/MG_HALF exp(-MG_SLOPE V)).
MG_HALF = 3.57 * mM
MG_SLOPE = 0.062 / mV


def nmda_block(v, mg=1 * mM):
    """Fraction of NMDA conductance not blocked by magnesium (Jahr & Stevens 1990).

    B(V) = 1 / (1 + [Mg]/3.57 mM · exp(-0.062 V/mV))

    Parameters
    ----------
    v : Quantity (scalar or array), a voltage.
    mg : Quantity, the extracellular magnesium concentration (default 1 mM).

    Returns
    -------
    ndarray (or float) between 0 and 1, the shape of ``v``.
    """
    check_quantity("v", v, mV, example="-65*mV", allow_array=True)
    check_quantity("mg", mg, mM, example="1*mM", nonnegative=True)
    ratio = float(mg / MG_HALF)
    return 1.0 / (1.0 + ratio * np.exp(-np.asarray(MG_SLOPE * v, dtype=float)))


def _check_name(name):
    if not isinstance(name, str) or not name.isidentifier() or not name.islower():
        raise ValueError(
            f"name must be a lower-case identifier used in variable names, e.g. 'ampa'; "
            f"got {name!r}"
        )
    return name


class Synapse:
    """A synapse type: kinetics, mode, time constants, reversal potential, weight, delay.

    Parameters
    ----------
    name : str
        Lower-case identifier; the postsynaptic variables are ``s_<name>``,
        ``I_<name>``, ... so several synapse types can sit on one neuron.
    kinetics : {"exponential", "alpha", "biexponential"}
        Time course after a spike (see the module docstring).
    mode : {"current", "conductance"}
        Current-based (``I = s``) or conductance-based (``I = s (E_rev - v)``).
    tau_decay : Quantity
        Decay time constant (for ``alpha``: the time of peak).
    tau_rise : Quantity or None
        Rise time constant, ``biexponential`` only; must be < tau_decay.
    E_rev : Quantity
        Reversal potential (conductance mode).
    weight : Quantity
        Default weight: peak conductance (siemens) or peak current (ampere) of one spike.
    delay : Quantity
        Default axonal + synaptic delay (>= 0).
    mg : Quantity or None
        Extracellular magnesium: adds the NMDA block B(v) (conductance mode only).
    """

    def __init__(
        self,
        name="syn",
        *,
        kinetics="exponential",
        mode="conductance",
        tau_decay=5 * ms,
        tau_rise=None,
        E_rev=0 * mV,
        weight=None,
        delay=0 * ms,
        mg=None,
    ):
        self.name = _check_name(name)
        self.kinetics = check_choice("kinetics", kinetics, KINETICS)
        self.mode = check_choice("mode", mode, MODES)
        self.tau_decay = check_quantity("tau_decay", tau_decay, ms, example="5*ms", positive=True)
        if kinetics == "biexponential":
            if tau_rise is None:
                raise ValueError("tau_rise is needed for biexponential kinetics, e.g. 0.5*ms")
            check_quantity("tau_rise", tau_rise, ms, example="0.5*ms", positive=True)
            if not tau_rise < tau_decay:
                raise ValueError(
                    f"tau_rise must be < tau_decay for biexponential kinetics; got "
                    f"tau_rise={tau_rise}, tau_decay={tau_decay}"
                )
        elif tau_rise is not None:
            raise ValueError(
                f"tau_rise is only used by biexponential kinetics; got tau_rise={tau_rise} "
                f"with kinetics={kinetics!r}"
            )
        self.tau_rise = tau_rise
        self.E_rev = check_quantity("E_rev", E_rev, mV, example="0*mV")
        if weight is None:
            weight = 1 * nS if mode == "conductance" else 10 * pA
        self.weight = self.check_weight(weight)
        self.delay = check_quantity("delay", delay, ms, example="1*ms", nonnegative=True)
        if mg is not None:
            check_quantity("mg", mg, mM, example="1*mM", nonnegative=True)
            if mode != "conductance":
                raise ValueError("mg (the NMDA magnesium block) needs mode='conductance'")
        self.mg = mg

    # ------------------------------------------------------------------ checks
    @property
    def weight_unit(self):
        """``siemens`` (conductance mode) or ``amp`` (current mode)."""
        return siemens if self.mode == "conductance" else amp

    def check_weight(self, weight, name="weight"):
        """Check a weight (scalar or array) has this synapse's unit; return it."""
        example = "1*nS" if self.mode == "conductance" else "10*pA"
        check_quantity(
            name,
            weight,
            self.weight_unit,
            example=example,
            nonnegative=self.mode == "conductance",
            allow_array=True,
        )
        return weight

    # ------------------------------------------------------------------ code
    @property
    def norm(self) -> float:
        """Factor applied to the weight at each spike so that the peak of s is ``w``."""
        if self.kinetics == "exponential":
            return 1.0
        if self.kinetics == "alpha":
            return float(np.e)
        tp = biexp_peak_time(self.tau_rise, self.tau_decay)
        return 1.0 / (np.exp(-float(tp / self.tau_decay)) - np.exp(-float(tp / self.tau_rise)))

    @property
    def current(self) -> str:
        """Name of the postsynaptic current variable, ``I_<name>``."""
        return f"I_{self.name}"

    @property
    def jump_variable(self) -> str:
        """The postsynaptic variable a spike increments."""
        return {"exponential": "s", "alpha": "x", "biexponential": "a"}[self.kinetics] + (
            f"_{self.name}"
        )

    def neuron_equations(self, point_current=False) -> str:
        """Postsynaptic state variables and current, to add to the target's equations.

        ``point_current=True`` flags ``I_<name>`` as a Brian2 ``(point current)``, for a
        synapse on one compartment of a ``SpatialNeuron`` (:meth:`bioneuro.bio.Cell.attach`).
        """
        n = self.name
        unit = "siemens" if self.mode == "conductance" else "amp"
        if self.kinetics == "exponential":
            eqs = f"ds_{n}/dt = -s_{n} / tau_decay_{n} : {unit}\n"
        elif self.kinetics == "alpha":
            eqs = (
                f"ds_{n}/dt = (x_{n} - s_{n}) / tau_decay_{n} : {unit}\n"
                f"dx_{n}/dt = -x_{n} / tau_decay_{n} : {unit}\n"
            )
        else:
            eqs = (
                f"da_{n}/dt = -a_{n} / tau_decay_{n} : {unit}\n"
                f"db_{n}/dt = -b_{n} / tau_rise_{n} : {unit}\n"
                f"s_{n} = a_{n} - b_{n} : {unit}\n"
            )
        flag = " (point current)" if point_current else ""
        if self.mode == "current":
            eqs += f"I_{n} = s_{n} : amp{flag}\n"
        elif self.mg is None:
            eqs += f"I_{n} = s_{n} * (E_{n} - v) : amp{flag}\n"
        else:
            eqs += (
                f"B_{n} = 1 / (1 + mg_{n} / mg_half_{n} * exp(-mg_slope_{n} * v)) : 1\n"
                f"I_{n} = s_{n} * B_{n} * (E_{n} - v) : amp{flag}\n"
            )
        return eqs + parameter_declarations(self.neuron_parameters())

    def neuron_parameters(self) -> dict:
        """Values of the shared constants the postsynaptic equations use."""
        n = self.name
        params = {f"tau_decay_{n}": self.tau_decay}
        if self.kinetics == "biexponential":
            params[f"tau_rise_{n}"] = self.tau_rise
        if self.mode == "conductance":
            params[f"E_{n}"] = self.E_rev
        if self.mg is not None:
            params[f"mg_{n}"] = self.mg
            params[f"mg_half_{n}"] = MG_HALF
            params[f"mg_slope_{n}"] = MG_SLOPE
        return params

    def on_pre(self, weight="w") -> str:
        """Statement run at the target when a spike arrives."""
        norm = self.norm
        if self.kinetics == "biexponential":
            return (
                f"a_{self.name}_post += {weight} * {float(norm)!r}\n"
                f"b_{self.name}_post += {weight} * {float(norm)!r}"
            )
        factor = "" if norm == 1.0 else f" * {float(norm)!r}"
        return f"{self.jump_variable}_post += {weight}{factor}"

    def replace(self, **changes):
        """A copy with some attributes changed (``weight=``, ``delay=``, ``name=``...)."""
        args = {
            "name": self.name,
            "kinetics": self.kinetics,
            "mode": self.mode,
            "tau_decay": self.tau_decay,
            "tau_rise": self.tau_rise,
            "E_rev": self.E_rev,
            "weight": self.weight,
            "delay": self.delay,
            "mg": self.mg,
        }
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise TypeError(f"Synapse.replace got unknown attribute(s) {', '.join(unknown)}")
        args.update(changes)
        if changes.get("mode") and "weight" not in changes:
            args["weight"] = None
        name = args.pop("name")
        return Synapse(name, **args)

    def __repr__(self) -> str:
        rise = f", tau_rise={self.tau_rise}" if self.tau_rise is not None else ""
        mg = f", mg={self.mg}" if self.mg is not None else ""
        return (
            f"Synapse({self.name!r}, {self.kinetics}, {self.mode}, "
            f"tau_decay={self.tau_decay}{rise}, E_rev={self.E_rev}, weight={self.weight}, "
            f"delay={self.delay}{mg})"
        )


# ---------------------------------------------------------------------- presets
# Time constants and reversal potentials: Brunel & Wang (2001), J. Comput. Neurosci.
# 11:63-85 (AMPA decay 2 ms; NMDA rise 2 ms, decay 100 ms; GABA_A decay 5 ms;
# E_AMPA = E_NMDA = 0 mV, E_GABA = -70 mV; [Mg] = 1 mM), the values used across
# cortical network models; AMPA rise 0.2 ms from Destexhe, Mainen & Sejnowski (1998),
# "Kinetic models of synaptic transmission" (Methods in Neuronal Modeling, ch. 1).
# GABA_B: slow, K+-mediated (E = -95 mV); rounded to rise 30 ms, decay 150 ms, the
# order of magnitude of Destexhe et al. (1998) and Otis, De Koninck & Mody (1993).


def AMPA(weight=1 * nS, delay=1 * ms, name="ampa", mode="conductance"):
    """Fast glutamatergic (AMPA) synapse: rise 0.2 ms, decay 2 ms, E_rev 0 mV.

    Difference of exponentials, tau_rise 0.2 ms (Destexhe, Mainen & Sejnowski 1998),
    tau_decay 2 ms and E_rev 0 mV (Brunel & Wang 2001).
    """
    return Synapse(
        name,
        kinetics="biexponential",
        mode=mode,
        tau_rise=0.2 * ms,
        tau_decay=2 * ms,
        E_rev=0 * mV,
        weight=weight,
        delay=delay,
    )


def NMDA(weight=1 * nS, delay=1 * ms, name="nmda", mg=1 * mM):
    """Slow glutamatergic (NMDA) synapse with the magnesium block.

    Difference of exponentials, tau_rise 2 ms, tau_decay 100 ms, E_rev 0 mV, [Mg] 1 mM
    (Brunel & Wang 2001); I = s B(v) (E_rev - v) with
    B(v) = 1 / (1 + [Mg]/3.57 mM · exp(-0.062 v/mV)) (Jahr & Stevens 1990).
    """
    return Synapse(
        name,
        kinetics="biexponential",
        mode="conductance",
        tau_rise=2 * ms,
        tau_decay=100 * ms,
        E_rev=0 * mV,
        weight=weight,
        delay=delay,
        mg=mg,
    )


def GABA_A(weight=1 * nS, delay=1 * ms, name="gaba_a", mode="conductance"):
    """Fast inhibitory (GABA_A, Cl-) synapse: rise 0.5 ms, decay 5 ms, E_rev -70 mV.

    tau_decay 5 ms, E_rev -70 mV (Brunel & Wang 2001); rise 0.5 ms (Destexhe et al. 1998).
    """
    return Synapse(
        name,
        kinetics="biexponential",
        mode=mode,
        tau_rise=0.5 * ms,
        tau_decay=5 * ms,
        E_rev=-70 * mV,
        weight=weight,
        delay=delay,
    )


def GABA_B(weight=0.2 * nS, delay=1 * ms, name="gaba_b"):
    """Slow inhibitory (GABA_B, K+ through GIRK channels) synapse.

    Rise 30 ms, decay 150 ms, E_rev -95 mV: rounded values of the order given by
    Destexhe et al. (1998) and Otis, De Koninck & Mody (1993). The real response is
    G-protein mediated and grows supralinearly with the number of spikes; a linear
    difference of exponentials is the simplest stand-in.
    """
    return Synapse(
        name,
        kinetics="biexponential",
        mode="conductance",
        tau_rise=30 * ms,
        tau_decay=150 * ms,
        E_rev=-95 * mV,
        weight=weight,
        delay=delay,
    )


PRESETS = {"ampa": AMPA, "nmda": NMDA, "gaba_a": GABA_A, "gaba_b": GABA_B}
