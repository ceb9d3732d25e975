"""
Summation at the soma: the biological weighted sum
==================================================

PSPs add exactly for current synapses and sublinearly for conductance synapses.

What to look at: A, two AMPA synapses active together (black) against the sum of their
separate PSPs (dashed): the pair falls short, because each PSP reduces the other's
driving force. B, temporal summation of five spikes at 100 Hz through one AMPA synapse,
again below the linear sum. C, peak PSP against the linear prediction (sum of the
single PSPs) for 1 to 10 synapses active together: current synapses sit on the
identity line (the artificial neuron's Σ wᵢxᵢ holds), conductance synapses bend below
it. Made with ``bioneuro.bio.AMPA``, ``bioneuro.bio.Synapse(mode="current")`` and
``bioneuro.bio.spike_responses`` on a passive LIF membrane.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Mohm, ms, mV, nS, pA

from bioneuro.bio import AMPA, LIF, Synapse, spike_responses
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "Synapses and networks"
ORDER = 43
MODEL = LIF(tau_m=10 * ms, R=100 * Mohm, E_L=-65 * mV)
DT, T0, G, I_PEAK = 0.025 * ms, 5 * ms, 4 * nS, 150 * pA
N_MAX = 10


def make_figure(quick=False):
    n_max = 5 if quick else N_MAX
    ampa = AMPA(weight=G, delay=0 * ms)
    cur = Synapse(
        "cur",
        kinetics="biexponential",
        mode="current",
        tau_rise=0.2 * ms,
        tau_decay=2 * ms,
        weight=I_PEAK,
    )
    # neuron 0: one AMPA; 1: two AMPA together; 2: one AMPA spike; 3: five at 100 Hz;
    # 4..: k AMPA together; then one current; then k current synapses together
    events = [(0, "ampa", T0, G), (1, "ampa", T0, G), (1, "ampa", T0, G), (2, "ampa", T0, G)]
    train = T0 + np.arange(5) * 10 * ms
    events += [(3, "ampa", t, G) for t in train]
    base = 4
    for k in range(1, n_max + 1):
        events += [(base + k - 1, "ampa", T0, G)] * k
        events += [(base + n_max + k - 1, "cur", T0, I_PEAK)] * k
    out = spike_responses(
        MODEL, [ampa, cur], events, 80 * ms, dt=DT, target="numpy", name="fig_summation"
    )
    t = np.asarray((out.t) / ms)
    dv = np.asarray((out.v - MODEL.E_L) / mV)
    fig, axes = plt.subplots(1, 3, figsize=(17, 6), layout="constrained")
    ax = axes[0]
    ax.plot(t, dv[0], color=COLORS["excitatory"], label="synapse 1 alone (= synapse 2)")
    ax.plot(t, dv[1], color=COLORS["analytic"], label="both together")
    ax.plot(t, 2 * dv[0], "--", color="0.4", label="linear sum")
    ax.set(xlabel="time (ms)", ylabel="PSP (mV)", title="two synapses at once", xlim=(0, 40))
    ax.set_ylim(-0.5, 1.75 * dv[1].max())
    ax.legend(frameon=False, loc="upper right")
    ax = axes[1]
    linear = sum(np.interp(t - (ts / ms - T0 / ms), t, dv[2], left=0) for ts in train)
    ax.plot(t, dv[3], color=COLORS["analytic"], label="5 spikes, 100 Hz")
    ax.plot(t, linear, "--", color="0.4", label="linear sum")
    ax.plot(train / ms, np.zeros(5) - 0.6, "|", color=COLORS["excitatory"], ms=14, mew=2)
    ax.set(xlabel="time (ms)", ylabel="PSP (mV)", title="one synapse, five spikes", xlim=(0, 80))
    ax.set_ylim(-1.2, 1.7 * max(dv[3].max(), linear.max()))
    ax.legend(frameon=False, loc="upper right")
    ax = axes[2]
    k = np.arange(1, n_max + 1)
    g_peak = dv[base : base + n_max].max(axis=1)
    c_peak = dv[base + n_max : base + 2 * n_max].max(axis=1)
    lim = max(k[-1] * g_peak[0], k[-1] * c_peak[0]) * 1.05
    ax.plot([0, lim], [0, lim], color="0.6", lw=1, label="linear: Σ of single PSPs")
    ax.plot(k * c_peak[0], c_peak, "s", color=COLORS["weight"], ms=8, label="current synapses")
    ax.plot(
        k * g_peak[0], g_peak, "o", color=COLORS["excitatory"], ms=8, label="conductance (AMPA)"
    )
    ax.set(
        xlabel="linear prediction (mV)",
        ylabel="measured peak PSP (mV)",
        title=f"1 to {n_max} synapses: conductances add less",
        xlim=(0, lim),
        ylim=(0, lim),
    )
    ax.legend(frameon=False, loc="upper left")
    conventions(
        axes[0],
        f"AMPA {G / nS:.0f} nS each\n(≈ 8 cortical synapses)\npassive, τₘ 10 ms",
        loc="center right",
    )
    conventions(ax, f"current synapses {I_PEAK / pA:.0f} pA each")
    label_panels(axes)
    fig.suptitle(
        "The soma adds its inputs: the biological weighted sum", fontsize=19, fontweight="bold"
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
