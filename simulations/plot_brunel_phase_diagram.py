"""
The phase diagram of the Brunel network: measured states and the theory's boundaries
====================================================================================

Each square is one simulated network, coloured by the state measured from its spikes;
the shaded regions are where Brunel's mean-field theory says the asynchronous state is
unstable.

What to look at: the two numbers of the Brunel (2000) network, the relative strength of
inhibition g (x) and the external drive ν_ext/ν_thr (y), and the state a network of
5000 LIF neurons settles in (each receives 1000 excitatory and 250 inhibitory inputs,
as in the paper). Left, excitation wins: every neuron fires at its maximum, regularly,
in step (SR, vermillion). With more inhibition the network balances itself: irregular
neurons and a steady population (AI, blue), the state of cortex at rest. Drive it harder
and a fast population rhythm (~180 Hz, set by the 1.5 ms delay) appears (SI fast,
orange); drive it just above threshold and slow bursts appear (SI slow, green); below
it the network falls silent (Q, grey). The shaded regions are where Brunel's mean-field
theory finds the asynchronous state unstable, bounded by its Hopf lines (the loop gain
reaches 1; computed by threshold integration in ``bioneuro.theory.brunel``): crossing a
line, the measured state changes. The simulated network synchronises somewhat earlier
than the theory predicts near g = 4-5 at strong drive (a finite network of 5000). Letters
A-D are the points of the paper's Fig. 8 (the ``brunel_states`` figure). Made with
``bioneuro.bio.phase_diagram``: a sweep on Dask (a local cluster on every core, or an
existing cluster: ``bioneuro figures --scheduler tcp://...``), each point cached in
~/.cache/bioneuro/sweeps, so a second draw computes nothing.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from bioneuro.bio import phase_diagram
from bioneuro.bio.experiments.brunel2000 import FIG8, instability_grid, model_version
from bioneuro.bio.sweep import sweep
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, PALETTE

SECTION = "Synapses and networks"
ORDER = 48

STATE_COLORS = {
    "SR": COLORS["excitatory"],
    "SI fast": PALETTE["orange"],
    "AI": COLORS["inhibitory"],
    "SI slow": PALETTE["green"],
    "AR": PALETTE["purple"],
    "Q": "0.8",
}
LINES = {  # theory band -> (line style, state it leads to, label)
    "regular": (":", "SR", "SR: unstable at ~660 Hz"),
    "fast": ("-", "SI fast", "SI fast: ~180 Hz rhythm grows"),
    "slow": ("--", "SI slow", "SI slow: ~30 Hz rhythm grows"),
}


def grids(quick):
    """(simulated g, simulated eta, theory g, theory eta)."""
    if quick:  # the four points of Fig. 8 and their neighbours
        return (
            (3, 4.5, 5, 6),
            (0.9, 2, 4),
            np.arange(2.0, 8.51, 0.5),
            np.arange(0.5, 4.51, 0.25),
        )
    return (
        (3, 4, 4.5, 5, 6, 7, 8),
        (0.7, 0.9, 2, 3, 4),
        np.arange(2.0, 8.51, 0.25),
        np.arange(0.5, 4.51, 0.1),
    )


def make_figure(quick=False):
    g_sim, eta_sim, g_th, eta_th = grids(quick)
    measured = phase_diagram(g_sim, eta_sim, n=5000, epsilon=0.25)
    theory = sweep(
        instability_grid,
        [{"g": np.round(g_th, 3).tolist(), "nu_ratio": np.round(eta_th, 3).tolist()}],
        name="brunel_theory",
        version=model_version(),
        scheduler="serial",
    )[0]
    fig, ax = plt.subplots(figsize=(13, 8.2), layout="constrained")
    gg, ee = np.meshgrid(g_th, eta_th)
    handles, labels = [], []
    silent = np.asarray(theory["rate"])
    if silent.min() < 0.5 < silent.max():
        ax.contourf(gg, ee, silent, levels=[-1, 0.5], colors=["0.9"])
        ax.contour(gg, ee, silent, levels=[0.5], colors="0.5", linewidths=1.5)
        handles.append(Patch(facecolor="0.9", edgecolor="0.5"))
        labels.append("Q: silent, ν₀ < 0.5 Hz")
    for band, (style, state, label) in LINES.items():
        field = np.asarray(theory[band])
        if field.max() > 1:  # the asynchronous state is unstable where the gain exceeds 1
            tint = STATE_COLORS[state]
            ax.contourf(gg, ee, field, levels=[1.0, np.inf], colors=[tint], alpha=0.25)
            ax.contour(gg, ee, field, levels=[1.0], colors="k", linestyles=style, linewidths=2.5)
            handles.append(
                (Patch(facecolor=tint, alpha=0.25), Line2D([], [], color="k", ls=style, lw=2.5))
            )
            labels.append(label)
    states = []
    for k, eta in enumerate(measured.nu_ratio):
        for j, g in enumerate(measured.g):
            state = measured.state[k, j]
            states.append(state)
            ax.scatter(
                g, eta, s=520, marker="s", color=STATE_COLORS[state], edgecolor="k", zorder=3
            )
    for p in FIG8.values():
        left = p["panel"] == "A"  # right of A runs the SR boundary: its letter goes left
        ax.annotate(
            p["panel"],
            (p["g"], p["nu_ratio"]),
            xytext=(-17 if left else 17, 14),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=18,
            fontweight="bold",
            zorder=4,
        )
    patches = [
        Patch(facecolor=STATE_COLORS[s], edgecolor="k", label=s)
        for s in STATE_COLORS
        if s in states
    ]
    ax.set(
        xlabel="relative inhibition g  (inhibitory jump = −g × excitatory jump)",
        ylabel=r"external drive $\nu_\mathrm{ext}\,/\,\nu_\mathrm{thr}$",
        xlim=(g_th[0], g_th[-1]),
        ylim=(eta_th[0], eta_th[-1]),
    )
    first = ax.legend(
        handles=patches,
        title="simulated: measured state",
        title_fontsize=14,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
    )
    ax.add_artist(first)
    ax.legend(
        handles,
        labels,
        title="theory: asynchronous state\nunstable (shade, boundary)",
        title_fontsize=14,
        loc="lower left",
        bbox_to_anchor=(1.01, 0.0),
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.3)},
    )
    ax.text(
        1.02,
        0.5,
        f"N = {measured.n:,}, C_E = 1000, C_I = 250\nJ = 0.1 mV, D = 1.5 ms\n"
        "τ = 20 ms, θ = 20 mV, V_r = 10 mV",
        transform=ax.transAxes,
        fontsize=13,
        color="0.3",
        va="center",
    )
    fig.suptitle(
        "Two numbers choose how the network fires: inhibition g and external drive",
        fontsize=20,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
