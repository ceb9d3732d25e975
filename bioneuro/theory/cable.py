"""Closed forms of the passive cable, shared by tests and figures.

A cylinder of diameter d with specific membrane resistance R_m (= 1/g_m), specific
capacitance C_m and axial resistivity R_a::

    lambda   = sqrt(d R_m / (4 R_a))                       (DC length constant)
    tau_m    = R_m C_m
    lambda_f = 0.5 sqrt(d / (pi f R_a C_m))                (NEURON's AC length constant)
    V(x)     = V0 cosh((L - x)/lambda) / cosh(L/lambda)    (finite cable, sealed end,
                                                            current injected at x = 0)
    R_inf    = 4 R_a lambda / (pi d^2)                     (semi-infinite cable,
                                                            :func:`semi_infinite_resistance`)
    R_in     = R_inf coth(L/lambda)                        (finite cable, sealed end)

and for an unmyelinated axon the conduction velocity grows as sqrt(d):
v(d) = v(d_ref) sqrt(d / d_ref).
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, cm, ohm, uF, um

from bioneuro.checks import check_quantity


def _checked(diameter, Rm, Ra):
    check_quantity("diameter", diameter, um, example="2*um", positive=True, allow_array=True)
    check_quantity("Rm", Rm, ohm * cm**2, example="20000*ohm*cm**2", positive=True)
    check_quantity("Ra", Ra, ohm * cm, example="100*ohm*cm", positive=True)


def length_constant(diameter, Rm, Ra):
    """lambda = sqrt(d R_m / (4 R_a))."""
    _checked(diameter, Rm, Ra)
    return np.sqrt(diameter * Rm / (4 * Ra))


def ac_length_constant(diameter, frequency=100 * Hz, Ra=100 * ohm * cm, Cm=1 * uF / cm**2):
    """lambda_f = 0.5 sqrt(d / (pi f R_a C_m)), the d_lambda rule's yardstick."""
    check_quantity("diameter", diameter, um, example="2*um", positive=True, allow_array=True)
    check_quantity("frequency", frequency, Hz, example="100*Hz", positive=True)
    return 0.5 * np.sqrt(diameter / (np.pi * frequency * Ra * Cm))


def semi_infinite_resistance(diameter, Rm, Ra):
    """R_inf = 4 R_a lambda / (pi d^2): input resistance of a semi-infinite cable."""
    return 4 * Ra * length_constant(diameter, Rm, Ra) / (np.pi * diameter**2)


def sealed_cable_profile(x, length, lam, V0):
    """V(x) = V0 cosh((L - x)/lambda) / cosh(L/lambda) (steady state, sealed end at L)."""
    return V0 * np.cosh((length - x) / lam) / np.cosh(length / lam)


def input_resistance_sealed(diameter, length, Rm, Ra):
    """R_in = 4 R_a lambda / (pi d^2) * coth(L/lambda) of a sealed finite cable."""
    lam = length_constant(diameter, Rm, Ra)
    return semi_infinite_resistance(diameter, Rm, Ra) / np.tanh(length / lam)


def sqrt_velocity(diameter, reference_diameter, reference_velocity):
    """v = v_ref sqrt(d / d_ref): unmyelinated axons (cable theory + fixed membrane)."""
    return reference_velocity * np.sqrt(diameter / reference_diameter)
