"""
Rate coding and the reset lesson
================================

An integrate-and-fire neuron that resets by subtraction fires at clip(z/θ, 0, 1) spikes
per step within 1/T; one that resets to zero fires on the staircase 1/ceil(θ/z), an
error that never shrinks.

What to look at: (A) with input z = 0.4 per step, subtraction keeps the excess above
threshold and fires 2 spikes every 5 steps, reset to zero throws it away and fires only
every 3rd step. (B) After T = 20 steps the subtracting neuron's rate is the ReLU, capped
at 1, to within one spike; the resetting one follows the staircase. (C) The largest
error over z: 1/T for subtraction, a constant for reset to zero. This is why converted
networks reset by subtraction. Made with ``compare.if_counts``, ``compare.if_rate`` and
``compare.if_rate_predicted`` (the Brian2 IF group of the conversion,
``compare.if_counts_brian2``, gives the same counts spike for spike).
"""

import matplotlib.pyplot as plt
import numpy as np

from bioneuro.compare import if_rate, if_rate_predicted
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, log_axis

SECTION = "The mapping: biological onto artificial"
ORDER = 74

SUB, ZERO = "black", "0.55"


def _trace(z, steps, reset):
    """Staircase of v: flat within a step, up by z at each step, down at a spike."""
    v, xs, ys, spikes = 0.0, [0], [0.0], []
    for t in range(1, steps + 1):
        xs += [t, t]
        ys += [v, v + z]
        v += z
        if v >= 1 - 1e-9:
            spikes.append(t)
            v = v - 1 if reset == "subtract" else 0.0
        xs.append(t)
        ys.append(v)
    return np.array(xs), np.array(ys), spikes


def make_figure(quick=False):
    fig, (ax_v, ax_rate, ax_err) = plt.subplots(1, 3, figsize=(17, 5.2))
    z, steps = 0.4, 15
    for reset, color, offset in (("subtract", SUB, 0.0), ("zero", ZERO, -1.6)):
        xs, ys, spikes = _trace(z, steps, reset)
        name = "by subtraction" if reset == "subtract" else "to zero"
        ax_v.plot(xs, ys + offset, color=color)
        ax_v.plot(spikes, np.full(len(spikes), 1.25 + offset), "v", color=color, ms=9)
        ax_v.axhline(1 + offset, color="0.6", ls=":", lw=1)
        ax_v.text(
            0,
            1.42 + offset,
            f"reset {name}: {len(spikes)} spikes in {steps} steps",
            color=color,
            fontsize=11,
        )
    ax_v.set_yticks([-1.6, -0.6, 0, 1], ["0", "θ", "0", "θ"])
    ax_v.set_xlabel("time step")
    ax_v.set_ylabel("membrane potential v")
    ax_v.set_title("z = 0.4 per step, θ = 1")
    ax_v.set_ylim(-1.75, 1.75)

    T = 20
    zs = np.linspace(-0.2, 1.3, 601)
    ax_rate.plot(zs, np.clip(zs, 0, 1), color="0.6", lw=4, alpha=0.6, label="clip(z/θ, 0, 1)")
    ax_rate.plot(
        zs,
        if_rate(zs, T, reset="subtract"),
        color=SUB,
        lw=1.8,
        label=f"reset by subtraction, T = {T}",
    )
    ax_rate.plot(
        zs,
        if_rate_predicted(zs, reset="zero"),
        color=ZERO,
        lw=1.8,
        label="reset to zero: 1/ceil(θ/z)",
    )
    ax_rate.set_xlabel("input per step z (units of θ)")
    ax_rate.set_ylabel("rate (spikes per step)")
    ax_rate.set_title("Rate against input")
    ax_rate.legend(loc="upper left", frameon=False, fontsize=10)

    Ts = np.array([5, 10, 20, 50, 100, 200, 500, 1000] if not quick else [10, 100, 1000])
    # random z (seeded), so that T z is not a whole number by construction
    grid = np.random.default_rng(0).uniform(0, 1.2, 2000 if not quick else 400)
    log_axis(ax_err, "both")
    for reset, color, name in (("subtract", SUB, "by subtraction"), ("zero", ZERO, "to zero")):
        err = [np.max(np.abs(if_rate(grid, T, reset=reset) - np.clip(grid, 0, 1))) for T in Ts]
        ax_err.plot(Ts, err, "o-", color=color, label=f"reset {name}")
    ax_err.plot(Ts, 1 / Ts, "--", color=COLORS["analytic"], lw=1.2, label="1/T")
    ax_err.set_xlabel("steps T")
    ax_err.set_ylabel("largest |rate - clip(z/θ, 0, 1)|")
    ax_err.set_title("Error against counting time")
    ax_err.legend(loc="lower left", frameon=False, fontsize=10)
    conventions(ax_err, "2000 random z in [0, 1.2]", loc="center right")
    label_panels([ax_v, ax_rate, ax_err])
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
