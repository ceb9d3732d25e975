"""
Signal flow in both worlds: synapse to next neuron, x to next layer
===================================================================

One input followed through a simulated cell (synapse → dendrite → soma → axon → the next
neuron's synapse) above the same weights in the artificial neuron (xᵢ → wᵢxᵢ → Σ → φ →
next layer).

What to look at, column by column (columns 1-2 show the cell with its sodium channels
blocked, as by tetrodotoxin, so the inputs are seen without the spike that runs back
into the dendrites). (1) One presynaptic spike arrives at each of the three synapses at
t = 2 ms (xᵢ = 1): a local depolarisation at the excitatory sites, a small
hyperpolarisation at the inhibitory one. (2) Along each dendrite the
postsynaptic potential shrinks and slows, more for the weaker synapse: the dendrite
weights its input, like wᵢxᵢ. (3) The soma adds the three (excitation minus
inhibition; dashed, sodium blocked) and, intact, crosses threshold: one spike, like Σ
then φ. (4) The spike travels
down the axon, arriving later the farther it goes (about 0.45 m/s for this 1 µm axon
at 6.3 °C); the artificial neuron's φ just returns a number. (5) The spike reaches an
AMPA synapse on the next neuron (a LIF cell) and makes a postsynaptic potential: the
next layer receives w·φ(z). Every trace is simulated: the cell with
``compare.mapping.cell_for_weights`` and ``Cell.run``, the next neuron with
``bio.spike_responses``; the artificial neuron with ``compare.mapping.neuron_for_cell``
and ``Neuron.weighted_sum``.
"""

import itertools

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mS, ms, mV, nS

from bioneuro import bio
from bioneuro.ann.draw import subscript
from bioneuro.compare.mapping import cell_for_weights, neuron_for_cell
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, PALETTE

SECTION = "Start here: two neurons"
ORDER = 2
WEIGHTS = [1.5, -1.0, 0.8]  # as in plot_two_neurons: 15 nS exc., 10 nS inh., 8 nS exc.
W_NEXT = 1.2  # weight of the synapse onto the next neuron (12 nS of AMPA)
ONSET = 2.0  # ms, when the presynaptic spikes arrive


def _stage_arrow(fig, ax_a, ax_b, colour="0.3"):
    """A bold arrow from the right edge of ax_a to the left edge of ax_b."""
    from matplotlib.patches import ConnectionPatch

    con = ConnectionPatch(
        xyA=(1.03, 0.88),
        coordsA=ax_a.transAxes,
        xyB=(-0.16, 0.88),
        coordsB=ax_b.transAxes,
        arrowstyle="-|>",
        mutation_scale=22,
        lw=2.5,
        color=colour,
    )
    fig.add_artist(con)


def make_figure(quick=False):
    cell = cell_for_weights(WEIGHTS, onset=ONSET)
    neuron = neuron_for_cell(cell, bias=-0.5, activation="relu")
    duration = (12 if quick else 16) * ms
    trace = cell.run(duration, record_dt=0.025 * ms)
    # the same cell with its sodium channels blocked (as by tetrodotoxin): the synaptic
    # potentials alone, without the spike that would run back into the dendrites
    g_na = cell.values["g_Na"].copy()
    cell.set("g_Na", 0 * mS / cm**2)
    ttx = cell.run(duration, record_dt=0.025 * ms)
    cell.values["g_Na"][:] = g_na
    t = np.asarray(trace.t / ms)
    sign_colour = {1: COLORS["excitatory"], -1: COLORS["inhibitory"]}
    styles = ["-", "-", "--"]
    signs = np.sign(neuron.weights).astype(int)
    synapse_sections = [str(cell.section_of[i]) for i in cell.synapse_sites]
    axon_idx = cell.indices(regions="axon")
    axon_idx = axon_idx[np.argsort(cell.distance_um[axon_idx])]

    fig, axes = plt.subplots(2, 5, figsize=(20, 9), gridspec_kw={"wspace": 0.5, "hspace": 0.55})
    top, bottom = axes
    # ---------------------------------------------------------------- biology
    for k, sec in enumerate(synapse_sections):
        v = np.asarray(ttx.at(sec, 0.9) / mV)
        top[0].plot(
            t,
            v,
            color=sign_colour[signs[k]],
            ls=styles[k],
            label=f"synapse {k + 1} ({abs(WEIGHTS[k]) * 10:.0f} nS)",
        )
    top[0].set(title="1 synapse: input arrives", xlabel="time (ms)", ylabel="v (mV)")
    top[0].axvline(ONSET, color="0.6", lw=1, ls=":")
    top[0].legend(fontsize=9, frameon=False, loc="upper right")
    for k, sec in enumerate(synapse_sections):
        parent = cell.geometry.sections[sec].parent
        v = np.asarray(ttx.at(parent, 0.5) / mV)
        top[1].plot(t, v, color=sign_colour[signs[k]], ls=styles[k], label=f"dendrite {k + 1}")
    top[1].set(title="2 dendrite: carries it, weighted", xlabel="time (ms)", ylabel="v (mV)")
    top[1].set_ylim(top[0].get_ylim())
    top[1].legend(fontsize=9, frameon=False, loc="upper right")
    v_soma = np.asarray(trace.at("soma") / mV)
    top[2].plot(
        t,
        np.asarray(ttx.at("soma") / mV),
        color=COLORS["soma"],
        ls="--",
        label="sum of the inputs\n(Na⁺ blocked)",
    )
    top[2].plot(t, v_soma, color=COLORS["soma"], label="intact: a spike")
    top[2].legend(fontsize=9, frameon=False, loc="upper right")
    top[2].set(title="3 soma: sums, then fires", xlabel="time (ms)", ylabel="v (mV)")
    spikes_at = []
    for frac, shade in zip((0.05, 0.35, 0.65, 0.95), (0.2, 0.45, 0.7, 1.0), strict=True):
        i = axon_idx[min(int(frac * len(axon_idx)), len(axon_idx) - 1)]
        v = np.asarray(trace.v[list(trace.indices).index(i)] / mV)
        dist = cell.distance_um[i]
        colour = (1 - shade) * np.array([1, 1, 1]) + shade * np.array([0.835, 0.369, 0.0])
        top[3].plot(t, v, color=colour, label=f"{dist:.0f} µm from soma")
        crossing = np.flatnonzero(v > -20)
        spikes_at.append((dist, t[crossing[0]] if crossing.size else np.nan))
    (d0, t0), (d1, t1) = spikes_at[0], spikes_at[-1]
    velocity = (d1 - d0) * 1e-6 / ((t1 - t0) * 1e-3)
    top[3].set(title="4 axon: carries the spike", xlabel="time (ms)", ylabel="v (mV)")
    top[3].legend(fontsize=9, frameon=False, loc="upper left")
    top[3].text(
        0.98,
        0.45,
        f"conduction\nvelocity\n{velocity:.2f} m/s",
        ha="right",
        transform=top[3].transAxes,
        fontsize=11,
        color=COLORS["axon"],
    )
    # the spike leaves the axon end at t1 and reaches the next neuron's synapse
    ampa = bio.AMPA(weight=W_NEXT * 10 * nS, delay=1 * ms)
    nxt = bio.LIF()
    t_arrive = (t1 if np.isfinite(t1) else 8.0) * ms
    out = bio.spike_responses(
        nxt,
        [ampa],
        [(0, "ampa", t_arrive, W_NEXT * 10 * nS)],
        (30 if quick else 40) * ms,
        dt=0.025 * ms,
        target="numpy",
        name="fig_signal_flow",
    )
    top[4].plot(np.asarray(out.t / ms), np.asarray(out.v[0] / mV), color=COLORS["synapse"])
    top[4].axvline(
        float(t_arrive / ms),
        color=COLORS["axon"],
        lw=1.5,
        ls="--",
        label="spike leaves the axon\n(+1 ms synaptic delay)",
    )
    top[4].set(title="5 next neuron's synapse", xlabel="time (ms)", ylabel="v (mV)")
    top[4].legend(fontsize=9, frameon=False, loc="upper right")

    # ---------------------------------------------------------------- artificial
    x = np.ones(len(WEIGHTS))  # one spike on each synapse: x_i = 1
    names = [f"x{subscript(k + 1)}" for k in range(len(x))]
    bar_colours = [sign_colour[s] for s in signs]
    bottom[0].bar(names, x, color="white", edgecolor="black", lw=2)
    bottom[0].text(1.2, 1.4, "one spike per synapse: xᵢ = 1", ha="center", fontsize=10)
    bottom[0].set(title="1 inputs xᵢ", ylabel="value", ylim=(-1.2, 1.7))
    wx = neuron.weights * x
    bottom[1].bar(
        [f"w{subscript(k + 1)}x{subscript(k + 1)}" for k in range(len(x))], wx, color=bar_colours
    )
    bottom[1].set(title="2 weighted inputs wᵢxᵢ", ylabel="value", ylim=(-1.2, 1.7))
    z = float(neuron.weighted_sum(x))
    parts = [*wx, neuron.bias]
    left = 0.0
    for k, p in enumerate(parts):
        colour = bar_colours[k] if k < len(wx) else PALETTE["purple"]
        bottom[2].bar(k, p, bottom=left, color=colour, width=0.6)
        left += p
    bottom[2].bar(len(parts), z, color=COLORS["soma"], width=0.6)
    bottom[2].set_xticks(
        range(len(parts) + 1),
        [*[f"w{subscript(k + 1)}x{subscript(k + 1)}" for k in range(len(wx))], "b", "z"],
    )
    bottom[2].axhline(0, color="0.5", lw=1)
    bottom[2].set(title="3 sum Σ: z = Σwᵢxᵢ + b", ylabel="value", ylim=(-1.2, 1.7))
    zz = np.linspace(-2, 2, 201)
    bottom[3].plot(zz, neuron.activation(zz), color=COLORS["activation"], lw=2.5)
    y = float(neuron(x))
    bottom[3].plot([z], [y], "o", color="black", ms=9)
    bottom[3].annotate(
        f"z = {z:.2g}\nφ(z) = {y:.2g}",
        (z, y),
        xytext=(-90, 10),
        textcoords="offset points",
        fontsize=11,
    )
    bottom[3].set(title="4 activation φ = ReLU", xlabel="z", ylabel="output φ(z)")
    bottom[4].bar(
        ["φ(z)", f"w' φ(z)\n(w' = {W_NEXT:g})"],
        [y, W_NEXT * y],
        color=[COLORS["activation"], COLORS["synapse"]],
    )
    bottom[4].set(title="5 next layer receives w'φ(z)", ylabel="value", ylim=(-1.2, 1.7))

    for row, colour in ((top, COLORS["axon"]), (bottom, COLORS["activation"])):
        for a, b in itertools.pairwise(row):
            _stage_arrow(fig, a, b, colour)
    fig.text(
        0.5,
        0.975,
        "Biological neuron: a simulated cell (real traces)",
        ha="center",
        fontsize=17,
        fontweight="bold",
    )
    fig.text(
        0.5,
        0.945,
        "Hodgkin-Huxley soma and axon, passive dendrites, 6.3 °C, rest -65 mV."
        "  Panels 1-2: the same cell with its Na⁺ channels blocked (as by TTX), to "
        "show the inputs alone.  Next neuron: LIF, AMPA synapse 12 nS.",
        ha="center",
        fontsize=12,
        color="0.3",
    )
    fig.text(
        0.5,
        0.49,
        "Artificial neuron: the same weights (15, -10, 8 nS → 1.5, -1, 0.8)",
        ha="center",
        fontsize=17,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
