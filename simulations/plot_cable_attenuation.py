"""
A passive dendrite attenuates: simulation vs cable equation
===========================================================

Steady voltage along sealed passive cables of three diameters vs the cable equation.

What to look at: a constant current enters at x = 0; the voltage falls along the
cable, fast in thin cables (short length constant λ = sqrt(d R_m / 4 R_a)) and slowly
in thick ones. The dots (Brian2 compartments) sit on the closed form
V0 cosh((L - x)/λ) / cosh(L/λ); the sealed end flattens the curve (no current leaves
through the tip). Panel B: what is left at the tip, V(L)/V0, against L/λ, is the
same curve 1/cosh(L/λ) for every diameter. Made with
``bio.Cell(bio.morphology.axon_geometry(d, L), hh_regions=(), g_pas=...)``,
``bio.length_constant(cell, "axon", return_details=True)`` and
``bio.cable_analytic.sealed_cable_profile``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mm, mS, ms, ohm, um

from bioneuro import bio
from bioneuro.bio import cable_analytic, morphology
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, shades

SECTION = "Cells: dendrites, soma, axon"
ORDER = 20

RA = 100 * ohm * cm
G_PAS = 0.2 * mS / cm**2  # R_m = 5 kohm cm2, tau_m = 5 ms


def simulate(d, length, n, quick=False):
    # dt 0.1 ms, not the cells' default 0.01 ms: only the steady state is read, and
    # Brian2's cable solver is implicit, so its fixed point does not depend on dt
    # (measured: V(x) and the fitted lambda agree to 5e-7 relative at 0.01 and 0.1 ms)
    cell = bio.Cell(
        morphology.axon_geometry(d, length),
        Ra=RA,
        hh_regions=(),
        g_pas=G_PAS,
        n_compartments=n,
        dt=0.1 * ms,
    )
    # steady state: 15 tau_m (default), or 8 tau_m (residual e^-8 = 3e-4) for a quick look
    duration = 40 * ms if quick else None
    lam_fit, det = bio.length_constant(cell, "axon", duration=duration, return_details=True)
    return lam_fit, det


def make_figure(quick=False):
    n = 40 if quick else 100
    length = 1 * mm
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(15, 6.5), gridspec_kw={"width_ratios": [1.4, 1]})
    tones = shades("dendrite", 3, 0.4)
    diameters = (1 * um, 4 * um) if quick else (1 * um, 2 * um, 4 * um)
    for color, d in zip(tones[-len(diameters) :], diameters, strict=True):
        lam = cable_analytic.length_constant(d, 1 / G_PAS, RA)
        lam_fit, det = simulate(d, length, n, quick)
        x = np.asarray(det["x"] / um)
        v0 = det["V0"]
        xs = np.linspace(0, float(length / um), 200) * um
        theory = cable_analytic.sealed_cable_profile(xs, length, lam, v0)
        ax.plot(xs / um, theory / v0, color=COLORS["analytic"], lw=1.5, zorder=1)
        step = max(1, len(x) // 20)
        ax.plot(
            x[::step],
            np.asarray(det["dv"] / v0)[::step],
            "o",
            color=color,
            ms=7,
            label=f"d = {d / um:g} µm: λ = {lam / um:.0f} µm",
        )
        del lam_fit
    ax.plot([], [], color=COLORS["analytic"], lw=1.5, label="cable equation (cosh)")
    ax.set_xlabel("distance from the injection site x (µm)")
    ax.set_ylabel("steady depolarisation V(x) / V(0)")
    ax.set_ylim(0, 1.05)
    ax.set_title("thin dendrites lose more on the way")
    ax.legend(frameon=False, loc="upper right", fontsize=13)
    conventions(
        ax,
        "passive dendrite, 1 mm, sealed end\nRₘ 5 kΩ·cm², Rₐ 100 Ω·cm, Cₘ 1 µF/cm²",
        loc="lower left",
    )

    ratio = np.linspace(0, 6, 300)
    bx.plot(ratio, 1 / np.cosh(ratio), color=COLORS["analytic"], label="1 / cosh(L/λ)")
    bx.plot(ratio, np.exp(-ratio), color="0.6", ls="--", lw=1.5, label="exp(-L/λ) (infinite)")
    lengths = (0.25, 0.5, 1.0, 2.0) if not quick else (2.0,)
    for color, d in zip((tones[0], tones[-1]), (1 * um, 4 * um), strict=True):
        lam = cable_analytic.length_constant(d, 1 / G_PAS, RA)
        pts = []
        for ell in lengths:
            _, det = simulate(d, ell * mm, n, quick)
            pts.append((float(ell * mm / lam), float(det["dv"][-1] / det["dv"][0])))
        pts = np.array(pts)
        bx.plot(
            pts[:, 0], pts[:, 1], "o", color=color, ms=8, label=f"simulated, d = {d / um:g} µm"
        )
    bx.set_xlabel("cable length / length constant, L/λ")
    bx.set_ylabel("tip / injection site, V(L) / V(0)")
    bx.set_title("what reaches the tip depends on L/λ only")
    bx.set_ylim(0, 1.05)
    bx.legend(frameon=False, fontsize=13)
    label_panels([ax, bx], x=-0.08)
    fig.suptitle(
        "A passive dendrite attenuates: simulation on the cable equation",
        fontsize=19,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
