"""
A neuron by itself is useless: one cannot compute XOR, three can
================================================================

XOR ("one input or the other, not both") for one neuron and for the smallest network, in
both worlds: no weights let one artificial or one spiking neuron do it; two hidden
neurons and an output, with the same weights in both worlds, do.

What to look at: the course says "a neuron by itself is useless; you require networks
of neurons". (A) One artificial neuron, step(w₁x₁ + w₂x₂ + b): for every pair of weights
(and the best bias for each), how many of the four XOR cases it gets right. Nowhere
more than 3 of 4: a neuron draws one line, and no line puts (0, 1) and (1, 0) on one
side and (0, 0) and (1, 1) on the other. (B) The smallest network that can: hidden
neuron h₁ = ReLU(x₁ + x₂) ("either"), h₂ = ReLU(x₁ + x₂ − 1) ("both"), output
h₁ − 4h₂: right on all four. (C) One spiking neuron (a LIF cell, simulated), fed two
groups of 20 Poisson axons at 40 Hz that stand for x₁ and x₂, through synapses of
weights w₁, w₂ (w = 1: 50 pA per synapse): it fires for (0, 1) and (1, 0) only if it
also fires, faster, for (1, 1); again 3 of 4 at best, for every pair of weights. (D)
The same three-neuron network made of LIF cells with the same weights (h₂'s bias is a
constant inhibitory current, the output's −4 an inhibitory synapse): its output fires
at about 60 Hz for (0, 1) and (1, 0), never for (0, 0), and at a few Hz for (1, 1),
when h₂ happens to pause (rates after the first 50 ms; "fires" means above 10 Hz). Made with
``ann.MLP([2, 2, 1])`` (weights set by hand), ``bio.LIF``, ``bio.Synapse``,
``bio.Population``, ``bio.spike_input`` and ``bio.connect``, one Brian2 network.
"""

import brian2 as b2
import matplotlib.pyplot as plt
import numpy as np
from brian2 import Hz, ms, nA, pA, second

from bioneuro import bio
from bioneuro.ann import MLP
from bioneuro.figures.scripts import run_script
from bioneuro.style import CLASS_COLORS, COLORS, label_panels

SECTION = "Start here: two neurons"
ORDER = 5
PATTERNS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
XOR = np.array([0, 1, 1, 0])
#: The network of panels B and D: h1 = relu(x1 + x2), h2 = relu(x1 + x2 - 1), out = h1 - 4 h2.
W1, B1 = np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([0.0, -1.0])
W2, B2 = np.array([[1.0], [-4.0]]), np.array([0.0])
GRID = np.linspace(-1.5, 1.5, 7)  # weights tried for the single neurons
N_FIBRES, RATE, DT = 20, 40 * Hz, 0.1 * ms
W_UNIT = 50 * pA  # one unit of weight: 20 axons x 40 Hz x 50 pA x 5 ms = 0.2 nA of drive
HIDDEN_UNIT = 0.6 * nA  # one unit of weight of the hidden -> output synapses
FIRES = 10 * Hz  # a neuron "says 1" when it fires faster than this


def xor_network():
    """The 2-2-1 ``ann.MLP`` of panel B, its weights set by hand."""
    net = MLP([2, 2, 1], activation="relu", output_activation="linear", seed=0)
    net.layers[0].W[...], net.layers[0].b[...] = W1, B1
    net.layers[1].W[...], net.layers[1].b[...] = W2, B2
    return net


def ann_single_neuron():
    """Best XOR accuracy of step(w1 x1 + w2 x2 + b) for each (w1, w2) of GRID (rows w2)."""
    biases = np.linspace(-3.0, 3.0, 241)
    acc = np.zeros((GRID.size, GRID.size))
    for i, w2 in enumerate(GRID):
        for j, w1 in enumerate(GRID):
            z = PATTERNS @ np.array([w1, w2]) + biases[:, None]
            acc[i, j] = np.max(np.mean((z > 0) == XOR, axis=1))
    return acc


def _input_spikes(duration, seed):
    """One group of 20 Poisson axons per active input of each pattern (seeded)."""
    rng = np.random.default_rng(seed)
    idx, times = [], []
    for p, pattern in enumerate(PATTERNS):
        for k, on in enumerate(pattern):
            for f in range(N_FIBRES):
                if not on:
                    continue
                n = rng.poisson(float(RATE * duration))
                t = np.unique(np.round(np.sort(rng.uniform(0, float(duration / ms), n)) / 0.1))
                idx += [(p * 2 + k) * N_FIBRES + f] * t.size
                times += list(t * 0.1)
    return bio.spike_input(
        np.array(idx), np.array(times) * ms, len(PATTERNS) * 2 * N_FIBRES, name="xor_in", dt=DT
    )


def spiking_xor(duration=0.5 * second, seed=0):
    """Firing rates (Hz) of panel C's single LIF neurons, shape (4, len(GRID), len(GRID))
    (pattern, w2, w1), and of panel D's network output, shape (4,); one Brian2 network.

    Every neuron is in ONE population (the single neurons, then the hidden ones, then
    the outputs; an unused inhibitory receptor costs nothing), so one code updates them
    all, and the inputs reach the single and hidden neurons through one set of synapses:
    a first run compiles 17 pieces of code instead of 28 (the same model, three names)."""
    syn = bio.Synapse("syn", kinetics="exponential", mode="current", tau_decay=5 * ms)
    inh = bio.Synapse("inh", kinetics="exponential", mode="current", tau_decay=8 * ms)
    gen = _input_spikes(duration, seed)
    combos = [(w1, w2) for w2 in GRID for w1 in GRID]
    n_single, n_hidden = len(PATTERNS) * len(combos), len(PATTERNS) * 2
    hidden0, output0 = n_single, n_single + n_hidden  # where each kind starts
    cells = bio.Population(
        bio.LIF(), output0 + len(PATTERNS), receptors=[syn, inh], name="xor_cells", dt=DT
    )
    i, j, w = [], [], []
    for p in range(len(PATTERNS)):
        for k in range(2):
            fibres = (p * 2 + k) * N_FIBRES + np.arange(N_FIBRES)
            for c, weights in enumerate(combos):  # input k -> single neuron (p, c)
                i += list(fibres)
                j += [p * len(combos) + c] * N_FIBRES
                w += [weights[k]] * N_FIBRES
            for u in range(2):  # input k -> hidden neuron u of pattern p
                i += list(fibres)
                j += [hidden0 + p * 2 + u] * N_FIBRES
                w += [W1[k, u]] * N_FIBRES
    inputs = bio.connect(
        gen,
        cells,
        "syn",
        weight=np.array(w) * W_UNIT,
        i=np.array(i),
        j=np.array(j),
        name="xor_inputs",
    )
    drive = np.tile(B1, len(PATTERNS)) * float(N_FIBRES * RATE * 5 * ms) * W_UNIT
    cells.group.I_ext[hidden0:output0] = drive
    # h1 -> output excites (fast, 5 ms); h2 -> output inhibits (slower, 8 ms, as GABA_A)
    pats = np.arange(len(PATTERNS))
    to_output = [
        bio.connect(
            cells,
            cells,
            receptor,
            weight=W2[u, 0] * HIDDEN_UNIT,
            i=hidden0 + 2 * pats + u,
            j=output0 + pats,
            name=f"xor_h{u + 1}_output",
        )
        for u, receptor in ((0, "syn"), (1, "inh"))
    ]
    spikes = b2.SpikeMonitor(cells.group, name="bioneuro_xor_cells_rates")
    net = b2.Network(gen, cells.group, inputs, *to_output, spikes, name="bioneuro_xor_network")
    net.run(duration, namespace={})
    # steady rates: spikes after the first 50 ms (the hidden neurons start together, and
    # h1, with no bias to overcome, fires its first spikes before h2 can inhibit)
    late = np.asarray(spikes.t[:] / ms) >= 50
    counts = np.bincount(np.asarray(spikes.i[:])[late], minlength=len(cells.group))
    rates = counts / (float(duration / second) - 0.05)
    return rates[:n_single].reshape(len(PATTERNS), GRID.size, GRID.size), rates[output0:]


def _heatmap(ax, acc, title):
    im = ax.imshow(
        100 * acc,
        origin="lower",
        cmap="Greys",
        vmin=0,
        vmax=100,
        extent=(GRID[0] - 0.25, GRID[-1] + 0.25, GRID[0] - 0.25, GRID[-1] + 0.25),
    )
    for i, w2 in enumerate(GRID):
        for j, w1 in enumerate(GRID):
            ax.text(
                w1,
                w2,
                f"{round(4 * acc[i, j])}",
                ha="center",
                va="center",
                fontsize=13,
                color="white" if acc[i, j] > 0.6 else "black",
            )
    ax.set(xlabel="weight w₁\n(numbers: XOR cases right, of 4)", ylabel="weight w₂", title=title)
    return im


def _bars(ax, values, ylabel, title, threshold):
    colours = [CLASS_COLORS[int(v >= threshold)] for v in values]
    ax.bar(range(4), values, color=colours, width=0.6)
    ax.axhline(threshold, color="0.4", lw=1.5, ls="--")
    ax.set_xticks(range(4), [f"({a}, {b})" for a, b in PATTERNS])
    ax.set(xlabel="input (x₁, x₂)", ylabel=ylabel, title=title)
    ax.axhline(0, color="0.3", lw=1)
    for k, v in enumerate(values):
        ax.text(k, v, f"{v:.3g}", ha="center", va="bottom" if v >= 0 else "top", fontsize=13)


def make_figure(quick=False):
    acc_ann = ann_single_neuron()
    net = xor_network()
    out_ann = net(PATTERNS.astype(float))[:, 0]
    rates_single, rates_net = spiking_xor((0.25 if quick else 0.5) * second)
    says = rates_single > float(FIRES / Hz)
    acc_bio = np.mean(says == XOR[:, None, None], axis=0)

    fig, axes = plt.subplots(2, 2, figsize=(15, 13), gridspec_kw={"hspace": 0.45, "wspace": 0.3})
    _heatmap(axes[0, 0], acc_ann, "one artificial neuron: at most 3 of 4")
    _bars(axes[0, 1], out_ann, "output h₁ − 4h₂", "a 2-2-1 network: 4 of 4", 0.5)
    _heatmap(axes[1, 0], acc_bio, "one spiking neuron: at most 3 of 4")
    _bars(
        axes[1, 1],
        rates_net,
        "output rate (Hz)",
        "three spiking neurons: 4 of 4",
        float(FIRES / Hz),
    )
    axes[1, 1].set_ylim(0, max(1.3 * rates_net.max(), 20))
    axes[0, 1].set_ylim(-2.6, 1.6)
    label_panels(axes.ravel(), x=-0.12, y=1.04)
    fig.text(
        0.5,
        0.94,
        "Artificial neurons",
        ha="center",
        fontsize=18,
        fontweight="bold",
        color=COLORS["activation"],
    )
    fig.text(
        0.5,
        0.475,
        "Spiking neurons (LIF, simulated)",
        ha="center",
        fontsize=18,
        fontweight="bold",
        color=COLORS["soma"],
    )
    fig.suptitle(
        "A neuron by itself cannot compute XOR; the smallest network can",
        fontsize=20,
        fontweight="bold",
        y=1.0,
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
