"""
Start here: the biological neuron and the artificial neuron
===========================================================

The two diagrams the course promises, drawn from two models that run, with the same
weights: dendrites are inputs, synapses are weights, the soma sums, the spike threshold
is φ, the axon is the output.

What to look at: the top cell is the brain neuron bioneuro simulates, a cortical
pyramidal cell at 37 °C (compartments of a soma with three branched dendrites, an axon
initial segment and an axon; the sodium and potassium channels of Pospischil et al.'s
2008 regular-spiking cell). Each dendrite receives one group of coincident synapses of
0.5 nS each; a marker's area is the group's total conductance and its colour its sign
(vermillion excitatory, reversal 0 mV; blue inhibitory, -80 mV). The artificial neuron
below has exactly those numbers as weights (w = 1 stands for 40 synapses, 20 nS): its
line widths and colours match the synapses. Follow the dashed arrows, each in the
colour of its concept: dendrites ↔ inputs xᵢ, synaptic strength ↔ weights wᵢ, the
soma's summation ↔ Σ, the spike threshold at the axon initial segment, whose f-I curve
(inset, the cell's soma as a point model) is the biological φ ↔ φ, the axon ↔ the output
sent to the next layer. The right inset is the cell's response to the inputs drawn: one
spike at the soma, then at the end of the axon. Made with
``compare.mapping.cell_for_weights``, ``compare.mapping.neuron_for_cell``,
``bio.fi_curve(compare.mapping.teaching_point_model(), ...)`` and
``figures.drawings.draw_two_neurons`` (which calls ``bio.draw.draw_cell`` and
``ann.draw.draw_neuron``).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, nA

from bioneuro import bio
from bioneuro.compare import mapping
from bioneuro.figures.drawings import draw_two_neurons
from bioneuro.figures.scripts import run_script

SECTION = "Start here: two neurons"
ORDER = 1


def make_figure(quick=False):
    cell = mapping.cell_for_weights(mapping.EXAMPLE_WEIGHTS)
    neuron = mapping.neuron_for_cell(cell)
    currents = np.linspace(0, 0.5, 11 if quick else 26) * nA
    curve = bio.fi_curve(
        mapping.teaching_point_model(), currents, duration=(300 if quick else 1000) * ms
    )
    trace = cell.run(14 * ms, record_dt=0.05 * ms)
    fig = plt.figure(figsize=(15, 14))
    draw_two_neurons(
        cell, neuron, fig, x=np.asarray(mapping.EXAMPLE_INPUT), fi_curve=curve, trace=trace
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
