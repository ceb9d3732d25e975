"""
Activation functions fitted to f-I curves
=========================================

Step, ReLU and softplus fitted to the f-I curves of the Hodgkin-Huxley axon, the LIF
neuron and the noisy LIF neuron, each fitted parameter named by what it is in the cell.

What to look at: the ReLU's threshold is the rheobase (where firing starts) and its gain
the slope in Hz per unit current; the HH axon's type II jump is closer to a step plus a
slow ramp, and a line fits it badly; membrane noise rounds the LIF's corner, so the
noisy LIF (Siegert formula, checked by simulation dots) is a softplus whose threshold
sits below the noiseless rheobase. The dashed grey line in the middle panel is a free
least-squares ReLU: on a concave curve its threshold lands well below rheobase. Made
with ``bio.fi_curve``, ``compare.fit_activation(curve, kind)``,
``compare.siegert_curve`` and ``compare.noisy_lif_rates``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import Hz, cm, ms, mV, nA, second, uA

from bioneuro import bio
from bioneuro.compare import fit_activation, noisy_lif_rates, siegert_curve
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels

SECTION = "The mapping: biological onto artificial"
ORDER = 70


def _box(ax, lines, loc=(0.03, 0.97)):
    ax.text(
        *loc,
        "\n".join(lines),
        transform=ax.transAxes,
        va="top",
        ha="left",
        fontsize=13,
        bbox={"boxstyle": "round", "fc": "white", "ec": "0.8"},
    )


def make_figure(quick=False):
    duration = 250 * ms if quick else 1 * second
    fig, (ax_hh, ax_lif, ax_noisy) = plt.subplots(1, 3, figsize=(19, 7.5))

    # Hodgkin-Huxley: type II, a jump at ~6.2 µA/cm²
    hh = bio.HodgkinHuxley()
    currents = np.linspace(0, 40, 21 if quick else 81) * uA / cm**2
    curve = bio.fi_curve(hh, currents, duration=duration)
    x, y = curve.arrays(uA / cm**2, Hz)
    relu = fit_activation(curve, "relu", threshold="fit")
    step = fit_activation(curve, "step")
    fine = np.linspace(0, 40, 400) * uA / cm**2
    ax_hh.plot(x, y, "o", ms=6, color="black", label="HH, simulated")
    ax_hh.plot(
        fine / (uA / cm**2),
        step(fine) / Hz,
        color=COLORS["activation"],
        ls="--",
        label=f"step (R² {step.r2:.2f})",
    )
    ax_hh.plot(
        fine / (uA / cm**2),
        relu(fine) / Hz,
        color=COLORS["activation"],
        label=f"least-squares ReLU (R² {relu.r2:.2f})",
    )
    th = float(step.params["threshold"] / (uA / cm**2))
    h = float(step.params["height"] / Hz)
    g = float(relu.params["gain"] / (Hz / (uA / cm**2)))
    _box(
        ax_hh,
        [
            f"step threshold {th:.1f} µA/cm²",
            "  = rheobase (bias)",
            f"step height {h:.0f} Hz: a jump, not a ramp",
            f"ReLU gain {g:.1f} Hz per µA/cm² = slope",
        ],
    )
    ax_hh.set_xlabel("injected current I (µA/cm²)")
    ax_hh.set_ylabel("firing rate (Hz)")
    ax_hh.set_title("squid axon, HH 6.3 °C: a step")
    ax_hh.set_ylim(0, 180)
    ax_hh.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=13)

    # LIF: type I, concave
    lif = bio.LIF()
    currents = lif.rheobase * np.linspace(0, 3, 61 if quick else 151)
    # a noiseless LIF fires periodically from its first spike (every interval the same
    # whole number of steps): its rates at 250 ms and at 1 s agree to 1e-13 Hz
    curve = bio.fi_curve(lif, currents, duration=250 * ms)
    x, y = curve.arrays(nA, Hz)
    relu = fit_activation(curve, "relu")
    free = fit_activation(curve, "relu", threshold="fit")
    fine = lif.rheobase * np.linspace(0, 3, 400)
    ax_lif.plot(x, y, "o", ms=5, color="black", label="LIF, simulated")
    ax_lif.plot(
        fine / nA,
        relu(fine) / Hz,
        color=COLORS["activation"],
        label=f"ReLU from onset (R² {relu.r2:.2f})",
    )
    ax_lif.plot(
        fine / nA,
        free(fine) / Hz,
        color="0.55",
        ls="--",
        label=f"free least-squares ReLU (R² {free.r2:.2f})",
    )
    th = float(relu.params["threshold"] / nA)
    rb = float(lif.rheobase / nA)
    g = float(relu.params["gain"] / (Hz / nA))
    th_free = float(free.params["threshold"] / nA)
    lines = [
        f"ReLU threshold {th:.3f} nA",
        f"  rheobase (V$_\\mathrm{{th}}$ − E$_\\mathrm{{L}}$)/R = {rb:.3f} nA",
        f"ReLU gain {g:.0f} Hz/nA = slope",
        f"free fit threshold {th_free:.3f} nA",
    ]
    _box(ax_lif, lines)
    ax_lif.set_xlabel("injected current I (nA)")
    ax_lif.set_ylabel("firing rate (Hz)")
    ax_lif.set_title("integrate-and-fire: a bent ReLU")
    ax_lif.set_ylim(0, 400)
    ax_lif.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=13)

    # noisy LIF: Siegert, simulation, softplus
    sigma = 4 * mV
    currents = lif.rheobase * np.linspace(0, 2, 81)
    theory = siegert_curve(lif, currents, sigma)
    few = lif.rheobase * np.linspace(0, 2, 9 if quick else 17)
    # 4 s counted per current (0.5 s in quick mode) as 8 (4) trials side by side, each
    # after 50 ms = 5 tau_m that forget the rest state: 8 times fewer steps than one trial
    sim = noisy_lif_rates(
        lif,
        few,
        sigma,
        duration=0.125 * second if quick else 0.5 * second,
        dt=0.05 * ms if quick else 0.02 * ms,
        seed=0,
        trials=4 if quick else 8,
        settle=50 * ms,
    )
    soft = fit_activation(theory, "softplus")
    ax_noisy.plot(
        currents / nA,
        bio.analytic.lif_rate(lif, currents) / Hz,
        color="0.6",
        lw=1.5,
        label="noiseless LIF",
    )
    ax_noisy.plot(
        currents / nA, theory.y / Hz, color=COLORS["analytic"], label="noisy LIF, Siegert formula"
    )
    ax_noisy.plot(sim.x / nA, sim.y / Hz, "o", ms=7, color="black", label="noisy LIF, simulated")
    ax_noisy.plot(
        currents / nA,
        soft(currents) / Hz,
        color=COLORS["activation"],
        ls="--",
        label=f"softplus (R² {soft.r2:.4f})",
    )
    _box(
        ax_noisy,
        [
            f"softplus threshold {float(soft.params['threshold'] / nA):.3f} nA",
            "  below rheobase: noise fires it",
            f"corner width {float(soft.params['width'] / nA) * 1000:.0f} pA",
            f"gain {float(soft.params['gain'] / (Hz / nA)):.0f} Hz/nA",
        ],
    )
    ax_noisy.set_xlabel("mean input current I (nA)")
    ax_noisy.set_ylabel("firing rate (Hz)")
    ax_noisy.set_title("with noise: a softplus")
    ax_noisy.set_ylim(0, 230)
    ax_noisy.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=13, ncol=2)
    conventions(ax_noisy, "noise σ = 4 mV\n(membrane s.d. 2.8 mV)", loc="lower right")
    for ax in (ax_lif, ax_noisy):
        ax.axvline(rb, color="0.7", ls=":", lw=1)
    label_panels([ax_hh, ax_lif, ax_noisy])
    fig.suptitle(
        "Activation functions fitted to firing-rate curves: each parameter is a property "
        "of the cell",
        fontsize=19,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
