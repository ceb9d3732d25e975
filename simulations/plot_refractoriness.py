"""
Refractoriness: right after a spike, the next one is harder to make
===================================================================

Two current pulses in a row: the sooner the second comes after a spike, the more current
it needs, and very soon after no current is enough.

What to look at: (A) the same 1 ms pulse repeated after 4, 8, 12 and 20 ms; only the
later ones fire a second spike. (B) the current a second 1 ms pulse needs to fire,
against the time since the first: infinite in the absolute refractory period (sodium
channels still inactivated, h low), then falling back to the single-pulse threshold as
h recovers and n closes (the relative refractory period). An artificial neuron has no
such memory: the same input always gives the same output. Made with
``bio.simulate(hh, [bio.pulses(...), ...], duration)`` (one Brian2 group, one neuron per
stimulus; the threshold found by bisection, all intervals at once).
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, ms, mV, uA

from bioneuro import bio
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels, shades

SECTION = "Point neurons: the spike"
ORDER = 12
UNIT = uA / cm**2


def second_pulse_threshold(hh, intervals, steps, first=20 * UNIT, width=1 * ms, top=120.0):
    """Smallest second-pulse amplitude (µA/cm²) that fires a second spike, per interval (ms).

    Bisection on [0, top], all intervals at once: each step is one simulation of one
    Brian2 group with one neuron per interval. NaN where even ``top`` fails.
    """
    low, high = np.zeros(len(intervals)), np.full(len(intervals), top)
    duration = (10 + max(intervals)) * ms

    def fires(amplitudes):
        stimuli = [
            bio.pulse(first, 5 * ms, width) + bio.pulse(a * UNIT, (5 + d) * ms, width)
            for d, a in zip(intervals, amplitudes, strict=True)
        ]
        traces = bio.simulate(hh, stimuli, duration, dt=0.02 * ms)
        return np.array([len(tr.spike_times) >= 2 for tr in traces])

    possible = fires(high)
    for _ in range(steps):
        mid = (low + high) / 2
        ok = fires(mid)
        high, low = np.where(ok, mid, high), np.where(ok, low, mid)
    return np.where(possible, high, np.nan)


def make_figure(quick=False):
    hh = bio.HodgkinHuxley()
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(15, 6.5))

    intervals = [4, 8, 12, 20]
    stimuli = [bio.pulses(20 * UNIT, [5, 5 + d] * ms, 1 * ms) for d in intervals]
    traces = bio.simulate(hh, stimuli, 35 * ms)
    tones = shades("soma", len(intervals), 0.3)
    for k, (d, tr) in enumerate(zip(intervals, traces, strict=True)):
        fired = "fires" if len(tr.spike_times) >= 2 else "fails"
        ax_a.plot(tr.t / ms, tr.v / mV, color=tones[k], lw=2, label=f"after {d} ms: {fired}")
        ax_a.axvspan(5 + d, 6 + d, ymin=0, ymax=0.04, color=tones[k])
    ax_a.axvspan(5, 6, ymin=0, ymax=0.04, color=COLORS["stimulus"])
    ax_a.set_xlabel("time (ms); bars: the two pulses, 20 µA/cm² for 1 ms")
    ax_a.set_ylabel("v (mV)")
    ax_a.set_ylim(-85, 95)
    ax_a.set_title("too soon, a second pulse fails")
    ax_a.legend(
        loc="upper right",
        frameon=False,
        fontsize=13,
        ncol=2,
        title="second pulse",
        title_fontsize=13,
    )

    # the last interval, 60 ms, is long after the first spike: the threshold at rest
    intervals = np.array([2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 60])
    steps = 4 if quick else 8  # resolution 120 / 2**steps µA/cm²
    needed = second_pulse_threshold(hh, intervals, steps)
    single, intervals, needed = needed[-1:], intervals[:-1], needed[:-1]
    resolution = 120 / 2**steps
    ax_b.plot(intervals, needed, "o-", color=COLORS["soma"], ms=8, label="second 1 ms pulse")
    ax_b.axhline(
        single[0], color="0.5", ls="--", lw=1.2, label=f"threshold at rest: {single[0]:.0f} µA/cm²"
    )
    none = intervals[np.isnan(needed)]
    if none.size:
        ax_b.axvspan(0, none.max() + 0.5, color="0.9", zorder=0)
        ax_b.text(
            none.max() / 2 + 0.3,
            60,
            "absolute\nrefractory:\nno spike\nup to 120\nµA/cm²",
            ha="center",
            fontsize=13,
            color="0.3",
        )
    ax_b.set_xlim(0, intervals.max() + 1)
    ax_b.set_ylim(0, 125)
    ax_b.set_xlabel("time between pulse onsets (ms)")
    ax_b.set_ylabel("current needed to fire (µA/cm²)")
    ax_b.set_title("then it needs more current, less and less")
    ax_b.legend(loc="upper right", frameon=False)
    del resolution
    label_panels([ax_a, ax_b])
    fig.suptitle(
        "Refractoriness in the squid giant axon (Hodgkin-Huxley, 6.3 °C)",
        fontsize=19,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
