"""
Start here: the biological neuron and the artificial neuron
===========================================================

The two diagrams the course promises, drawn from two models that run, with the same
weights: dendrites are inputs, synapses are weights, the soma sums, the spike threshold
is φ, the axon is the output.

What to look at: the top cell is the one bioneuro simulates (compartments of a soma
with three branched dendrites, an axon initial segment and an axon; Hodgkin-Huxley
channels in soma and axon at 6.3 °C). Each dendrite carries one synapse whose size is
its peak conductance and whose colour is its sign (vermillion excitatory, reversal
0 mV; blue inhibitory, -80 mV). The artificial neuron below has exactly those numbers as
weights (10 nS = weight 1): its line widths and colours match the synapses. Follow the
dashed arrows: dendrites ↔ inputs xᵢ, synaptic strength ↔ weights wᵢ, the soma's
summation ↔ Σ, the spike threshold at the axon initial segment, whose f-I curve (inset,
the soma's HH membrane) is the biological φ ↔ φ, the axon ↔ the output sent to the
next layer. Made with ``compare.mapping.cell_for_weights``,
``compare.mapping.neuron_for_cell``, ``bio.fi_curve`` and
``figures.drawings.draw_two_neurons`` (which calls ``bio.draw.draw_cell`` and
``ann.draw.draw_neuron``).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, ms, uA

from bioneuro import bio
from bioneuro.compare.mapping import cell_for_weights, neuron_for_cell
from bioneuro.figures.drawings import draw_two_neurons
from bioneuro.figures.scripts import run_script

SECTION = "Start here: two neurons"
ORDER = 1
WEIGHTS = [1.5, -1.0, 0.8]  # synapses of 15 nS (exc.), 10 nS (inh.), 8 nS (exc.)


def make_figure(quick=False):
    cell = cell_for_weights(WEIGHTS)
    neuron = neuron_for_cell(cell, bias=-0.5, activation="relu")
    currents = np.linspace(0, 30, 16 if quick else 31) * uA / cm**2
    curve = bio.fi_curve(bio.HodgkinHuxley(), currents, duration=(200 if quick else 500) * ms)
    trace = cell.run(12 * ms, record_dt=0.05 * ms)
    fig = plt.figure(figsize=(14, 12))
    draw_two_neurons(cell, neuron, fig, x=np.array([1.0, 0.5, 1.0]), fi_curve=curve, trace=trace)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
