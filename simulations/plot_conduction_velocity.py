"""
Conduction velocity: myelin makes it grow with the diameter itself
==================================================================

Simulated mammalian axons at 37 °C: bare ones conduct at a speed ∝ √d, myelinated ones
at a speed ∝ d, so above a crossover diameter myelin always wins.

What to look at: (A) on log-log axes the bare axons lie on a line of slope 1/2 and the
myelinated fibres on a line of slope 1 (the x axis is the fibre's outer diameter, so
each fibre is compared with a bare axon taking the same room in the nerve). Bare:
v = k'√d, cable theory with a fixed membrane. Myelinated: v = k D, because every length
of the fibre scales with its diameter: the sheath keeps a g-ratio of 0.7 (its thickness
grows with the axon), the internodes are 100 fibre diameters long, so in units of d the
cable equation is the same for every fibre (Rushton 1951). The model's k is a third of
Hursh's 6 m/s per µm (grey dashed, cat nerve, 1939): its nodes carry the cortical cell's
sodium channels, slower than real nodal ones; the law, not the constant, is the point.
(B) Near zero on linear axes: the straight line starts below the square root, and the
two cross at D* = (k'/k)²: thinner than that, a bare axon is faster. Rushton put D* near
1 µm; Waxman & Bennett (1972) showed that much thinner fibres gain from myelin, as the
smallest myelinated axons of the brain (0.2 µm) do; the model's crossover is thinner
still. Every axon: the cortical channel set at 37 °C (``channels="cortical"``), axial
resistivity 70 Ω·cm; bare axons with twice the soma's channel density, nodes (1 µm) with
20 times; myelin from ``theory.cable.myelin_membrane`` (17-nm lamellae). Made with
``bio.morphology.axon_geometry``, ``bio.Cell(..., channels="cortical")``,
``theory.cable.internode_length`` and ``bio.conduction_velocity``.
"""

import matplotlib.pyplot as plt
import numpy as np
from brian2 import cm, mm, ms, nA, ohm, um

from bioneuro import bio
from bioneuro.bio import morphology
from bioneuro.bio.models.channels import CORTICAL
from bioneuro.figures.scripts import run_script
from bioneuro.style import COLORS, conventions, label_panels, log_axis
from bioneuro.theory import cable

SECTION = "Cells: dendrites, soma, axon"
ORDER = 23
RA = 70 * ohm * cm  # mammalian axoplasm
G_RATIO = cable.G_RATIO
AXON_FACTOR, NODE_FACTOR = 2.0, 20.0  # channel densities / the soma's (bare axon, node)
N_INTERNODES = 25
MEMBRANE = {**CORTICAL.defaults, **CORTICAL.cell_defaults}


def fibre(d_um, myelinated):
    """A mammalian axon of ``d_um`` µm at 37 °C: bare (14 length constants long) or
    myelinated (25 internodes of 100 fibre diameters, g-ratio 0.7, 1-µm nodes)."""
    d = d_um * um
    if myelinated:
        internode = cable.internode_length(d, G_RATIO)
        length = N_INTERNODES * (internode + 1 * um) + 1 * um
        geometry = morphology.axon_geometry(d, length, myelinated=True, internode_length=internode)
        c_my, g_my = cable.myelin_membrane(d, G_RATIO)
        return bio.Cell(
            geometry,
            channels="cortical",
            hh_regions=("axon", "node"),
            Ra=RA,
            myelin_Cm=c_my,
            myelin_g=g_my,
            node_g_Na=NODE_FACTOR * MEMBRANE["g_Na"],
            node_g_K=NODE_FACTOR * MEMBRANE["g_K"],
        )
    lam = cable.length_constant(d, 1 / MEMBRANE["g_L"], RA)
    return bio.Cell(
        morphology.axon_geometry(d, 14 * lam),
        channels="cortical",
        hh_regions=("axon",),
        Ra=RA,
        g_Na=AXON_FACTOR * MEMBRANE["g_Na"],
        g_K=AXON_FACTOR * MEMBRANE["g_K"],
    )


def velocity(d_um, myelinated):
    """Conduction velocity (m/s) of :func:`fibre`, measured between 1/4 and 3/4 of it."""
    cell = fibre(d_um, myelinated)
    if myelinated:
        v = bio.conduction_velocity(cell, amplitude=0.5 * d_um * nA)
    else:
        # the axon is 14 length constants long and the speed grows with sqrt(d) as the
        # length constant does, so the spike reaches 3/4 of every bare axon at the same
        # time, 11.2 ms; the run (23.6 ms: L at 0.4 sqrt(d) m/s, plus 3 ms) is twice that
        length_mm = float(cell.distance_um.max()) / 1000
        v = bio.conduction_velocity(
            cell,
            amplitude=0.5 * d_um**1.5 * nA,
            pulse=1 * ms,
            duration=(3 + length_mm / (0.4 * np.sqrt(d_um))) * ms,
        )
    return float(v / (mm / ms))


def velocities(diameters):
    """Bare and myelinated velocities (m/s) for axon ``diameters`` (µm), the laws fitted
    to them and the crossover (a dict; fibre diameters D = d / g for myelinated)."""
    d = np.asarray(diameters, dtype=float)
    bare = np.array([velocity(x, False) for x in d])
    myelin = np.array([velocity(x, True) for x in d])
    fibre_d = d / G_RATIO
    k_sqrt = float(np.exp(np.mean(np.log(bare) - 0.5 * np.log(d))))
    k_lin = float(np.exp(np.mean(np.log(myelin) - np.log(fibre_d))))
    return {
        "d": d,
        "D": fibre_d,
        "bare": bare,
        "myelinated": myelin,
        "slope_bare": float(np.polyfit(np.log(d), np.log(bare), 1)[0]),
        "slope_myelinated": float(np.polyfit(np.log(fibre_d), np.log(myelin), 1)[0]),
        "k_sqrt": k_sqrt,
        "k_linear": k_lin,
        "crossover": cable.crossover_diameter(k_sqrt, k_lin),
    }


def make_figure(quick=False):
    diameters = [0.2, 1, 4] if quick else [0.1, 0.2, 0.5, 1, 2, 4, 8, 16]
    r = velocities(diameters)
    fig, (ax, ax_lin) = plt.subplots(1, 2, figsize=(16, 7.5), width_ratios=[1.25, 1])
    fine = np.geomspace(0.03, 40, 200)
    myelin_style = {"color": "black", "mfc": COLORS["myelin"], "mec": "black", "mew": 1.5}
    bare_style = {"color": COLORS["axon"], "mec": "black", "mew": 1.0}
    for a in (ax, ax_lin):
        a.plot(fine, r["k_sqrt"] * np.sqrt(fine), color=COLORS["axon"], lw=2.5)
        a.plot(fine, r["k_linear"] * fine, color="black", lw=2.5)
        a.axvline(r["crossover"], color="0.4", lw=1.5, ls=":")
    ax.plot(r["d"], r["bare"], "o", ms=11, ls="none", **bare_style)
    ax.plot(r["D"], r["myelinated"], "s", ms=11, ls="none", **myelin_style)
    ax.plot(fine, float(cable.HURSH_SLOPE / (mm / ms / um)) * fine, color="0.55", lw=2, ls="--")
    log_axis(ax, "both")
    ax.set(
        xlim=(0.03, 40),
        ylim=(0.05, 300),
        xlabel="fibre diameter D (µm; bare: D = d)",
        ylabel="conduction velocity (m/s)",
        title="Two laws: v ∝ √d and v ∝ D",
    )
    ax.text(
        8,
        0.9,
        f"bare axons\nv = {r['k_sqrt']:.2f} m/s × √(d/µm)",
        color=COLORS["axon"],
        fontsize=15,
        ha="center",
        va="top",
        fontweight="bold",
    )
    ax.text(
        0.9,
        6.5,
        f"myelinated fibres\nv = {r['k_linear']:.1f} m/s × D/µm",
        fontsize=15,
        ha="center",
        va="bottom",
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 2},  # over Hursh's line
        zorder=4,
    )
    ax.text(3, 40, "Hursh 1939:\n6 m/s × D/µm", color="0.45", fontsize=14, ha="right")
    ax.text(
        r["crossover"] * 1.15,
        0.06,
        f"crossover\nD* = {r['crossover']:.2f} µm",
        fontsize=14,
        color="0.3",
        va="bottom",
    )

    lin = np.linspace(0, 0.6, 200)
    ax_lin.cla()
    ax_lin.plot(lin, r["k_sqrt"] * np.sqrt(lin), color=COLORS["axon"], lw=3)
    ax_lin.plot(lin, r["k_linear"] * lin, color="black", lw=3)
    ax_lin.axvline(r["crossover"], color="0.4", lw=1.5, ls=":")
    small = r["d"] <= 0.6
    ax_lin.plot(r["d"][small], r["bare"][small], "o", ms=11, ls="none", **bare_style)
    small_m = r["D"] <= 0.6
    ax_lin.plot(r["D"][small_m], r["myelinated"][small_m], "s", ms=11, ls="none", **myelin_style)
    ax_lin.set(
        xlim=(0, 0.6),
        ylim=(0, 1.1),
        xlabel="fibre diameter D (µm)",
        ylabel="conduction velocity (m/s)",
        title="Below D*, bare is faster",
    )
    ax_lin.text(
        r["crossover"] + 0.01,
        1.05,
        f"D* = {r['crossover']:.2f} µm",
        fontsize=14,
        color="0.3",
        va="top",
    )
    ax_lin.text(0.45, 0.33, "bare", color=COLORS["axon"], fontsize=15, fontweight="bold")
    ax_lin.text(0.36, 0.75, "myelinated", fontsize=15, fontweight="bold", ha="right")
    conventions(
        ax_lin,
        "37 °C, cortical channels, axoplasm 70 Ω·cm\ng-ratio 0.7, internodes 100 D, nodes 1 µm",
        loc="lower right",
    )
    label_panels([ax, ax_lin], x=-0.08, y=1.02)
    fig.suptitle(
        "Myelin makes conduction velocity grow with the diameter itself",
        fontsize=20,
        fontweight="bold",
    )
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    run_script(make_figure, __file__)
