"""
An action potential travels down the axon
=========================================

A spike travelling along the squid giant axon in space and time, and its measured velocity.

What to look at: in the kymograph (A) the spike is a slanted stripe: each point of
the axon fires a little later than the one before, and the slope of the stripe is the
conduction velocity, measured between 1/4 and 3/4 of the axon and compared with HH's
computed 18.8 m/s. B: the voltage at four points has the same shape, only shifted
in time. C: a snapshot of the whole axon at one moment: the spike is a wave several
centimetres long, with the resting axon ahead of it and the refractory undershoot
behind. Made with ``bio.axon(476*um, 10*cm, celsius=18.5)``,
``cell.inject(...)``, ``cell.run(...)``, ``bio.draw.kymograph(trace)`` and
``bio.conduction_velocity(cell)``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mm, ms, mV, uA, um

from bioneuro import bio
from bioneuro.bio import draw
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, shades

SECTION = "Cells: dendrites, soma, axon"
ORDER = 22


def make_figure(quick=False):
    n = 200 if quick else 500
    squid = bio.axon(476 * um, 10 * cm, celsius=18.5, n_compartments=n)
    velocity = bio.conduction_velocity(squid)
    squid.inject("axon", 0.0, 5 * uA, stop=0.5 * ms)
    trace = squid.run(8 * ms, record_dt=0.02 * ms)
    fig = plt.figure(figsize=(15, 10))
    grid = fig.add_gridspec(2, 2, height_ratios=[1.2, 1])
    ax = fig.add_subplot(grid[0, :])
    out = draw.kymograph(trace, ax, distance_unit="cm")
    x = out["distance"]
    t_peak = out["t"][np.argmax(out["image"], axis=1)]
    v_ms = float(velocity / (mm / ms))  # m/s = mm/ms
    x0, x1 = 2.5, 7.5
    t0 = np.interp(x0, x, t_peak) + 0.25  # just right of the stripe
    ax.plot([t0, t0 + (x1 - x0) * 10 / v_ms], [x0, x1], color="white", lw=2, ls="--")
    ax.text(
        t0 + (x1 - x0) * 10 / v_ms + 0.15,
        x1,
        f"slope = {v_ms:.1f} m/s\n(HH 1952: 18.8 m/s)",
        color="white",
        fontsize=13,
        va="top",
    )
    ax.set_title("each point fires a little later: the stripe's slope is the velocity")
    bx = fig.add_subplot(grid[1, 0])
    t = np.asarray(trace.t / ms)
    for color, frac in zip(shades("axon", 4, 0.35), (0.2, 0.4, 0.6, 0.8), strict=True):
        i = squid.compartment("axon", frac)
        bx.plot(t, trace.v[i] / mV, color=color, label=f"x = {frac * 10:.0f} cm")
    bx.set_xlabel("time (ms)")
    bx.set_ylabel("membrane potential (mV)")
    bx.set_ylim(-80, 75)
    bx.set_title("the same spike, later farther along")
    bx.legend(frameon=False, fontsize=13, loc="upper right")
    conventions(bx, "stimulus: 5 µA for 0.5 ms at x = 0\nrest −65 mV", loc="upper left")
    cx = fig.add_subplot(grid[1, 1])
    when = 4 * ms
    cx.plot(x, squid_snapshot := np.asarray(trace.snapshot(when) / mV), color=COLORS["axon"])
    peak = x[np.argmax(squid_snapshot)]
    cx.annotate(
        "", xy=(peak + 2.8, 0), xytext=(peak + 0.6, 0), arrowprops={"arrowstyle": "->", "lw": 2}
    )
    cx.text(peak + 0.6, 6, "direction\nof travel", fontsize=13, va="bottom")
    cx.text(1.5, -60, "refractory\nwake", fontsize=13, color="0.35")
    cx.set_xlabel("distance along axon (cm)")
    cx.set_ylabel("membrane potential (mV)")
    cx.set_title(f"snapshot at t = {when / ms:g} ms")
    label_panels([ax, bx, cx], x=-0.06)
    fig.suptitle(
        "A spike travels down the squid giant axon (476 µm, Hodgkin-Huxley, 18.5 °C)",
        fontsize=19,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
