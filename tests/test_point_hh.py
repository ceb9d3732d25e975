"""Hodgkin-Huxley point model against the published numbers, on both backends.

Reference values (6.3 °C, classic squid parameters, modern convention): rest
-65.0 mV; AP peak about +40 mV; type II f-I curve: no repetitive firing below about
6.2 µA/cm², then a jump to about 50 Hz; 68 Hz at 10 µA/cm²; 86 Hz at 20 µA/cm²
(Hodgkin & Huxley 1952; e.g. Dayan & Abbott 2001 fig. 5.11; Gerstner et al. 2014 ch. 2).
"""

import numpy as np
import pytest
from brian2 import Hz, cm, ms, mV, second, uA

from bioneuro import bio

BACKENDS = ["brian2", "scipy"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_rest_is_minus_65_mV(hh, backend):
    # E_L = -54.387 mV is HH's choice that puts rest at -65.0 mV; ±0.2 mV is the
    # issue's tolerance and covers the 4th digit of E_L.
    trace = bio.simulate(hh, 0 * uA / cm**2, 50 * ms, backend=backend)
    assert abs(float(np.mean(trace.v[-1000:]) / mV) + 65.0) < 0.2
    assert np.ptp(np.asarray(trace.v / mV)) < 0.05  # it stays there: a true fixed point


@pytest.mark.parametrize("backend", BACKENDS)
def test_action_potential_peak(hh, backend):
    # A 1 ms, 20 µA/cm² pulse evokes one AP peaking at 40.4 mV (HH 1952 model numbers);
    # ±1.5 mV allows for peak sampling on a 0.01 ms grid and integration error.
    trace = bio.simulate(hh, bio.pulse(20 * uA / cm**2, 5 * ms, 1 * ms), 30 * ms, backend=backend)
    assert len(trace.spike_times) == 1
    assert abs(float(np.max(trace.v) / mV) - 40.4) < 1.5
    # the undershoot (after-hyperpolarisation) goes below rest, towards E_K
    assert float(np.min(trace.v[trace.t > 10 * ms]) / mV) < -70


@pytest.fixture(scope="module", params=BACKENDS)
def hh_rates(request, hh):
    # 600 ms with the first 200 ms dropped leaves >= 20 ISIs at 50-90 Hz: the mean ISI
    # is then known to far better than the ±2 Hz tolerance.
    currents = [6.0, 6.5, 10.0, 20.0] * uA / cm**2
    curve = bio.fi_curve(
        hh, currents, duration=600 * ms, transient=200 * ms, backend=request.param
    )
    return dict(zip([6.0, 6.5, 10.0, 20.0], np.asarray(curve.y / Hz), strict=True))


def test_type_ii_onset(hh_rates):
    # Below the bifurcation (~6.2 µA/cm²) the axon fires once and falls silent;
    # just above it fires repetitively at 50-60 Hz: the type II jump.
    assert hh_rates[6.0] == 0.0
    assert 50.0 <= hh_rates[6.5] <= 60.0


def test_rates_at_10_and_20(hh_rates):
    # 68.5 and 86.5 Hz are the model's published rates; ±2 Hz is the tolerance.
    assert hh_rates[10.0] == pytest.approx(68.5, abs=2.0)
    assert hh_rates[20.0] == pytest.approx(86.5, abs=2.0)


@pytest.fixture(scope="module")
def reference_spikes(hh):
    # Tight-tolerance reference: scipy DOP853 at rtol 1e-9 (spike times converge to
    # better than 1e-4 ms at this tolerance).
    ref = bio.simulate(hh, 10 * uA / cm**2, 110 * ms, backend="scipy", method="DOP853", rtol=1e-9)
    return np.asarray(ref.spike_times / ms)[:7]


@pytest.mark.parametrize("backend", BACKENDS)
def test_backends_agree_with_reference(hh, reference_spikes, backend):
    # The criterion: the first 7 spike times at 10 µA/cm² within 0.2 ms at each
    # backend's default settings (Brian2: rk4 at 0.025 ms; scipy: LSODA at rtol 1e-6).
    trace = bio.simulate(hh, 10 * uA / cm**2, 110 * ms, backend=backend)
    spikes = np.asarray(trace.spike_times / ms)[:7]
    assert len(reference_spikes) == 7 and len(spikes) == 7
    assert np.max(np.abs(spikes - reference_spikes)) < 0.2


def test_temperature_speeds_up_the_rates(hh):
    # Q10 = 3: at 16.3 °C every rate is 3x faster, the AP is briefer and the
    # neuron fires faster for the same current (phi = 3 ** ((16.3 - 6.3)/10) = 3).
    warm = bio.HodgkinHuxley(celsius=16.3)
    assert warm.parameters()["phi"] == pytest.approx(3.0)
    cold_rate, warm_rate = (
        float(bio.fi_curve(m, [10] * uA / cm**2, duration=300 * ms).y[0] / Hz) for m in (hh, warm)
    )
    assert warm_rate > 1.3 * cold_rate


def test_equations_are_the_documented_ones(hh):
    # The docstring's membrane equation and gate equations, evaluated independently
    # at random states in mV, µA/cm², mS/cm², µF/cm², agree with what both backends
    # integrate (the same strings); rtol 1e-9 is floating-point round-off.
    from bioneuro.bio import ode

    rng = np.random.default_rng(0)
    v = rng.uniform(-90, 40, 50)
    m, h, n = rng.uniform(0, 1, (3, 50))
    comp = ode.CompiledModel(hh)
    i_stim = float(ode.natural(5 * uA / cm**2))  # the backend's own unit system
    dv, dm, _, _ = comp.evaluate(0.0, np.array([v, m, h, n]), i_stim)
    i_ion = 120 * m**3 * h * (v - 50) + 36 * n**4 * (v + 77) + 0.3 * (v + 54.387)
    np.testing.assert_allclose(dv, (5.0 - i_ion) / 1.0, rtol=1e-9)
    alpha_m = 0.1 * (v + 40) / (1 - np.exp(-(v + 40) / 10))
    beta_m = 4 * np.exp(-(v + 65) / 18)
    np.testing.assert_allclose(dm, alpha_m * (1 - m) - beta_m * m, rtol=1e-9)


def test_trace_carries_units_and_gates(hh):
    trace = bio.simulate(hh, bio.step(10 * uA / cm**2, 2 * ms), 20 * ms)
    assert trace.t.dim == second.dim and trace.v.dim == mV.dim
    assert trace.spike_times.dim == second.dim
    for gate in ("m", "h", "n"):
        values = getattr(trace, gate)
        assert values.shape == trace.v.shape and np.all((values >= 0) & (values <= 1))
    currents = trace.currents()
    # at rest the three currents cancel: I_Na + I_K + I_L = 0 (no input before 2 ms)
    before = trace.t < 2 * ms
    total = sum(np.asarray(c[before] / (uA / cm**2)) for c in currents.values())
    assert np.max(np.abs(total)) < 1e-3
