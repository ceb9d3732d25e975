"""Biological neurons: point models on two backends (scipy, Brian2), stimuli, analysis.

>>> from bioneuro import bio
>>> from bioneuro.units import ms, uA, cm
>>> trace = bio.simulate(bio.HodgkinHuxley(), bio.step(10 * uA / cm**2), 100 * ms)
"""

from bioneuro.bio import analytic, channels
from bioneuro.bio import cable_analytic as cable_analytic
from bioneuro.bio import morphology as morphology
from bioneuro.bio.cable import conduction_velocity, input_resistance, length_constant
from bioneuro.bio.cell import Cell, CellTrace, axon
from bioneuro.bio.models import LIF, HodgkinHuxley, PointModel
from bioneuro.bio.network import (
    Population,
    benchmark_network,
    cell_chain,
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
    "Cell",
    "CellTrace",
    "HodgkinHuxley",
    "PointModel",
    "Population",
    "Stimulus",
    "Synapse",
    "Trace",
    "analytic",
    "axon",
    "benchmark_network",
    "cable_analytic",
    "cell_chain",
    "channels",
    "conduction_velocity",
    "connect",
    "fi_curve",
    "input_resistance",
    "length_constant",
    "mean_rate",
    "morphology",
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
