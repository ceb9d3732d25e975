"""Biological neurons: point models on two backends (scipy, Brian2), stimuli, analysis.

>>> from bioneuro import bio
>>> from bioneuro.units import ms, uA, cm
>>> trace = bio.simulate(bio.HodgkinHuxley(), bio.step(10 * uA / cm**2), 100 * ms)
"""

from bioneuro.bio import analytic, channels
from bioneuro.bio.models import LIF, HodgkinHuxley, PointModel
from bioneuro.bio.network import (
    Population,
    benchmark_network,
    connect,
    mean_rate,
    nmda_clamp,
    poisson_input,
    record,
    relay_chain,
    spike_input,
    spike_responses,
)
from bioneuro.bio.plasticity import STDP, stdp_window
from bioneuro.bio.simulation import Trace, fi_curve, simulate, steady_rate
from bioneuro.bio.stimuli import Stimulus, noisy, pulse, pulses, ramp, step
from bioneuro.bio.synapses import AMPA, GABA_A, GABA_B, NMDA, Synapse, nmda_block

__all__ = [
    "AMPA",
    "GABA_A",
    "GABA_B",
    "LIF",
    "NMDA",
    "STDP",
    "HodgkinHuxley",
    "PointModel",
    "Population",
    "Stimulus",
    "Synapse",
    "Trace",
    "analytic",
    "benchmark_network",
    "channels",
    "connect",
    "fi_curve",
    "mean_rate",
    "nmda_block",
    "nmda_clamp",
    "noisy",
    "poisson_input",
    "pulse",
    "pulses",
    "ramp",
    "record",
    "relay_chain",
    "simulate",
    "spike_input",
    "spike_responses",
    "stdp_window",
    "steady_rate",
    "step",
]
