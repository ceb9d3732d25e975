"""
The synaptic weight: PSP amplitude against synaptic strength
============================================================

PSP size grows linearly with a current synapse's weight; a conductance synapse saturates.

What to look at: A, peak PSP against the peak synaptic current of a current-based
synapse: a straight line through zero, the artificial neuron's w·x (dots: Brian2; line:
the closed form). B, peak PSP against the peak conductance of an AMPA synapse: linear
for small conductances (dashed: the initial slope), then saturating, because the PSP
itself shrinks the driving force (E_AMPA − v) and can never pass E_AMPA − E_L = 65 mV.
A biological weight is only a linear weight for small inputs. Made with
``bioneuro.bio.Synapse(mode="current")``, ``bioneuro.bio.AMPA``,
``bioneuro.bio.spike_responses`` and ``bioneuro.theory.psp.psp_peak``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Mohm, ms, mV, nS, pA

from bioneuro.bio import AMPA, LIF, Synapse, spike_responses
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels
from bioneuro.theory.psp import psp_peak

SECTION = "Synapses and networks"
ORDER = 42
MODEL = LIF(tau_m=10 * ms, R=100 * Mohm, E_L=-65 * mV)
DT, T0 = 0.025 * ms, 2 * ms


def _peaks(syn, weights, duration):
    events = [(k, syn.name, T0, w) for k, w in enumerate(weights)]
    out = spike_responses(
        MODEL, [syn], events, duration, dt=DT, target="numpy", name="fig_psp_weight"
    )
    return np.max(np.asarray((out.v - MODEL.E_L) / mV), axis=1)


def make_figure(quick=False):
    n = 8 if quick else 16
    fig, axes = plt.subplots(1, 2, figsize=(14, 6), layout="constrained")
    cur = Synapse("cur", kinetics="exponential", mode="current", tau_decay=3 * ms)
    w_cur = np.linspace(0, 500, n) * pA
    peaks = _peaks(cur, w_cur, 30 * ms)
    _, unit_peak = psp_peak(cur, R=MODEL.R, tau_m=MODEL.tau_m, weight=1 * pA)
    ww = np.linspace(0, 500, 100)
    axes[0].plot(
        ww, ww * float(unit_peak / mV), color=COLORS["analytic"], lw=1.5, label="closed form"
    )
    axes[0].plot(w_cur / pA, peaks, "o", color=COLORS["weight"], ms=8, label="simulated")
    axes[0].set(
        xlabel="weight: peak synaptic current (pA)",
        ylabel="peak PSP (mV)",
        title="current synapse: linear",
    )
    ampa = AMPA(delay=0 * ms)
    w_g = np.linspace(0, 150, n) * nS
    peaks_g = _peaks(ampa, w_g, 30 * ms)
    small = _peaks(ampa, [0.1] * nS, 30 * ms)[0] / 0.1  # mV per nS for small weights
    axes[1].plot(w_g / nS, peaks_g, "o-", color=COLORS["weight"], ms=8, label="simulated")
    axes[1].plot(
        w_g / nS,
        small * w_g / nS,
        "--",
        color=COLORS["analytic"],
        lw=1.5,
        label="linear (small weights)",
    )
    axes[1].axhline(65, color="0.5", lw=1, ls=":")
    axes[1].text(
        148,  # right of where the linear line crosses the ceiling
        67,
        "E$_\\mathrm{AMPA}$ − E$_\\mathrm{L}$ = 65 mV: the ceiling",
        color="0.35",
        fontsize=13,
        ha="right",
    )
    axes[1].set(
        xlabel="weight: peak AMPA conductance (nS)",
        ylabel="peak PSP (mV)",
        title="conductance synapse: saturates",
        ylim=(0, 80),
    )
    axes[0].legend(frameon=False, loc="upper left")
    axes[1].legend(frameon=False, loc="lower right", bbox_to_anchor=(1.0, 0.2))
    conventions(axes[0], "passive membrane, τₘ 10 ms, R 100 MΩ\nexponential current, τ 3 ms")
    conventions(
        axes[1],
        "AMPA: rise 0.2 ms, decay 2 ms, rest −65 mV\none cortical synapse ≈ 0.5 nS: "
        "150 nS is 300 together",
    )
    fig.suptitle(
        "The weight sets the PSP: in proportion, until the driving force runs out",
        fontsize=18,
        fontweight="bold",
    )
    label_panels(axes)
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
