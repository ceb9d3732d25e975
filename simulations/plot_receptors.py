"""
AMPA, NMDA and GABA_A: three receptors, three PSPs
==================================================

AMPA, NMDA and GABA_A PSPs on one membrane, and the NMDA magnesium block.

What to look at: A, one spike through each receptor (same peak conductance, 2 nS) on a
membrane held at -55 mV by a constant current (its rest is -65 mV): AMPA gives a brief
depolarisation, GABA_A a hyperpolarisation (its reversal potential, -70 mV, is below the
holding potential: a negative "weight"), NMDA a small, slow one. B, the NMDA PSP grows
when the membrane is depolarised: at rest (-65 mV) it is small; held at -35 mV the
magnesium block is partly relieved, so the same synapse
passes far more current (this makes NMDA a coincidence detector of presynaptic input
and postsynaptic depolarisation). C, the
block B(V) = 1/(1 + [Mg]/3.57 mM · exp(-0.062 V/mV)) (Jahr & Stevens 1990) for 1 and
2 mM magnesium; dots are the conductance measured in Brian2 with the voltage clamped.
Made with ``bioneuro.bio.AMPA``, ``NMDA``, ``GABA_A``, ``spike_responses``,
``nmda_clamp`` and ``nmda_block``.
"""

import brian2 as b2
import matplotlib.pyplot as plt
import numpy as np
from brian2 import Mohm, mM, ms, mV, nS, pA

from bioneuro.bio import AMPA, GABA_A, LIF, NMDA, nmda_block, nmda_clamp, spike_responses
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, shades

SECTION = "Synapses and networks"
ORDER = 41
W, DT, T0 = 2 * nS, 0.05 * ms, 5 * ms
MODEL = LIF(tau_m=10 * ms, R=100 * Mohm, E_L=-65 * mV)
# neuron: receptor, holding current (rest = E_L + R I: 0 pA -> -65 mV, 100 pA -> -55 mV,
# 300 pA -> -35 mV)
CASES = [
    ("ampa", 100 * pA),
    ("nmda", 100 * pA),
    ("gaba_a", 100 * pA),
    ("nmda", 0 * pA),
    ("nmda", 300 * pA),
]


def _psps(duration):
    syns = [
        AMPA(weight=W, delay=0 * ms),
        NMDA(weight=W, delay=0 * ms),
        GABA_A(weight=W, delay=0 * ms),
    ]
    events = [(k, name, T0, W) for k, (name, _) in enumerate(CASES)]
    hold = b2.Quantity([i for _, i in CASES])
    out = spike_responses(
        MODEL, syns, events, duration, dt=DT, I_ext=hold, target="numpy", name="fig_receptors"
    )
    rest = MODEL.E_L + MODEL.R * hold
    dv = np.asarray((out.v - rest[:, None]) / mV)
    return np.asarray((out.t - T0) / ms), dv


def make_figure(quick=False):
    duration = 150 * ms if quick else 300 * ms
    fig, axes = plt.subplots(1, 3, figsize=(16, 4.8), layout="constrained")
    t, dv = _psps(duration)
    styles = [
        (COLORS["excitatory"], "-"),
        (COLORS["excitatory"], "--"),
        (COLORS["inhibitory"], "-"),
    ]
    names = ("AMPA", "NMDA", "GABA$_\\mathrm{A}$")
    for k, (name, (c, ls)) in enumerate(zip(names, styles, strict=True)):
        axes[0].plot(t, dv[k], color=c, ls=ls, label=name)
    axes[0].axhline(0, color="0.6", lw=0.8)
    axes[0].set(
        xlabel="time after the spike (ms)",
        ylabel="PSP: v − v before (mV)",
        title="one spike, held at −55 mV",
        xlim=(-5, 100),
    )
    axes[0].legend(frameon=False)
    for k, label, ls in ((3, "at rest, −65 mV", ":"), (4, "held at −35 mV", "--")):
        axes[1].plot(t, dv[k], color=COLORS["excitatory"], ls=ls, label=f"NMDA, {label}")
    axes[1].set(
        xlabel="time after the spike (ms)",
        ylabel="PSP: v − v before (mV)",
        title="NMDA needs depolarisation",
        xlim=(-5, duration / ms - 5),
    )
    axes[1].legend(frameon=False)
    v = np.linspace(-100, 40, 281) * mV
    vv = np.arange(-100, 41, 10 if quick else 5) * mV
    vv = vv[vv != 0 * mV]  # at E_rev = 0 mV no current flows: g cannot be measured
    for mg, c in ((1 * mM, COLORS["excitatory"]), (2 * mM, shades("excitatory", 2, 0.5)[0])):
        axes[2].plot(v / mV, nmda_block(v, mg), color=c, label=f"formula, [Mg] {mg / mM:.0f} mM")
        g = nmda_clamp(NMDA(mg=mg), vv, target="numpy")
        axes[2].plot(
            vv / mV,
            g,
            "o",
            color="black",
            ms=6,
            label="simulated, clamped" if mg == 2 * mM else None,
        )
    axes[2].set(
        xlabel="membrane potential (mV)",
        ylabel="unblocked fraction B(V)",
        title="NMDA magnesium block",
    )
    axes[2].legend(frameon=False, loc="upper left")
    conventions(axes[0], "conductance synapses, 2 nS peak\nLIF membrane: τₘ 10 ms, R 100 MΩ")
    label_panels(axes)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
