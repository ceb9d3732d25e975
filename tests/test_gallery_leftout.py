"""What the abstraction leaves out: the adaptive LIF and the two-layer branch model."""

import numpy as np
import pytest
from brian2 import Hz, ms, mV, nA

from bioneuro import bio
from bioneuro.compare.leftout import adaptive_lif, branch_neuron, branch_sigmoid
from bioneuro.theory.lif import lif_rate

DT = 0.01 * ms


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


def test_branches_make_clustered_input_count_more_than_spread_input():
    assert branch_sigmoid(4.0) == pytest.approx(0.5)  # s(theta) = 1/2
    clustered = branch_neuron([[8, 0, 0, 0]])
    spread = branch_neuron([[2, 2, 2, 2]])
    # same Σ w x = 8 for a point neuron; here s(8) + 3 s(0) vs 4 s(2):
    expected_cl = branch_sigmoid(8) + 3 * branch_sigmoid(0)
    expected_sp = 4 * branch_sigmoid(2)
    assert clustered[0] == pytest.approx(expected_cl, rel=1e-12)
    assert spread[0] == pytest.approx(expected_sp, rel=1e-12)
    assert clustered[0] > 3 * spread[0]
    # all branches saturated: the output approaches the number of branches
    assert branch_neuron([50, 50, 50]) == pytest.approx(3, rel=1e-12)


def test_leftout_bad_input():
    with pytest.raises(TypeError, match="current must be a current"):
        adaptive_lif(0.5, 10 * ms)
    with pytest.raises(ValueError, match="V_reset must be below V_th"):
        adaptive_lif(0.5 * nA, 10 * ms, V_reset=-40 * mV)
    with pytest.raises(ValueError, match="active_per_branch must hold counts >= 0"):
        branch_neuron([[-1, 2]])
    with pytest.raises(ValueError, match="k must be > 0"):
        branch_sigmoid(1.0, k=0)
