"""
Firing rate against input current: the f-I curve
================================================

The f-I curves of the Hodgkin-Huxley axon (type II: it jumps from silence to ~50 Hz) and
of the LIF neuron (type I: it starts from 0 Hz at rheobase).

What to look at: below rheobase neither neuron fires repeatedly. The HH axon starts
abruptly at about 6.2 µA/cm² (a Hopf bifurcation) and its rate grows slowly; the LIF
neuron starts at zero rate and climbs steeply, then saturates towards 1/t_ref. Dots are
simulations (Brian2, and the scipy reference as open circles), the black line for LIF
is the closed form f = 1/(t_ref + tau ln((RI + E_L - V_reset)/(RI + E_L - V_th))).
This curve is what the artificial neuron's activation function abstracts.
Made with ``bio.fi_curve(model, currents)`` and ``bio.analytic.lif_rate``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Hz, cm, ms, nA, second, uA

from bioneuro import bio
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, label_panels

SECTION = "Point neurons: the spike"
ORDER = 11


def make_figure(quick=False):
    duration = 400 * ms if quick else 1 * second
    fig, (ax_hh, ax_lif) = plt.subplots(1, 2, figsize=(14, 6))

    hh = bio.HodgkinHuxley()
    currents = np.linspace(0, 40, 21 if quick else 81) * uA / cm**2
    curve = bio.fi_curve(hh, currents, duration=duration)
    x, y = curve.arrays(uA / cm**2, Hz)
    ax_hh.plot(x, y, "o", ms=6, color=COLORS["hh"], label="simulated")
    few = [2, 6, 6.5, 10, 20, 35] * uA / cm**2
    # the reference fires periodically once past its transient: its rates at 300 ms and
    # 600 ms agree to 0.001 Hz, so the longer run (twice the time) would change nothing
    ref = bio.fi_curve(hh, few, duration=300 * ms, backend="scipy")
    rx, ry = ref.arrays(uA / cm**2, Hz)
    ax_hh.plot(
        rx,
        ry,
        "o",
        ms=11,
        mfc="none",
        mew=1.5,
        color=COLORS["analytic"],
        label="reference (scipy)",
    )
    ax_hh.set_xlabel("injected current I (µA/cm²)")
    ax_hh.set_ylabel("firing rate (Hz)")
    ax_hh.set_title("squid axon (HH, 6.3 °C): type II, a jump")
    ax_hh.axvspan(0, 6.2, color="0.92", zorder=0)
    ax_hh.text(3.1, 8, "silent", ha="center", color="0.4")
    ax_hh.legend(loc="lower right", frameon=False)

    lif = bio.LIF()
    currents = lif.rheobase * np.linspace(0, 10, 21 if quick else 61)
    # a noiseless LIF fires periodically from its first spike (every interval the same
    # whole number of steps): its rates at 250 ms and at 1 s agree to 1e-13 Hz
    curve = bio.fi_curve(lif, currents, duration=250 * ms)
    x, y = curve.arrays(nA, Hz)
    fine = lif.rheobase * np.linspace(0, 10, 1001)
    ax_lif.plot(
        fine / nA,
        bio.analytic.lif_rate(lif, fine) / Hz,
        color=COLORS["analytic"],
        lw=1.5,
        label="closed form",
    )
    ax_lif.plot(
        x,
        y,
        "o",
        ms=6,
        color=COLORS["lif"],
        label="simulated",
    )
    ax_lif.axhline(1 / float(lif.t_ref / second), color="0.6", ls="--", lw=1)
    ax_lif.text(
        float(currents[-1] / nA),
        1 / float(lif.t_ref / second) + 8,
        "saturation 1/t$_\\mathrm{ref}$ = 500 Hz",
        color="0.4",
        ha="right",
        fontsize=13,
    )
    ax_lif.axvline(lif.rheobase / nA, color="0.6", ls=":", lw=1)
    ax_lif.text(
        lif.rheobase / nA * 1.15,
        250,
        "rheobase\n(V$_\\mathrm{th}$ − E$_\\mathrm{L}$)/R",
        color="0.4",
        fontsize=13,
    )
    ax_lif.set_xlabel("injected current I (nA)")
    ax_lif.set_ylabel("firing rate (Hz)")
    ax_lif.set_ylim(0, 540)
    ax_lif.set_title("integrate-and-fire: type I, from zero")
    ax_lif.legend(
        loc="lower right",
        frameon=False,
        title="τₘ 10 ms, R 100 MΩ, refractory 2 ms",
        title_fontsize=13,
    )
    label_panels([ax_hh, ax_lif])
    fig.suptitle(
        "Firing rate against input current: the cell's own activation function",
        fontsize=18,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
