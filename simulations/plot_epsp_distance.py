"""
An EPSP fades and slows on its way to the soma
==============================================

One synapse at four distances on a dendrite: the EPSP at the synapse and at the soma.

What to look at: at the synapse (A) the EPSP is large and fast, larger the farther
out (a thin dendritic tip has a high input resistance). At the soma (B) the same
synapse gives a smaller EPSP the farther away it sits, and it arrives later and
broader: the dendrite's membrane leaks and charges on the way (cable filtering). C
and D put numbers on it. A ball-and-stick cell (soma 20 µm with Hodgkin-Huxley
channels, passive dendrite 800 µm × 2 µm). Made with
``bio.Cell(bio.morphology.ball_and_stick(...))``,
``cell.add_synapse("dend0", position, g_max, onset=..., tau=...)`` and
``cell.run(duration, record=[soma, site])``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, nS, um

from bioneuro import bio
from bioneuro.bio import morphology
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, shades

SECTION = "Cells: dendrites, soma, axon"
ORDER = 21

LENGTH = 800 * um


def make_figure(quick=False):
    cell = bio.Cell(morphology.ball_and_stick(dendrite_length=LENGTH, dendrite_diameter=2 * um))
    positions = (0.1, 0.35, 0.65, 0.95)
    fig, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    (ax_site, ax_soma), (ax_amp, ax_time) = axes
    rows = []
    for color, pos in zip(shades("dendrite", len(positions), 0.35), positions, strict=True):
        cell.clear_inputs()
        site = cell.add_synapse("dend0", pos, 3 * nS, onset=2 * ms, tau=0.5 * ms)
        tr = cell.run(25 * ms if not quick else 15 * ms, record=[0, site])
        t = np.asarray(tr.t / ms)
        v_soma, v_site = np.asarray(tr.v[0] / mV), np.asarray(tr.v[1] / mV)
        dist = cell.distance_um[site] - cell.distance_um[0]
        label = f"{dist:.0f} µm from soma"
        ax_site.plot(t, v_site, color=color, label=label)
        ax_soma.plot(t, v_soma, color=color, label=label)
        dv = v_soma - v_soma[0]
        peak = np.argmax(dv)
        half = t[dv >= dv[peak] / 2]
        rows.append(
            (dist, (v_site - v_site[0]).max(), dv[peak], t[peak] - 2.0, half[-1] - half[0])
        )
    rows = np.array(rows)
    ax_site.set_title("at the synapse")
    ax_soma.set_title("at the soma (same synapses)")
    for ax in (ax_site, ax_soma):
        ax.set_xlabel("time (ms)")
        ax.set_ylabel("membrane potential (mV)")
    ax_soma.legend(frameon=False, fontsize=11)
    ax_amp.plot(rows[:, 0], rows[:, 1], "o-", color=COLORS["synapse"], label="at the synapse")
    ax_amp.plot(rows[:, 0], rows[:, 2], "o-", color=COLORS["soma"], label="at the soma")
    ax_amp.set_ylim(bottom=0)
    conventions(  # under the curves of C: A's traces fill its corners
        ax_amp,
        "synapse: alpha conductance, 3 nS peak,\nτ 0.5 ms, E_syn 0 mV; 6.3 °C",
        loc="lower right",
    )
    ax_amp.set_xlabel("synapse distance from soma (µm)")
    ax_amp.set_ylabel("EPSP amplitude (mV)")
    ax_amp.legend(frameon=False)
    ax_time.plot(rows[:, 0], rows[:, 3], "o-", color=COLORS["dendrite"], label="time to peak")
    ax_time.plot(rows[:, 0], rows[:, 4], "s--", color=COLORS["axon"], label="half-width")
    ax_time.set_xlabel("synapse distance from soma (µm)")
    ax_time.set_ylabel("somatic EPSP timing (ms)")
    ax_time.set_ylim(bottom=0)
    ax_time.legend(frameon=False)
    label_panels(axes.ravel())
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
