"""Biological neurons: point models and cells on Brian2 (and scipy), synapses, networks.

======================  =====================================================
module                  what lives there
======================  =====================================================
``models``              descriptions: channels, point models (HH, LIF, AdEx,
                        the cortical pyramidal cell),
                        synapses, plasticity (STDP), morphologies
``backends``            the equation support both simulators share; Brian2;
                        scipy (the readable reference)
``simulation``          :func:`simulate` one neuron, :func:`fi_curve`
``inputs``              injected currents; Poisson and timed spike inputs
``analysis``            threshold crossings, firing rates
``cell``                :class:`Cell`: dendrites, soma, axon as compartments
``network``             :class:`Population`, :func:`connect`, :func:`record`
``experiments``         PSPs, the STDP window, cable measurements, chains,
                        the Brette et al. (2007) benchmark networks, the
                        Brunel (2000) network and its phase diagram
``sweep``               parameter sweeps on Dask, cached per point
``draw``                a cell drawn in 2-D, the kymograph
======================  =====================================================

The closed forms the models are tested against live in :mod:`bioneuro.theory`.

>>> from bioneuro import bio
>>> from bioneuro.units import ms, uA, cm
>>> trace = bio.simulate(bio.HodgkinHuxley(), bio.step(10 * uA / cm**2), 100 * ms)
"""

from bioneuro.bio import draw
from bioneuro.bio.analysis import arrival_times, crossings, mean_rate, steady_rate
from bioneuro.bio.backends import ode
from bioneuro.bio.cell import Cell, CellTrace, SynapseSite, axon
from bioneuro.bio.experiments.brette2007 import NetworkRun, benchmark_network
from bioneuro.bio.experiments.brunel2000 import BrunelRun, brunel_network, phase_diagram
from bioneuro.bio.experiments.cable import conduction_velocity, input_resistance, length_constant
from bioneuro.bio.experiments.chains import CellChain, RelayChain, cell_chain, relay_chain
from bioneuro.bio.experiments.psp import SpikeResponses, nmda_clamp, spike_responses
from bioneuro.bio.experiments.stdp import stdp_window
from bioneuro.bio.inputs import (
    Stimulus,
    noisy,
    poisson_input,
    pulse,
    pulses,
    ramp,
    spike_input,
    step,
)
from bioneuro.bio.models import channels, morphology
from bioneuro.bio.models.plasticity import STDP
from bioneuro.bio.models.point import LIF, AdEx, CorticalPyramidal, HodgkinHuxley, PointModel
from bioneuro.bio.models.synapses import AMPA, GABA_A, GABA_B, NMDA, Synapse, nmda_block
from bioneuro.bio.network import Population, connect, record
from bioneuro.bio.simulation import Trace, fi_curve, simulate
from bioneuro.theory import cable as cable_analytic
from bioneuro.theory import lif as analytic

#: Former module names, kept as aliases.
draw_cell = draw

__all__ = [
    "AMPA",
    "GABA_A",
    "GABA_B",
    "LIF",
    "NMDA",
    "STDP",
    "AdEx",
    "BrunelRun",
    "Cell",
    "CellChain",
    "CellTrace",
    "CorticalPyramidal",
    "HodgkinHuxley",
    "NetworkRun",
    "PointModel",
    "Population",
    "RelayChain",
    "SpikeResponses",
    "Stimulus",
    "Synapse",
    "SynapseSite",
    "Trace",
    "analytic",
    "arrival_times",
    "axon",
    "benchmark_network",
    "brunel_network",
    "cable_analytic",
    "cell_chain",
    "channels",
    "conduction_velocity",
    "connect",
    "crossings",
    "draw",
    "draw_cell",
    "fi_curve",
    "input_resistance",
    "length_constant",
    "mean_rate",
    "morphology",
    "nmda_block",
    "nmda_clamp",
    "noisy",
    "ode",
    "phase_diagram",
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
