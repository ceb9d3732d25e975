"""
A real neuron receives a synaptic input
=======================================

A reconstructed granule cell (NeuroMorpho.Org) coloured by voltage after dendritic synapses.

What to look at: the synapses (triangles) depolarise their own dendrite by tens of
millivolts; the depolarisation spreads and fades along the branches, and the soma
(black disc in B's legend colour) sees only a few millivolts, later. The other
dendrites barely notice. The shape is a real cell: Brian2 ships its reconstruction
``mp_ma_40984_gc2.CNG.swc`` (NeuroMorpho.Org, Amaral archive; Ascoli et al. 2007
J Neurosci 27:9247), read from the installed package. Its axon was not reconstructed.
Made with ``bio.morphology.load_swc(bio.morphology.brian2_swc_path())``,
``bio.Cell(geometry)``, ``cell.add_synapse(...)``, ``cell.run(...)``,
``trace.snapshot(t)`` and ``bio.draw.draw_cell(cell, values=...)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, nS

from bioneuro import bio
from bioneuro.bio import draw, morphology
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "Cells: dendrites, soma, axon"
ORDER = 24


def make_figure(quick=False):
    cell = bio.Cell(morphology.load_swc(morphology.brian2_swc_path()))
    far = int(np.argmax(cell.distance_um))
    branch = cell.section_of[far]
    for pos in (0.3, 0.6, 0.9):
        cell.add_synapse(branch, pos, 1 * nS, onset=1 * ms, tau=1 * ms)
    trace = cell.run(12 * ms if quick else 25 * ms, record_dt=0.1 * ms)
    site = cell.synapse_sites[-1]
    t = np.asarray(trace.t / ms)
    t_show = t[np.argmax(trace.v[site])] * ms
    fig = plt.figure(figsize=(13, 7))
    grid = fig.add_gridspec(1, 2, width_ratios=[1.5, 1])
    ax = fig.add_subplot(grid[0])
    draw.draw_cell(
        cell,
        ax,
        values=trace.snapshot(t_show),
        vmin=-66 * mV,
        vmax=-30 * mV,
        width=(1.0, 6.0),
        scalebar=50,
    )
    ax.set_title(
        f"Dentate granule cell at t = {t_show / ms:.1f} ms\n"
        "(synapses opened at 1 ms; axon not reconstructed)",
        fontsize=13,
    )
    bx = fig.add_subplot(grid[1])
    bx.plot(t, trace.v[site] / mV, color=COLORS["synapse"], label="at the distal synapse")
    mid = cell.compartment(branch, 0.0)
    bx.plot(t, trace.v[mid] / mV, color=COLORS["dendrite"], label="start of that branch")
    bx.plot(t, trace.v[0] / mV, color=COLORS["soma"], label="soma")
    bx.axvline(float(t_show / ms), color="0.6", ls=":", lw=1)
    bx.set_xlabel("time (ms)")
    bx.set_ylabel("membrane potential (mV)")
    bx.set_title("the same input, three places")
    bx.legend(frameon=False, fontsize=11)
    conventions(  # beside the cell: B's traces cross its corners in quick mode
        ax,
        "3 synapses × 1 nS\n(alpha, τ 1 ms, E 0 mV)\npassive dendrites,\n"
        "HH soma, 6.3 °C\nNeuroMorpho.Org,\nCC BY 4.0",
        loc="lower right",
    )
    label_panels([ax, bx], x=0.0)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
