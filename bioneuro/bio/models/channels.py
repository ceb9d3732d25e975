"""Hodgkin-Huxley gating kinetics and temperature scaling: one source for every backend.

The rate functions of the squid giant axon (Hodgkin & Huxley 1952) in the modern
voltage convention (rest near -65 mV, depolarisation positive, inward current
negative), at the reference temperature of 6.3 °C. Each rate is a string in Brian2's
syntax, with units. The Brian2 backend pastes the strings into its equations as they
are; the scipy backend (:mod:`bioneuro.bio.ode`) evaluates the *same strings* with
numpy, binding every unit to its value in a coherent unit system where mV = 1 and
ms = 1. Cells (:mod:`bioneuro.bio.cell`) use the same strings on every compartment.

``exprel(x) = (exp(x) - 1)/x`` removes the removable singularities of alpha_m at
-40 mV and alpha_n at -55 mV: 0.1 (V + 40)/(1 - exp(-(V + 40)/10)) = 1/exprel(-(V + 40)/10).
"""

from __future__ import annotations

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
