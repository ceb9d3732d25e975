"""AdEx (Brette & Gerstner 2005), added as one class in bio/models/point.py.

Both backends run it from its equation strings alone; its closed forms hold: the rest
just above E_L, the rheobase g_L (V_T - E_L - Δ_T) for a = 0, and in the hard-threshold
limit (Δ_T = 0, a = b = 0) the LIF's rate. Spike-triggered adaptation lengthens the
intervals. The three tests of the adaptive LIF below are those of the gallery's former
numpy model (compare.leftout.adaptive_lif), kept with their assertions: the model is
now bio.AdEx.from_lif(bio.LIF(), b=...) on Brian2.
"""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA, nS

from bioneuro import bio
from bioneuro.theory.lif import lif_rate

DT = 0.01 * ms


def adaptive_lif(current, duration, *, b=0.1 * nA, start=0 * ms, dt=DT):
    """bio.LIF's membrane plus an adaptation current (tau_w 100 ms, jump b per spike),
    driven by a step from ``start``: plain arrays in ms, mV and nA."""
    model = bio.AdEx.from_lif(bio.LIF(), tau_w=100 * ms, a=0 * nS, b=b)
    trace = bio.simulate(model, bio.step(current, start=start), duration, dt=dt)
    return {
        "t": np.asarray(trace.t / ms),
        "v": np.asarray(trace.v / mV),
        "w": np.asarray(trace.w / nA),
        "spike_times": np.asarray(trace.spike_times / ms),
    }


def test_both_backends_give_the_same_spikes():
    # Brette & Gerstner's tonic cell at 0.8 nA: rk4 at 0.01 ms on Brian2 against LSODA at
    # rtol 1e-10. Brian2 reports a spike at the step where v passed V_peak, so its times
    # may be early by up to one step (0.01 ms); measured differences <= 0.009 ms.
    model = bio.AdEx()
    stim = bio.step(0.8 * nA, start=10 * ms)
    fast = bio.simulate(model, stim, 300 * ms)
    ref = bio.simulate(model, stim, 300 * ms, backend="scipy", rtol=1e-10)
    assert len(fast.spike_times) == len(ref.spike_times) == 6
    np.testing.assert_allclose(fast.spike_times / ms, ref.spike_times / ms, atol=0.02)


def test_rest_sits_just_above_E_L():
    # dv/dt = 0 and w = a (v - E_L) give g_L Δ_T exp((v - V_T)/Δ_T) = (g_L + a)(v - E_L);
    # with v - E_L tiny: v - E_L = g_L Δ_T exp((E_L - V_T)/Δ_T) / (g_L + a) = 7.2e-5 mV.
    model = bio.AdEx()
    p = model.parameters()
    expected = p["g_L"] * p["delta_T"] * np.exp(float((p["E_L"] - p["V_T"]) / p["delta_T"]))
    expected /= p["g_L"] + p["a"]
    rest = model.initial_state()
    assert float((rest["v"] - p["E_L"]) / mV) == pytest.approx(float(expected / mV), rel=1e-3)
    assert float(rest["w"] / nA) == pytest.approx(float(p["a"] * expected / nA), rel=1e-3)


def test_rheobase_is_the_closed_form():
    # a = 0: firing starts where the rest meets the saddle of the I-V curve,
    # I = g_L (V_T - E_L - Δ_T) = 0.546 nA. Just above it the first spike comes late
    # (the latency diverges like (I - I_rh)^-1/2; measured 100 ms at +2 %), so 2 s at
    # +-2 % separates the two sides.
    model = bio.AdEx().replace(a=0 * nS)
    assert float(model.rheobase / nA) == pytest.approx(0.546, rel=1e-9)
    # both neurons in one Brian2 group (one run: half the per-step cost of two)
    below, above = bio.simulate(
        model, [bio.step(0.98 * model.rheobase), bio.step(1.02 * model.rheobase)], 2000 * ms
    )
    assert len(below.spike_times) == 0
    assert len(above.spike_times) >= 2


def test_spike_triggered_adaptation_lengthens_the_intervals():
    trace = bio.simulate(bio.AdEx(), bio.step(0.8 * nA, start=10 * ms), 500 * ms)
    isi = np.diff(trace.spike_times / ms)
    assert np.all(np.diff(isi) > 0)  # every interval longer than the one before
    assert isi[-1] > 2 * isi[0]


@pytest.mark.parametrize("current", [0.3, 0.6, 1.5] * nA)
def test_without_adaptation_the_rate_is_the_lif_closed_form(current):
    out = adaptive_lif(current, 300 * ms, b=0 * nA, dt=DT)
    isi = np.diff(out["spike_times"])
    expected = 1000.0 / float(lif_rate(bio.LIF(), current) / Hz)
    # Spikes are detected on the dt grid and the refractory clock restarts on it: every
    # interval is within 2 dt of the closed form (exact integration between steps).
    np.testing.assert_allclose(isi, expected, atol=2 * float(DT / ms))


def test_below_rheobase_v_relaxes_to_the_closed_form_and_never_spikes():
    out = adaptive_lif(0.1 * nA, 200 * ms, dt=DT)  # rheobase is 0.15 nA
    assert out["spike_times"].size == 0
    # v(t) = E_L + R I (1 - exp(-t/tau_m)): 10 mV * (1 - e^-20) at 200 ms; exact update
    # of a linear equation, so only float rounding remains (1e-9 mV)
    assert out["v"][-1] == pytest.approx(-65 + 10 * (1 - np.exp(-20)), abs=1e-9)
    assert np.all(out["w"] == 0)


def test_adaptation_lengthens_the_intervals():
    out = adaptive_lif(0.4 * nA, 500 * ms, start=50 * ms, dt=DT)
    isi = np.diff(out["spike_times"])
    assert np.all(np.diff(isi) >= -2 * float(DT / ms))  # non-decreasing, within the grid
    assert isi[-1] > 3 * isi[0]  # the figure's point: from ~115 Hz down to under 40 Hz
    plain = adaptive_lif(0.4 * nA, 500 * ms, start=50 * ms, b=0 * nA, dt=DT)
    assert len(out["spike_times"]) < len(plain["spike_times"]) / 2
    # between spikes w decays as exp(-t/tau_w): check one interval
    s0, s1 = out["spike_times"][-2:]
    k0, k1 = int(round(s0 / 0.01)) + 1, int(round(s1 / 0.01)) - 1
    ratio = out["w"][k1] / out["w"][k0]
    assert ratio == pytest.approx(np.exp(-(k1 - k0) * 0.01 / 100), rel=1e-9)


def test_bad_parameters_are_named():
    with pytest.raises(ValueError, match="V_peak must be above V_T"):
        bio.AdEx(V_peak=-60 * mV)
    with pytest.raises(ValueError, match="delta_T must be >= 0"):
        bio.AdEx(delta_T=-1 * mV)
    with pytest.raises(TypeError, match=r"lif must be a bioneuro\.bio\.LIF"):
        bio.AdEx.from_lif(bio.HodgkinHuxley())
    # (formerly compare.leftout.adaptive_lif's own checks)
    with pytest.raises(TypeError, match="stimulus must be a Stimulus"):
        bio.simulate(bio.AdEx(), 0.5, 10 * ms)
    with pytest.raises(ValueError, match="V_reset must be below V_th"):
        bio.AdEx.from_lif(bio.LIF(V_reset=-40 * mV))
