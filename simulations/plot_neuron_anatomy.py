"""
Anatomy of a neuron: dendrites receive, the axon passes on
==========================================================

Dendrites, soma and axon coloured by voltage as synaptic input becomes a travelling spike.

What to look at: (1) the synapses (triangles) depolarise their dendrites and the
depolarisation spreads, fading, to the soma; (2) the summed input brings the axon
initial segment, next to the soma, to threshold and an action potential starts there;
(3) the spike travels down the axon at a fixed speed and also spreads back into the
dendrites. D shows the voltage at a synapse, the soma and two points of the axon. This
is the course's "anatomy of a neuron" diagram, drawn from the simulated cell. Made
with ``bio.morphology.branched_cell(...)``, ``bio.Cell(geometry)``,
``cell.set("g_Na", ..., regions="ais")``, ``cell.add_synapse(...)``,
``cell.run(...)``, ``trace.snapshot(t)`` and ``bio.draw.draw_cell(...)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mS, ms, mV, nS, um

from bioneuro import bio
from bioneuro.bio import draw, morphology
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, PALETTE, conventions, label_panels

SECTION = "Cells: dendrites, soma, axon"
ORDER = 25


def make_figure(quick=False):
    geometry = morphology.branched_cell(axon_length=800 * um, n_dendrites=3)
    cell = bio.Cell(geometry)
    # the initial segment packs sodium channels densely: the spike starts there
    cell.set("g_Na", 600 * mS / cm**2, regions="ais")
    for section in ("dend0a", "dend1a", "dend1b", "dend2b"):
        cell.add_synapse(section, 0.5, 4 * nS, onset=1 * ms, tau=1 * ms)
    trace = cell.run(8 * ms, record_dt=0.05 * ms)
    fig = plt.figure(figsize=(14, 10))
    grid = fig.add_gridspec(2, 3, height_ratios=[1.6, 1])
    moments = (
        (2.5, "1. dendrites receive"),
        (4.25, "2. the initial segment fires"),
        (5.5, "3. the axon passes it on"),
    )
    axes = []
    for k, (when, title) in enumerate(moments):
        ax = fig.add_subplot(grid[0, k])
        draw.draw_cell(
            cell,
            ax,
            values=trace.snapshot(when * ms),
            labels=k == 0,
            colorbar=k == 2,
            scalebar=100 if k == 0 else None,
        )
        ax.set_title(f"{title}\nt = {when:g} ms", fontsize=14)
        axes.append(ax)
    dx = fig.add_subplot(grid[1, :])
    t = np.asarray(trace.t / ms)
    lines = (
        (cell.synapse_sites[1], "dendrite, at a synapse", COLORS["synapse"]),
        (0, "soma", COLORS["soma"]),
        (cell.compartment("axon", 0.25), "axon, 200 µm", COLORS["axon"]),
        (cell.compartment("axon", 1.0), "axon end, 800 µm", PALETTE["purple"]),
    )
    for i, label, color in lines:
        dx.plot(t, trace.v[i] / mV, color=color, label=label)
    for when, _ in moments:
        dx.axvline(when, color="0.6", ls=":", lw=1)
    dx.set_xlabel("time (ms)")
    dx.set_ylabel("membrane potential (mV)")
    dx.legend(frameon=False, ncol=2, loc="upper right", fontsize=11)
    conventions(
        dx,
        "HH channels in soma, initial segment (5× Na⁺) and axon; passive dendrites;"
        " 6.3 °C\n4 synapses × 4 nS (alpha, τ 1 ms, E 0 mV) at t = 1 ms",
        loc="upper left",
    )
    label_panels([*axes, dx], x=0.02)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
