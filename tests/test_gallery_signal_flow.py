"""The signal_flow figure's data: each input alone, at physiological strength.

The cortical teaching cell (``compare.mapping.cell_for_weights``) receives the example
neuron's weights (1.5, -1, 0.8) as groups of 0.5 nS synapses; the figure shows what each
group does alone, with sodium channels blocked (``compare.mapping.input_contributions``).
"""

import numpy as np
import pytest
from brian2 import ms, mV

from bioneuro.compare import mapping


@pytest.fixture(scope="module")
def flow():
    cell = mapping.cell_for_weights(mapping.EXAMPLE_WEIGHTS)
    return cell, mapping.input_contributions(cell, 16 * ms)


def test_the_inhibitory_input_alone_goes_below_rest(flow):
    # E_inh = -80 mV lies 9.3 mV below the cell's rest (-70.7 mV): alone, the inhibitory
    # group hyperpolarises where it lands (measured -6.2 mV) and, attenuated, at the soma.
    _, alone = flow
    k = int(np.argmin(alone.weights))
    local = np.asarray((alone.local[k] - alone.rest) / mV)
    assert local.min() < -1.0  # clearly below rest, not a mixing artefact
    assert local.max() < 0.05  # and never above it
    assert alone.amplitudes("soma")[k] < 0


@pytest.mark.parametrize("where", ["local", "dendrite", "soma"])
def test_the_responses_are_ordered_like_the_weights(flow, where):
    # The signed peak of each input's own response follows its weight everywhere along
    # the way (measured local +53.5, -6.2, +43.6 mV; soma +9.1, -1.0, +7.0 mV).
    _, alone = flow
    amp = alone.amplitudes(where)
    assert list(np.argsort(amp)) == list(np.argsort(alone.weights))
    # the larger excitatory weight gives a larger response, by a visible margin (> 10 %)
    k1, k3 = np.argsort(alone.weights)[::-1][:2]
    assert amp[k1] > 1.1 * amp[k3] > 0


def test_responses_fade_along_the_dendrite(flow):
    _, alone = flow
    for k in range(3):
        assert (
            abs(alone.amplitudes("soma")[k])
            < abs(alone.amplitudes("dendrite")[k])
            < abs(alone.amplitudes("local")[k])
        )


def test_synapses_are_physiological(flow):
    cell, _ = flow
    # a unitary cortical EPSP is 0.2-1 mV at the soma (e.g. Markram et al. 1997; Song et
    # al. 2005); one 0.5 nS synapse of the teaching cell makes 0.45 mV
    assert 0.2 < mapping.unitary_epsp(cell) < 1.0
    # one unit of weight is 40 such synapses: tens of coincident inputs to fire the cell
    assert mapping.SYNAPSES_PER_UNIT * mapping.G_SYNAPSE == mapping.G_UNIT


def test_the_summed_inputs_fire_one_spike_that_starts_in_the_initial_segment(flow):
    cell, _ = flow
    trace = cell.run(30 * ms, record_dt=0.025 * ms)
    t = np.asarray(trace.t / ms)

    def first_crossing(section):
        v = np.asarray(trace.at(section, 0.5) / mV)
        up = np.flatnonzero((v[1:] > -20) & (v[:-1] <= -20))
        return t[up]

    soma, ais = first_crossing("soma"), first_crossing("ais")
    assert len(soma) == 1 and len(ais) == 1  # one spike, no burst, no plateau
    assert ais[0] < soma[0]  # the initial segment fires first
    assert float(trace.at("soma")[-1] / mV) < -60  # back towards rest
