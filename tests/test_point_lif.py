"""LIF f-I curve against its closed form, on both backends."""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, second

from bioneuro import bio
from bioneuro.bio import analytic


@pytest.mark.parametrize("backend", ["brian2", "scipy"])
def test_fi_matches_closed_form(lif, backend):
    # f = 1/(t_ref + tau ln((RI + E_L - V_reset)/(RI + E_L - V_th))) above rheobase.
    # Tolerance: 1 %, or one dt per inter-spike interval for Brian2, whose threshold is
    # checked once per step (each ISI is rounded up to the grid: |Δf|/f <= dt/ISI).
    multiples = np.array([1.05, 1.2, 1.5, 2, 3, 5, 7.5, 10])
    currents = lif.rheobase * multiples
    curve = bio.fi_curve(lif, currents, duration=1 * second, transient=100 * ms, backend=backend)
    simulated = np.asarray(curve.y / Hz)
    expected = np.asarray(analytic.lif_rate(lif, currents) / Hz)
    dt = float(lif.default_dt / second)
    tolerance = np.maximum(0.01, dt * expected) * expected
    assert np.all(np.abs(simulated - expected) <= tolerance), (simulated, expected)


@pytest.mark.parametrize("backend", ["brian2", "scipy"])
def test_silent_below_rheobase(lif, backend):
    # Below (V_th - E_L)/R the membrane settles at E_L + R I < V_th: no spike ever.
    curve = bio.fi_curve(
        lif, lif.rheobase * np.array([0.0, 0.5, 0.95]), duration=300 * ms, backend=backend
    )
    assert np.all(np.asarray(curve.y / Hz) == 0)
    assert all(len(s) == 0 for s in curve.meta["spike_trains"])


def test_rheobase_closed_form(lif):
    # (V_th - E_L)/R = 15 mV / 100 MΩ = 0.15 nA
    assert float(lif.rheobase / nA) == pytest.approx(0.15)


@pytest.mark.parametrize("backend", ["brian2", "scipy"])
def test_reset_and_refractory(lif, backend):
    # After each spike v is held at V_reset for t_ref, then rises as
    # v(t) = E_L + RI (1 - exp(-t/tau)) + (V_reset - E_L) exp(-t/tau).
    current = 3 * lif.rheobase
    trace = bio.simulate(lif, current, 60 * ms, backend=backend)
    first = float(trace.spike_times[0] / ms)
    t = np.asarray(trace.t / ms)
    held = (t > first + 0.05) & (t < first + 1.95)
    np.testing.assert_allclose(np.asarray(trace.v[held] / mV), -65.0, atol=1e-6)
    # The first spike time is the closed-form time to threshold from rest
    ri = float(lif.R * current / mV)
    t_first = 10 * np.log(ri / (ri - 15))
    assert first == pytest.approx(t_first, abs=0.011)  # one Brian2 step (0.01 ms)


def test_equation_is_the_documented_one(lif):
    # tau_m dv/dt = E_L - v + R I, as the docstring says (the snnTorch lesson).
    from bioneuro.bio import ode

    comp = ode.CompiledModel(lif)
    v = np.linspace(-80, -40, 9)
    dv = comp.evaluate(0.0, np.array([v]), float(ode.natural(0.3 * nA)))[0]
    np.testing.assert_allclose(dv, (-65 - v + 100 * 0.3) / 10, rtol=1e-12)
