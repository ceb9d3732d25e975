"""
What the artificial neuron leaves out
=====================================

Five things a biological neuron does that w·x + b → φ does not: adaptation, refractoriness,
dendritic branches that compute, conduction delays, and noise.

What to look at: (A) a step of current into an adaptive integrate-and-fire neuron: the
spikes come slower and slower, because each spike adds an outward current that decays
in 100 ms; (B) its instantaneous rate falls from the onset rate to a lower steady rate,
while an artificial neuron returns the same φ(z) at every time step: it has no memory.
(C) refractoriness caps the firing rate: a LIF neuron with a 2 ms refractory period
never exceeds 1/t_ref = 500 Hz (closed form, ``bio.analytic.lif_rate``), where a ReLU
grows without limit. (D) The same number of active synapses gives a large response when
clustered on one branch and a small one when spread over four, in the two-layer model of
Poirazi, Brannon & Mel (2003): each branch is a sigmoidal hidden unit (illustrative
parameters, not fitted); a point neuron's Σwᵢxᵢ cannot tell the two apart. (E) The
spike needs time to travel: threshold-crossing time along the axon of the simulated cell
grows with distance (a straight line whose slope is 1/velocity); the next layer of an
artificial network gets φ(z) at once. (F) The same noisy input current (mean and
variance fixed, a new noise seed per trial) gives different spike trains on each trial;
the artificial neuron gives the same output for the same input. Made with
``bio.AdEx.from_lif`` (the adaptive LIF), ``bio.analytic.lif_rate``,
``compare.leftout.branch_neuron``, ``compare.mapping.cell_for_weights`` with
``Cell.run``, and ``bio.simulate(bio.LIF(), [bio.noisy(...), ...], ...)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV, nA

from bioneuro import bio
from bioneuro.compare.leftout import branch_neuron
from bioneuro.compare.mapping import cell_for_weights
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, PALETTE, conventions, label_panels
from bioneuro.theory.lif import lif_rate

SECTION = "What the abstraction leaves out"
ORDER = 90
STEP = 0.4 * nA  # the adaptation step (rheobase of the default LIF: 0.15 nA)


def _adaptive_lif(current, duration, b):
    """bio.LIF with an adaptation current (b per spike, tau_w 100 ms), a step from 50 ms:
    times in ms, v in mV, spike times in ms."""
    model = bio.AdEx.from_lif(bio.LIF(), tau_w=100 * ms, b=b)
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
    adapt = _adaptive_lif(STEP, duration, b=0.1 * nA)
    plain = _adaptive_lif(STEP, duration, b=0 * nA)
    ax_a.plot(adapt["t"], adapt["v"], color=COLORS["lif"], lw=1.2)
    for s in adapt["spike_times"]:
        ax_a.plot([s, s], [-50, 10], color=COLORS["lif"], lw=1.2)
    ax_a.set(
        xlabel="time (ms)", ylabel="v (mV)", ylim=(-72, 38), title="adaptation: spikes slow down"
    )
    ax_a.axvspan(50, float(duration / ms), color=COLORS["stimulus"], alpha=0.12)
    ax_a.text(
        55,
        36,
        f"current step {STEP / nA:g} nA from 50 ms",
        color=COLORS["stimulus"],
        fontsize=11,
        va="top",
    )
    conventions(
        ax_a,
        "adaptive LIF: b = 0.1 nA per spike, τ_w = 100 ms\nspikes drawn as bars",
        loc="upper right",
    )
    ax_a.texts[-1].set_y(0.87)
    for run, colour, name in (
        (adapt, COLORS["lif"], "adaptive LIF (memory of its spikes)"),
        (plain, "0.55", "LIF without adaptation"),
    ):
        tt, rate = _instantaneous_rate(run["spike_times"])
        ax_b.plot(tt, rate, "o-", ms=4, color=colour, label=name)
    z_rate = 1000.0 / np.diff(plain["spike_times"]).mean()
    ax_b.hlines(
        z_rate,
        50,
        float(duration / ms),
        color=COLORS["activation"],
        lw=7,
        alpha=0.45,
        label="artificial neuron: same φ(z) at every step",
        zorder=0,
    )
    ax_b.set(
        xlabel="time (ms)",
        ylabel="instantaneous rate (Hz)",
        ylim=(0, None),
        title="no memory in φ(z)",
    )
    ax_b.legend(frameon=False, fontsize=10, loc="lower right")

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
    ax_c.plot(i, without, color="0.55", ls="--", label="LIF, t_ref = 0")
    ax_c.plot(i, with_ref, color=COLORS["lif"], label="LIF, t_ref = 2 ms")
    ax_c.axhline(500, color="0.3", lw=1, ls=":")
    ax_c.text(6, 515, "1 / t_ref = 500 Hz", fontsize=11, color="0.3")
    ax_c.set(
        xlabel="input current (nA)",
        ylabel="firing rate (Hz)",
        ylim=(0, 900),
        title="refractoriness caps the rate",
    )
    ax_c.legend(frameon=False, fontsize=10, loc="lower right")

    # D: dendritic nonlinearity (Poirazi et al. 2003) -------------------------------
    n_branches, n_max = 4, 12
    n = np.arange(n_max + 1)
    clustered = np.zeros((n.size, n_branches))
    clustered[:, 0] = n
    spread = np.array([[(k + b) // n_branches for b in range(n_branches)] for k in n])
    out_cl, out_sp = branch_neuron(clustered), branch_neuron(spread)
    ax_d.plot(n, out_cl, "o-", color=COLORS["dendrite"], label="clustered on one branch")
    ax_d.plot(n, out_sp, "s-", color=PALETTE["sky"], label="spread over 4 branches")
    ax_d.plot(
        n,
        n / n_max * out_cl[-1],
        color=COLORS["activation"],
        ls="--",
        lw=2,
        label="point neuron Σwᵢxᵢ (same for both)",
    )
    ax_d.set(
        xlabel="active synapses (weight 1 each)",
        ylabel="cell output (branch units)",
        title="dendritic branches compute",
    )
    ax_d.legend(frameon=False, fontsize=10, loc="upper left")
    conventions(
        ax_d,
        "two-layer model: Σ_branches s(Σ w x)\ns = sigmoid, θ = 4, k = 0.7 (illustrative)",
        loc="lower right",
    )

    # E: conduction delay along the simulated axon ----------------------------------
    cell = cell_for_weights([1.5, -1.0, 0.8], onset=2.0)
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
    ax_e.plot(dist, when, "o", color=COLORS["axon"], ms=6, label="simulated cell (HH axon)")
    ax_e.plot(
        dist, np.polyval(fit, dist), color="0.3", lw=1.2, label=f"slope: {1e-3 / fit[0]:.2f} m/s"
    )
    ax_e.axhline(
        when[0],
        color=COLORS["activation"],
        lw=2.5,
        ls="--",
        label="artificial network: next layer at once",
    )
    ax_e.set(
        xlabel="distance along the axon (µm)",
        ylabel="spike arrival (ms)",
        title="delays: the spike takes time",
    )
    ax_e.legend(frameon=False, fontsize=10, loc="upper left")
    conventions(
        ax_e, f"1 µm axon, 6.3 °C: 1 cm takes {10 * fit[0] * 1e3:.0f} ms", loc="lower right"
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
        ax_f.vlines(s, k + 0.6, k + 1.4, color=COLORS["lif"], lw=1.8)
    ax_f.hlines(-1, 0, float(noise_T / ms), color=COLORS["activation"], lw=8)
    ax_f.text(
        100,
        -0.35,
        "φ(z): one number, the same on every trial",
        ha="center",
        va="bottom",
        fontsize=10,
        color=COLORS["activation"],
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
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
