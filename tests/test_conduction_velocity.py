"""Myelinated fibres conduct at v ∝ D, bare axons at v ∝ √d; the two laws cross.

The fibres are those of the conduction_velocity figure (simulations/
plot_conduction_velocity.py: mammalian axons at 37 °C with the cortical channel set);
their geometry comes from the closed forms of bioneuro.theory.cable, tested here first.
"""

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest
from brian2 import cm, mm, ms, nmeter, uF, um

from bioneuro.theory import cable

SCRIPT = Path(__file__).resolve().parents[1] / "simulations" / "plot_conduction_velocity.py"


def _script():
    spec = importlib.util.spec_from_file_location("bioneuro_test_cv", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_myelin_capacitance_is_the_lamellae_in_series():
    # Sum 1/(2 pi r c_m) over the sheath's membranes, one every p/2 from d/2 to D/2
    # (each at the middle of its p/2 shell), against the closed form
    # C = c_m p / (d ln(1/g)): a midpoint Riemann sum of the same integral, equal to
    # O((p/d)^2), 0.1 % here.
    d, g = 2.0, 0.7  # µm
    p = (d / g - d) / 2 / 25  # 25 lamellae, 17.1 nm each
    radii = d / 2 + (np.arange(50) + 0.5) * p / 2
    c_len = 1.0 / np.sum(1.0 / (2 * np.pi * radii * 1.0))  # per length, c_m = 1
    per_area = c_len / (np.pi * d)
    closed, _ = cable.myelin_membrane(d * um, g, period=p * 1e3 * nmeter)
    assert per_area == pytest.approx(float(closed / (uF / cm**2)), rel=0.005)


def test_fibre_geometry_scales_with_the_diameter():
    # Rushton's condition for v ∝ D: at a fixed g-ratio every length grows with d
    c1, g1 = cable.myelin_membrane(1 * um)
    c4, g4 = cable.myelin_membrane(4 * um)
    assert float(c1 / c4) == pytest.approx(4.0, rel=1e-12)
    assert float(g1 / g4) == pytest.approx(4.0, rel=1e-12)
    assert float(cable.internode_length(1 * um) / um) == pytest.approx(100 / 0.7)
    assert float(cable.fibre_diameter(0.7 * um) / um) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="g_ratio must be between 0 and 1"):
        cable.myelin_membrane(1 * um, g_ratio=1.2)
    with pytest.raises(TypeError, match="diameter"):
        cable.internode_length(1.0)


def test_crossover_closed_form():
    # k' sqrt(D*) = k D*  <=>  D* = (k'/k)^2
    k_sqrt, k_lin = 0.56, 1.7
    d_star = cable.crossover_diameter(k_sqrt, k_lin)
    assert k_sqrt * np.sqrt(d_star) == pytest.approx(k_lin * d_star)
    assert float(cable.linear_velocity(10 * um) / (mm / ms)) == pytest.approx(60.0)


@pytest.fixture(scope="module")
def laws():
    return _script().velocities([0.25, 1.0, 4.0])


def test_myelinated_velocity_is_proportional_to_the_diameter(laws):
    # Rushton (1951): with every length ∝ d the cable equation is the same in units of d,
    # so v ∝ D exactly; the 1-µm nodes do not scale and the compartments are cut by the
    # d_lambda rule: measured slope 0.995 over 0.1-16 µm; tolerance 0.03.
    assert laws["slope_myelinated"] == pytest.approx(1.0, abs=0.03)
    # Hursh (1939) measured 6 m/s per µm of fibre diameter in the cat; the model's nodes
    # carry cortical somatic sodium channels and reach 1.7: same law, a third of the
    # constant. Bound: within a factor 5 of Hursh, and faster than bare axons at 1 µm.
    k = laws["k_linear"]
    assert 6 / 5 < k < 6
    assert laws["myelinated"][1] > laws["bare"][1]


def test_bare_velocity_grows_as_the_square_root(laws):
    # cable theory with a fixed membrane: v ∝ sqrt(d); measured slope 0.500
    assert laws["slope_bare"] == pytest.approx(0.5, abs=0.03)
    # mammalian unmyelinated axons at 37 °C: 0.3-2 m/s near 1 µm (cortex to C fibres)
    assert 0.3 < laws["bare"][1] < 2.0


def test_the_laws_cross_below_a_micrometre(laws):
    # D* = (k'/k)^2 = 0.11 µm in the model: thinner than Rushton's 1 µm and than the
    # thinnest myelinated axons of the brain (0.2 µm, Waxman & Bennett 1972), whose
    # argument it supports: myelin pays well below 1 µm. Bounds: above 0.02 µm (Hursh's
    # constant with this bare law would give 0.009 µm), below 0.3 µm.
    d_star = laws["crossover"]
    assert 0.02 < d_star < 0.3
    # consistency: at D* the two fitted laws give the same speed
    assert laws["k_sqrt"] * np.sqrt(d_star) == pytest.approx(laws["k_linear"] * d_star)
