"""
One network, four states: the Brunel (2000) network
===================================================

The same sparse network of excitatory and inhibitory LIF neurons fires in four different
ways depending on two numbers: inhibition g and external drive ν_ext/ν_thr.

What to look at: each column is one point of Brunel's Fig. 8, the same 12,500 neurons
(10,000 excitatory, 2,500 inhibitory; each receives 1000 excitatory and 250 inhibitory
inputs after a 1.5 ms delay, plus 1000 external Poisson inputs). Top: spikes of 40
excitatory (vermillion) and 10 inhibitory (blue) neurons. Bottom: the population rate
of all 12,500, in 1 ms bins. SR (g = 3, excitation wins): every neuron fires regularly
at ~310 Hz, all together. SI fast (g = 6, strong drive): the population oscillates at
~170 Hz, a rhythm set by the delay, while each neuron fires irregularly at ~60 Hz,
skipping most cycles. AI (g = 5): irregular neurons, a population rate that only
flickers around ~38 Hz, the state of cortex at rest. SI slow (weak drive): rare,
irregular spikes gathered into bursts ~20 times a second. The numbers under each
column are measured from all spikes after 0.1 s (rate, CV of the inter-spike
intervals, synchrony χ, frequency of the population rhythm) and give the state; the
grey ν₀ is the rate of Brunel's mean-field theory. No single neuron does any of this:
the rhythms and their irregularity are made by the network. Made with
``bioneuro.bio.brunel_network`` (through ``brunel_point``, cached on disk by
``bioneuro.bio.sweep``).
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.bio.experiments.brunel2000 import FIG8, brunel_point, model_version
from bioneuro.bio.sweep import sweep
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS
from bioneuro.theory import brunel as theory

SECTION = "Synapses and networks"
ORDER = 47

TITLES = {
    "SR": "SR: synchronous regular",
    "SI fast": "SI fast: synchronous irregular",
    "AI": "AI: asynchronous irregular",
    "SI slow": "SI slow: synchronous irregular",
}
#: Simulated seconds per state (0.1 s transient included): slow states need longer.
DURATION = {"SR": 0.4, "SI fast": 0.6, "AI": 0.6, "SI slow": 1.6}
#: The window shown (ms before the end of the run).
SHOWN = {"SR": 60, "SI fast": 100, "AI": 200, "SI slow": 400}


def points(quick):
    # quick: N = 5000 keeps C_E = 1000 (the state depends on C_E and J, not on N)
    n, epsilon = (5000, 0.25) if quick else (12500, 0.1)
    return [
        {
            "g": FIG8[s]["g"],
            "nu_ratio": FIG8[s]["nu_ratio"],
            "n": n,
            "epsilon": epsilon,
            "duration": DURATION[s],
            "raster": 50,
        }
        for s in FIG8
    ]


def make_figure(quick=False):
    pts = points(quick)
    results = sweep(
        brunel_point,
        pts,
        name="brunel",
        version=model_version(),
        summary=lambda r: f"{r['state']}, {r['rate']:.1f} Hz",
    )
    fig = plt.figure(figsize=(17, 8.2), layout="constrained")
    grid = fig.add_gridspec(2, 4, height_ratios=(2.2, 1))
    rasters, rates = [], []
    for k, (state, point, r) in enumerate(zip(FIG8, pts, results, strict=True)):
        ax_r = fig.add_subplot(grid[0, k])
        ax_p = fig.add_subplot(grid[1, k], sharex=ax_r)
        end = point["duration"] * 1e3
        start = end - SHOWN[state]
        i, t = np.asarray(r["raster_i"]), np.asarray(r["raster_t"]) * 1e3
        exc = i < 40
        for mask, color in ((exc, COLORS["excitatory"]), (~exc, COLORS["inhibitory"])):
            ax_r.plot(t[mask], i[mask], "|", color=color, ms=5, mew=1.2)
        ax_r.set(xlim=(start, end), ylim=(-1, 50), yticks=[0, 40], yticklabels=["E", "I"])
        panel = FIG8[state]["panel"]
        ax_r.set_title(
            f"{panel}  {TITLES[state]}\n"
            rf"g = {point['g']:g}, $\nu_\mathrm{{ext}} = {point['nu_ratio']:g}"
            r"\,\nu_\mathrm{thr}$"
        )
        ax_r.tick_params(labelbottom=False)
        rt, rh = np.asarray(r["rate_t"]) * 1e3, np.asarray(r["rate_hz"])
        shown = (rt >= start) & (rt <= end)
        ax_p.plot(rt[shown], rh[shown], color=COLORS["v"], lw=1.3)
        ax_p.set(ylim=(0, 1.08 * rh[shown].max()), xlabel="time (ms)")
        nu0 = theory.stationary_rate(point["g"], point["nu_ratio"])
        ax_p.text(
            0.5,
            -0.42,
            f"{r['state']}: rate {r['rate']:.1f} Hz (ν₀ {nu0:.1f}), CV {r['cv']:.2f}\n"
            f"χ {r['chi']:.2f}, population rhythm {r['frequency']:.0f} Hz",
            transform=ax_p.transAxes,
            ha="center",
            va="top",
            fontsize=14,
        )
        rasters.append(ax_r)
        rates.append(ax_p)
    rasters[0].set_ylabel("neuron")
    rates[0].set_ylabel("population\nrate (Hz)")
    fig.suptitle(
        f"One network of {pts[0]['n']:,} neurons, four states: g and the drive decide",
        fontsize=20,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
