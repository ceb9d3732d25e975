"""
A network of 4000 neurons: the CUBA benchmark
=============================================

Raster and rates of the CUBA network: 3200 excitatory, 800 inhibitory LIF neurons, p = 2 %.

What to look at: A, spikes of 200 excitatory (vermillion) and 50 inhibitory (blue)
neurons: irregular, asynchronous firing that no single neuron would produce alone
(every cell's drive here comes from the other cells: E_L = -49 mV sits just above
threshold, and the recurrent inhibition keeps the rates low). B, the population rate
in 5 ms bins. C, the distribution of single-neuron rates: broad, with a mean of a few
Hz. D: every random wiring gives a slightly different mean; the dots are five networks
(vermillion: the one above, seed 0), the grey band Brian2's own CUBA example, 5.70 ±
0.27 Hz (mean ± SD over 10 random networks, measured with
benchmarks/bench_brette2007.py cuba). Made with
``bioneuro.bio.benchmark_network("cuba", 4000, seed=[0, 1, 2, 3, 4])`` (the five
networks simulated together), built from ``LIF``, ``Synapse``, ``Population`` and
``connect``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Hz, ms, second

from bioneuro.bio import benchmark_network
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "Synapses and networks"
ORDER = 46


def _network_mean(out, n=4000):
    """Mean rate (Hz) over all neurons of one network run."""
    return float((out.n_exc * out.rate_exc + (n - out.n_exc) * out.rate_inh) / n / Hz)


def make_figure(quick=False):
    duration = 0.3 * second if quick else 1 * second
    # five wirings (seeds), simulated together as blocks of one group: the first is drawn
    runs = benchmark_network("cuba", 4000, duration, seed=list(range(2 if quick else 5)))
    out = runs[0]
    i, t = np.asarray(out.i), np.asarray(out.t / ms)
    n_exc, n = out.n_exc, 4000
    fig = plt.figure(figsize=(15, 7.5), layout="constrained")
    grid = fig.add_gridspec(2, 2, width_ratios=(2.2, 1), height_ratios=(2.2, 1))
    ax_r = fig.add_subplot(grid[0, 0])
    ax_p = fig.add_subplot(grid[1, 0], sharex=ax_r)
    ax_h = fig.add_subplot(grid[0, 1])
    ax_m = fig.add_subplot(grid[1, 1])
    exc = i < 200
    inh = (i >= n_exc) & (i < n_exc + 50)
    ax_r.plot(t[exc], i[exc], "|", color=COLORS["excitatory"], ms=3)
    ax_r.plot(t[inh], i[inh] - n_exc + 200, "|", color=COLORS["inhibitory"], ms=3)
    ax_r.set(
        ylabel="neuron", title="spikes: 200 excitatory, 50 inhibitory neurons", ylim=(-2, 252)
    )
    ax_r.set_yticks([0, 100, 200, 250], ["E 0", "E 100", "I 0", "I 50"])
    bins = np.arange(0, duration / ms + 5, 5)
    counts, _ = np.histogram(t, bins)
    ax_p.plot(bins[:-1] + 2.5, counts / n / 5e-3, color=COLORS["v"], lw=1.5)
    ax_p.set(xlabel="time (ms)", ylabel="population\nrate (Hz)", xlim=(0, duration / ms))
    per = np.bincount(i, minlength=n) / float(duration / second)
    edges = np.arange(0, per.max() + 2, 1)
    ax_h.hist(
        per[:n_exc],
        edges,
        color=COLORS["excitatory"],
        alpha=0.7,
        label=f"excitatory, mean {out.rate_exc / Hz:.2f} Hz",
    )
    ax_h.hist(
        per[n_exc:],
        edges,
        color=COLORS["inhibitory"],
        alpha=0.7,
        label=f"inhibitory, mean {out.rate_inh / Hz:.2f} Hz",
    )
    ax_h.set(xlabel="firing rate (Hz)", ylabel="neurons", title="single-neuron rates")
    ax_h.legend(frameon=False, loc="upper right", fontsize=13)
    means = [_network_mean(run) for run in runs]
    ax_m.axvspan(5.70 - 0.27, 5.70 + 0.27, color="0.8", zorder=0)
    ax_m.plot([5.70, 5.70], [-1, 0.45], color="0.45", lw=1.5)
    ax_m.plot(means, np.zeros(len(means)), "o", color="black", ms=11)
    ax_m.plot(means[:1], [0], "o", color=COLORS["excitatory"], ms=11)
    ax_m.set(xlim=(4.6, 7.4), ylim=(-1, 1.4), yticks=[], xlabel="mean rate of a network (Hz)")
    ax_m.spines["left"].set_visible(False)
    ax_m.set_title("every wiring differs a little", fontsize=15)
    ax_m.text(
        5.70, 0.6, "Brian2's example:\n5.70 ± 0.27 Hz", ha="center", fontsize=13, color="0.3"
    )
    ax_m.text(
        means[0], -0.55, "this one", ha="center", va="top", fontsize=13, color=COLORS["excitatory"]
    )
    conventions(
        ax_h,
        f"{duration / second:g} s, dt 0.1 ms\nτₘ 20 ms, τₑ 5 ms, τᵢ 10 ms\np 0.02",
        loc="center right",
    )
    label_panels([ax_r, ax_p, ax_h, ax_m], x=-0.06)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
