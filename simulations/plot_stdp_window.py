"""
The STDP window, measured from spike pairs
==========================================

Weight change against spike-pair timing: Brian2 pairs over A± exp(−|Δt|/τ±).

What to look at: when the presynaptic spike comes first (Δt = t_post − t_pre > 0) the
synapse strengthens, when it comes second it weakens, and the effect fades within a few
tens of ms: the biological version of "adjusting the weights". Dots are Brian2 synapses,
one per Δt, each seeing a single pair (all in one network); lines are
A± exp(−|Δt|/τ±). A: Bi & Poo's fits (τ+ 16.8 ms, τ− 33.7 ms; potentiation taller,
depression longer). B: Song et al.'s rule (τ± 20 ms, A−/A+ = 1.05): the depression
lobe has the larger area, so uncorrelated firing weakens synapses on average. Made with
``bioneuro.bio.STDP.bi_poo()``, ``STDP.song()``, ``bioneuro.bio.stdp_window`` and
``bioneuro.theory.stdp.stdp_formula``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms

from bioneuro.bio import STDP, stdp_window
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels
from bioneuro.theory.stdp import stdp_formula

SECTION = "Synapses and networks"
ORDER = 44


def make_figure(quick=False):
    step = 5 if quick else 2
    dts = np.concatenate([-np.arange(step, 101, step), np.arange(step, 101, step)]) * ms
    fig, axes = plt.subplots(1, 2, figsize=(14, 6), layout="constrained")
    for ax, (name, rule) in zip(
        axes,
        (("Bi & Poo 1998", STDP.bi_poo()), ("Song, Miller & Abbott 2000", STDP.song())),
        strict=True,
    ):
        # the traces are event-driven (exact between spikes), so dt only puts the spikes
        # on its grid: every Δt here is on the 0.1 ms grid, and the weights equal those
        # at 0.01 ms to 1e-15 in a tenth of the steps
        curve = stdp_window(rule, dts, dt=0.1 * ms)
        x = np.asarray(curve.x / ms)
        fine = np.concatenate([np.linspace(-100, -0.01, 300), np.linspace(0.01, 100, 300)])
        f = stdp_formula(rule, fine * ms)
        ax.fill_between(fine, 0, f, where=fine > 0, color=COLORS["excitatory"], alpha=0.15)
        ax.fill_between(fine, 0, f, where=fine < 0, color=COLORS["inhibitory"], alpha=0.15)
        ax.plot(fine, f, color=COLORS["analytic"], lw=2, label="A± e$^{−|Δt|/τ±}$")
        ax.plot(x, curve.y, "o", color=COLORS["weight"], ms=6, label="simulated pairs")
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        area = float(rule.integral() / ms)
        ax.set(
            xlabel="Δt = t$_\\mathrm{post}$ − t$_\\mathrm{pre}$ (ms)",
            ylabel="Δw / w$_\\mathrm{max}$",
            title=name,
        )
        ax.legend(frameon=False, loc="upper left", handlelength=1.2)
        text = (
            f"τ+ {rule.tau_plus / ms:g} ms, τ− {rule.tau_minus / ms:g} ms\n"
            f"A+ {rule.A_plus:.4g}, A− {rule.A_minus:.4g}\n"
            f"area A+τ+ − A−τ−\n= {area:+.3g} ms"
        )
        conventions(ax, text, loc="lower right")  # below Δw = 0, right of Δt = 0: empty
    label_panels(axes)
    fig.suptitle(
        "Spike timing sets the weight change: pre before post strengthens, after weakens",
        fontsize=18,
        fontweight="bold",
    )
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
