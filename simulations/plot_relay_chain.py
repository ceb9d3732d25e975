"""
A spike relayed down a chain of three neurons
=============================================

One spike travels A → B → C: each neuron's spike, after a synaptic delay, makes the next one fire.

What to look at: A, three point (LIF) neurons joined by current synapses (alpha, 1 ms,
delay 2 ms): each spike follows the previous one by the delay plus the time the PSP
needs to climb to threshold, which the closed form predicts (grey bars: predicted
spike times). B, three compartmental cells (HH soma, initial segment and 1 mm axon;
passive branched dendrites): the spike of cell A (black, soma) runs down its axon
(vermillion, axon end), and 1 ms after it arrives, a 20 nS synapse on cell B's
dendrite (blue, synapse site) opens, depolarises the dendrite, and the soma of B fires;
then C. The relay costs a delay, a dendritic PSP and axonal conduction at every step.
Made with ``bioneuro.bio.relay_chain`` and ``bioneuro.bio.cell_chain`` (on
``bioneuro.bio.cell.Cell``, whose cells are simulated one after the other: the chain
is feed-forward).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, nA

from bioneuro.bio import cell_chain, relay_chain
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "Synapses and networks"
ORDER = 45
OFFSET = 110  # mV between stacked traces


def make_figure(quick=False):
    fig, axes = plt.subplots(1, 2, figsize=(15, 5.6), layout="constrained")
    chain = relay_chain(3, weight=1 * nA, dt=0.025 * ms, target="numpy")
    t = np.asarray(chain.t / ms)
    hop = float(chain.hop_latency / ms)
    t_stim = float(chain.t_stim / ms)
    ax = axes[0]
    for k, name in enumerate("ABC"):
        v = np.asarray(chain.v[k] / mV)
        base = -k * 30
        ax.plot(t, v + base, color=COLORS["v"])
        for ts in chain.spike_times[k]:
            ax.plot([ts / ms] * 2, [base - 50, base - 35], color=COLORS["excitatory"], lw=3)
        pred = t_stim + (k + 1) * hop
        ax.axvspan(pred - 0.15, pred + 0.15, color="0.8", zorder=0)
        ax.text(0.5, base - 58, name, fontsize=14, fontweight="bold", va="center")
    ax.axvline(t_stim, color=COLORS["stimulus"], ls=":", lw=1.5)
    ax.text(
        t_stim + 0.3,
        0.97,
        "input spike",
        color=COLORS["stimulus"],
        fontsize=11,
        transform=ax.get_xaxis_transform(),
        va="top",
    )
    ax.set(
        xlabel="time (ms)",
        ylabel="v (mV), traces offset by 30 mV",
        xlim=(0, 25),
        title=f"LIF chain: predicted hop {hop:.2f} ms",
    )
    ax.set_yticks([])
    conventions(ax, "spike marks: vermillion\ngrey: closed-form prediction", loc="upper right")

    ax = axes[1]
    cells = cell_chain(3)
    for k, name in enumerate("ABC"):
        tr = cells.traces[k]
        tt = np.asarray(tr["t"] / ms)
        base = -k * OFFSET
        ax.plot(
            tt,
            tr["synapse"] / mV + base,
            color=COLORS["dendrite"],
            lw=1.5,
            label="dendrite (synapse site)" if k == 0 else None,
        )
        ax.plot(
            tt,
            tr["soma"] / mV + base,
            color=COLORS["soma"],
            lw=1.5,
            label="soma" if k == 0 else None,
        )
        ax.plot(
            tt,
            tr["axon_end"] / mV + base,
            color=COLORS["axon"],
            lw=1.5,
            label="axon end" if k == 0 else None,
        )
        ax.text(-1.5, base - 65, name, fontsize=14, fontweight="bold", va="center")
        onset = cells.synapse_onsets[k]
        if onset is not None:
            ax.annotate(
                "",
                xy=(onset / ms, base - 20),
                xytext=(onset / ms, base + 50),
                arrowprops={"arrowstyle": "->", "color": COLORS["synapse"], "lw": 2},
            )
    ax.set(
        xlabel="time (ms)",
        ylabel=f"v (mV), cells offset by {OFFSET} mV",
        title="compartmental cells: axon → synapse → dendrite → soma",
        xlim=(-2, 26),
    )
    ax.set_yticks([])
    ax.set_ylim(-2 * OFFSET - 150, 60)
    ax.legend(frameon=False, loc="upper right")
    hops = np.diff([float(s / ms) for s in cells.axon_spikes])
    conventions(
        ax,
        f"orange arrows: synapse opens (1 ms after the axon spike)\n"
        f"hop, axon to axon: {hops[0]:.2f} and {hops[1]:.2f} ms; 6.3 °C",
        loc="lower left",
    )
    label_panels(axes)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
