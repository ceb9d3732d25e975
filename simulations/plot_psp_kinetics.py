"""
Synaptic kinetics and the PSPs they make
========================================

Exponential, alpha and difference-of-exponentials synapses, and the PSPs they make.

What to look at: A, the synaptic current after one presynaptic spike, each normalised
to the same peak (the weight, 50 pA): the exponential jumps at once, the alpha
function and the difference of exponentials rise smoothly. B, the PSPs they cause on
a passive LIF membrane (tau_m = 10 ms, R = 100 MΩ): the membrane low-pass filters the
current, so every PSP rises slower and lasts longer than its current; the slow-rising
kinetics give later, rounder PSPs. Thick coloured lines are Brian2; dashed black the
closed form (the convolution of the kernel with the membrane). Made with
``bioneuro.bio.Synapse(kinetics=..., mode="current")``,
``bioneuro.bio.spike_responses`` and ``bioneuro.theory.psp.psp_current``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Mohm, ms, mV, pA

from bioneuro.bio import LIF, Synapse, spike_responses
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels
from bioneuro.theory.psp import kernel, psp_current

SECTION = "Synapses and networks"
ORDER = 40

MODEL = LIF(tau_m=10 * ms, R=100 * Mohm, E_L=-65 * mV)
W, DT, T0 = 50 * pA, 0.025 * ms, 5 * ms
SYNAPSES = [
    (
        Synapse("exp", kinetics="exponential", mode="current", tau_decay=3 * ms),
        "exponential, τ 3 ms",
        "0.55",
    ),
    (
        Synapse("alpha", kinetics="alpha", mode="current", tau_decay=2 * ms),
        "alpha, τ 2 ms",
        COLORS["synapse"],
    ),
    (
        Synapse(
            "biexp", kinetics="biexponential", mode="current", tau_rise=0.5 * ms, tau_decay=4 * ms
        ),
        "difference of exp., 0.5 / 4 ms",
        "black",
    ),
]


def make_figure(quick=False):
    duration = 40 * ms if quick else 60 * ms
    syns = [s for s, _, _ in SYNAPSES]
    events = [(k, s.name, T0, W) for k, s in enumerate(syns)]
    out = spike_responses(
        MODEL, syns, events, duration, dt=DT, target="numpy", name="fig_psp_kinetics"
    )
    t = out.t
    onset = T0 + DT  # delay 0; a spike acts from the step after it arrives
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), layout="constrained")
    tt = np.asarray((t - onset) / ms)
    for k, (syn, label, color) in enumerate(SYNAPSES):
        axes[0].plot(tt, W / pA * kernel(syn, t - onset), color=color, label=label)
        dv = np.asarray((out.v[k] - MODEL.E_L) / mV)
        ref = np.asarray(psp_current(syn, t - onset, R=MODEL.R, tau_m=MODEL.tau_m, weight=W) / mV)
        axes[1].plot(tt, dv, color=color, lw=3, alpha=0.8, label=label)
        axes[1].plot(
            tt,
            ref,
            color=COLORS["analytic"],
            ls="--",
            lw=1.2,
            label="closed form" if k == 0 else None,
        )
    axes[0].set(
        xlabel="time after the spike (ms)",
        ylabel="synaptic current (pA)",
        title="synaptic current, one spike",
        xlim=(-2, 30),
    )
    axes[1].set(
        xlabel="time after the spike (ms)",
        ylabel="PSP: v − rest (mV)",
        title="PSP on a passive membrane",
        xlim=(-2, 50),
    )
    axes[0].legend(frameon=False)
    axes[1].legend(frameon=False)
    conventions(
        axes[1], "current-based synapses\nweight 50 pA\nτₘ 10 ms, R 100 MΩ", loc="center right"
    )
    label_panels(axes)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
