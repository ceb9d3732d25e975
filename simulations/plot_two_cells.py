"""
One neuron's spike is the next one's input: axon, synapse, dendrite
===================================================================

Two simulated cortical neurons: a spike leaves cell 1, runs down its axon, crosses a
synapse onto a dendrite of cell 2, and arrives at cell 2's soma as a small, delayed EPSP.

What to look at: "the dendrites of one neuron are connected to the axon of another
neuron; these connections are called synapses" (the course), drawn from two copies of
the example neuron (a cortical pyramidal cell at 37 °C). (A) A brief current makes cell
1 fire at its soma; the spike reaches the end of its axon about 0.7 ms later. (B) One
millisecond of synaptic delay later (transmitter release and diffusion), one synapse of
0.5 nS opens on a dendrite of cell 2: a local EPSP of a few mV at the synapse. (C) At
cell 2's soma the same input is a 0.45 mV EPSP, later and slower: one spike of one
neuron cannot make the next one fire; tens must arrive together (as in
``signal_flow``). In the artificial network this whole journey is one multiplication,
w·a, and takes no time. Made with ``compare.mapping.teaching_cell``,
``bio.cell_chain(2, cell=..., g_max=0.5 nS)`` and
``figures.drawings.draw_two_cells`` (which calls ``bio.draw.draw_cell``).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, nA

from bioneuro import bio
from bioneuro.compare import mapping
from bioneuro.figures.drawings import draw_two_cells
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels

SECTION = "Start here: two neurons"
ORDER = 4
SECTION_2, POSITION_2 = "dend1a", 0.9  # where cell 1's axon meets cell 2
DELAY = 1 * ms


def two_cells_run():
    """(cell, chain): two copies of the teaching cell, cell 0 started by a 5 nA, 1 ms
    pulse, its axon driving one 0.5 nS synapse on cell 1's dendrite."""
    alpha = bio.Synapse(
        "alpha", kinetics="alpha", mode="conductance", tau_decay=1 * ms, E_rev=0 * mV
    )
    cell = mapping.teaching_cell(receptors=[alpha])
    chain = bio.cell_chain(
        2,
        cell=cell,
        section=SECTION_2,
        position=POSITION_2,
        g_max=mapping.G_SYNAPSE,
        delay=DELAY,
        stimulus=5 * nA,
        t_stim=2 * ms,
        window=20 * ms,
    )
    return cell, chain


def make_figure(quick=False):
    cell, chain = two_cells_run()
    fig = plt.figure(figsize=(16, 11))
    drawn = draw_two_cells(
        cell, chain, fig, section=SECTION_2, position=POSITION_2, rect=(0.02, 0.5, 0.96, 0.37)
    )
    t_end = float(chain.axon_spikes[0] / ms)
    t_syn = float(chain.synapse_onsets[1] / ms)
    axes = [fig.add_axes([0.06 + k * 0.325, 0.07, 0.26, 0.3]) for k in range(3)]
    c1, c2 = chain.traces
    # sample times rebuilt from the cell's step: cell_chain reruns one Cell, whose monitor
    # (and with it cell 1's time axis) the second run resets
    step = float(cell.dt / ms)
    t1, t2 = (np.arange(len(c["soma"])) * step for c in (c1, c2))
    rest = float(cell.v_init / mV)
    axes[0].plot(t1, np.asarray(c1["soma"] / mV), color=COLORS["soma"], lw=2.5)
    axes[0].plot(t1, np.asarray(c1["axon_end"] / mV), color=COLORS["axon"], lw=2.5)
    axes[0].set(ylabel="v (mV)", ylim=(-85, 75), title="cell 1 fires")
    axes[0].text(t_end + 1.5, 45, "axon end", fontsize=14, fontweight="bold", color=COLORS["axon"])
    axes[0].text(t_end + 1.5, 20, "soma", fontsize=14, fontweight="bold")
    local = np.asarray(c2["synapse"] / mV) - rest
    soma = np.asarray(c2["soma"] / mV) - rest
    axes[1].plot(t2, local, color=COLORS["dendrite"], lw=2.5)
    axes[1].set(ylabel="v − rest (mV)", title=f"cell 2, at the synapse: {local.max():.1f} mV")
    axes[2].plot(t2, soma, color=COLORS["soma"], lw=2.5)
    axes[2].set(ylabel="v − rest (mV)", title=f"cell 2, at the soma: {soma.max():.2f} mV")
    for ax in axes:
        ax.set(xlabel="time (ms)", xlim=(0, 20))
        ax.axvline(t_end, color=COLORS["axon"], lw=1.5, ls=":")
    for ax in axes[1:]:
        ax.axvline(t_syn, color=COLORS["synapse"], lw=2, ls="--")
        top = ax.get_ylim()[1]
        ax.set_ylim(-0.08 * top, 1.35 * top)
        ax.text(
            t_syn + 0.4,
            1.25 * top,
            f"synapse opens\n{t_syn - t_end:.0f} ms after",
            va="top",
            fontsize=14,
            color=COLORS["synapse"],
        )
    label_panels(axes, x=-0.16, y=1.04)
    soma = drawn["geometry"].soma
    drawn["axes"][0].plot(*soma, marker="*", ms=20, color="0.55", mec="black", zorder=8)
    drawn["axes"][0].annotate(
        "electrode: 5 nA for 1 ms",
        tuple(soma),
        xytext=(30, -55),
        textcoords="offset points",
        fontsize=14,
        color="0.3",
        arrowprops={"arrowstyle": "-", "color": "0.4"},
    )
    fig.suptitle(
        "One neuron's spike becomes the next neuron's input: a small, delayed EPSP",
        fontsize=20,
        fontweight="bold",
        y=0.98,
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
