"""Activation functions fitted to f-I curves; the Siegert (noisy LIF) closed form."""

import numpy as np
import pytest
from brian2 import Hz, amp, ms, mV, nA, second

from bioneuro import bio
from bioneuro.ann import get_activation
from bioneuro.compare import fit_activation, noisy_lif_rates, siegert_curve, siegert_rate
from bioneuro.curves import ResponseCurve


@pytest.fixture(scope="module")
def lif_curve(lif):
    # 1 % steps of rheobase from 0 to 2 x rheobase, simulated on Brian2 (exact, 0.01 ms)
    currents = lif.rheobase * np.linspace(0, 2, 201)
    return bio.fi_curve(lif, currents, duration=1 * second)


def test_relu_threshold_is_the_rheobase(lif, lif_curve):
    fit = fit_activation(lif_curve, "relu")
    rheobase = float(lif.rheobase / nA)
    # The ReLU's threshold is read from where the simulated curve leaves zero; the
    # current grid has 1 % steps, so it must land within 2 % of (V_th - E_L)/R.
    assert float(fit.params["threshold"] / nA) == pytest.approx(rheobase, rel=0.02)
    # the gain has the units of rate per current, and is positive
    assert fit.params["gain"] > 0 * Hz / amp
    assert fit.r2 > 0.8  # a line through a concave curve: a fair, not a perfect, fit


def test_free_relu_fit_puts_the_threshold_below_rheobase(lif, lif_curve):
    # The LIF curve is concave (1/ln rise at rheobase): a least-squares line through
    # it crosses zero well below rheobase (13 % below for a fit up to 1.5 x rheobase,
    # computed from the closed form); more than 5 % would fail for a straight curve.
    fit = fit_activation(lif_curve, "relu", threshold="fit", x_range=(0 * nA, 1.5 * lif.rheobase))
    assert fit.params["threshold"] < 0.95 * lif.rheobase


def test_softplus_fits_the_noisy_lif_curve(lif):
    # sigma = 4 mV (membrane potential std 2.8 mV, typical in vivo), 0 to 2 x rheobase
    curve = siegert_curve(lif, lif.rheobase * np.linspace(0, 2, 81), 4 * mV)
    fit = fit_activation(curve, "softplus")
    assert fit.r2 > 0.99
    # noise lets the neuron fire below rheobase: the effective threshold moves down
    assert fit.params["threshold"] < lif.rheobase
    assert fit.params["width"] > 0 * nA


def test_sigmoid_saturation_is_bounded_by_one_over_t_ref(lif):
    # Far above rheobase the LIF rate creeps up to 1/t_ref = 500 Hz (476 Hz at 100 x
    # rheobase, closed form), never beyond; the fitted saturation must lie below it and
    # within 15 % (the sigmoid compromises between the knee and the slow approach).
    currents = lif.rheobase * np.linspace(0, 100, 400)
    curve = ResponseCurve(currents, bio.analytic.lif_rate(lif, currents))
    fit = fit_activation(curve, "sigmoid")
    ceiling = 1 / lif.t_ref
    assert 0.85 * ceiling < fit.params["saturation"] < ceiling


@pytest.mark.parametrize("kind", ["relu", "softplus", "sigmoid", "step"])
def test_fit_recovers_an_activation_exactly(kind):
    # an activation fitted to its own curve (the artificial side): parameters 0 / 1
    fit = fit_activation(get_activation(kind).curve(), kind)
    assert fit.r2 > 0.9999
    threshold = fit.params.get("threshold", fit.params.get("x_half"))
    assert abs(threshold) < 0.03  # the step's grid of z has spacing 0.05
    scale = fit.params.get("gain", fit.params.get("saturation", fit.params.get("height")))
    assert scale == pytest.approx(1.0, rel=1e-6)
    assert fit(np.array([2.0])).shape == (1,)


def test_siegert_without_noise_is_the_lif_rate(lif):
    # sigma -> 0: the first-passage integral becomes tau ln((mu - V_r)/(mu - V_th))
    currents = lif.rheobase * np.array([1.2, 1.5, 2, 4, 10])
    noisy = siegert_rate(lif, currents, 0.01 * mV)
    exact = bio.analytic.lif_rate(lif, currents)
    np.testing.assert_allclose(noisy / Hz, exact / Hz, rtol=1e-4)


def test_siegert_matches_a_noisy_lif_simulation(lif):
    currents = lif.rheobase * np.array([0.6, 0.9, 1.0, 1.3, 2.0])
    duration = 2 * second
    sim = noisy_lif_rates(lif, currents, 4 * mV, duration=duration, dt=0.02 * ms, seed=1)
    theory = siegert_rate(lif, currents, 4 * mV) / Hz
    rates = sim.y / Hz
    # Tolerance: 3 Poisson standard deviations of the count (spike counts of a noisy LIF
    # are less variable than Poisson) plus 5 % for checking the threshold only on the
    # 0.02 ms grid (a threshold shift of 0.8 sigma sqrt(dt/tau) = 0.14 mV, Brunel & Hakim 1999).
    tol = 3 * np.sqrt(theory * 2) / 2 + 0.05 * theory
    assert np.all(np.abs(rates - theory) <= tol), (rates, theory)
    assert theory[0] > 0.5  # below rheobase the noisy neuron still fires


def test_pooled_trials_match_siegert(lif):
    # 8 trials of 0.25 s side by side, each after 50 ms (5 tau_m) to forget the rest
    # state: 2 s counted per current, as in the test above, in an eighth of the steps
    currents = lif.rheobase * np.array([0.6, 0.9, 1.0, 1.3, 2.0])
    sim = noisy_lif_rates(
        lif,
        currents,
        4 * mV,
        duration=0.25 * second,
        dt=0.02 * ms,
        seed=1,
        trials=8,
        settle=50 * ms,
    )
    theory = siegert_rate(lif, currents, 4 * mV) / Hz
    rates = sim.y / Hz
    # the tolerance of the test above: the same 2 s of counted time per current
    tol = 3 * np.sqrt(theory * 2) / 2 + 0.05 * theory
    assert np.all(np.abs(rates - theory) <= tol), (rates, theory)


def test_settle_leaves_out_exactly_the_spikes_before_it(lif):
    # neuron k's noise is seeded seed + k whatever the duration, so the three runs below
    # see the same membrane, and the spike counts (integers) must add up exactly:
    # count in [settle, settle + D) = count in [0, settle + D) - count in [0, settle)
    currents = lif.rheobase * np.array([1.0, 1.5, 3.0])
    settle, duration = 40 * ms, 100 * ms
    kw = dict(dt=0.05 * ms, seed=3)
    late = noisy_lif_rates(lif, currents, 4 * mV, duration=duration, settle=settle, **kw)
    whole = noisy_lif_rates(lif, currents, 4 * mV, duration=settle + duration, **kw)
    early = noisy_lif_rates(lif, currents, 4 * mV, duration=settle, **kw)

    def count(curve, seconds):
        return np.round(np.asarray(curve.y / Hz) * float(seconds / second)).astype(int)

    assert np.all(count(early, settle) > 0)  # the test means something only with spikes
    np.testing.assert_array_equal(
        count(late, duration), count(whole, settle + duration) - count(early, settle)
    )


def test_fit_errors(lif):
    curve = get_activation("relu").curve()
    with pytest.raises(ValueError, match="kind must be one of"):
        fit_activation(curve, "tanh")
    with pytest.raises(TypeError, match="curve must be a ResponseCurve"):
        fit_activation([1, 2, 3], "relu")
    with pytest.raises(ValueError, match="at least 4 points"):
        fit_activation(curve, "relu", x_range=(0.0, 0.1))
    with pytest.raises(ValueError, match="flat"):
        fit_activation(ResponseCurve(np.arange(5.0), np.ones(5)), "relu")
    with pytest.raises(ValueError, match="threshold must be one of"):
        fit_activation(curve, "relu", threshold="guess")
    with pytest.raises(TypeError, match="sigma must be a voltage"):
        siegert_rate(lif, 0.2 * nA, 4)
    with pytest.raises(TypeError, match=r"model must be a bioneuro\.bio\.LIF"):
        siegert_rate(bio.HodgkinHuxley(), 0.2 * nA, 4 * mV)
    with pytest.raises(TypeError, match="current must be a current"):
        siegert_rate(lif, 0.2 * mV, 4 * mV)
