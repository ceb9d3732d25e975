"""The Brette et al. (2007) COBA network fires like a hand-written Brian2 version.

Reference measured with benchmarks/bench_coba.py --rates 10 --duration 0.5 (4000 LIF
neurons, conductance synapses 6 nS / 67 nS, Brian2's COBAHH random start, forward Euler
at 0.1 ms, C++ standalone, seeds 0-9): hand-written Brian2 19.29 Hz mean excitatory
rate over the first 0.5 s, seed-to-seed sd 1.14 Hz (range 17.23-20.71 Hz); bioneuro's
builder over the same seeds 20.32 Hz, sd 1.94 Hz (range 17.55-23.37 Hz; seed 0:
23.37 Hz); the means differ by 1.0 Hz, 1.5 standard errors (0.71 Hz). Before the random start
(v uniform in [E_L, E_L + 10 mV], synapses closed) bioneuro's COBA gave 0 Hz.

Like the CUBA test: 0.5 s on the C++ standalone device (cold build ~40 s here, warm
~20 s).
"""

import brian2 as b2
import pytest
from brian2 import second
from brian2.devices.device import RuntimeDevice

from bioneuro.bio import benchmark_network

HANDWRITTEN_MEAN_HZ = 19.29  # hand-written Brian2 COBA, 0.5 s, mean of 10 seeds
# One network is one random draw. Seed-to-seed sd: hand-written 1.14 Hz, bioneuro
# 1.94 Hz; pooled 1.59 Hz, so 3 pooled sd = 4.8 Hz covers any single network that
# behaves like the hand-written one, and excludes a silent (0 Hz) network.
TOLERANCE_HZ = 4.8


@pytest.mark.slow
def test_coba_fires_at_the_handwritten_brian2_rate():
    out = benchmark_network("coba", 4000, 0.5 * second, device="cpp_standalone", seed=0)
    rate = float(out["rate_exc"])
    assert rate == pytest.approx(HANDWRITTEN_MEAN_HZ, abs=TOLERANCE_HZ)
    # inhibitory neurons are the same model with the same input statistics, so their
    # rate equals the excitatory one in expectation (measured 21.06 vs 23.37 Hz for
    # seed 0); 50 % allows finite-size noise and still fails a silent population
    assert float(out["rate_inh"]) == pytest.approx(rate, rel=0.5)
    assert isinstance(b2.get_device(), RuntimeDevice)
