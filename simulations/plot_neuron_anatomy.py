"""
Anatomy of a neuron: dendrites receive, the axon passes on
==========================================================

A cortical neuron at 37 °C coloured by voltage as synaptic input becomes a spike that
starts at the axon initial segment and travels down the axon.

What to look at: the example neuron of the opening figures, drawn upright (dendrites up,
axon down). (A) Three groups of synapses (triangles) change the voltage of their
dendrites; the change spreads, fading, to the soma. (B) The summed input brings the axon
initial segment, next to the soma, to threshold first: its sodium channels are packed
densely and open at lower voltages. (C) The spike travels down the axon and also
spreads back into the dendrites. (D) The voltage at a synapse, the soma, the initial
segment and two points of the axon: the initial segment crosses first, then the soma,
then the axon, farther later. This is the course's "anatomy of a brain neuron" drawn
from a simulated cell (the channels of Pospischil et al.'s 2008 regular-spiking cell).
Made with ``bio.morphology.branched_cell(...)``, ``compare.mapping.cell_for_weights``
(``compare.mapping.teaching_cell``), ``cell.run(...)``, ``trace.snapshot(t)`` and
``bio.draw.draw_cell(...)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, um

from bioneuro.bio import draw, morphology
from bioneuro.compare import mapping
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels, shades

SECTION = "Cells: dendrites, soma, axon"
ORDER = 25
ONSET = 1.0  # ms


def anatomy_run():
    """The example neuron upright with an 800 µm axon, run for 12 ms: (cell, trace)."""
    geometry = morphology.branched_cell(
        n_dendrites=3, dendrite_length=150 * um, branch_length=120 * um, axon_length=800 * um
    )
    cell = mapping.cell_for_weights(mapping.EXAMPLE_WEIGHTS, geometry, onset=ONSET)
    return cell, cell.run(12 * ms, record_dt=0.025 * ms)


def _first_crossing(t, v, level=-20.0):
    up = np.flatnonzero((v[1:] > level) & (v[:-1] <= level))
    return float(t[up[0]]) if up.size else np.nan


def make_figure(quick=False):
    cell, trace = anatomy_run()
    t = np.asarray(trace.t / ms)
    rows = (
        (cell.synapse_sites[0], "dendrite, at a synapse", COLORS["dendrite"]),
        (cell.compartment("soma"), "soma", COLORS["soma"]),
        (cell.compartment("ais", 0.5), "initial segment", COLORS["ais"]),
        (cell.compartment("axon", 0.25), "axon, 200 µm", shades("axon", 2, 0.5)[0]),
        (cell.compartment("axon", 1.0), "axon end, 800 µm", COLORS["axon"]),
    )
    v = {name: np.asarray(trace.v[i] / mV) for i, name, _ in rows}
    t_ais = _first_crossing(t, v["initial segment"])
    t_end = _first_crossing(t, v["axon end, 800 µm"])
    moments = (
        (ONSET + 2.0, "dendrites receive"),
        (round(t_ais + 0.05, 2), "initial segment fires"),
        (round(0.5 * (t_ais + t_end) + 0.3, 2), "axon passes it on"),
    )
    fig = plt.figure(figsize=(15, 12))
    grid = fig.add_gridspec(2, 3, height_ratios=[1.7, 1], hspace=0.25)
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
        ax.set_title(f"{title}\nt = {when:g} ms", fontsize=15)
        axes.append(ax)
    dx = fig.add_subplot(grid[1, :])
    for _, name, colour in rows:
        dx.plot(t, v[name], color=colour, lw=2.5)
    for when, _ in moments:
        dx.axvline(when, color="0.6", ls=":", lw=1.2)
    dx.set(xlabel="time (ms)", ylabel="membrane potential (mV)", xlim=(0, 14.5), ylim=(-80, 60))
    # direct labels at the right end, spread so that they do not touch
    ends = sorted(((v[name][-1], name, colour) for _, name, colour in rows), reverse=True)
    y_label = 50.0
    for _, name, colour in ends:
        dx.text(12.2, y_label, name, color=colour, fontsize=14, va="center", fontweight="bold")
        y_label -= 13
    dx.set_title(
        f"the initial segment crosses first ({t_ais:.2f} ms), then the soma, then the axon",
        fontsize=16,
    )
    label_panels(axes, x=-0.2, y=1.02)
    label_panels([dx], x=0.02)
    dx.texts[-1].set_text("D")
    fig.suptitle(
        "A cortical neuron at 37 °C: dendrites receive, the axon initial segment fires, "
        "the axon passes it on",
        fontsize=19,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
