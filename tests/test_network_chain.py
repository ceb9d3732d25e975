"""A spike relayed down a chain of three neurons, with the latency the synapses predict."""

import numpy as np
import pytest
from brian2 import ms, nA

from bioneuro.bio import relay_chain


@pytest.fixture(scope="module")
def chain():
    return relay_chain(3, weight=1 * nA, dt=0.025 * ms, target="numpy")


def test_each_neuron_spikes_once_in_order(chain):
    times = [np.asarray(s / ms) for s in chain["spike_times"]]
    assert [len(t) for t in times] == [1, 1, 1]
    assert times[0][0] < times[1][0] < times[2][0]


def test_latency_matches_delay_plus_rise_to_threshold(chain):
    t_a, _, t_c = (float(s[0] / ms) for s in chain["spike_times"])
    hop = float(chain["hop_latency"] / ms)  # delay + closed-form PSP time to threshold
    assert 2 < hop < 10  # a real latency: 2 ms delay plus the PSP's climb
    # Issue: ±1 ms. Beyond the closed form the simulation adds one step per hop (a
    # spike acts from the step after it arrives) and threshold detection on the grid.
    assert t_c - t_a == pytest.approx(2 * hop, abs=1.0)
    first = float((chain["spike_times"][0][0] - chain["t_stim"]) / ms)
    assert first == pytest.approx(hop, abs=1.0)
