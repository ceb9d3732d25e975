"""
The action potential and the gates that make it
===============================================

A Hodgkin-Huxley spike with its sodium (m, h) and potassium (n) gates and the ionic
currents they let through.

What to look at: the brief current pulse lifts v past threshold; m (sodium activation)
opens within a fraction of a millisecond and the inward sodium current (negative,
modern sign convention) drives the upstroke towards E_Na; then h closes and n opens,
the outward potassium current brings v back down and below rest (the undershoot,
towards E_K). Made with ``bio.simulate(bio.HodgkinHuxley(), bio.pulse(...), ...)``,
``trace.m``, ``trace.h``, ``trace.n`` and ``trace.currents()``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, ms, mV, uA

from bioneuro import bio
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "Point neurons: the spike"
ORDER = 10


def make_figure(quick=False):
    hh = bio.HodgkinHuxley()
    stimulus = bio.pulse(20 * uA / cm**2, 2 * ms, 1 * ms)
    trace = bio.simulate(hh, stimulus, 20 * ms, dt=0.02 * ms if quick else 0.01 * ms)
    t = np.asarray(trace.t / ms)
    fig, axes = plt.subplots(
        3, 1, figsize=(10, 11), sharex=True, gridspec_kw={"height_ratios": [3, 2, 2.4]}
    )
    ax = axes[0]
    ax.plot(t, trace.v / mV, color=COLORS["v"])
    for level, name in ((hh.E_Na, "E$_\\mathrm{Na}$"), (hh.E_K, "E$_\\mathrm{K}$")):
        ax.axhline(level / mV, color="0.6", lw=1, ls="--")
        ax.text(19.8, level / mV + 2, name, ha="right", color="0.4", fontsize=14)
    ax.set_ylabel("v (mV)")
    ax.set_ylim(-90, 62)
    inset = ax.inset_axes([0.62, 0.4, 0.33, 0.25])
    inset.plot(t, trace.stimulus / (uA / cm**2), color=COLORS["stimulus"], lw=2.5)
    inset.set_title("injected current (µA/cm²)", fontsize=13)
    inset.tick_params(labelsize=12)
    inset.set_xlim(0, 20)
    peak = float(np.max(trace.v) / mV)
    ax.annotate(
        f"peak {peak:.0f} mV",
        xy=(t[np.argmax(trace.v)], peak),
        xytext=(6.5, 40),
        arrowprops={"arrowstyle": "->", "color": "0.3"},
        fontsize=14,
    )
    ax.set_title("A squid action potential: Na⁺ rushes in, then K⁺ flows out")

    ax = axes[1]
    for gate, text, ls in (
        ("m", "m: Na⁺ opens", "-"),
        ("h", "h: Na⁺ closes", "--"),
        ("n", "n: K⁺ opens", "-"),
    ):
        x = getattr(trace, gate)
        ax.plot(t, x, color=COLORS[gate], ls=ls)
        ax.text(
            19.8,
            float(x[-1]) + 0.04,
            text,
            color=COLORS[gate],
            fontsize=14,
            ha="right",
            va="bottom",
            fontweight="bold",
        )
    ax.set_ylabel("gate open\nprobability")
    ax.set_ylim(-0.02, 1.02)

    ax = axes[2]
    names = {"I_Na": "I$_\\mathrm{Na}$ (Na⁺ in)", "I_K": "I$_\\mathrm{K}$ (K⁺ out)", "I_L": "leak"}
    for name, current in trace.currents().items():
        y = np.asarray(current / (uA / cm**2))
        ax.plot(t, y, color=COLORS[name])
        k = int(np.argmax(np.abs(y)))
        if name != "I_L":
            ax.text(
                t[k] + 0.6,
                y[k],
                names[name],
                color=COLORS[name],
                fontsize=14,
                va="center",
                fontweight="bold",
            )
    ax.axhline(0, color="0.6", lw=1)
    ax.set_ylabel("current (µA/cm²)")
    ax.set_ylim(-950, 1450)
    ax.set_xlabel("time (ms)")
    conventions(
        ax,
        "squid giant axon (Hodgkin-Huxley), 6.3 °C, rest −65 mV\n"
        "outward current positive, inward negative",
        loc="upper right",
    )
    label_panels(axes, x=-0.1)
    fig.align_ylabels(axes)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
