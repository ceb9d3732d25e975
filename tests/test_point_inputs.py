"""Bad input gets a clear error naming the parameter, what was given and what was
expected, before any simulation starts; stimuli are what they say."""

import numpy as np
import pytest
from brian2 import cm, mS, ms, mV, nA, second, uA

from bioneuro import bio

HH_I = 10 * uA / cm**2


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"duration": 100}, TypeError, r"duration must be a time, e.g. 100\*ms; got 100"),
        ({"duration": 10 * mV}, TypeError, r"duration must be a time.*got 10\. mV"),
        ({"duration": -5 * ms}, ValueError, r"duration must be > 0.*got -5\. ms"),
        ({"dt": 0.01}, TypeError, r"dt must be a time, e.g. 0.01\*ms; got 0.01.*plain number"),
        ({"dt": 0 * ms}, ValueError, r"dt must be > 0"),
        ({"dt": -0.01 * ms}, ValueError, r"dt must be > 0"),
        ({"dt": np.nan * ms}, ValueError, r"dt must be finite"),
        ({"dt": np.inf * ms}, ValueError, r"dt must be finite"),
        (
            {"dt": 0.1 * ms, "method": "exponential_euler"},
            ValueError,
            r"dt=100\. us is too large for HodgkinHuxley with Brian2's 'exponential_euler'",
        ),
        ({"dt": 0.1 * ms}, ValueError, r"too large for HodgkinHuxley with Brian2's 'rk4'"),
        ({"backend": "neuron"}, ValueError, r"backend must be one of 'brian2', 'scipy'"),
        ({"stimulus": 1 * nA}, TypeError, r"must be a current density.*got .*nA"),
        ({"stimulus": 10}, TypeError, r"stimulus must be a Stimulus"),
    ],
)
def test_simulate_rejects(hh, kwargs, error, match):
    args = {"model": hh, "stimulus": HH_I, "duration": 100 * ms, **kwargs}
    with pytest.raises(error, match=match):
        bio.simulate(**args)


@pytest.mark.parametrize(
    ("build", "error", "match"),
    [
        (lambda: bio.HodgkinHuxley(g_Na=np.nan * mS / cm**2), ValueError, r"g_Na must be finite"),
        (
            lambda: bio.HodgkinHuxley(g_Na=120),
            TypeError,
            r"g_Na must be a conductance density, e.g. 120\*mS/cm\*\*2; got 120",
        ),
        (lambda: bio.HodgkinHuxley(E_K=-77 * ms), TypeError, r"E_K must be a voltage"),
        (lambda: bio.HodgkinHuxley(C_m=-1 * uA), TypeError, r"C_m must be a capacitance density"),
        (lambda: bio.HodgkinHuxley(gNa=1), TypeError, r"unexpected parameter\(s\) gNa"),
        (lambda: bio.HodgkinHuxley(celsius=300), ValueError, r"celsius must be a temperature"),
        (lambda: bio.HodgkinHuxley(celsius=6.3 * second), TypeError, r"celsius must be a plain"),
        (lambda: bio.LIF(tau_m=0 * ms), ValueError, r"tau_m must be > 0"),
        (lambda: bio.LIF(tau_m=np.nan * ms), ValueError, r"tau_m must be finite"),
        (lambda: bio.LIF(V_reset=-40 * mV), ValueError, r"V_reset must be below V_th"),
        (lambda: bio.LIF(t_ref=-1 * ms), ValueError, r"t_ref must be >= 0"),
        (lambda: bio.step(10), TypeError, r"amplitude must be a current"),
        (lambda: bio.step(HH_I, start=5 * mV), TypeError, r"start must be a time"),
        (lambda: bio.step(HH_I, start=5 * ms, stop=2 * ms), ValueError, r"stop must be after"),
        (lambda: bio.pulse(HH_I, 1 * ms, -1 * ms), ValueError, r"width must be > 0"),
        (lambda: bio.pulses(HH_I, [1, 1.5] * ms, 1 * ms), ValueError, r"must not overlap"),
        (lambda: bio.noisy(0 * nA, 1 * mV), TypeError, r"std must have the unit of mean"),
        (lambda: bio.step(HH_I) + bio.step(1 * nA), TypeError, r"different units"),
    ],
)
def test_construction_rejects(build, error, match):
    with pytest.raises(error, match=match):
        build()


def test_fi_curve_rejects(hh, lif):
    with pytest.raises(TypeError, match=r"currents must be a current density"):
        bio.fi_curve(hh, [1, 2] * nA)
    with pytest.raises(TypeError, match=r"currents must be a current, e.g. \[0, 5, 10\]\*nA"):
        bio.fi_curve(lif, [1, 2])
    with pytest.raises(ValueError, match=r"transient must be shorter than duration"):
        bio.fi_curve(lif, [1] * nA, duration=100 * ms, transient=200 * ms)
    with pytest.raises(ValueError, match=r"currents must be finite"):
        bio.fi_curve(lif, [1, np.nan] * nA)


def test_stimuli_values():
    s = bio.step(2 * nA, 10 * ms, 20 * ms) + bio.ramp(1 * nA, 30 * ms, 40 * ms)
    t = [0, 10, 15, 19.99, 20, 35, 40] * ms
    np.testing.assert_allclose(np.asarray(s(t) / nA), [0, 2, 2, 2, 0, 0.5, 0], atol=1e-12)
    pulses = bio.pulses(1 * nA, [5, 15] * ms, 1 * ms)
    np.testing.assert_allclose(np.asarray(pulses([4.9, 5.5, 6.1, 15.2] * ms) / nA), [0, 1, 0, 1])


def test_stimuli_say_what_they_are():
    # the text is made when first read (formatting quantities is slow), from the values
    # given at construction
    s = bio.step(2 * nA, 10 * ms, 20 * ms) + bio.pulses(1 * nA, [5, 15] * ms, 1 * ms)
    assert s.description == "step 2. nA from 10. ms to 20. ms + 2 pulses of 1. nA, 1. ms wide"
    assert repr(s) == f"Stimulus({s.description})"
    assert repr(bio.ramp(1 * nA, 0 * ms, 5 * ms)) == "Stimulus(ramp to 1. nA from 0. s to 5. ms)"


def test_noise_is_seeded_and_has_its_statistics():
    a = bio.noisy(0.5 * nA, 0.1 * nA, stop=1 * second, seed=3)
    b = bio.noisy(0.5 * nA, 0.1 * nA, stop=1 * second, seed=3)
    c = bio.noisy(0.5 * nA, 0.1 * nA, stop=1 * second, seed=4)
    t = np.arange(10000) * 0.1 * ms
    np.testing.assert_array_equal(a(t), b(t))
    assert not np.array_equal(a(t), c(t))
    values = np.asarray(a(t) / nA)
    # 10000 independent draws: the mean is within 4 standard errors (0.004 nA) of 0.5
    assert abs(values.mean() - 0.5) < 4 * 0.1 / 100
    assert values.std() == pytest.approx(0.1, rel=0.05)  # ~5 standard errors of the std


def test_scipy_does_not_step_over_a_short_pulse(hh):
    # A 0.5 ms, 40 µA/cm² pulse (charge 20 nC/cm², above threshold) must fire the
    # axon on the adaptive scipy backend too: it integrates piecewise between the
    # pulse edges, so the solver cannot jump over it.
    stim = bio.pulse(40 * uA / cm**2, 20 * ms, 0.5 * ms)
    for backend in ("scipy", "brian2"):
        trace = bio.simulate(hh, stim, 40 * ms, backend=backend)
        assert len(trace.spike_times) == 1, backend
