"""
Signal flow in both worlds: synapse to next neuron, x to next layer
===================================================================

One input followed through a simulated cortical neuron (synapse → dendrite → soma → axon
→ the next neuron) above the same weights in the artificial neuron (xᵢ → wᵢxᵢ → Σ → φ →
next layer).

What to look at, column by column. The cell is the example neuron of the opening
figures: a cortical pyramidal cell at 37 °C (Pospischil et al. 2008 channels), whose
three inputs are groups of coincident synapses of 0.5 nS each (w = 1 stands for 40 of
them; one alone makes a 0.4 mV EPSP at the soma). (A) Each input alone, where it
lands, with the sodium channels blocked (as by tetrodotoxin) so that no spike hides it:
the larger weight depolarises more, the inhibitory input pulls the membrane below rest.
(B) The same three responses halfway along their dendrites: smaller and slower, in the
same order: the dendrite carries each input, weighted. (C) At the soma the inputs add
(dashed: the sum, sodium blocked) and the intact cell crosses threshold at the axon
initial segment: one spike, like Σ then φ. (D) The spike runs down the axon, later the
farther it goes (unmyelinated cortical axon, 1 µm). (E) It reaches one synapse on the
next neuron (0.5 nS, 1 ms delay) and makes a 0.7 mV EPSP there: alone it cannot make
that neuron fire. Below, the artificial neuron with the same weights computes the same
steps with numbers: (F) xᵢ = 1 for one volley on each group, (G) wᵢxᵢ, (H) z = Σwᵢxᵢ + b,
(I) φ(z), (J) the next layer receives w'φ(z) with w' = 0.025, the weight of one
0.5 nS synapse. Every trace is simulated: the cell with ``compare.mapping.cell_for_weights``,
``compare.mapping.input_contributions`` and ``Cell.run``, the next neuron with
``bio.spike_responses(bio.CorticalPyramidal(), [bio.AMPA(...)], ...)``; the artificial
neuron with ``compare.mapping.neuron_for_cell`` and ``Neuron.weighted_sum``.
"""

import itertools

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms, mV

from bioneuro import bio
from bioneuro.ann.draw import subscript
from bioneuro.compare import mapping
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels, shades, sign_color

SECTION = "Start here: two neurons"
ORDER = 2
ONSET = 2.0  # ms, when the presynaptic volleys arrive
DURATION = 20 * ms
W_NEXT = float(mapping.G_SYNAPSE / mapping.G_UNIT)  # one 0.5 nS synapse: w' = 0.05


def _stage_arrow(fig, ax_a, ax_b, colour):
    """A bold arrow from the right edge of ax_a to the left edge of ax_b."""
    from matplotlib.patches import ConnectionPatch

    con = ConnectionPatch(
        xyA=(1.04, 1.22),
        coordsA=ax_a.transAxes,
        xyB=(-0.08, 1.22),
        coordsB=ax_b.transAxes,
        arrowstyle="-|>",
        mutation_scale=24,
        lw=3,
        color=colour,
    )
    fig.add_artist(con)


def _label_traces(ax, t, traces, texts, colours):
    """Write each trace's name in the empty space beyond its peak: above a depolarisation
    (stacked, largest highest), below a hyperpolarisation, with a thin leader line."""
    ups = sorted(
        (i for i, v in enumerate(traces) if np.max(v - v[0]) >= -np.min(v - v[0])),
        key=lambda i: np.max(traces[i]),
    )
    top = max(float(np.max(traces[i])) for i in ups) if ups else 0.0
    for rank, i in enumerate(ups):
        v = traces[i]
        k = int(np.argmax(v))
        _annotate(ax, (t[k], v[k]), (t[k] + 3.5, top + 8 + 11 * rank), texts[i], colours[i])
    for i in set(range(len(traces))) - set(ups):
        v = traces[i]
        k = int(np.argmin(v))
        _annotate(ax, (t[k], v[k]), (t[k] + 3.5, v[k] - 6), texts[i], colours[i])


def _annotate(ax, xy, xytext, text, colour):
    ax.annotate(
        text,
        xy,
        xytext=xytext,
        color=colour,
        fontsize=14,
        fontweight="bold",
        va="center",
        arrowprops={"arrowstyle": "-", "color": colour, "lw": 1},
    )


def signal_flow_data(quick=False):
    """Everything the figure plots: the cell, each input alone, the intact run, the axon,
    the next neuron's EPSP and the artificial neuron (a dict)."""
    cell = mapping.cell_for_weights(mapping.EXAMPLE_WEIGHTS, onset=ONSET)
    neuron = mapping.neuron_for_cell(cell)
    alone = mapping.input_contributions(cell, DURATION)
    unitary = mapping.unitary_epsp(cell)
    trace = cell.run(DURATION, record_dt=0.025 * ms)
    axon = cell.indices(regions="axon")
    axon = axon[np.argsort(cell.distance_um[axon])]
    points = [axon[min(int(f * len(axon)), len(axon) - 1)] for f in (0.05, 0.35, 0.65, 0.95)]
    t = np.asarray(trace.t / ms)
    arrivals = []
    for i in points:
        v = np.asarray(trace.v[list(trace.indices).index(i)] / mV)
        up = np.flatnonzero((v[1:] > -20) & (v[:-1] <= -20))
        arrivals.append(t[up[0]] if up.size else np.nan)
    dist = cell.distance_um[points]
    velocity = (dist[-1] - dist[0]) * 1e-6 / ((arrivals[-1] - arrivals[0]) * 1e-3)
    ampa = bio.AMPA(weight=mapping.G_SYNAPSE, delay=1 * ms)
    leaves = (arrivals[-1] if np.isfinite(arrivals[-1]) else 10.0) * ms
    nxt = bio.spike_responses(
        bio.CorticalPyramidal(),
        [ampa],
        [(0, "ampa", leaves, mapping.G_SYNAPSE)],
        DURATION,
        dt=0.025 * ms,
        target="numpy",
        name="fig_signal_flow",
    )
    return {
        "cell": cell,
        "neuron": neuron,
        "alone": alone,
        "trace": trace,
        "axon_points": points,
        "arrivals": np.array(arrivals),
        "distances": dist,
        "velocity": velocity,
        "leaves": float(leaves / ms),
        "next": nxt,
        "unitary": unitary,
    }


def make_figure(quick=False):
    d = signal_flow_data(quick)
    neuron, alone, trace = d["neuron"], d["alone"], d["trace"]
    w = neuron.weights
    colours = [sign_color(x) for x in w]
    names = [f"w{subscript(k + 1)} = {x:+g}" for k, x in enumerate(w)]
    t_alone = np.asarray(alone.t / ms)
    rest = float(alone.rest / mV)

    fig, axes = plt.subplots(
        2, 5, figsize=(22, 12), gridspec_kw={"wspace": 0.5, "hspace": 0.9, "top": 0.8}
    )
    top, bottom = axes
    for ax in top:
        ax.set_xlim(0, float(DURATION / ms))
        ax.set_xlabel("time (ms)")
    # ---------------------------------------------------------------- biology
    for ax, rows, title in (
        (top[0], alone.local, "synapse\neach input alone"),
        (top[1], alone.dendrite, "dendrite\nfades, still weighted"),
    ):
        traces = [np.asarray(v / mV) for v in rows]
        for v, c, x in zip(traces, colours, w, strict=True):
            ax.plot(t_alone, v, color=c, lw=3 if abs(x) >= 1 else 2)
        ax.axhline(rest, color="0.5", lw=1.2, ls=":")
        ax.set(title=title, ylabel="v (mV)", ylim=(-92, 22))
        _label_traces(ax, t_alone, traces, names, colours)
    top[0].text(19.5, -45, "dotted: rest", ha="right", va="bottom", color="0.4", fontsize=14)
    t = np.asarray(trace.t / ms)
    summed = rest + np.asarray((alone.soma - alone.rest).sum(axis=0) / mV)
    top[2].plot(t_alone, summed, color=COLORS["soma"], ls="--", lw=2)
    top[2].plot(t, np.asarray(trace.at("soma") / mV), color=COLORS["soma"], lw=3)
    top[2].set(title="soma\nsums, then fires", ylabel="v (mV)", ylim=(-80, 50))
    top[2].text(
        9.5, 47, "solid: intact, a spike\ndashed: sum of the\ninputs alone", fontsize=14, va="top"
    )
    for i, colour in zip(d["axon_points"], shades("axon", 4, 0.3), strict=True):
        v = np.asarray(trace.v[list(trace.indices).index(i)] / mV)
        top[3].plot(t, v, color=colour, lw=2.5)
    top[3].set(title="axon\ncarries the spike", ylabel="v (mV)", ylim=(-80, 50))
    top[3].text(
        10.5,  # right of the spikes, above the after-potentials
        45,
        f"light → dark:\n{d['distances'][0]:.0f} → {d['distances'][-1]:.0f} µm\nfrom the soma,\n"
        f"{d['velocity']:.1f} m/s",
        fontsize=14,
        color="0.2",
        va="top",
    )
    nxt = d["next"]
    v_next = np.asarray(nxt.v[0] / mV)
    top[4].plot(np.asarray(nxt.t / ms), v_next, color=COLORS["synapse"], lw=3)
    top[4].axvline(d["leaves"], color=COLORS["axon"], lw=2, ls="--")
    top[4].text(
        d["leaves"] + 0.4,
        v_next.min() - 0.25,
        "spike arrives",
        ha="left",
        va="center",
        color=COLORS["axon"],
        fontsize=14,
    )
    top[4].set(title=f"next neuron\na {np.ptp(v_next):.1f} mV EPSP", ylabel="v (mV)")
    top[4].set_ylim(v_next.min() - 0.4, v_next.max() + 0.15)

    # ---------------------------------------------------------------- artificial
    x = np.asarray(mapping.EXAMPLE_INPUT)
    xs = [f"x{subscript(k + 1)}" for k in range(len(x))]
    wxs = [f"w{subscript(k + 1)}x{subscript(k + 1)}" for k in range(len(x))]
    bottom[0].bar(xs, x, color=COLORS["input"], width=0.6)
    bottom[0].set(title="inputs\nxᵢ = 1: one volley each", ylabel="value")
    wx = w * x
    bottom[1].bar(wxs, wx, color=colours, width=0.6)
    bottom[1].set(title="weights\nwᵢxᵢ", ylabel="value")
    z = float(neuron.weighted_sum(x))
    parts = [*wx, neuron.bias]
    left = 0.0
    for k, p in enumerate(parts):
        colour = colours[k] if k < len(wx) else COLORS["bias"]
        bottom[2].bar(k, p, bottom=left, color=colour, width=0.6)
        left += p
    bottom[2].bar(len(parts), z, color=COLORS["sum"], width=0.6)
    bottom[2].set_xticks(range(len(parts) + 1), [*wxs, "b", "z"])
    bottom[2].set(title="sum\nz = Σwᵢxᵢ + b", ylabel="value")
    zz = np.linspace(-2, 2, 201)
    bottom[3].plot(zz, neuron.activation(zz), color=COLORS["activation"], lw=3)
    y = float(neuron(x))
    bottom[3].plot([z], [y], "o", color="black", ms=11)
    bottom[3].annotate(
        f"z = {z:.2g}\nφ(z) = {y:.2g}", (z, y), xytext=(-1.9, 1.2), fontsize=14, va="bottom"
    )
    bottom[3].set(title="activation\nφ(z) = max(0, z)", xlabel="z", ylabel="φ(z)")
    bottom[3].set_ylim(-0.1, 2.1)
    bottom[4].bar(
        ["φ(z)", "w'φ(z)"], [y, W_NEXT * y], color=[COLORS["output"], COLORS["weight"]], width=0.6
    )
    bottom[4].text(
        1,
        W_NEXT * y + 0.08,
        f"w' = {W_NEXT:g}\n→ {W_NEXT * y:.2g}",
        ha="center",
        va="bottom",
        fontsize=14,
    )
    bottom[4].set(title="next layer\nreceives w'φ(z)", ylabel="value")
    for ax in (bottom[0], bottom[1], bottom[2], bottom[4]):
        ax.set_ylim(-1.2, 1.7)
        ax.axhline(0, color="0.5", lw=1)

    for row, colour in ((top, COLORS["axon"]), (bottom, COLORS["output"])):
        for a, b in itertools.pairwise(row):
            _stage_arrow(fig, a, b, colour)
    label_panels(axes.ravel(), x=-0.25, y=1.02)
    fig.text(
        0.5,
        0.975,
        "A cortical neuron at 37 °C, simulated: its inputs are weighted, summed, "
        "and sent on as a spike",
        ha="center",
        fontsize=20,
        fontweight="bold",
    )
    fig.text(
        0.5,
        0.935,
        f"Each input: a group of synapses of 0.5 nS each (w = 1 ↔ {mapping.SYNAPSES_PER_UNIT} "
        f"synapses; one alone: "
        f"a {d['unitary']:.1f} mV EPSP at the soma).  A-B: sodium channels blocked, to show "
        "the inputs alone.",
        ha="center",
        fontsize=15,
        color="0.25",
    )
    fig.text(
        0.5,
        0.455,
        "The artificial neuron with the same weights computes the same steps with numbers",
        ha="center",
        fontsize=20,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
