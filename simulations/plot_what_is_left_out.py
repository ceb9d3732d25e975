"""
What the artificial neuron leaves out
=====================================

Five things a biological neuron does that w·x + b → φ does not: adaptation, refractoriness,
dendritic branches that compute, conduction delays, and noise.

What to look at: (A) a step of current into the cortical pyramidal cell at 37 °C
(Pospischil et al. 2008): the spikes come slower and slower, because each spike opens
more of the slow M-current, an outward potassium current that takes hundreds of
milliseconds to close again; (B) its instantaneous rate falls from the onset rate to a
lower steady rate (grey: the same cell without the M-current), while an artificial
neuron returns the same φ(z) at every time step: it has no memory.
(C) refractoriness caps the firing rate: a LIF neuron with a 2 ms refractory period
never exceeds 1/t_ref = 500 Hz (closed form, ``bio.analytic.lif_rate``), where a ReLU
grows without limit. (D) The same number of active synapses gives a large response when
clustered on one branch and a small one when spread over four, in the two-layer model of
Poirazi, Brannon & Mel (2003): each branch is a sigmoidal hidden unit (illustrative
parameters, not fitted); a point neuron's Σwᵢxᵢ cannot tell the two apart. (E) The
spike needs time to travel: threshold-crossing time along the axon of the simulated
cortical cell grows with distance (a straight line whose slope is 1/velocity); the next
layer of an artificial network gets φ(z) at once. (F) The same noisy input current (mean and
variance fixed, a new noise seed per trial) gives different spike trains on each trial;
the artificial neuron gives the same output for the same input. Made with
``bio.CorticalPyramidal`` (with ``g_M=0`` for no adaptation), ``bio.analytic.lif_rate``,
``compare.leftout.branch_neuron``, ``compare.mapping.cell_for_weights`` with
``Cell.run``, and ``bio.simulate(bio.LIF(), [bio.noisy(...), ...], ...)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mS, ms, mV, nA

from bioneuro import bio
from bioneuro.compare.leftout import branch_neuron
from bioneuro.compare.mapping import EXAMPLE_WEIGHTS, cell_for_weights
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, shades
from bioneuro.theory.lif import lif_rate

SECTION = "What the abstraction leaves out"
ORDER = 90
STEP = 0.2 * nA  # the adaptation step (the cortical cell's rheobase: 0.05-0.1 nA)


def _cortical(current, duration, **params):
    """bio.CorticalPyramidal (37 °C) driven by a step from 50 ms: times in ms, v in mV,
    spike times in ms."""
    model = bio.CorticalPyramidal(**params)
    trace = bio.simulate(model, bio.step(current, start=50 * ms), duration)
    return {
        "t": np.asarray(trace.t / ms),
        "v": np.asarray(trace.v / mV),
        "spike_times": np.asarray(trace.spike_times / ms),
    }


def _instantaneous_rate(spikes_ms):
    """(time of each interval's end in ms, 1000 / interval in Hz)."""
    isi = np.diff(spikes_ms)
    return spikes_ms[1:], 1000.0 / isi


def make_figure(quick=False):
    fig, axes = plt.subplots(2, 3, figsize=(17, 10), layout="constrained")
    (ax_a, ax_b, ax_c), (ax_d, ax_e, ax_f) = axes
    duration = (300 if quick else 500) * ms

    # A, B: adaptation -------------------------------------------------------------
    adapt = _cortical(STEP, duration)
    plain = _cortical(STEP, duration, g_M=0 * mS / cm**2)
    ax_a.plot(adapt["t"], adapt["v"], color=COLORS["soma"], lw=1.2)
    ax_a.set(
        xlabel="time (ms)", ylabel="v (mV)", ylim=(-80, 75), title="adaptation: spikes slow down"
    )
    ax_a.axvspan(50, float(duration / ms), color=COLORS["stimulus"], alpha=0.12)
    ax_a.text(
        55,
        72,
        f"current step {STEP / nA:g} nA from 50 ms",
        color="0.3",
        fontsize=13,
        va="top",
    )
    ax_a.text(
        55, 58, "cortical cell, 37 °C, with its M-current", color="0.3", fontsize=13, va="top"
    )
    for run, colour, name in (
        (adapt, COLORS["soma"], "cortical cell"),
        (plain, "0.6", "without the M-current"),
    ):
        tt, rate = _instantaneous_rate(run["spike_times"])
        ax_b.plot(tt, rate, "o-", ms=5, color=colour, label=name)
    z_rate = 1000.0 / np.diff(plain["spike_times"]).mean()
    ax_b.hlines(
        z_rate,
        50,
        float(duration / ms),
        color=COLORS["output"],
        lw=7,
        alpha=0.6,
        label="artificial neuron: the same φ(z)",
        zorder=0,
    )
    ax_b.set(
        xlabel="time (ms)",
        ylabel="instantaneous rate (Hz)",
        ylim=(0, 1.6 * z_rate),
        title="no memory in φ(z)",
    )
    ax_b.legend(frameon=False, fontsize=13, loc="upper right", ncol=1)

    # C: refractoriness caps the rate ----------------------------------------------
    lif = bio.LIF()
    currents = np.linspace(0, 10, 400) * nA
    with_ref = np.asarray(lif_rate(lif, currents))
    without = np.asarray(lif_rate(lif.replace(t_ref=0 * ms), currents))
    i = np.asarray(currents / nA)
    rheo = float(lif.rheobase / nA)
    slope = float(lif_rate(lif, 1.0 * nA)) / (1.0 - rheo)  # ReLU through rheobase and 1 nA
    ax_c.plot(
        i,
        np.maximum(0, slope * (i - rheo)),
        color=COLORS["activation"],
        lw=2.5,
        label="ReLU (matched at 1 nA)",
    )
    ax_c.plot(i, without, color="0.55", ls="--", label="LIF, no refractory period")
    ax_c.plot(i, with_ref, color=COLORS["soma"], label="LIF, 2 ms refractory")
    ax_c.axhline(500, color="0.3", lw=1, ls=":")
    ax_c.text(5.5, 515, "1 / 2 ms = 500 Hz", fontsize=13, color="0.3")
    ax_c.set(
        xlabel="input current (nA)",
        ylabel="firing rate (Hz)",
        ylim=(0, 900),
        title="refractoriness caps the rate",
    )
    ax_c.legend(frameon=False, fontsize=13, loc="lower right")

    # D: dendritic nonlinearity (Poirazi et al. 2003) -------------------------------
    n_branches, n_max = 4, 12
    n = np.arange(n_max + 1)
    clustered = np.zeros((n.size, n_branches))
    clustered[:, 0] = n
    spread = np.array([[(k + b) // n_branches for b in range(n_branches)] for k in n])
    out_cl, out_sp = branch_neuron(clustered), branch_neuron(spread)
    ax_d.plot(n, out_cl, "o-", color=COLORS["dendrite"])
    ax_d.plot(n, out_sp, "s-", color=shades("dendrite", 2, 0.45)[0])
    ax_d.plot(n, n / n_max * out_cl[-1], color=COLORS["sum"], ls="--", lw=2)
    ax_d.set(
        xlabel="active synapses (weight 1 each)",
        ylabel="cell output (branch units)",
        title="dendritic branches compute (a model)",
    )
    ax_d.text(
        0.2,
        0.62,
        "clustered on\none branch",
        color=COLORS["dendrite"],
        fontsize=13,
        va="top",
        fontweight="bold",
    )
    ax_d.text(
        12,
        0.12,
        "spread over\n4 branches",
        color=shades("dendrite", 2, 0.45)[0],
        fontsize=13,
        ha="right",
        fontweight="bold",
    )
    ax_d.text(  # narrow: the clustered curve rises just right of it
        0.2, 0.99, "- - point neuron\n     Σwᵢxᵢ: same\n     for both", fontsize=13, va="top"
    )

    # E: conduction delay along the simulated axon ----------------------------------
    cell = cell_for_weights(EXAMPLE_WEIGHTS, onset=2.0)
    trace = cell.run(12 * ms, record_dt=0.025 * ms)
    axon = cell.indices(regions=("ais", "axon"))
    axon = axon[np.argsort(cell.distance_um[axon])]
    t = np.asarray(trace.t / ms)
    dist, when = [], []
    for idx in axon:
        v = np.asarray(trace.v[list(trace.indices).index(idx)] / mV)
        up = np.flatnonzero(v > -20)
        if up.size:
            dist.append(cell.distance_um[idx])
            when.append(t[up[0]])
    dist, when = np.array(dist), np.array(when)
    fit = np.polyfit(dist, when, 1)
    ax_e.plot(dist, when, "o", color=COLORS["axon"], ms=7, label="simulated cortical cell")
    ax_e.plot(
        dist, np.polyval(fit, dist), color="0.3", lw=1.2, label=f"slope: {1e-3 / fit[0]:.2f} m/s"
    )
    ax_e.axhline(
        when[0],
        color=COLORS["output"],
        lw=2.5,
        ls="--",
        label="artificial: next layer at once",
    )
    ax_e.set(
        xlabel="distance along the axon (µm)",
        ylabel="spike arrival (ms)",
        title="delays: the spike takes time",
    )
    ax_e.legend(frameon=False, fontsize=13, loc="upper left")
    conventions(
        ax_e, f"1 µm axon, 37 °C: 1 cm takes {10 * fit[0] * 1e3:.0f} ms", loc="lower right"
    )

    # F: noise ------------------------------------------------------------------
    trials = 6 if quick else 12
    noise_T = 200 * ms
    stimuli = [
        bio.noisy(0.2 * nA, 0.25 * nA, stop=noise_T, dt=0.5 * ms, seed=k) for k in range(trials)
    ]
    runs = bio.simulate(lif, stimuli, noise_T)
    for k, tr in enumerate(runs):
        s = np.asarray(tr.spike_times / ms)
        ax_f.vlines(s, k + 0.6, k + 1.4, color=COLORS["soma"], lw=1.8)
    ax_f.hlines(-1, 0, float(noise_T / ms), color=COLORS["output"], lw=8)
    ax_f.text(
        100,
        -0.35,
        "φ(z): one number, the same on every trial",
        ha="center",
        va="bottom",
        fontsize=13,
        color=COLORS["output"],
    )
    ax_f.set_yticks([-1, *range(1, trials + 1)], ["ANN", *map(str, range(1, trials + 1))])
    ax_f.set(
        xlabel="time (ms)",
        ylabel="trial",
        xlim=(0, float(noise_T / ms)),
        title="noise: same input, new spikes",
    )
    ax_f.set_ylim(-1.8, trials + 2.2)
    conventions(
        ax_f, "LIF, noisy current 0.2 ± 0.25 nA (new noise seed per trial)", loc="upper right"
    )
    label_panels(axes.ravel(), x=-0.08)
    fig.suptitle(
        "What the artificial neuron leaves out: memory, limits, branches, time and noise",
        fontsize=20,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
