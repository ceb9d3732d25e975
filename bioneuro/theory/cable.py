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

**Myelinated fibres.** A fibre of axon diameter d with a myelin sheath of g-ratio
g = d / D has the outer (fibre) diameter D = d / g. The sheath is compact myelin: n
lamellae, two membranes each, one period p apart, wound from radius d/2 to D/2. Its
capacitance and leak per unit area of axon membrane are those of N = 2(D - d)/(2p)
membranes in series on growing radii (a cylindrical capacitor)::

    C_my = C_bilayer p / (d ln(1/g)),     g_my = g_bilayer p / (d ln(1/g))

Internodes are about 100 fibre diameters long (L = 100 D; Vizoso & Young 1948, the
assumption of Rushton 1951). When every length scales with the diameter in this way,
the cable equation keeps its form with lengths in units of d, and the conduction
velocity grows in proportion to the diameter: v = k D (Rushton 1951). Hursh (1939)
measured k = 6 m/s per µm of fibre diameter in the cat. An unmyelinated axon instead
conducts at v = k' sqrt(d); the two laws cross at the fibre diameter
D* = (k'/k)**2, below which a bare axon of the same size is faster (Rushton put D* near
1 µm; Waxman & Bennett 1972 showed that fibres considerably smaller, down to 0.2 µm in
the central nervous system, gain from myelin).
"""

from __future__ import annotations

import numpy as np
from brian2 import Hz, cm, mm, mS, ms, nmeter, ohm, uF, um

from bioneuro.checks import check_number, check_quantity


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


#: Typical g-ratio (axon / fibre diameter) of myelinated fibres: 0.6-0.7 (Rushton's
#: optimum is 0.6; measured central and peripheral fibres lie near 0.7).
G_RATIO = 0.7
#: Radial period of compact myelin: one lamella, two membranes (~16-18 nm).
LAMELLA_PERIOD = 17 * nmeter
#: Internode length in fibre diameters (L = 100 D).
INTERNODE_PER_FIBRE_DIAMETER = 100
#: Hursh (1939): conduction velocity per µm of fibre diameter, cat peripheral nerve.
HURSH_SLOPE = 6 * (mm / ms) / um


def _check_g_ratio(g_ratio):
    check_number("g_ratio", g_ratio, example="0.7", positive=True)
    if not g_ratio < 1:
        raise ValueError(
            f"g_ratio must be between 0 and 1 (axon / fibre), e.g. 0.7; got {g_ratio!r}"
        )


def fibre_diameter(diameter, g_ratio=G_RATIO):
    """D = d / g: the outer diameter of a fibre with axon diameter ``d`` and g-ratio g."""
    check_quantity("diameter", diameter, um, example="1*um", positive=True, allow_array=True)
    _check_g_ratio(g_ratio)
    return diameter / g_ratio


def internode_length(diameter, g_ratio=G_RATIO, per_fibre_diameter=INTERNODE_PER_FIBRE_DIAMETER):
    """L = 100 D = 100 d / g: the internode length of a fibre of axon diameter ``d``."""
    check_number("per_fibre_diameter", per_fibre_diameter, example="100", positive=True)
    return per_fibre_diameter * fibre_diameter(diameter, g_ratio)


def myelin_membrane(
    diameter,
    g_ratio=G_RATIO,
    *,
    period=LAMELLA_PERIOD,
    C_bilayer=1 * uF / cm**2,
    g_bilayer=1 * mS / cm**2,
):
    """Capacitance and leak of a myelin sheath per unit area of axon membrane.

    C_my = C_bilayer p / (d ln(1/g)) and g_my = g_bilayer p / (d ln(1/g)): the sheath's
    2(D - d)/(2p) membranes in series on radii growing from d/2 to D/2. Both fall as
    1/d at a fixed g-ratio: a thick fibre has a thick sheath.

    Returns
    -------
    (C_my, g_my) : Quantities (F/m², S/m²)
    """
    check_quantity("diameter", diameter, um, example="1*um", positive=True, allow_array=True)
    _check_g_ratio(g_ratio)
    check_quantity("period", period, um, example="17*nmeter", positive=True)
    check_quantity("C_bilayer", C_bilayer, uF / cm**2, example="1*uF/cm**2", positive=True)
    check_quantity("g_bilayer", g_bilayer, mS / cm**2, example="1*mS/cm**2", nonnegative=True)
    factor = period / (diameter * np.log(1.0 / g_ratio))
    return C_bilayer * factor, g_bilayer * factor


def linear_velocity(fibre, slope=HURSH_SLOPE):
    """v = k D: a myelinated fibre's velocity (Hursh 1939: k = 6 m/s per µm)."""
    check_quantity("fibre", fibre, um, example="10*um", positive=True, allow_array=True)
    return slope * fibre


def crossover_diameter(sqrt_coefficient, linear_coefficient):
    """D* = (k' / k)**2, where k' sqrt(D) (bare) equals k D (myelinated).

    ``sqrt_coefficient`` k' is a velocity per sqrt(length) (e.g. m/s/sqrt(µm) as a plain
    number with ``linear_coefficient`` in m/s/µm): give both as plain numbers in the same
    length unit; D* comes back in that unit."""
    for name, value in (
        ("sqrt_coefficient", sqrt_coefficient),
        ("linear_coefficient", linear_coefficient),
    ):
        check_number(name, value, example="0.56", positive=True)
    return (float(sqrt_coefficient) / float(linear_coefficient)) ** 2
