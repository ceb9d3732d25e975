"""Ion channels and their temperature scaling: one source for every backend and every cell.

Two membranes, each a :class:`ChannelSet` (rates, currents, gates, defaults):

* :data:`HH`: the squid giant axon (Hodgkin & Huxley 1952) in the modern voltage
  convention (rest near -65 mV, depolarisation positive, inward current negative), rates
  at 6.3 °C (:data:`HH_RATES`, :data:`HH_CURRENTS`);
* :data:`CORTICAL`: the regular-spiking pyramidal cell of the neocortex (Pospischil et
  al. 2008, Biol. Cybern. 99:427): Traub & Miles (1991) sodium and delayed-rectifier
  potassium gates shifted by a threshold parameter V_T, plus the slow M-current
  potassium gate p that makes the cell adapt (:data:`CORTICAL_RATES`,
  :data:`CORTICAL_SLOW_GATE`, :data:`CORTICAL_CURRENTS`); rates at 36 °C.

Each rate is a string in Brian2's syntax, with units. The Brian2 backend pastes the
strings into its equations as they are; the scipy backend (:mod:`bioneuro.bio.backends.ode`)
evaluates the *same strings* with numpy, binding every unit to its value in a coherent
unit system where mV = 1 and ms = 1. Point models (:mod:`bioneuro.bio.models.point`) and
cells (:mod:`bioneuro.bio.cell`, ``channels=``) use the same strings.

Temperature: every gate runs phi = Q10 ** ((T - T_ref)/10) times faster at T (Q10 = 3).

``exprel(x) = (exp(x) - 1)/x`` removes the removable singularities of alpha_m at
-40 mV and alpha_n at -55 mV: 0.1 (V + 40)/(1 - exp(-(V + 40)/10)) = 1/exprel(-(V + 40)/10).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import brian2 as b2
import numpy as np
from brian2 import cm, mS, ms, mV, uF
from scipy.special import exprel

#: Temperature at which HH measured the rates, in °C.
REFERENCE_CELSIUS = 6.3
#: Temperature coefficient of the rates (HH 1952: 3 per 10 °C).
Q10 = 3.0

#: Opening (alpha) and closing (beta) rates of the gates m, h, n at 6.3 °C, V in mV.
HH_RATES = {
    "alpha_m": "(1/ms) / exprel(-(v/mV + 40)/10)",  # = 0.1 (V+40) / (1 - exp(-(V+40)/10)) /ms
    "beta_m": "(4/ms) * exp(-(v/mV + 65)/18)",
    "alpha_h": "(0.07/ms) * exp(-(v/mV + 65)/20)",
    "beta_h": "(1/ms) / (1 + exp(-(v/mV + 35)/10))",
    "alpha_n": "(0.1/ms) / exprel(-(v/mV + 55)/10)",  # = 0.01 (V+55) / (1 - exp(-(V+55)/10)) /ms
    "beta_n": "(0.125/ms) * exp(-(v/mV + 65)/80)",
}

#: Ionic current densities (outward positive), in Brian2 syntax.
HH_CURRENTS = """
I_Na = g_Na * m**3 * h * (v - E_Na) : amp/meter**2
I_K = g_K * n**4 * (v - E_K) : amp/meter**2
I_L = g_L * (v - E_L) : amp/meter**2
"""


def q10_factor(celsius, q10=Q10, reference=REFERENCE_CELSIUS):
    """Rate multiplier at ``celsius``: phi = q10 ** ((celsius - reference) / 10)."""
    return q10 ** ((celsius - reference) / 10.0)


def hh_gate_equations(phi="phi") -> str:
    """Brian2 equations of the gates: dx/dt = phi (alpha_x (1 - x) - beta_x x), x in m, h, n.

    ``phi`` names the temperature factor (a parameter, so changing the temperature
    does not change the generated code).
    """
    lines = [
        f"d{x}/dt = {phi} * (alpha_{x} * (1 - {x}) - beta_{x} * {x}) : 1" for x in ("m", "h", "n")
    ]
    lines += [f"{name} = {expr} : Hz" for name, expr in HH_RATES.items()]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- cortex
#: Temperature at which Pospischil et al. (2008) simulated their cortical cells, in °C.
CORTICAL_REFERENCE_CELSIUS = 36.0
#: Body temperature of a mammal, where the cortical cell runs by default, in °C.
BODY_CELSIUS = 37.0

#: Opening (alpha) and closing (beta) rates of the cortical sodium (m, h) and delayed-
#: rectifier potassium (n) gates at 36 °C (Traub & Miles 1991, as used by Pospischil et
#: al. 2008), V in mV, shifted by the threshold parameter ``V_T``, and the steady state
#: and time constant of the slow, non-inactivating potassium (M-current) gate p (Yamada,
#: Koch & Adams 1989). ``exprel`` writes the removable singularities once:
#: 0.32 (V - V_T - 13) / (1 - exp(-(V - V_T - 13)/4)) = 1.28 / exprel(-(V - V_T - 13)/4).
CORTICAL_RATES = {
    "alpha_m": "(1.28/ms) / exprel(-(v/mV - V_T/mV - 13)/4)",
    "beta_m": "(1.4/ms) / exprel((v/mV - V_T/mV - 40)/5)",
    "alpha_h": "(0.128/ms) * exp(-(v/mV - V_T/mV - shift_h/mV - 17)/18)",
    "beta_h": "(4/ms) / (1 + exp(-(v/mV - V_T/mV - shift_h/mV - 40)/5))",
    "alpha_n": "(0.16/ms) / exprel(-(v/mV - V_T/mV - 15)/5)",
    "beta_n": "(0.5/ms) * exp(-(v/mV - V_T/mV - 10)/40)",
}
#: The M-current gate p: steady state and time constant (tau_max sets its slowness).
CORTICAL_SLOW_GATE = {
    "p_inf": ("1 / (1 + exp(-(v/mV + 35)/10))", "1"),
    "tau_p": ("tau_max / (3.3 * exp((v/mV + 35)/20) + exp(-(v/mV + 35)/20))", "second"),
}

#: Ionic current densities of the cortical membrane (outward positive), Brian2 syntax.
CORTICAL_CURRENTS = """
I_Na = g_Na * m**3 * h * (v - E_Na) : amp/meter**2
I_K = g_K * n**4 * (v - E_K) : amp/meter**2
I_M = g_M * p * (v - E_K) : amp/meter**2
I_L = g_L * (v - E_L) : amp/meter**2
"""


def cortical_gate_equations(phi="phi") -> str:
    """Brian2 equations of the cortical gates at ``phi`` times their 36 °C speed.

    dx/dt = phi (alpha_x (1 - x) - beta_x x) for x in m, h, n (:data:`CORTICAL_RATES`)
    and dp/dt = phi (p_inf - p) / tau_p for the M-current gate
    (:data:`CORTICAL_SLOW_GATE`); ``phi`` is a parameter, so a new temperature does not
    change the generated code.
    """
    lines = [
        f"d{x}/dt = {phi} * (alpha_{x} * (1 - {x}) - beta_{x} * {x}) : 1" for x in ("m", "h", "n")
    ]
    lines.append(f"dp/dt = {phi} * (p_inf - p) / tau_p : 1")
    lines += [f"{name} = {expr} : Hz" for name, expr in CORTICAL_RATES.items()]
    lines += [f"{name} = {expr} : {unit}" for name, (expr, unit) in CORTICAL_SLOW_GATE.items()]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ChannelSet:
    """One membrane's ion channels, written once, for point models and cells alike.

    Attributes
    ----------
    name : str
        ``"hh"`` (the squid axon) or ``"cortical"`` (a mammalian pyramidal cell).
    rates : dict
        The gates' opening and closing rates (Brian2 strings, per ms).
    slow_gates : dict
        Gates written as steady state and time constant: name -> (expression, unit).
    currents : str
        The current densities (Brian2 equations); ``current_names`` lists them.
    current_names : tuple of str
    gates : tuple of str
        The gate variables, in the order the equations define them.
    gate_equations : callable
        ``gate_equations("phi")`` -> Brian2 equations of the gates.
    reference_celsius, q10 : float
        The rates hold at ``reference_celsius``; at T they run phi = q10 ** ((T - ref)/10)
        times faster.
    defaults : dict
        Channel densities, reversal potentials and other membrane parameters (Brian2
        quantities) of the cell type the set comes from.
    extra_parameters : dict
        Parameters the channels need beyond g_Na, g_K, g_L, E_Na, E_K, E_L, phi:
        name -> ("per compartment" or "shared", unit); their values are in ``defaults``.
    cell_defaults : dict
        What a :class:`~bioneuro.bio.Cell` with these channels starts from where it
        differs from ``defaults``: ``celsius``, ``v_init``, the passive membrane
        (``g_pas``, ``E_pas``) of its dendrites, and any channel parameter a cell needs
        set otherwise than a single compartment.
    """

    name: str
    rates: dict
    slow_gates: dict
    currents: str
    current_names: tuple
    gates: tuple
    gate_equations: Callable
    reference_celsius: float
    q10: float
    defaults: dict = field(default_factory=dict)
    extra_parameters: dict = field(default_factory=dict)
    cell_defaults: dict = field(default_factory=dict)

    def phi(self, celsius) -> float:
        """Rate factor at ``celsius``: q10 ** ((celsius - reference) / 10)."""
        return q10_factor(celsius, self.q10, self.reference_celsius)

    def steady_state(self, v, **params) -> dict:
        """Every gate at its steady state at voltage ``v`` (a Brian2 quantity):
        alpha / (alpha + beta), or the slow gates' x_inf. ``params`` supplies the
        parameters the rate strings name (e.g. ``V_T``; default :attr:`defaults`); an
        array parameter (one value per compartment) gives arrays."""
        env = {"v": v, "exp": np.exp, "exprel": exprel, **self.defaults, **params}
        env.update({u: getattr(b2, u) for u in ("mV", "ms", "second")})
        out = {}
        for x in self.gates:
            if f"alpha_{x}" in self.rates:
                a = eval(self.rates[f"alpha_{x}"], {"__builtins__": {}}, env)
                b = eval(self.rates[f"beta_{x}"], {"__builtins__": {}}, env)
                out[x] = np.asarray(a / (a + b), dtype=float)
            else:
                expr = self.slow_gates[f"{x}_inf"][0]
                out[x] = np.asarray(eval(expr, {"__builtins__": {}}, env), dtype=float)
        return {x: float(value) if value.ndim == 0 else value for x, value in out.items()}


def _cortical_defaults():
    return {
        "g_Na": 56 * mS / cm**2,
        "g_K": 6 * mS / cm**2,
        "g_M": 0.075 * mS / cm**2,
        "g_L": 0.0205 * mS / cm**2,
        "E_Na": 50 * mV,
        "E_K": -90 * mV,
        "E_L": -70.3 * mV,
        "V_T": -56.2 * mV,
        "shift_h": 0 * mV,
        "tau_max": 608 * ms,
        "C_m": 1 * uF / cm**2,
    }


def _hh_defaults():
    return {
        "g_Na": 120 * mS / cm**2,
        "g_K": 36 * mS / cm**2,
        "g_L": 0.3 * mS / cm**2,
        "E_Na": 50 * mV,
        "E_K": -77 * mV,
        "E_L": -54.387 * mV,
        "C_m": 1 * uF / cm**2,
    }


#: The squid giant axon (Hodgkin & Huxley 1952), 6.3 °C.
HH = ChannelSet(
    name="hh",
    rates=HH_RATES,
    slow_gates={},
    currents=HH_CURRENTS,
    current_names=("I_Na", "I_K", "I_L"),
    gates=("m", "h", "n"),
    gate_equations=hh_gate_equations,
    reference_celsius=REFERENCE_CELSIUS,
    q10=Q10,
    defaults=_hh_defaults(),
    cell_defaults={
        "celsius": REFERENCE_CELSIUS,
        "v_init": -65 * mV,
        "g_pas": 0.05 * mS / cm**2,
        "E_pas": -65 * mV,
    },
)

#: The regular-spiking pyramidal cell of the neocortex (Pospischil et al. 2008, Table 1,
#: "RS"): Traub-Miles sodium and delayed-rectifier potassium plus the slow M-current
#: that makes it adapt; rates at 36 °C, Q10 = 3.
CORTICAL = ChannelSet(
    name="cortical",
    rates=CORTICAL_RATES,
    slow_gates=CORTICAL_SLOW_GATE,
    currents=CORTICAL_CURRENTS,
    current_names=("I_Na", "I_K", "I_M", "I_L"),
    gates=("m", "h", "n", "p"),
    gate_equations=cortical_gate_equations,
    reference_celsius=CORTICAL_REFERENCE_CELSIUS,
    q10=Q10,
    defaults=_cortical_defaults(),
    extra_parameters={
        "g_M": ("per compartment", b2.siemens / b2.meter**2),
        "V_T": ("per compartment", b2.volt),
        "shift_h": ("per compartment", b2.volt),
        "tau_max": ("shared", b2.second),
    },
    # In a cell with dendrites Pospischil's single compartment is bistable: its sodium
    # window current (inactivation half-way at -34 mV) holds a soma loaded by charged
    # dendrites near -30 mV after a spike. Destexhe & Paré (1999, J. Neurophysiol.
    # 81:1531), who put the same Traub-Miles channels in a compartmental pyramidal cell,
    # shifted inactivation 10 mV lower and used 10 mS/cm² of delayed rectifier; the leak
    # is that of a cortical cell in vivo, R_m 10 kOhm cm² (tau_m 10 ms), not of a slice.
    cell_defaults={
        "celsius": BODY_CELSIUS,
        "g_K": 10 * mS / cm**2,
        "g_L": 0.1025 * mS / cm**2,
        "shift_h": -10 * mV,
        "g_pas": 0.1025 * mS / cm**2,
        "E_pas": -70.7 * mV,  # the active membrane's rest: the cell rests evenly
        "v_init": -70.7 * mV,
    },
)

#: Every channel set by name.
CHANNEL_SETS = {"hh": HH, "cortical": CORTICAL}


def channel_set(name_or_set) -> ChannelSet:
    """The :class:`ChannelSet` called ``name_or_set`` ("hh", "cortical"), or the set itself."""
    if isinstance(name_or_set, ChannelSet):
        return name_or_set
    if name_or_set not in CHANNEL_SETS:
        raise ValueError(
            f"channels must be one of {', '.join(repr(k) for k in CHANNEL_SETS)} (or a "
            f"ChannelSet), e.g. 'cortical'; got {name_or_set!r}"
        )
    return CHANNEL_SETS[name_or_set]
