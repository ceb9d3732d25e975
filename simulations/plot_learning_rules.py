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
from bioneuro.style import COLORS, PALETTE, conventions, label_panels

SECTION = "The mapping: biological onto artificial"
ORDER = 78


def make_figure(quick=False):
    fig, axes = plt.subplots(1, 4, figsize=(20, 5.0))
    ax_stdp, ax_sup, ax_norm, ax_plane = axes

    rule = bio.STDP.bi_poo()
    step = 5 if quick else 2
    dts = np.concatenate([-np.arange(step, 81, step), np.arange(step, 81, step)]) * ms
    curve = bio.stdp_window(rule, dts)
    x = np.asarray(curve.x / ms)
    fine = np.linspace(-80, 80, 801)
    tp, tm = float(rule.tau_plus / ms), float(rule.tau_minus / ms)
    closed = np.where(
        fine > 0, rule.A_plus * np.exp(-fine / tp), -rule.A_minus * np.exp(fine / tm)
    )
    closed[fine == 0] = np.nan
    ax_stdp.axhline(0, color="0.7", lw=1)
    ax_stdp.axvline(0, color="0.7", lw=1)
    ax_stdp.plot(fine, closed, color=COLORS["analytic"], lw=1.5, label="A± exp(-|Δt|/τ±)")
    ax_stdp.plot(x, curve.y, "o", ms=4, color=COLORS["synapse"], label="Brian2 spike pairs")
    ax_stdp.set_xlabel("Δt = t_post - t_pre (ms)")
    ax_stdp.set_ylabel("Δw / w_max")
    ax_stdp.set_title("Biology: STDP (Bi & Poo 1998)")
    ax_stdp.text(40, 0.2, "pre before post:\nstrengthen", ha="center", fontsize=11)
    ax_stdp.text(-40, -0.1, "post before pre:\nweaken", ha="center", fontsize=11)
    ax_stdp.legend(loc="upper left", frameon=False, fontsize=10)

    z = np.linspace(-4, 4, 801)
    eta = 1.0
    for target, ls in ((1, "-"), (0, "--")):
        perceptron = eta * (target - (z >= 0))
        delta = eta * (target - z)
        gradient = eta * (target - 1 / (1 + np.exp(-z)))
        lab = f"t = {target}"
        ax_sup.plot(z, perceptron, ls=ls, color=PALETTE["purple"], label=f"perceptron, {lab}")
        ax_sup.plot(z, gradient, ls=ls, color=COLORS["activation"], label=f"gradient, {lab}")
        ax_sup.plot(z, delta, ls=ls, color=PALETTE["sky"], lw=1.5, label=f"delta rule, {lab}")
    ax_sup.axhline(0, color="0.7", lw=1)
    ax_sup.set_ylim(-2.2, 2.2)
    ax_sup.set_xlabel("the neuron's weighted input z = w·x + b")
    ax_sup.set_ylabel("Δw_i / (η x_i)")
    ax_sup.set_title("Artificial: supervised updates")
    ax_sup.legend(loc="lower left", frameon=False, fontsize=9, ncol=1)
    conventions(ax_sup, "input x_i active; target t", loc="upper right")

    rng = np.random.default_rng(0)
    cov = np.array([[1.0, 0.8], [0.8, 1.0]])
    X = rng.multivariate_normal([0, 0], cov, 200 if quick else 500)
    w0 = np.array([0.3, -0.2])
    hebb = train.hebb(X, learning_rate=0.01, epochs=2, w0=w0, seed=0)
    oja = train.oja(X, learning_rate=0.01, epochs=2, w0=w0, seed=0)
    steps = np.arange(len(hebb))
    ax_norm.semilogy(steps, np.linalg.norm(hebb, axis=1), color=COLORS["excitatory"], label="Hebb")
    ax_norm.semilogy(steps, np.linalg.norm(oja, axis=1), color=COLORS["inhibitory"], label="Oja")
    ax_norm.axhline(1, color="0.6", ls=":", lw=1)
    ax_norm.set_xlabel("updates (one input sample each)")
    ax_norm.set_ylabel("weight length |w|")
    ax_norm.set_title("Unsupervised: weight growth")
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
        (hebb, COLORS["excitatory"], "Hebb"),
        (oja, COLORS["inhibitory"], "Oja"),
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
    ax_plane.set_title("Both find the main direction")
    ax_plane.legend(loc="lower right", frameon=False, fontsize=9)
    label_panels(axes)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
