"""
Learning side by side: STDP, the perceptron, the delta rule and gradient descent
================================================================================

How a biological synapse and an artificial weight change: the STDP window next to the
supervised updates of the perceptron, the delta rule and a gradient step, and Hebb's
rule growing without bound while Oja's settles.

What to look at: (A) STDP strengthens a synapse whose input spike came just before the
output spike (it helped cause it) and weakens it otherwise. (B) The artificial rules
change w_i by η × (something about the output) × x_i: like STDP they touch only active
inputs, but the "something" is an error against a target, not the timing of the neuron's
own spike: the perceptron moves only when wrong, the delta rule in proportion to t - z,
a gradient step of the cross-entropy of a sigmoid neuron in proportion to t - σ(z). (C,
D) Without a target, Hebb's rule Δw = η y x (the rate version of pre-before-post
potentiation) turns w towards the inputs' main direction and grows without bound; Oja's
decay term keeps |w| at 1 on the first principal component. Made with
``bio.stdp_window(bio.STDP.bi_poo(), dts)``, ``ann.train.hebb`` and ``ann.train.oja``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import ms

from bioneuro import bio
from bioneuro.ann import train
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "The mapping: biological onto artificial"
ORDER = 78


def make_figure(quick=False):
    fig, axes = plt.subplots(2, 2, figsize=(15, 13))
    ax_stdp, ax_sup, ax_norm, ax_plane = axes.ravel()

    rule = bio.STDP.bi_poo()
    step = 5 if quick else 2
    dts = np.concatenate([-np.arange(step, 81, step), np.arange(step, 81, step)]) * ms
    # event-driven traces: dt only puts the spikes on its grid, and every Δt is on the
    # 0.1 ms grid (the weights equal those at 0.01 ms to 1e-15, in a tenth of the steps)
    curve = bio.stdp_window(rule, dts, dt=0.1 * ms)
    x = np.asarray(curve.x / ms)
    fine = np.linspace(-80, 80, 801)
    tp, tm = float(rule.tau_plus / ms), float(rule.tau_minus / ms)
    closed = np.where(
        fine > 0, rule.A_plus * np.exp(-fine / tp), -rule.A_minus * np.exp(fine / tm)
    )
    closed[fine == 0] = np.nan
    ax_stdp.axhline(0, color="0.7", lw=1)
    ax_stdp.axvline(0, color="0.7", lw=1)
    ax_stdp.plot(fine, closed, color=COLORS["analytic"], lw=2, label="A± e$^{−|Δt|/τ±}$")
    ax_stdp.plot(x, curve.y, "o", ms=6, color=COLORS["synapse"], label="simulated pairs")
    ax_stdp.set_xlabel("Δt = t$_\\mathrm{post}$ − t$_\\mathrm{pre}$ (ms)")
    ax_stdp.set_ylabel("Δw / w$_\\mathrm{max}$")
    ax_stdp.set_title("biology: timing (STDP, Bi & Poo 1998)")
    ax_stdp.text(40, 0.2, "pre before post:\nstrengthen", ha="center", fontsize=14)
    ax_stdp.text(  # under the curve, where it is still near zero
        -62, -0.145, "post before pre:\nweaken", ha="center", va="bottom", fontsize=14
    )
    ax_stdp.legend(loc="upper left", frameon=False, fontsize=13)

    z = np.linspace(-4, 4, 801)
    eta = 1.0
    for target, ls in ((1, "-"), (0, "--")):
        perceptron = eta * (target - (z >= 0))
        delta = eta * (target - z)
        gradient = eta * (target - 1 / (1 + np.exp(-z)))
        lab = f"t = {target}"
        ax_sup.plot(z, perceptron, ls=ls, color="black", label=f"perceptron, {lab}")
        ax_sup.plot(z, gradient, ls=ls, color=COLORS["weight"], label=f"gradient, {lab}")
        ax_sup.plot(z, delta, ls=ls, color="0.6", lw=2, label=f"delta rule, {lab}")
    ax_sup.axhline(0, color="0.7", lw=1)
    ax_sup.set_ylim(-2.2, 2.2)
    ax_sup.set_xlabel("the neuron's weighted input z = w·x + b")
    ax_sup.set_ylabel("Δwᵢ / (η xᵢ)")
    ax_sup.set_title("artificial: error (supervised)")
    ax_sup.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.13), frameon=False, fontsize=13, ncol=2
    )
    conventions(ax_sup, "input xᵢ active; target t", loc="upper right")

    rng = np.random.default_rng(0)
    cov = np.array([[1.0, 0.8], [0.8, 1.0]])
    X = rng.multivariate_normal([0, 0], cov, 200 if quick else 500)
    w0 = np.array([0.3, -0.2])
    hebb = train.hebb(X, learning_rate=0.01, epochs=2, w0=w0, seed=0)
    oja = train.oja(X, learning_rate=0.01, epochs=2, w0=w0, seed=0)
    steps = np.arange(len(hebb))
    ax_norm.semilogy(steps, np.linalg.norm(hebb, axis=1), color=COLORS["weight"], label="Hebb")
    ax_norm.semilogy(steps, np.linalg.norm(oja, axis=1), color="black", label="Oja")
    ax_norm.axhline(1, color="0.6", ls=":", lw=1)
    ax_norm.set_xlabel("updates (one input sample each)")
    ax_norm.set_ylabel("weight length |w|")
    ax_norm.set_title("Hebb grows without bound, Oja does not")
    ax_norm.legend(loc="upper left", frameon=False)
    conventions(ax_norm, "η = 0.01, 2-D inputs, correlation 0.8")

    pc = np.linalg.eigh(cov)[1][:, -1]
    ax_plane.plot(X[:, 0], X[:, 1], ".", color="0.75", ms=4, label="inputs x")
    ax_plane.plot(
        [-2.5 * pc[0], 2.5 * pc[0]],
        [-2.5 * pc[1], 2.5 * pc[1]],
        color="0.4",
        ls=":",
        label="first principal component",
    )
    for traj, color, name in (
        (hebb, COLORS["weight"], "Hebb"),
        (oja, "black", "Oja"),
    ):
        shown = traj / max(1.0, np.linalg.norm(traj[-1]) / 2.5) if name == "Hebb" else traj
        ax_plane.plot(shown[:, 0], shown[:, 1], color=color, lw=1.5)
        ax_plane.annotate(
            "",
            xy=shown[-1],
            xytext=(0, 0),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 2.5},
        )
        ax_plane.plot(
            [], [], color=color, label=f"{name} w" + (" (shrunk to fit)" if name == "Hebb" else "")
        )
    ax_plane.set_aspect("equal")
    ax_plane.set_xlim(-3.2, 3.2)
    ax_plane.set_ylim(-3.2, 3.2)
    ax_plane.set_xlabel("input 1")
    ax_plane.set_ylabel("input 2")
    ax_plane.set_title("both find the main direction")
    ax_plane.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.13), frameon=False, fontsize=13, ncol=2
    )
    label_panels(axes.ravel(), x=-0.12, y=1.04)
    fig.suptitle(
        "Learning rules: every one of them changes weights", fontsize=20, fontweight="bold"
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
